/**
 * How a loss combines its per-element values: `'none'` keeps them, `'mean'` averages them
 * (the default of every PyTorch loss), `'sum'` adds them up.
 *
 * Mirrors the `reduction` argument of `torch.nn.MSELoss`, `torch.nn.CrossEntropyLoss` and the
 * other losses.
 */
export type Reduction = 'none' | 'mean' | 'sum';

/** Every {@link Reduction}. */
export const REDUCTIONS: readonly Reduction[] = ['none', 'mean', 'sum'];

/**
 * Checks a `reduction` argument at the API boundary and returns it typed.
 *
 * Mirrors `torch.nn._reduction.get_enum(reduction)`, which raises
 * `ValueError: avg is not a valid value for reduction`; the message here also names the op and
 * what is allowed. PyTorch's deprecated alias `'elementwise_mean'` is not accepted.
 *
 * @param value - what the caller passed
 * @param op - the loss it was passed to, for the message (`'mse_loss'`, `'CrossEntropyLoss'`)
 * @throws Error `<op>: reduction must be 'none', 'mean' or 'sum', got '<value>'`.
 *
 * @example
 * ```ts
 * parseReduction('sum', 'mse_loss'); // 'sum'
 * parseReduction('avg', 'mse_loss'); // throws: mse_loss: reduction must be 'none', 'mean' or 'sum', got 'avg'
 * ```
 */
export function parseReduction(value: string, op: string): Reduction {
  const known = REDUCTIONS.find((r) => r === value);
  if (known === undefined) {
    throw new Error(`${op}: reduction must be 'none', 'mean' or 'sum', got '${String(value)}'`);
  }
  return known;
}

/**
 * Turns the deprecated `size_average` / `reduce` flags of old PyTorch code into a
 * {@link Reduction}. Each flag defaults to `true` when not given: `reduce = false` gives
 * `'none'` whatever `sizeAverage` is, `sizeAverage = false` gives `'sum'`, otherwise `'mean'`.
 * Like PyTorch, it warns that the flags are deprecated (with `console.warn`) unless
 * `emitWarning` is `false`.
 *
 * Mirrors `torch.nn._reduction.legacy_get_string(size_average, reduce, emit_warning=True)`.
 *
 * @example
 * ```ts
 * legacyReduction(false);                   // 'sum'
 * legacyReduction(undefined, false);        // 'none'
 * legacyReduction(undefined, undefined, false); // 'mean', without a warning
 * ```
 */
export function legacyReduction(
  sizeAverage?: boolean,
  reduce?: boolean,
  emitWarning = true,
): Reduction {
  const average = sizeAverage ?? true;
  const reduced = reduce ?? true;
  let reduction: Reduction;
  if (average && reduced) reduction = 'mean';
  else if (reduced) reduction = 'sum';
  else reduction = 'none';
  if (emitWarning) {
    console.warn(
      `size_average and reduce args will be deprecated, please use reduction='${reduction}' instead.`,
    );
  }
  return reduction;
}
