// What the JavaScript workers share: the MLP epoch loop and small caches.
import { MLP_STEPS, type Workload } from '../protocol.js';
import { now } from '../stats.js';

type MlpWorkload = Extract<Workload, { kind: 'mlp_train' }>;

/**
 * The MLP epoch timing around a library's own training step: `step(i)` trains on batch i (of
 * MLP_STEPS pre-sliced batches), `sync()` waits for the last step's result (reads the loss).
 * Batches are taken in order, continuing where the previous call stopped; a sample of 600 steps
 * is one full epoch. `syncEachStep` reads the loss after every step instead of once at the end
 * (for a lazy library, where work left pending piles up).
 */
export function mlpEpochs(step: (batch: number) => void, sync: () => void, syncEachStep = false) {
  let cursor = 0;
  const run = (k: number): void => {
    for (let i = 0; i < k; i++) {
      step(cursor);
      cursor = (cursor + 1) % MLP_STEPS;
      if (syncEachStep) sync();
    }
    if (!syncEachStep) sync();
  };
  return (w: MlpWorkload): number[] => {
    if (w.warmupSteps > 0) run(w.warmupSteps);
    const out: number[] = [];
    for (let s = 0; s < w.samples; s++) {
      const t0 = now();
      run(w.steps);
      out.push(((now() - t0) * MLP_STEPS) / w.steps);
    }
    return out;
  };
}

/**
 * A one-entry cache: `get(key, make)` keeps the value for the last key only; the previous value
 * goes to `dispose` (for libraries whose memory is not garbage-collected) before the next is made.
 */
export function lastOnly<K, V>(dispose: (v: V) => void = () => {}) {
  let key: K | undefined;
  let value: V | undefined;
  return (k: K, make: () => V): V => {
    if (value === undefined || key !== k) {
      if (value !== undefined) dispose(value);
      value = undefined;
      value = make();
      key = k;
    }
    return value;
  };
}

/** Runs `make` once, on first use. */
export function lazy<V>(make: () => V): () => V {
  let value: V | undefined;
  return () => {
    if (value === undefined) value = make();
    return value;
  };
}
