/**
 * Reading the golden fixtures the packages' tests share (written by tools/fixtures/*.py with
 * PyTorch): JSON has no NaN or infinities, so the scripts store them as strings.
 */

const NON_FINITE: Readonly<Record<string, number>> = {
  nan: Number.NaN,
  inf: Number.POSITIVE_INFINITY,
  '-inf': Number.NEGATIVE_INFINITY,
};

/** A number as a fixture stores it: `"nan"`, `"inf"`, `"-inf"`, a boolean or a number. */
export function fixtureNumber(v: number | boolean | string): number {
  if (typeof v !== 'string') return Number(v);
  const n = NON_FINITE[v];
  if (n === undefined) throw new Error(`fixture: '${v}' is not a number`);
  return n;
}

/** A fixture's cases by id, in the file's order. */
export class FixtureCases<C extends { readonly id: string }> {
  private readonly byId: ReadonlyMap<string, C>;

  constructor(readonly all: readonly C[]) {
    this.byId = new Map(all.map((c) => [c.id, c]));
  }

  /** The case with this id; throws for an unknown id. */
  get(id: string): C {
    const c = this.byId.get(id);
    if (c === undefined) throw new Error(`no fixture case '${id}'`);
    return c;
  }

  /** The ids of the cases that `keep` selects; throws when none does (a typo in a test). */
  ids(keep: (c: C) => boolean, what: string): string[] {
    const ids = this.all.filter(keep).map((c) => c.id);
    if (ids.length === 0) throw new Error(`no fixture cases for ${what}`);
    return ids;
  }
}

/**
 * The values of a fixture input stored as a hash seed (`gen`), as float32: the generator of
 * tools/fixtures/nn_functional.py, `n` values in `[lo, hi]` on a grid of 2000 steps.
 */
export function fixtureHashValues(seed: number, n: number, lo = -1, hi = 1): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let h = (Math.imul(i + 1, 0x9e3779b1) + Math.imul(seed, 0x85ebca77)) >>> 0;
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    h = Math.imul(h, 0x297a2d39);
    h ^= h >>> 15;
    out[i] = lo + ((hi - lo) * ((h >>> 0) % 2001)) / 2000;
  }
  return out;
}
