// Convolutions for the tests of the tiled conv2d kernel (conv2d-tiled.test.ts in Node, and
// browser/conv2d-tiled.test.ts in headless Chromium on WebGL2): output widths that 4 does not
// divide, padding, stride 2, dilation, groups, bias null and given, transposed, flipped,
// channels-last and offset views, an outSize below and beyond PyTorch's, NaN and inf; with
// float64 references (the same definition and tolerance as conv2d.test.ts).
import type { AnyBackend, Conv2dParams } from '@nabla/backend';
import { type Layout, stored, uniform } from './test-views.test.util.js';

type Shape4 = [number, number, number, number];

/** An operand stored in a plain array (NaN around its elements, so a stray read shows). */
export interface StoredOperand {
  readonly values: number[];
  readonly shape: number[];
  readonly strides: number[];
  readonly offset: number;
}

export interface ConvCase {
  readonly name: string;
  readonly x: StoredOperand;
  readonly w: StoredOperand;
  readonly bias: StoredOperand | null;
  readonly p: Conv2dParams;
}

/** A stand-in backend whose buffers are the arrays themselves, for {@link stored}. */
const plain = { fromValues: (v: number[]) => v } as unknown as AnyBackend;

const size = (s: readonly number[]): number => s.reduce((a, b) => a * b, 1);

/** `values` (row-major over `shape`) stored as `layout` says. */
function store(values: number[], shape: number[], layout: Layout): StoredOperand {
  const v = stored(plain, values, shape, 'float32', layout);
  return {
    values: v.buffer as unknown as number[],
    shape,
    strides: [...v.strides],
    offset: v.offset,
  };
}

const CONTIGUOUS: Layout = { order: [0, 1, 2, 3] };
const TRANSPOSED: Layout = { order: [3, 2, 1, 0] };
const FLIPPED: Layout = { order: [0, 1, 2, 3], flip: [1, 3], offset: 2 };
const CHANNELS_LAST: Layout = { order: [0, 2, 3, 1], offset: 5 };
const BIAS: Layout = { order: [0] };
const BIAS_FLIPPED: Layout = { order: [0], flip: [0], offset: 1 };

interface Spec {
  name: string;
  x: Shape4;
  w: Shape4;
  /** How x, the weight and the bias are stored; no bias layout: no bias. */
  layouts: [Layout, Layout, Layout | null];
  stride?: [number, number];
  padding?: [number, number];
  dilation?: [number, number];
  groups?: number;
  /** Output rows / columns beyond (or, negative, below) PyTorch's size. */
  extra?: [number, number];
}

function params(s: Spec): Conv2dParams {
  const stride = s.stride ?? [1, 1];
  const padding = s.padding ?? [0, 0];
  const dilation = s.dilation ?? [1, 1];
  const out = (a: 0 | 1): number =>
    Math.floor(
      ((s.x[a + 2] as number) + 2 * padding[a] - dilation[a] * ((s.w[a + 2] as number) - 1) - 1) /
        stride[a],
    ) +
    1 +
    (s.extra?.[a] ?? 0);
  return { stride, padding, dilation, groups: s.groups ?? 1, outSize: [out(0), out(1)] };
}

const SPECS: Spec[] = [
  {
    name: '3x3, bias, Wo = 6 (no padding, the widened planes are a copy)',
    x: [2, 3, 7, 8],
    w: [4, 3, 3, 3],
    layouts: [CONTIGUOUS, CONTIGUOUS, BIAS],
  },
  {
    name: 'stride 2, padding [1, 2], Wo = 5, transposed x, flipped weight, no bias',
    x: [2, 3, 9, 8],
    w: [5, 3, 3, 3],
    stride: [2, 2],
    padding: [1, 2],
    layouts: [TRANSPOSED, FLIPPED, null],
  },
  {
    name: 'dilation [2, 1], a 3x2 kernel, an outSize beyond the last window, flipped bias',
    x: [1, 2, 8, 7],
    w: [3, 2, 3, 2],
    dilation: [2, 1],
    padding: [1, 0],
    extra: [1, 2],
    layouts: [FLIPPED, CHANNELS_LAST, BIAS_FLIPPED],
  },
  {
    name: 'dilation 2, Wo = 9',
    x: [1, 3, 9, 13],
    w: [2, 3, 3, 3],
    dilation: [2, 2],
    layouts: [CONTIGUOUS, TRANSPOSED, BIAS],
  },
  {
    name: 'stride 2, dilation 2, padding 2, a 5x5 kernel, Wo = 7',
    x: [1, 2, 13, 17],
    w: [3, 2, 5, 5],
    stride: [2, 2],
    dilation: [2, 2],
    padding: [2, 2],
    layouts: [CHANNELS_LAST, CONTIGUOUS, null],
  },
  {
    name: 'groups 2, padding 1, channels-last x',
    x: [2, 4, 6, 5],
    w: [6, 2, 3, 3],
    groups: 2,
    padding: [1, 1],
    layouts: [CHANNELS_LAST, TRANSPOSED, BIAS_FLIPPED],
  },
  {
    name: 'depthwise (groups = C), stride [1, 2], padding 1, Wo = 3 < 4',
    x: [2, 3, 5, 6],
    w: [3, 1, 3, 3],
    groups: 3,
    stride: [1, 2],
    padding: [1, 1],
    layouts: [CONTIGUOUS, FLIPPED, null],
  },
  {
    name: '1x1 kernel, stride 2, flipped x, Wo = 2',
    x: [2, 5, 4, 3],
    w: [4, 5, 1, 1],
    stride: [2, 2],
    layouts: [FLIPPED, CONTIGUOUS, BIAS],
  },
  {
    name: 'an outSize below the full one (Wo = 5 of 10): the extra columns read x itself',
    x: [1, 2, 6, 12],
    w: [2, 2, 3, 3],
    extra: [-1, -5],
    layouts: [CONTIGUOUS, CONTIGUOUS, BIAS],
  },
  {
    name: 'contiguous, no padding, Wo = 8 (x read as it is), bias',
    x: [2, 16, 10, 10],
    w: [16, 16, 3, 3],
    layouts: [CONTIGUOUS, CONTIGUOUS, BIAS],
  },
];

/** The cases: every shape of {@link SPECS}, then one with NaN and inf in x and the weight. */
export function tiledConvCases(): ConvCase[] {
  const cases = SPECS.map((s, k): ConvCase => {
    const [xl, wl, bl] = s.layouts;
    return {
      name: s.name,
      x: store(uniform(size(s.x), 10 * k + 1), s.x, xl),
      w: store(uniform(size(s.w), 10 * k + 2), s.w, wl),
      bias: bl === null ? null : store(uniform(s.w[0], 10 * k + 3), [s.w[0]], bl),
      p: params(s),
    };
  });
  const xv = uniform(2 * 4 * 9, 101);
  xv[5] = Number.NaN; // [0][0][0][5]
  xv[9 + 9 + 2] = Number.POSITIVE_INFINITY; // [0][0][2][2]
  xv[36 + 20] = Number.NEGATIVE_INFINITY; // [0][1][2][2]
  const wv = uniform(3 * 2 * 2 * 2, 102);
  wv[8] = Number.POSITIVE_INFINITY; // [1][0][0][0]
  cases.push({
    name: 'NaN and inf reach exactly the outputs whose windows hold them (inf - inf: NaN)',
    x: store(xv, [1, 2, 4, 9], CONTIGUOUS),
    w: store(wv, [3, 2, 2, 2], CONTIGUOUS),
    bias: store([0.5, -1, 2], [3], BIAS),
    p: params({
      name: '',
      x: [1, 2, 4, 9],
      w: [3, 2, 2, 2],
      layouts: [CONTIGUOUS, CONTIGUOUS, BIAS],
    }),
  });
  return cases;
}

/** The element of a stored operand at `index`. */
function at(o: StoredOperand, index: readonly number[]): number {
  return o.values[index.reduce((s, k, d) => s + k * (o.strides[d] as number), o.offset)] as number;
}

/**
 * Float64 outputs `[N, O, Ho, Wo]` (row-major) and the sums of their terms' magnitudes (the
 * error scale), straight from the definition: output `[n][o][oh][ow]` is `bias[o]` plus
 * `x[n][g * C/groups + c][oh * s - p + i * d][ow * s - p + j * d] * w[o][c][i][j]` over the
 * positions inside x.
 */
export function convReference(c: ConvCase): { value: number[]; scale: number[] } {
  const [n, , h, w] = c.x.shape as Shape4;
  const [o, cg, kh, kw] = c.w.shape as Shape4;
  const { stride, padding, dilation, groups, outSize } = c.p;
  const [ho, wo] = outSize;
  const value: number[] = [];
  const scale: number[] = [];
  for (let b = 0; b < n; b++)
    for (let oc = 0; oc < o; oc++)
      for (let oh = 0; oh < ho; oh++)
        for (let ow = 0; ow < wo; ow++) {
          let s = c.bias === null ? 0 : at(c.bias, [oc]);
          let e = Math.abs(s);
          for (let k = 0; k < cg; k++)
            for (let i = 0; i < kh; i++)
              for (let j = 0; j < kw; j++) {
                const r = oh * stride[0] - padding[0] + i * dilation[0];
                const q = ow * stride[1] - padding[1] + j * dilation[1];
                if (r < 0 || r >= h || q < 0 || q >= w) continue;
                const xc = Math.floor(oc / (o / groups)) * cg + k;
                const t = at(c.x, [b, xc, r, q]) * at(c.w, [oc, k, i, j]);
                s += t;
                e += Math.abs(t);
              }
          value.push(s);
          scale.push(e);
        }
  return { value, scale };
}

/**
 * Why `got` is not within float32 rounding of the float64 reference (2^-23 of the terms'
 * magnitudes, as conv2d.test.ts; NaN and inf exactly), or null when it is.
 */
export function convMismatch(
  got: ArrayLike<number>,
  want: { value: number[]; scale: number[] },
): string | null {
  if (got.length !== want.value.length) return `length ${got.length}, want ${want.value.length}`;
  for (let i = 0; i < got.length; i++) {
    const g = got[i] as number;
    const v = want.value[i] as number;
    if (!Number.isFinite(v)) {
      if (!Object.is(g, v)) return `element ${i}: got ${g}, want ${v}`;
      continue;
    }
    const tol = 2 ** -23 * ((want.scale[i] as number) + Math.abs(v));
    if (!(Math.abs(g - v) <= tol)) return `element ${i}: got ${g}, want ${v} (within ${tol})`;
  }
  return null;
}
