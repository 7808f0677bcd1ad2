import type { Worker } from 'node:worker_threads';
import type { WasmMemory } from './webassembly.js';

/** Int32 slots per worker in the control block: sequence, done, ready, the job, its arguments. */
const SLOT = 16;
/** The exports a worker runs: a job is `[JOB.x, ...that export's arguments]`. */
export const JOB = { gemmRows: 0, packB: 1 } as const;
const [SEQ, DONE, READY, ARGS] = [0, 1, 2, 3];
/** How long to wait for workers to start, and for a worker to finish its share of a product. */
const START_MS = 10_000;
/** Loads of the control word a thread makes before it sleeps (about 50 microseconds). */
const SPIN = 1 << 14;
const RUN_MS = 60_000;

// Each worker instantiates the module on the shared memory, says it is ready, then sleeps in
// Atomics.wait until the main thread bumps its sequence number, runs gemmRows with the
// arguments of its slot, and publishes the sequence number as done (its negation on an error).
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { module, memory, control, slot } = workerData;
const ctl = new Int32Array(control);
const base = slot * ${SLOT};
let gemmRows = null;
let packB = null;
try {
  ({ gemmRows, packB } = new WebAssembly.Instance(module, { env: { memory } }).exports);
} catch {}
Atomics.store(ctl, base + ${READY}, gemmRows === null ? -1 : 1);
Atomics.notify(ctl, base + ${READY});
let seq = 0;
while (gemmRows !== null) {
  // spin a little before sleeping: a training step sends products back to back, and waking a
  // sleeping thread costs tens of microseconds
  for (let spin = 0; spin < ${SPIN} && Atomics.load(ctl, base + ${SEQ}) === seq; spin++);
  Atomics.wait(ctl, base + ${SEQ}, seq);
  seq = Atomics.load(ctl, base + ${SEQ});
  let done = seq;
  try {
    const a = ctl.subarray(base + ${ARGS}, base + ${ARGS + 10});
    // a[0]: which export (JOB), then its arguments
    if (a[0] === ${JOB.packB}) packB(a[1], a[2], a[3], a[4], a[5], a[6]);
    else gemmRows(a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9]);
  } catch {
    done = -seq;
  }
  Atomics.store(ctl, base + ${DONE}, done);
  Atomics.notify(ctl, base + ${DONE});
}
`;

type WorkerThreads = typeof import('node:worker_threads');

/** Node's worker_threads, reached without a static import (so browsers bundle this file). */
function workerThreads(): WorkerThreads | null {
  const proc = (globalThis as { process?: NodeJS.Process }).process;
  const get = proc?.getBuiltinModule as ((id: string) => unknown) | undefined;
  return typeof get === 'function' ? ((get('node:worker_threads') as WorkerThreads) ?? null) : null;
}

/** Whether this runtime can run {@link GemmWorkers}: Node 20.16+ with shared memory. */
export function canStartWorkers(): boolean {
  return workerThreads() !== null && typeof SharedArrayBuffer === 'function';
}

/**
 * Worker threads that run `gemmRows` of one compiled module on one shared memory, driven
 * synchronously: the main thread writes each worker's arguments into a shared control block,
 * wakes it with `Atomics.notify`, runs its own share, then blocks in `Atomics.wait` until every
 * worker is done. Node only (browsers do not let the main thread wait, and need cross-origin
 * isolation for shared memory); the workers are unref'd, so they never keep a process alive.
 */
export class GemmWorkers {
  private readonly control: Int32Array;
  private readonly workers: Worker[];

  /** Starts `count` workers and waits until they are ready; null where that is not possible. */
  static start(module: object, memory: WasmMemory, count: number): GemmWorkers | null {
    const wt = workerThreads();
    if (wt === null || count < 1) return null;
    const control = new SharedArrayBuffer(count * SLOT * 4);
    const workers: Worker[] = [];
    try {
      for (let slot = 0; slot < count; slot++) {
        const w = new wt.Worker(WORKER_SOURCE, {
          eval: true,
          workerData: { module, memory, control, slot },
        });
        w.unref();
        workers.push(w);
      }
    } catch {
      for (const worker of workers) void worker.terminate();
      return null;
    }
    const pool = new GemmWorkers(new Int32Array(control), workers);
    for (let w = 0; w < count; w++) {
      if (!pool.waitFor(w * SLOT + READY, 1, START_MS)) {
        for (const worker of workers) void worker.terminate();
        return null;
      }
    }
    return pool;
  }

  private constructor(control: Int32Array, workers: Worker[]) {
    this.control = control;
    this.workers = workers;
  }

  /** How many workers there are (the main thread is one more). */
  get size(): number {
    return this.workers.length;
  }

  /**
   * Runs job `args[w + 1]` (`[JOB.x, ...arguments]`) on worker `w` and `runHere(args[0])` on
   * this thread, and returns when all are done. Throws if a worker failed or did not answer.
   */
  run(args: readonly (readonly number[])[], runHere: (a: readonly number[]) => void): void {
    const ctl = this.control;
    const started: number[] = [];
    for (let w = 0; w + 1 < args.length; w++) {
      const base = w * SLOT;
      ctl.set(args[w + 1] as readonly number[], base + ARGS);
      started.push(Atomics.add(ctl, base + SEQ, 1) + 1);
      Atomics.notify(ctl, base + SEQ);
    }
    runHere(args[0] as readonly number[]);
    started.forEach((seq, w) => {
      if (!this.waitFor(w * SLOT + DONE, seq, RUN_MS)) {
        throw new Error(
          `matmul: worker ${w} did not finish (${Atomics.load(ctl, w * SLOT + DONE)})`,
        );
      }
    });
  }

  /** Blocks until `control[at]` is `value` (true), is negative or `ms` pass (false). */
  private waitFor(at: number, value: number, ms: number): boolean {
    // spin first (the other threads' shares end about when ours does), then sleep
    for (let spin = 0; spin < SPIN; spin++) {
      if (Atomics.load(this.control, at) === value) return true;
    }
    const deadline = Date.now() + ms;
    for (;;) {
      const now = Atomics.load(this.control, at);
      if (now === value) return true;
      if (now < 0 || Date.now() > deadline) return false;
      Atomics.wait(this.control, at, now, 100);
    }
  }
}
