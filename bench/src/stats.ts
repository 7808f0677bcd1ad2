// Timing and statistics helpers, the same method as the anchor scripts (shared/anchors/bench_util.js):
// warm up, then several samples, each averaging enough calls to last at least `minTime`; report
// the median.

/** Seconds since an arbitrary origin, at nanosecond resolution. */
export const now = (): number => Number(process.hrtime.bigint()) / 1e9;

/** min / median / max / count of a list of samples. */
export interface Summary {
  min: number;
  median: number;
  max: number;
  n: number;
}

/** The median of `xs` (the mean of the two middle values for an even count); NaN when empty. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** min, median, max and count of `xs`; NaNs for an empty list. */
export function summarize(xs: readonly number[]): Summary {
  if (xs.length === 0) return { min: Number.NaN, median: Number.NaN, max: Number.NaN, n: 0 };
  return { min: Math.min(...xs), median: median(xs), max: Math.max(...xs), n: xs.length };
}

/** Options of {@link timeCalls}. */
export interface TimeOptions {
  /** Calls before timing; the last one also sizes the samples. 0: no warm-up, one call a sample. */
  warmup: number;
  /** Samples to take. */
  reps: number;
  /** Each sample repeats the call until it lasts at least this many seconds. */
  minTime: number;
  /** Fewer samples (never under `minReps`) when `reps` of them would take longer than this. */
  maxTotal?: number;
  /** The fewest samples `maxTotal` may leave (default min(reps, 3)). */
  minReps?: number;
  /** The clock, in seconds (default {@link now}; tests give a fake one). */
  clock?: () => number;
}

/**
 * Seconds per call of `fn`, one number per sample: `warmup` calls, then `reps` samples, each the
 * mean over `iters` back-to-back calls, where `iters` makes a sample last about `minTime` (sized
 * from the last warm-up call).
 */
export function timeCalls(fn: () => unknown, options: TimeOptions): number[] {
  const { warmup, minTime, maxTotal = Number.POSITIVE_INFINITY, clock = now } = options;
  for (let i = 0; i < warmup - 1; i++) fn();
  let t0 = clock();
  let one = Number.POSITIVE_INFINITY;
  if (warmup > 0) {
    fn();
    one = Math.max(clock() - t0, 1e-9);
  }
  const iters = callsPerSample(one, minTime);
  const minReps = Math.min(options.reps, options.minReps ?? 3);
  const fit = Number.isFinite(one) ? Math.floor(maxTotal / (one * iters)) : options.reps;
  const reps = Math.max(minReps, Math.min(options.reps, fit));
  const out: number[] = [];
  for (let r = 0; r < reps; r++) {
    t0 = clock();
    for (let i = 0; i < iters; i++) fn();
    out.push((clock() - t0) / iters);
  }
  return out;
}

/** How many calls of `oneCall` seconds make a sample of at least `minTime` seconds (>= 1). */
export function callsPerSample(oneCall: number, minTime: number): number {
  if (!(oneCall > 0) || !Number.isFinite(oneCall)) return 1;
  return Math.max(1, Math.floor(minTime / oneCall));
}

/** `2 n^3` floating-point operations of an n x n by n x n product, per second, in GFLOPS. */
export function matmulGflops(n: number, seconds: number): number {
  return (2 * n ** 3) / seconds / 1e9;
}
