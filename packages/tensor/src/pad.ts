import { viewOf } from './core.js';
import { full } from './create.js';
import { fail, fmt } from './errors.js';
import { indexSelect } from './indexing.js';
import { narrow } from './movement.js';
import type { Tensor } from './tensor.js';

/** The padding modes of `F.pad`. */
export type PadMode = 'constant' | 'reflect' | 'replicate' | 'circular';

/** The source position a padded position reads, for the non-constant modes. */
function sourceIndex(mode: Exclude<PadMode, 'constant'>, i: number, size: number): number {
  if (mode === 'replicate') return Math.min(Math.max(i, 0), size - 1);
  if (mode === 'circular') return ((i % size) + size) % size;
  // reflect: mirror without repeating the edge
  const period = 2 * (size - 1);
  const j = ((i % period) + period) % period;
  return j < size ? j : period - j;
}

/**
 * `torch.nn.functional.pad(x, pad, mode='constant', value=0)`. `pad` lists (before, after)
 * pairs starting from the last dimension: `[left, right, top, bottom]` pads width then height.
 * Negative amounts crop (constant mode).
 */
export function pad(
  x: Tensor,
  pads: readonly number[],
  mode: PadMode = 'constant',
  value = 0,
): Tensor {
  if (pads.length % 2 !== 0 || pads.length / 2 > x.ndim) {
    fail(
      'pad',
      `padding length must be even and at most twice the number of dimensions, got ${pads.length} for shape ${fmt(x.shape)}`,
    );
  }
  const dims = pads.length / 2;
  if (mode === 'constant') {
    const shape = [...x.shape];
    let window = x;
    for (let k = 0; k < dims; k++) {
      const d = x.ndim - 1 - k;
      const before = pads[2 * k] as number;
      const after = pads[2 * k + 1] as number;
      shape[d] = (x.shape[d] as number) + before + after;
      if (shape[d] < 0)
        fail(
          'pad',
          `the input size ${x.shape[d]} plus negative padding ${before} and ${after} resulted in a negative output size`,
        );
      // crop the input where padding is negative
      window = narrow(
        window,
        d,
        Math.max(-before, 0),
        Math.max((x.shape[d] as number) + Math.min(before, 0) + Math.min(after, 0), 0),
      );
    }
    const out = full(shape, value, { dtype: x.dtype, device: x.device });
    let target = out;
    for (let k = 0; k < dims; k++) {
      const d = x.ndim - 1 - k;
      target = narrow(target, d, Math.max(pads[2 * k] as number, 0), window.shape[d] as number);
    }
    x.backend.assign(viewOf(target), viewOf(window));
    return out;
  }
  let out = x;
  for (let k = 0; k < dims; k++) {
    const d = x.ndim - 1 - k;
    const before = pads[2 * k] as number;
    const after = pads[2 * k + 1] as number;
    const size = x.shape[d] as number;
    if (before < 0 || after < 0)
      fail('pad', `${mode} padding does not support negative amounts, got ${fmt(pads)}`);
    if (mode === 'reflect' && (before >= size || after >= size)) {
      fail(
        'pad',
        `padding size should be less than the corresponding input dimension, but got: padding (${before}, ${after}) at dimension ${d} of input ${fmt(x.shape)}`,
      );
    }
    if (mode === 'circular' && (before > size || after > size)) {
      fail(
        'pad',
        `padding value causes wrapping around more than once (padding (${before}, ${after}), size ${size})`,
      );
    }
    const idx = Array.from({ length: size + before + after }, (_, i) =>
      sourceIndex(mode, i - before, size),
    );
    out = indexSelect(out, d, idx);
  }
  return out;
}
