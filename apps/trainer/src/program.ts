import type { RunContext } from './context.js';

/** The course's hyperparameters of a program, which `--epochs`, `--lr`, `--batch-size` override. */
export interface Defaults {
  epochs: number;
  lr: number;
  batchSize: number;
}

/** One of the course's programs, runnable as `pnpm start -- <name>`. */
export interface Program {
  name: string;
  /** 'ch02' .. 'ch10'. */
  chapter: string;
  summary: string;
  /** The course's values; a flag whose key is absent here does not apply to the program. */
  defaults: Partial<Defaults>;
  /** Trains with `fit` (chapters 8-10): takes --steps, --save and --resume, and Ctrl-C saves. */
  fits?: boolean;
  /** Reads image data (chapters 9-10): takes --data-dir. */
  images?: boolean;
  /** Draws a computation graph with --graph. */
  graph?: boolean;
  run(ctx: RunContext): Promise<void>;
}
