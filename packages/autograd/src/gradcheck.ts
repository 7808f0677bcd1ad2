/**
 * What {@link gradcheck} needs of a tensor. `@nabla/tensor`'s `Tensor` has all of it; the check
 * is written against this shape so that autograd does not depend on the tensor package.
 */
export interface GradcheckTensor<T> {
  readonly shape: readonly number[];
  readonly dtype: string;
  readonly requiresGrad: boolean;
  /** The accumulated gradient; gradcheck clears it (assigns null) before each backward. */
  grad: T | null;
  numel(): number;
  /** The values, row-major. */
  dataSync(): ArrayLike<number>;
  detach(): T;
  clone(): T;
  /** `t[indices] = value` in place: gradcheck writes one element (`[i, j]`) or all (`['...']`). */
  indexPut_(indices: readonly (number | string)[], value: number): unknown;
  backward(gradient?: T, options?: { retainGraph?: boolean }): void;
}

/** Options of {@link gradcheck}, as `torch.autograd.gradcheck`'s. */
export interface GradcheckOptions {
  /** The finite-difference step (default 1e-3). */
  eps?: number;
  /** Absolute tolerance (default 1e-2). */
  atol?: number;
  /** Relative tolerance, times |numeric| (default 1e-2). */
  rtol?: number;
  /** Throw on the first mismatch (default true); otherwise return it in the report. */
  raiseException?: boolean;
}

/** One Jacobian entry where the analytic and the numeric derivative disagree. */
export interface GradcheckMismatch {
  /** Which input (position in `inputs`) and which of its elements (row-major, and as an index). */
  input: number;
  element: number;
  index: number[];
  /** Which output (position in the returned list; 0 for a single tensor) and which element. */
  output: number;
  outputElement: number;
  analytic: number;
  numeric: number;
}

/** What {@link gradcheck} found. */
export interface GradcheckReport {
  ok: boolean;
  /** The number of Jacobian entries compared. */
  checked: number;
  /** The largest |analytic - numeric| over all entries. */
  maxAbsError: number;
  mismatches: GradcheckMismatch[];
}

/** The index of the `flat`-th element of `shape`, row-major. */
function unravel(flat: number, shape: readonly number[]): number[] {
  const index = new Array<number>(shape.length).fill(0);
  let q = flat;
  for (let d = shape.length - 1; d >= 0; d--) {
    const size = shape[d] as number;
    index[d] = q % size;
    q = Math.floor(q / size);
  }
  return index;
}

const asList = <T>(out: T | readonly T[]): readonly T[] =>
  Array.isArray(out) ? (out as readonly T[]) : [out as T];

/**
 * Checks the gradients of `fn` at `inputs` against central finite differences, as
 * `torch.autograd.gradcheck`: every entry of the Jacobian d(output)/d(input), for each float
 * output and each input that requires grad, must satisfy
 * `|analytic - numeric| <= atol + rtol * |numeric|`. The analytic row of output element j is
 * one `backward()` seeded with the j-th unit vector; the numeric column of input element i is
 * `(f(x + eps e_i) - f(x - eps e_i)) / step`, evaluated on detached copies of the inputs.
 *
 * Why these defaults: PyTorch checks in float64 (eps 1e-6, atol 1e-5, rtol 1e-3); Nabla
 * computes in float32, where each output carries a rounding error of a few ulps, about
 * `6e-8 * |f|` each. Divided by the step, that becomes `~6e-5 * |f|` per ulp at eps = 1e-3
 * (the truncation error, `eps^2 / 6 * |f'''|`, is far below it), so for outputs of size up to
 * ~10 computed with a few roundings the numeric derivative is good to a few 1e-3: hence atol and
 * rtol 1e-2. Wrong gradients (a missing factor, sign or broadcast sum) are off by far more.
 * The step actually taken is `fround(x + eps) - fround(x - eps)`, since the perturbed value is
 * stored in float32. Choose inputs away from kinks (relu or abs at 0, ties of max), where the
 * derivative is not defined and finite differences straddle both sides.
 *
 * Inputs are leaf tensors; those that do not require grad are held constant. The inputs'
 * `.grad` are cleared (null) when the check returns.
 *
 * @example
 * const x = torch.randn(3, 4, { requiresGrad: true });
 * gradcheck((a) => a.tanh().sum(1), [x]); // { ok: true, checked: 36, ... }
 *
 * @throws Error naming the input, element, output and both values, at the first mismatch
 * (unless `raiseException` is false).
 */
export function gradcheck<T extends GradcheckTensor<T>>(
  fn: (...inputs: T[]) => T | readonly T[],
  inputs: readonly T[],
  options: GradcheckOptions = {},
): GradcheckReport {
  const { eps = 1e-3, atol = 1e-2, rtol = 1e-2, raiseException = true } = options;
  const wrt = inputs.flatMap((x, i) => (x.requiresGrad ? [i] : []));
  if (wrt.length === 0) {
    throw new Error('gradcheck: expects at least one input tensor to require gradient');
  }
  const outputs = asList(fn(...inputs));
  const analytic = analyticJacobian(outputs, inputs, wrt);
  const report: GradcheckReport = { ok: true, checked: 0, maxAbsError: 0, mismatches: [] };
  for (const k of wrt) {
    const x = inputs[k] as T;
    const values = x.dataSync();
    for (let i = 0; i < x.numel(); i++) {
      const numeric = numericColumn(fn, inputs, k, i, Number(values[i]), eps);
      outputs.forEach((o, oi) => {
        if (o.dtype !== 'float32') return;
        const rows = analytic[oi] as Float64Array[][];
        const col = numeric[oi] as Float64Array;
        for (let j = 0; j < col.length; j++) {
          const a = (rows[j] as Float64Array[])[k]?.[i] ?? 0;
          const n = col[j] as number;
          const err = Math.abs(a - n);
          report.checked++;
          if (err > report.maxAbsError) report.maxAbsError = err;
          if (err <= atol + rtol * Math.abs(n) || (Number.isNaN(a) && Number.isNaN(n))) continue;
          const m = { input: k, element: i, index: unravel(i, x.shape), output: oi };
          report.mismatches.push({ ...m, outputElement: j, analytic: a, numeric: n });
          report.ok = false;
          if (raiseException) throw new Error(mismatchMessage(report.mismatches[0], atol, rtol));
        }
      });
    }
  }
  return report;
}

/** `analytic[output][outputElement][input]`: the gradient row of each output element. */
function analyticJacobian<T extends GradcheckTensor<T>>(
  outputs: readonly T[],
  inputs: readonly T[],
  wrt: readonly number[],
): Float64Array[][][] {
  return outputs.map((o) => {
    if (o.dtype !== 'float32') return [];
    const rows: Float64Array[][] = [];
    for (let j = 0; j < o.numel(); j++) {
      for (const k of wrt) (inputs[k] as T).grad = null;
      if (o.requiresGrad) {
        const seed = o.detach().clone();
        seed.indexPut_(['...'], 0);
        seed.indexPut_(unravel(j, o.shape), 1);
        o.backward(seed, { retainGraph: true });
      }
      rows.push(
        inputs.map((x) => {
          const g = wrt.includes(inputs.indexOf(x)) ? x.grad : null;
          if (g !== null && g.numel() !== x.numel()) {
            throw new Error(
              `gradcheck: the gradient of an input has ${g.numel()} elements, the input ${x.numel()}`,
            );
          }
          return g === null ? new Float64Array(x.numel()) : Float64Array.from(g.dataSync());
        }),
      );
    }
    for (const k of wrt) (inputs[k] as T).grad = null;
    return rows;
  });
}

/** d(outputs)/d(input k, element i) by central differences, one array per output. */
function numericColumn<T extends GradcheckTensor<T>>(
  fn: (...inputs: T[]) => T | readonly T[],
  inputs: readonly T[],
  k: number,
  i: number,
  value: number,
  eps: number,
): Float64Array[] {
  const x = inputs[k] as T;
  const index = unravel(i, x.shape);
  const evaluate = (v: number): ArrayLike<number>[] => {
    const args = inputs.map((t) => t.detach().clone());
    (args[k] as T).indexPut_(index, v);
    return asList(fn(...args)).map((o) => o.dataSync());
  };
  const hi = Math.fround(value + eps);
  const lo = Math.fround(value - eps);
  const plus = evaluate(hi);
  const minus = evaluate(lo);
  return plus.map((p, oi) => {
    const m = minus[oi] as ArrayLike<number>;
    return Float64Array.from(p, (v, j) => (Number(v) - Number(m[j])) / (hi - lo));
  });
}

function mismatchMessage(m: GradcheckMismatch | undefined, atol: number, rtol: number): string {
  if (m === undefined) return 'gradcheck: Jacobian mismatch';
  return (
    `gradcheck: Jacobian mismatch for output ${m.output} with respect to input ${m.input}, ` +
    `element ${m.element} (index [${m.index.join(', ')}]), output element ${m.outputElement}: ` +
    `analytic ${m.analytic}, numeric ${m.numeric} ` +
    `(|difference| ${Math.abs(m.analytic - m.numeric)} > atol ${atol} + rtol ${rtol} * |numeric|)`
  );
}
