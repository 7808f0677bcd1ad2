// The GPU benchmark's workloads, written once with nabla's public API and run on any device:
// in Node on the CPU backend and on gpu.js's webasm and cpu modes, and in a Chromium page on
// webgl2 (page.ts). Browser-safe: no Node modules, `performance.now()` for time.
import { nn, optim, type Tensor, torch } from 'nabla';
import { matmulGflops, median } from '../stats.js';

/** One measured workload: seconds per call (median), or why it was not run. */
export interface GpuResult {
  /** The row's key: 'matmul 128', ..., 'conv2d', 'mlp'. */
  readonly row: string;
  readonly seconds: number | null;
  /** GFLOPS for the products. */
  readonly gflops?: number;
  /** Samples the median is over. */
  readonly samples: number;
  /** Why the row was skipped, or what is unusual about it (a single run). */
  readonly note?: string;
}

/** Options of {@link runGpuWorkloads}. */
export interface GpuRunOptions {
  /** The matrix sizes to multiply. */
  readonly sizes: readonly number[];
  /** Samples per row (fewer when they would take longer than `budget`). */
  readonly reps: number;
  /** Seconds a row may take after its warm-up. */
  readonly budget: number;
  /** A call predicted to take longer than this many seconds is skipped, with a note. */
  readonly maxCall: number;
  /** Called after each row (progress). */
  readonly onResult?: (r: GpuResult) => void;
}

const seconds = (): number => performance.now() / 1000;

/**
 * Times `sample(iters)` (the seconds per call over `iters` back-to-back calls): one warm-up call
 * (compiling kernels), one call to size the samples, then up to `reps` samples of at least 0.2 s
 * each, the median. A call slower than `maxCall` is reported from that one run.
 */
function measure(row: string, sample: (iters: number) => number, o: GpuRunOptions): GpuResult {
  sample(1); // warm-up: kernels compile on their first call
  const one = sample(1);
  if (one > o.maxCall) return { row, seconds: one, samples: 1, note: 'one run (slow)' };
  const iters = Math.max(1, Math.floor(0.2 / one));
  const reps = Math.max(1, Math.min(o.reps, Math.floor(o.budget / (one * iters))));
  const xs = Array.from({ length: reps }, () => sample(iters));
  return { row, seconds: median(xs), samples: reps };
}

/** N x N products on `device`, each result kept there; one read at the end of a sample. */
function matmulSample(
  device: string,
  n: number,
): { sample: (iters: number) => number; free: () => void } {
  const a = torch.randn([n, n], { device });
  const b = torch.randn([n, n], { device });
  const sample = (iters: number): number => {
    const t0 = seconds();
    let c: Tensor | undefined;
    for (let i = 0; i < iters; i++) {
      c?.dispose();
      c = a.matmul(b);
    }
    c?.dataSync(); // waits for the device
    const t = (seconds() - t0) / iters;
    c?.dispose();
    return t;
  };
  const free = () => {
    a.dispose();
    b.dispose();
  };
  return { sample, free };
}

/** Chapter 9's Conv2d(32, 32, 3) on x [100, 32, 30, 30]: forward, then backward to x and weights. */
function conv2dSample(device: string): { sample: (iters: number) => number; free: () => void } {
  const conv = new nn.Conv2d(32, 32, 3).to(device);
  const x = torch.randn([100, 32, 30, 30], { device }).requiresGrad_();
  const sample = (iters: number): number => {
    const t0 = seconds();
    for (let i = 0; i < iters; i++) {
      torch.tidy(() => {
        conv.zeroGrad();
        x.grad?.dispose();
        x.grad = null;
        conv.forward(x).sum().backward(); // y: [100, 32, 28, 28]
        conv.weight.grad?.dataSync();
      });
    }
    return (seconds() - t0) / iters;
  };
  const free = () => {
    for (const p of [...conv.parameters(), x]) {
      p.grad?.dispose();
      p.dispose();
    }
  };
  return { sample, free };
}

/** One training step of the MLP 784-128-10 (SGD lr 0.01) on a batch of 100; the loss is read. */
function mlpSample(device: string): { sample: (iters: number) => number; free: () => void } {
  const model = new nn.Sequential(new nn.Linear(784, 128), new nn.ReLU(), new nn.Linear(128, 10));
  model.to(device);
  const criterion = new nn.CrossEntropyLoss();
  const optimizer = new optim.SGD(model.parameters(), { lr: 0.01 });
  const x = torch.randn([100, 784], { device });
  const y = torch.randint(10, [100], { device });
  const sample = (iters: number): number => {
    const t0 = seconds();
    for (let i = 0; i < iters; i++) {
      torch.tidy(() => {
        optimizer.zeroGrad();
        const loss = criterion(model.forward(x), y);
        loss.backward();
        optimizer.step();
        return loss.item();
      });
    }
    return (seconds() - t0) / iters;
  };
  const free = () => {
    for (const p of [...model.parameters(), x, y]) {
      p.grad?.dispose();
      p.dispose();
    }
  };
  return { sample, free };
}

/**
 * Every workload on `device`: the products (GFLOPS = 2 N^3 / time), a size skipped when the one
 * before it predicts (x8) a call over `maxCall` seconds; the conv2d layer; the MLP step.
 */
export function runGpuWorkloads(device: string, o: GpuRunOptions): GpuResult[] {
  torch.manualSeed(0);
  const out: GpuResult[] = [];
  const push = (r: GpuResult) => {
    out.push(r);
    o.onResult?.(r);
  };
  let last: { n: number; seconds: number } | undefined;
  for (const n of o.sizes) {
    const row = `matmul ${n}`;
    const predicted = last ? last.seconds * (n / last.n) ** 3 : 0;
    if (predicted > o.maxCall) {
      push({
        row,
        seconds: null,
        samples: 0,
        note: `skipped: about ${predicted.toFixed(0)} s a product`,
      });
      continue;
    }
    const { sample, free } = matmulSample(device, n);
    const r = measure(row, sample, o);
    free();
    if (r.seconds !== null) last = { n, seconds: r.seconds };
    push(r.seconds === null ? r : { ...r, gflops: matmulGflops(n, r.seconds) });
  }
  for (const [row, make] of [
    ['conv2d', conv2dSample],
    ['mlp', mlpSample],
  ] as const) {
    const { sample, free } = make(device);
    push(measure(row, sample, o));
    free();
  }
  return out;
}
