import { coalesce } from './index-math.js';
import type { KernelSource } from './kernel-source.js';

/**
 * Emits nested loops over the dimensions `sizes` (walked with `strides` from the position
 * `base`) and calls `body` once, inside the innermost loop, with the position it reaches. Each
 * bound is a constant named `<prefix>n<d>` (never an argument: gpu.js caps argument-bounded
 * loops at 1000 iterations). Dimensions that walk memory alike are merged first.
 *
 * sizes [r0, r1] -> for k0 < r0 { for k1 < r1 { body(base + k0 * t0 + k1 * t1) } }
 */
export function emitLoops(
  src: KernelSource,
  base: string,
  sizes: readonly number[],
  strides: readonly number[],
  prefix: string,
  body: (at: string) => void,
): void {
  const merged = coalesce(sizes, [{ strides, offset: 0 }]);
  const loopStrides = merged.layouts[0]?.strides ?? [];
  const counters: string[] = [];
  const nest = (d: number): void => {
    if (d === merged.shape.length) {
      const terms = counters.map(
        (k, j) => `${k} * ${src.constant(`${prefix}t${j}`, loopStrides[j] as number)}`,
      );
      body(terms.length === 0 ? base : src.let([base, ...terms].join(' + '), 'at'));
      return;
    }
    const k = src.fresh('k');
    counters.push(k);
    const bound = src.constant(`${prefix}n${d}`, merged.shape[d] as number);
    src.block(`for (let ${k} = 0; ${k} < ${bound}; ${k}++)`, () => nest(d + 1));
  };
  nest(0);
}
