import type { BinaryOp, TypedArray } from '@nabla/backend';

type Operand = TypedArray | number;

/** `out[i] = test(a[i], b[i])` as 0 / 1, one tight loop per operand layout. */
function loop(a: Operand, b: Operand, out: Uint8Array, test: (x: number, y: number) => boolean) {
  const n = out.length;
  if (typeof a !== 'number' && typeof b === 'number') {
    for (let i = 0; i < n; i++) out[i] = test(a[i] as number, b) ? 1 : 0;
  } else if (typeof a === 'number' && typeof b !== 'number') {
    for (let i = 0; i < n; i++) out[i] = test(a, b[i] as number) ? 1 : 0;
  } else if (typeof a !== 'number' && typeof b !== 'number') {
    for (let i = 0; i < n; i++) out[i] = test(a[i] as number, b[i] as number) ? 1 : 0;
  } else {
    out.fill(test(a as number, b as number) ? 1 : 0);
  }
}

// one small function per comparison, so that each loop above is inlined with its own test
const TESTS: Partial<Record<BinaryOp, (x: number, y: number) => boolean>> = {
  eq: (x, y) => x === y,
  ne: (x, y) => x !== y,
  lt: (x, y) => x < y,
  le: (x, y) => x <= y,
  gt: (x, y) => x > y,
  ge: (x, y) => x >= y,
};

/**
 * The comparisons (`eq`, `ne`, `lt`, `le`, `gt`, `ge`) of operands read as {@link Operand}s
 * (a number for a scalar broadcast) into a bool array, with the op tables' IEEE semantics
 * (NaN compares unequal to everything). False when `op` is not a comparison.
 */
export function compareLoop(op: BinaryOp, a: Operand, b: Operand, out: Uint8Array): boolean {
  const test = TESTS[op];
  if (test === undefined) return false;
  loop(a, b, out, test);
  return true;
}
