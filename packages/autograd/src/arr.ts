import {
  type Backend,
  type BinaryOp,
  type BufferLike,
  broadcastShapes,
  contiguousView,
  numel,
  type UnaryOp,
  type View,
} from '@nabla/backend';

/** A contiguous inner buffer with its shape: what gradient rules compute with. */
export interface Arr<B> {
  readonly buf: B;
  readonly shape: readonly number[];
  /**
   * Only on a gradient rule's result: the layout of `buf` when it is not row-major (a rule that
   * computes a transposed operand's gradient in that operand's buffer layout, so the engine
   * need not transpose it). Other helpers ignore it: the engine settles it first.
   */
  readonly strides?: readonly number[];
}

/**
 * Small helpers over the inner (non-recording) backend, so that gradient rules read like math:
 * `k.mul(g, k.un('cos', x))`. Everything here runs on the wrapped device and is not recorded.
 */
export class Ops<B extends BufferLike> {
  constructor(readonly b: Backend<B>) {}

  /** The view of an array broadcast to `shape` (size-1 and missing dims get stride 0). */
  to(a: Arr<B> | View<B>, shape: readonly number[]): View<B> {
    const v = 'buf' in a ? contiguousView(a.buf, a.shape) : a;
    const lead = shape.length - v.shape.length;
    const strides = shape.map((s, i) =>
      i < lead || (v.shape[i - lead] === 1 && s !== 1) ? 0 : (v.strides[i - lead] as number),
    );
    return { buffer: v.buffer, shape, strides, offset: v.offset };
  }

  /** A contiguous copy of a view. */
  copy(v: View<B>): Arr<B> {
    return { buf: this.b.cast(v, 'float32'), shape: v.shape };
  }

  scalar(value: number): Arr<B> {
    return { buf: this.b.fromValues([value], 'float32'), shape: [] };
  }

  zeros(shape: readonly number[]): Arr<B> {
    return { buf: this.b.zeros(numel(shape), 'float32'), shape };
  }

  un(op: UnaryOp, a: Arr<B> | View<B>): Arr<B> {
    const v = 'buf' in a ? contiguousView(a.buf, a.shape) : a;
    return { buf: this.b.unary(op, v), shape: v.shape };
  }

  /** An elementwise op with broadcasting; numbers become scalars. */
  bin(op: BinaryOp, a: Arr<B> | View<B> | number, c: Arr<B> | View<B> | number): Arr<B> {
    const x = typeof a === 'number' ? this.scalar(a) : a;
    const y = typeof c === 'number' ? this.scalar(c) : c;
    const shape = broadcastShapes(x.shape, y.shape) as number[];
    return { buf: this.b.binary(op, this.to(x, shape), this.to(y, shape)), shape };
  }

  add = (a: Arr<B> | View<B> | number, c: Arr<B> | View<B> | number) => this.bin('add', a, c);
  sub = (a: Arr<B> | View<B> | number, c: Arr<B> | View<B> | number) => this.bin('sub', a, c);
  mul = (a: Arr<B> | View<B> | number, c: Arr<B> | View<B> | number) => this.bin('mul', a, c);
  div = (a: Arr<B> | View<B> | number, c: Arr<B> | View<B> | number) => this.bin('div', a, c);

  /** A float 0 / 1 mask from a comparison. */
  mask(op: BinaryOp, a: Arr<B> | View<B> | number, c: Arr<B> | View<B> | number): Arr<B> {
    const m = this.bin(op, a, c);
    return { buf: this.b.cast(contiguousView(m.buf, m.shape), 'float32'), shape: m.shape };
  }

  where(cond: Arr<B>, a: Arr<B> | number, c: Arr<B> | number): Arr<B> {
    const x = typeof a === 'number' ? this.scalar(a) : a;
    const y = typeof c === 'number' ? this.scalar(c) : c;
    const shape = broadcastShapes(broadcastShapes(cond.shape, x.shape) ?? [], y.shape) as number[];
    const out = this.b.where(this.to(cond, shape), this.to(x, shape), this.to(y, shape));
    return { buf: out, shape };
  }

  /**
   * `x <= threshold ? 0 : g` (PyTorch's `threshold_backward`): the backend's fused kernel when
   * it has one, else a comparison and a select.
   */
  thresholdBackward(g: Arr<B>, x: Arr<B>, threshold: number): Arr<B> {
    const fused = this.b.thresholdBackward;
    if (fused === undefined) return this.where(this.bin('le', x, threshold), 0, g);
    const buf = fused.call(
      this.b,
      contiguousView(g.buf, g.shape),
      contiguousView(x.buf, x.shape),
      threshold,
    );
    return { buf, shape: g.shape };
  }

  /** Sums `axes`, keeping them as size 1. */
  sum(a: Arr<B>, axes: readonly number[]): Arr<B> {
    const shape = a.shape.map((s, i) => (axes.includes(i) ? 1 : s));
    return { buf: this.b.reduce('sum', contiguousView(a.buf, a.shape), axes), shape };
  }

  /** Sums a broadcast gradient back down to `shape` (the inverse of broadcasting). */
  sumTo(a: Arr<B>, shape: readonly number[]): Arr<B> {
    const lead = a.shape.length - shape.length;
    const axes = a.shape
      .map((_, i) => i)
      .filter((i) => i < lead || (shape[i - lead] === 1 && a.shape[i] !== 1));
    const summed = axes.length > 0 ? this.sum(a, axes) : a;
    return { buf: summed.buf, shape };
  }

  /** `a @ b` for views of shape `[..., M, K]` and `[..., K, N]` with equal batch dims. */
  matmul(a: View<B>, c: View<B>): Arr<B> {
    const shape = [...a.shape.slice(0, -1), c.shape[c.shape.length - 1] as number];
    return { buf: this.b.matmul(a, c), shape };
  }

  /** The view with its last two dimensions swapped. */
  mT(a: Arr<B> | View<B>): View<B> {
    const v = 'buf' in a ? contiguousView(a.buf, a.shape) : a;
    const n = v.shape.length;
    const shape = [...v.shape];
    const strides = [...v.strides];
    [shape[n - 1], shape[n - 2]] = [shape[n - 2] as number, shape[n - 1] as number];
    [strides[n - 1], strides[n - 2]] = [strides[n - 2] as number, strides[n - 1] as number];
    return { buffer: v.buffer, shape, strides, offset: v.offset };
  }
}
