// The runner and its workers talk in JSON lines: one worker process per library configuration
// (Nabla on 1 thread, PyTorch on 2 threads, TensorFlow.js wasm, ...), started once and kept, so
// that the runner can interleave the libraries sample by sample without paying their start-up
// each time. A worker prints protocol lines with the PREFIX below on stdout (anything else a
// library prints there is passed on to the log), reads one command per line on stdin, and
// answers each with one line. python/torch_worker.py speaks the same protocol.
import { createInterface } from 'node:readline';
import type { TimeOptions } from './stats.js';

/** Marks protocol lines on a worker's stdout. */
export const PREFIX = '@@bench ';

/** What a worker is asked to measure. Every answer is seconds per unit, one number per sample. */
export type Workload =
  /** One n x n float32 product; unit: one product. */
  | { kind: 'matmul'; n: number; timing: TimeOptions }
  /**
   * The MLP training loop over 600 pre-sliced batches of 100 synthetic samples; each sample runs
   * `steps` consecutive steps (600 = one epoch), after `warmupSteps` steps on the first call;
   * unit: one epoch of 60,000 samples (the time of `steps` steps times 600 / steps).
   */
  | { kind: 'mlp_train'; steps: number; warmupSteps: number; samples: number }
  /** One training step of the chapter 9 CNN on a batch of 100 images; unit: one step. */
  | { kind: 'cnn_train'; timing: TimeOptions }
  /** One forward pass of the MLP (no gradient) on `batch` samples, result read; unit: one pass. */
  | { kind: 'mlp_infer'; batch: number; timing: TimeOptions }
  /** One 1-element add of two tensors that require grad; unit: one add. */
  | { kind: 'op_add'; timing: TimeOptions };

/** A command from the runner. */
export type Request = { id: number; workload: Workload } | { id: number; quit: true };

/** A worker's answer to a Request. */
export interface Reply {
  id: number;
  /** Seconds per unit, one per sample. */
  samples?: number[];
  /** Set when the workload failed or is not supported by this library. */
  error?: string;
  /** How the library ran it, where it differs from the others (shown in the notes). */
  note?: string;
}

/** A worker's first line: it is ready, and what it runs. */
export interface Hello {
  ready: true;
  /** Library versions and settings, for RESULTS.md. */
  info: Record<string, unknown>;
}

/** What a worker does for one workload; returns samples (and an optional note). */
export type Handler = (w: Workload) => { samples: number[]; note?: string };

/** Writes one protocol line. */
export function send(message: Reply | Hello): void {
  process.stdout.write(PREFIX + JSON.stringify(message) + '\n');
}

/** Parses a worker's stdout line: the message, or null for a line that is not protocol. */
export function parseLine(line: string): Record<string, unknown> | null {
  if (!line.startsWith(PREFIX)) return null;
  try {
    const v: unknown = JSON.parse(line.slice(PREFIX.length));
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * Runs a worker: says hello with `info`, then answers commands from stdin with `handle` until
 * it is told to quit or stdin closes. Errors become `{ error }` answers; the worker goes on.
 */
export function serve(info: Record<string, unknown>, handle: Handler): void {
  send({ ready: true, info });
  const rl = createInterface({ input: process.stdin });
  rl.on('line', (line) => {
    if (line.trim() === '') return;
    const req = JSON.parse(line) as Request;
    if ('quit' in req) {
      rl.close();
      process.exit(0);
    }
    try {
      const { samples, note } = handle(req.workload);
      send({ id: req.id, samples, ...(note === undefined ? {} : { note }) });
    } catch (err) {
      send({ id: req.id, error: err instanceof Error ? err.message : String(err) });
    }
  });
  rl.on('close', () => process.exit(0));
}

/** Reads `--name=value` from argv, or `def`. */
export function argValue(argv: readonly string[], name: string, def: string): string {
  const a = argv.find((x) => x.startsWith(`--${name}=`));
  return a === undefined ? def : a.slice(name.length + 3);
}

/** The epoch size of the MLP workload: 600 batches of 100. */
export const MLP_SAMPLES = 60_000;
/** The batch size of the MLP and CNN training workloads. */
export const BATCH = 100;
/** Steps per MLP epoch. */
export const MLP_STEPS = MLP_SAMPLES / BATCH;

/** Synthetic data without a library: a seeded generator (mulberry32) and normals (Box-Muller). */
export function seededNormals(count: number, seed: number): Float32Array {
  let s = seed >>> 0;
  const uniform = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = new Float32Array(count);
  for (let i = 0; i < count; i += 2) {
    const u1 = uniform() || 1e-12;
    const r = Math.sqrt(-2 * Math.log(u1));
    const th = 2 * Math.PI * uniform();
    out[i] = r * Math.cos(th);
    if (i + 1 < count) out[i + 1] = r * Math.sin(th);
  }
  return out;
}

/** `count` seeded class labels in [0, classes). */
export function seededLabels(count: number, classes: number, seed: number): Int32Array {
  const u = seededNormals(count, seed);
  // The normal CDF is not needed: any deterministic spread over the classes does.
  return Int32Array.from(u, (v) => Math.abs(Math.floor(v * 1e4)) % classes);
}
