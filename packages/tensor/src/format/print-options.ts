/** How tensors print; mirrors the fields of PyTorch's `torch._tensor_str.PRINT_OPTS`. */
export interface PrintOptions {
  /** Digits after the decimal point (or of the mantissa in scientific notation). Default 4. */
  readonly precision: number;
  /** More elements than this and the printout is summarised with `...`. Default 1000. */
  readonly threshold: number;
  /** Items kept at the start and at the end of each summarised dimension. Default 3. */
  readonly edgeitems: number;
  /** Characters per line before elements wrap onto the next line. Default 80. */
  readonly linewidth: number;
  /** `true` / `false` force scientific notation on or off; `null` lets the values decide. */
  readonly sciMode: boolean | null;
}

/** The presets of `torch.set_printoptions(profile=...)`. */
export type PrintProfile = 'default' | 'short' | 'full';

/** Arguments of {@link setPrintoptions}: any options, and optionally a profile applied first. */
export interface SetPrintOptions extends Partial<PrintOptions> {
  readonly profile?: PrintProfile;
}

const DEFAULTS: PrintOptions = {
  precision: 4,
  threshold: 1000,
  edgeitems: 3,
  linewidth: 80,
  sciMode: null,
};

const PROFILES: Record<PrintProfile, Omit<PrintOptions, 'sciMode'>> = {
  default: { precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80 },
  short: { precision: 2, threshold: 1000, edgeitems: 2, linewidth: 80 },
  full: { precision: 4, threshold: Number.POSITIVE_INFINITY, edgeitems: 3, linewidth: 80 },
};

let current: PrintOptions = DEFAULTS;

/**
 * Sets how tensors print from now on. Mirrors `torch.set_printoptions`.
 *
 * As in PyTorch, a `profile` is applied first and the other options override it, and
 * `sciMode` goes back to `null` (automatic) whenever it is not given.
 *
 * @example
 * setPrintoptions({ precision: 2 });
 * formatTensor(Float32Array.of(1.12345), [1], 'float32'); // 'tensor([1.12])'
 * setPrintoptions({ threshold: 5 });
 * formatTensor(Int32Array.from({ length: 10 }, (_, i) => i), [10], 'int32');
 * // 'tensor([0, 1, 2,  ..., 7, 8, 9])'
 * resetPrintoptions();
 */
export function setPrintoptions(options: SetPrintOptions): void {
  const base =
    options.profile === undefined ? current : { ...current, ...PROFILES[options.profile] };
  current = resolvePrintOptions(
    { ...options, sciMode: options.sciMode ?? null },
    base,
    'setPrintoptions',
  );
}

/**
 * The print options in force. PyTorch reads them as `torch._tensor_str.PRINT_OPTS`.
 *
 * @example
 * getPrintoptions().precision; // 4
 */
export function getPrintoptions(): PrintOptions {
  return current;
}

/**
 * Restores the default print options: `torch.set_printoptions(profile='default')`.
 *
 * @example
 * resetPrintoptions();
 * getPrintoptions(); // { precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80, sciMode: null }
 */
export function resetPrintoptions(): void {
  current = DEFAULTS;
}

/** `overrides` laid over `base`, validated; `caller` names the function in error messages. */
export function resolvePrintOptions(
  overrides: Partial<PrintOptions>,
  base: PrintOptions,
  caller: string,
): PrintOptions {
  const merged: PrintOptions = {
    precision: overrides.precision ?? base.precision,
    threshold: overrides.threshold ?? base.threshold,
    edgeitems: overrides.edgeitems ?? base.edgeitems,
    linewidth: overrides.linewidth ?? base.linewidth,
    sciMode: overrides.sciMode === undefined ? base.sciMode : overrides.sciMode,
  };
  checkCount(caller, 'precision', merged.precision);
  checkCount(caller, 'edgeitems', merged.edgeitems);
  checkCount(caller, 'linewidth', merged.linewidth);
  if (Number.isNaN(merged.threshold) || merged.threshold < 0) {
    throw new RangeError(
      `${caller}: threshold must be a non-negative number, got ${merged.threshold}`,
    );
  }
  return Object.freeze(merged);
}

function checkCount(caller: string, name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${caller}: ${name} must be a non-negative integer, got ${value}`);
  }
}
