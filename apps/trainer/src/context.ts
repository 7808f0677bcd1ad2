import { join } from 'node:path';
import type { nn, Tensor } from 'nabla';
import {
  type Checkpoint,
  type CheckpointOptimizer,
  restoreCheckpoint,
  saveCheckpoint,
  snapshot,
} from './checkpoint.js';
import type { FitOptions, Progress } from './course/fit.js';
import type { History } from './course/history.js';
import { drawGraph } from './graph.js';
import type { Program } from './program.js';
import type { Report } from './report/html-report.js';

/** The settings of one run: the program's course defaults with the flags applied. */
export interface Settings {
  epochs: number;
  lr: number;
  batchSize: number;
  device: string;
  seed: number;
  out: string;
  save?: string;
  resume?: Checkpoint & { path: string };
  graph: boolean;
  steps?: number;
  dataDir?: string;
}

/**
 * What a program runs with: its settings, where its output goes (the console and the report),
 * and the plumbing of training with `fit`: resuming from a checkpoint, saving one after each
 * epoch, progress bars and Ctrl-C.
 */
export class RunContext {
  /** Set by Ctrl-C: `fit` stops after the current batch. */
  stopRequested = false;
  /** The state after the last finished epoch (what Ctrl-C saves). */
  lastCheckpoint: Checkpoint | null = null;

  constructor(
    readonly program: Program,
    readonly settings: Settings,
    readonly report: Report,
    private readonly out: (line: string) => void,
    readonly progress: Progress,
  ) {}

  /** Prints a line (or several) to the console and the report. */
  print(text = ''): void {
    for (const line of text.split('\n')) {
      this.out(line);
      this.report.log(line);
    }
  }

  /** Adds an SVG figure to the report (written as `file` in the report folder). */
  figure(file: string, title: string, svg: string): void {
    this.report.figure(file, title, svg);
  }

  /** With --graph: draws the graph behind `root` into the report (torchviz's make_dot). */
  async graph(file: string, title: string, root: Tensor, params: Record<string, Tensor>) {
    if (!this.settings.graph) return;
    this.figure(file, title, await drawGraph(root, params));
    this.print(`(graph of ${title} drawn: ${join(this.settings.out, file)})`);
  }

  /**
   * With --resume: loads the checkpoint into `net`, `optimizer` and the random generator and
   * returns its history; without it, `[]` (the course's `np.zeros((0, 5))`). Call it right before
   * `fit`, after anything else that draws random numbers, so that the resumed run continues the
   * uninterrupted one exactly.
   */
  resume(net: nn.Module, optimizer: CheckpointOptimizer): History {
    const ckpt = this.settings.resume;
    if (ckpt === undefined) return [];
    const history = restoreCheckpoint(ckpt, ckpt.path, this.program.name, net, optimizer);
    this.lastCheckpoint = ckpt;
    this.print(`resumed from ${ckpt.path}: ${history.length} epochs done`);
    return history;
  }

  /** The trainer's options for `fit`: epoch lines, progress bars, --steps, checkpoints, Ctrl-C. */
  fitOptions(net: nn.Module, optimizer: CheckpointOptimizer): FitOptions {
    const { steps, save } = this.settings;
    return {
      print: (line) => this.print(line),
      progress: this.progress,
      ...(steps === undefined ? {} : { maxSteps: steps }),
      shouldStop: () => this.stopRequested,
      onEpoch: async (history) => {
        this.report.history = history;
        this.lastCheckpoint = snapshot(this.program.name, net, optimizer, history);
        if (save !== undefined) await saveCheckpoint(save, this.lastCheckpoint);
      },
    };
  }
}
