// What a run measures: the library configurations (one worker each) and the rows of the table,
// with the workload each configuration gets in each round.
import type { Workload } from './protocol.js';
import type { Impl, Lib, RowResult } from './report.js';
import type { TimeOptions } from './stats.js';

/** Options of a run. */
export interface PlanOptions {
  quick: boolean;
  /** Threads of the "all threads" configurations (os.availableParallelism()). */
  threads: number;
  /** Row groups to run: matmul, mlp, cnn, infer, op (all when empty). */
  only: readonly string[];
}

/** A row to measure: which configurations run it, and with what workload in each round. */
export interface RowPlan extends Omit<RowResult, 'byImpl' | 'torchAlso'> {
  group: 'matmul' | 'mlp' | 'cnn' | 'infer' | 'op';
  impls: string[];
  rounds: number;
  /** The workload of configuration `impl` in round `round` (0 is the first, with the warm-up). */
  work: (impl: string, round: number) => Workload;
  /** Rows whose PyTorch samples also count for this row's best (row key and impl ids). */
  torchFrom?: { row: string; impls: string[] };
}

/** The configurations: Nabla and PyTorch on 1 and on all threads, and the JS libraries. */
export function implementations(threads: number): Impl[] {
  const t = `${threads}t`;
  const out: Impl[] = [{ id: 'nabla-1t', lib: 'nabla', tag: '1t' }];
  if (threads > 1) out.push({ id: `nabla-${t}`, lib: 'nabla', tag: t });
  out.push({ id: 'nabla-f64', lib: 'nabla', tag: '1t, float64 acc.' });
  out.push({ id: 'torch-1t', lib: 'torch', tag: '1t' });
  if (threads > 1) {
    out.push({ id: `torch-${t}`, lib: 'torch', tag: t });
    out.push({ id: `torch-${t}-blas1`, lib: 'torch', tag: `${t}, BLAS 1t` });
  }
  out.push(
    { id: 'tfjs-wasm', lib: 'tfjs-wasm', tag: '1t' },
    { id: 'tfjs-cpu', lib: 'tfjs-cpu', tag: '1t' },
    { id: 'jax', lib: 'jax', tag: '1t' },
  );
  return out;
}

/** The largest product TF.js cpu is asked for (about 0.8 GFLOPS: N = 1024 takes 3 s a product). */
export const TFJS_CPU_MAX_N = 512;

/** The rows of a run, in table order. */
export function planRows(o: PlanOptions): RowPlan[] {
  const { quick, threads } = o;
  const want = (g: string) => o.only.length === 0 || o.only.includes(g);
  const all = implementations(threads).map((i) => i.id);
  const has = (id: string) => all.includes(id);
  const nT = `${threads}t`;
  const rows: RowPlan[] = [];
  const timing = (t: TimeOptions): TimeOptions => t;
  const js: string[] = ['tfjs-wasm', 'tfjs-cpu', 'jax'];

  if (want('matmul')) {
    const sizes = quick ? [256, 1024] : [128, 256, 512, 1024, 2048];
    const rounds = quick ? 1 : 3;
    const t = (n: number, round: number) =>
      timing({
        warmup: round === 0 ? (n <= 512 ? 3 : 1) : 1,
        reps: 3,
        minTime: quick ? 0.1 : 0.2,
        maxTotal: 10,
      });
    for (const n of sizes) {
      const libs = n <= TFJS_CPU_MAX_N ? js : js.filter((l) => l !== 'tfjs-cpu');
      rows.push({
        key: `matmul-1t-${n}`,
        group: 'matmul',
        label: `matmul N=${n}, 1 thread`,
        display: 'time',
        flops: 2 * n ** 3,
        impls: ['nabla-1t', 'torch-1t', ...libs],
        rounds,
        work: (_impl, round) => ({ kind: 'matmul', n, timing: t(n, round) }),
        ...(n > TFJS_CPU_MAX_N
          ? { skipped: { 'tfjs-cpu': `N > ${TFJS_CPU_MAX_N}: seconds per product` } }
          : {}),
      });
    }
    if (threads > 1) {
      for (const n of sizes) {
        rows.push({
          key: `matmul-${nT}-${n}`,
          group: 'matmul',
          label: `matmul N=${n}, ${threads} threads`,
          display: 'time',
          flops: 2 * n ** 3,
          impls: [`nabla-${nT}`, `torch-${nT}`],
          rounds,
          work: (_impl, round) => ({ kind: 'matmul', n, timing: t(n, round) }),
          torchFrom: { row: `matmul-1t-${n}`, impls: ['torch-1t'] },
          skipped: { 'tfjs-wasm': 'one thread in Node', jax: 'one thread in Node' },
        });
      }
    }
    if (!quick && sizes.includes(1024) && has('nabla-f64')) {
      rows.push({
        key: 'matmul-f64-1024',
        group: 'matmul',
        label: 'matmul N=1024, 1 thread, Nabla default (float64 accumulator)',
        display: 'time',
        flops: 2 * 1024 ** 3,
        impls: ['nabla-f64'],
        rounds,
        work: (_impl, round) => ({ kind: 'matmul', n: 1024, timing: t(1024, round) }),
        torchFrom: { row: 'matmul-1t-1024', impls: ['torch-1t'] },
      });
    }
  }

  const multi = threads > 1 ? [`nabla-${nT}`] : [];
  const torchAll = threads > 1 ? ['torch-1t', `torch-${nT}`, `torch-${nT}-blas1`] : ['torch-1t'];

  if (want('mlp')) {
    rows.push({
      key: 'mlp',
      group: 'mlp',
      label: 'MLP training, s per epoch (60,000 samples)',
      display: 'time',
      impls: ['nabla-1t', ...multi, ...torchAll, ...js],
      rounds: quick ? 1 : 3,
      work: (impl, round) => {
        // TF.js cpu takes about 35 s an epoch: it trains a tenth of one, scaled to the epoch
        const slow = impl === 'tfjs-cpu';
        const steps = slow ? (quick ? 10 : 60) : quick ? 60 : 600;
        const warmupSteps = round > 0 ? 0 : slow ? 5 : quick ? 20 : 100;
        return { kind: 'mlp_train', steps, warmupSteps, samples: 1 };
      },
    });
  }

  if (want('cnn')) {
    rows.push({
      key: 'cnn',
      group: 'cnn',
      label: 'CNN training, images/s (batch 100)',
      display: 'rate',
      perUnit: 100,
      rateUnit: 'img/s',
      impls: ['nabla-1t', ...multi, ...torchAll, 'tfjs-wasm', 'jax'],
      rounds: quick ? 1 : 3,
      // PyTorch takes ~0.1 s a step: samples of many steps, each round warmed up again. The others
      // take seconds a step: one warm-up step (jax-js compiles in it), then one step a sample.
      work: (impl, round) => {
        const torch = impl.startsWith('torch');
        const warmup = round === 0 ? (torch ? 3 : 1) : torch ? 1 : 0;
        return {
          kind: 'cnn_train',
          timing: { warmup, reps: 1, minTime: quick ? 0.5 : 2, minReps: 1 },
        };
      },
      skipped: { 'tfjs-cpu': 'about 0.6 images/s: one step takes minutes' },
    });
  }

  if (want('infer')) {
    for (const batch of [1, 1000]) {
      rows.push({
        key: `infer-${batch}`,
        group: 'infer',
        label: `MLP inference, batch ${batch}`,
        display: 'time',
        impls: ['nabla-1t', ...(batch > 1 ? multi : []), ...torchAll.slice(0, 2), ...js],
        rounds: quick ? 1 : 3,
        work: (_impl, round) => ({
          kind: 'mlp_infer',
          batch,
          timing: {
            warmup: round === 0 ? 20 : 3,
            reps: 3,
            minTime: quick ? 0.1 : 0.2,
            maxTotal: 10,
          },
        }),
      });
    }
  }

  if (want('op')) {
    rows.push({
      key: 'op',
      group: 'op',
      label: 'per-op overhead: 1-element add, autograd on',
      display: 'time',
      impls: ['nabla-1t', 'torch-1t', ...js],
      rounds: quick ? 1 : 3,
      work: (_impl, round) => ({
        kind: 'op_add',
        timing: { warmup: round === 0 ? 1000 : 100, reps: 3, minTime: quick ? 0.1 : 0.2 },
      }),
    });
  }
  return rows;
}

/** The libraries named in `ids`. */
export function libsOf(ids: readonly string[], impls: readonly Impl[]): Set<Lib> {
  return new Set(impls.filter((i) => ids.includes(i.id)).map((i) => i.lib));
}
