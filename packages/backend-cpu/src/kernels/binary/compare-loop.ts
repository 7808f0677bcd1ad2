import type { BinaryOp, TypedArray } from '@nabla/backend';

type Operand = TypedArray | number;

/*
 * One loop per comparison and operand layout, written out: a shared loop calling the test as a
 * function runs 4x slower once it has seen several tests (the call is no longer inlined).
 */

function vs(op: BinaryOp, a: TypedArray, b: number, out: Uint8Array): boolean {
  const n = out.length;
  switch (op) {
    case 'eq':
      for (let i = 0; i < n; i++) out[i] = (a[i] as number) === b ? 1 : 0;
      return true;
    case 'ne':
      for (let i = 0; i < n; i++) out[i] = (a[i] as number) !== b ? 1 : 0;
      return true;
    case 'lt':
      for (let i = 0; i < n; i++) out[i] = (a[i] as number) < b ? 1 : 0;
      return true;
    case 'le':
      for (let i = 0; i < n; i++) out[i] = (a[i] as number) <= b ? 1 : 0;
      return true;
    case 'gt':
      for (let i = 0; i < n; i++) out[i] = (a[i] as number) > b ? 1 : 0;
      return true;
    case 'ge':
      for (let i = 0; i < n; i++) out[i] = (a[i] as number) >= b ? 1 : 0;
      return true;
    default:
      return false;
  }
}

function both(op: BinaryOp, a: TypedArray, b: TypedArray, out: Uint8Array): boolean {
  const n = out.length;
  switch (op) {
    case 'eq':
      for (let i = 0; i < n; i++) out[i] = (a[i] as number) === (b[i] as number) ? 1 : 0;
      return true;
    case 'ne':
      for (let i = 0; i < n; i++) out[i] = (a[i] as number) !== (b[i] as number) ? 1 : 0;
      return true;
    case 'lt':
      for (let i = 0; i < n; i++) out[i] = (a[i] as number) < (b[i] as number) ? 1 : 0;
      return true;
    case 'le':
      for (let i = 0; i < n; i++) out[i] = (a[i] as number) <= (b[i] as number) ? 1 : 0;
      return true;
    case 'gt':
      for (let i = 0; i < n; i++) out[i] = (a[i] as number) > (b[i] as number) ? 1 : 0;
      return true;
    case 'ge':
      for (let i = 0; i < n; i++) out[i] = (a[i] as number) >= (b[i] as number) ? 1 : 0;
      return true;
    default:
      return false;
  }
}

/** `a op b` with `a` swapped to the other side: `3 < x` is `x > 3`. */
const MIRRORED: Partial<Record<BinaryOp, BinaryOp>> = {
  eq: 'eq',
  ne: 'ne',
  lt: 'gt',
  le: 'ge',
  gt: 'lt',
  ge: 'le',
};

/**
 * The comparisons (`eq`, `ne`, `lt`, `le`, `gt`, `ge`) of operands read as arrays or numbers
 * (a scalar broadcast) into a bool array, with the op tables' IEEE semantics (NaN compares
 * unequal to everything). False when `op` is not a comparison or both sides are numbers.
 */
export function compareLoop(op: BinaryOp, a: Operand, b: Operand, out: Uint8Array): boolean {
  if (typeof a !== 'number') {
    return typeof b === 'number' ? vs(op, a, b, out) : both(op, a, b, out);
  }
  const mirrored = MIRRORED[op];
  return typeof b !== 'number' && mirrored !== undefined && vs(mirrored, b, a, out);
}
