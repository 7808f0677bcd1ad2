import { walk } from '../codegen/index-math.js';
import type { KernelSource } from '../codegen/kernel-source.js';
import type { MatmulOperand } from './matmul-tiled.js';

/**
 * Where a matrix product's output row `row` (over `[...batch, M]`) starts reading: the offset of
 * its row of `a` and of its batch's matrix `b`, as kernel expressions. Merging those dimensions
 * (a contiguous `a`, or `b` shared by the whole batch, as in a Linear layer) usually leaves one,
 * and then the positions are integer math on the thread index, which webasm keeps in i32.
 */
export function matmulRowStarts(
  src: KernelSource,
  row: string,
  a: MatmulOperand,
  b: MatmulOperand,
): [aRow: string, bStart: string] {
  const r = a.shape.length;
  const rowLayout = (v: MatmulOperand, last: number) => ({
    strides: [...v.strides.slice(0, r - 2), last],
    offset: v.offset,
  });
  return walk(
    src,
    row,
    a.shape.slice(0, r - 1),
    [rowLayout(a, a.strides[r - 2] as number), rowLayout(b, 0)],
    ['a', 'b'],
    'r',
  ) as [string, string];
}
