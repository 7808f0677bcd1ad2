import {
  type ArgReduceOp,
  type AutodiffBackend,
  type Backend,
  type BackwardOptions,
  type BinaryOp,
  type BufferLike,
  type Conv2dParams,
  contiguousView,
  type DType,
  type GradFn,
  gradMode,
  type Pool2dParams,
  type ReduceOp,
  type Shape,
  type TypedArray,
  type UnaryOp,
  type View,
} from '@nabla/backend';
import { type Arr, Ops } from './arr.js';
import { bufferGrad, runBackward } from './engine.js';
import { AccumulateGrad, AdBuffer, Node, type Rule } from './node.js';
import { type BatchNormSaved, batchNormGrad } from './rules/batch-norm.js';
import { BINARY_GRADS, BINARY_NAMES } from './rules/binary.js';
import { type ConvKernels, conv2dGrad, maxPool2dGrad } from './rules/conv2d.js';
import { gatherGrad, scatterGrad } from './rules/index-ops.js';
import { matmulGrad } from './rules/matmul.js';
import { reduceGrad, reduceName } from './rules/reduce.js';
import { logSoftmaxGrad, softmaxGrad } from './rules/softmax.js';
import { UNARY_GRADS, UNARY_NAMES, UNARY_SAVES_INPUT, UNARY_SAVES_OUTPUT } from './rules/unary.js';
import { displayNode } from './scope.js';

type V<B extends BufferLike> = View<AdBuffer<B>>;

/**
 * The autodiff decorator: a backend that runs every op on `inner` and records, for buffers that
 * require grad, what backward() needs. Mirrors burn's `Autodiff<B>`: any backend gains gradients.
 *
 * @example
 * const device = autodiff(cpuBackend());
 * useDevice('cpu', device);
 */
export function autodiff<B extends BufferLike>(inner: Backend<B>): AutodiffBackend<AdBuffer<B>> {
  return new AutodiffBackendImpl(inner);
}

class AutodiffBackendImpl<B extends BufferLike> implements AutodiffBackend<AdBuffer<B>> {
  readonly autodiff = true;
  readonly device: string;
  private readonly k: Ops<B>;
  /** The same ops, as nodes of any device hold them. */
  private get ops(): Ops<BufferLike> {
    return this.k as unknown as Ops<BufferLike>;
  }
  private scopeState: { id: number; name: string } | null = null;
  private scopeCount = 0;

  /** Present only when the inner backend has the fused kernel (the tensor layer composes otherwise). */
  readonly softmax?: (x: V<B>, axis: number) => AdBuffer<B>;
  readonly logSoftmax?: (x: V<B>, axis: number) => AdBuffer<B>;
  readonly addScaled?: (a: V<B>, b: V<B>, alpha: number) => AdBuffer<B>;
  readonly conv2d?: (x: V<B>, w: V<B>, bias: V<B> | null, p: Conv2dParams) => AdBuffer<B>;
  readonly conv2dBackwardInput?: (g: V<B>, w: V<B>, s: Shape, p: Conv2dParams) => AdBuffer<B>;
  readonly conv2dBackwardWeight?: (g: V<B>, x: V<B>, s: Shape, p: Conv2dParams) => AdBuffer<B>;
  readonly maxPool2d?: (x: V<B>, p: Pool2dParams) => [AdBuffer<B>, AdBuffer<B>];
  readonly maxPool2dBackward?: (g: V<B>, i: V<B>, s: Shape, p: Pool2dParams) => AdBuffer<B>;
  readonly batchNormStats?: (x: V<B>) => [AdBuffer<B>, AdBuffer<B>];
  readonly batchNorm?: (
    x: V<B>,
    mean: V<B>,
    invstd: V<B>,
    weight: V<B> | null,
    bias: V<B> | null,
    training: boolean,
  ) => AdBuffer<B>;
  readonly batchNormBackward?: (
    g: V<B>,
    x: V<B>,
    mean: V<B>,
    invstd: V<B>,
    weight: V<B> | null,
    training: boolean,
  ) => [AdBuffer<B>, AdBuffer<B>, AdBuffer<B>];

  constructor(readonly inner: Backend<B>) {
    this.device = inner.device;
    this.k = new Ops(inner);
    const { softmax, logSoftmax } = inner;
    if (softmax !== undefined) {
      this.softmax = (x, axis) =>
        this.recordFused(
          'SoftmaxBackward0',
          softmaxGrad,
          softmax.call(inner, this.iv(x), axis),
          x,
          axis,
        );
    }
    if (logSoftmax !== undefined) {
      this.logSoftmax = (x, axis) =>
        this.recordFused(
          'LogSoftmaxBackward0',
          logSoftmaxGrad,
          logSoftmax.call(inner, this.iv(x), axis),
          x,
          axis,
        );
    }
    const { addScaled } = inner;
    if (addScaled !== undefined) {
      // a + alpha * b: the gradient passes to a as it is and to b scaled (alpha as float32)
      this.addScaled = (a, b, alpha) =>
        this.record(
          'AddBackward0',
          [a, b],
          addScaled.call(inner, this.iv(a), this.iv(b), alpha),
          a.shape,
          () => (g) => [g, this.k.mul(g, Math.fround(alpha))],
          [],
        );
    }
    const { conv2d, conv2dBackwardInput, conv2dBackwardWeight } = inner;
    if (conv2d && conv2dBackwardInput && conv2dBackwardWeight) {
      const kernels = { conv2d, conv2dBackwardInput, conv2dBackwardWeight };
      this.conv2d = (x, w, bias, p) => this.recordConv(kernels, x, w, bias, p);
      // the backward kernels as ops of their own (not differentiated again: no double backward)
      this.conv2dBackwardInput = (g, w, s, p) =>
        new AdBuffer(conv2dBackwardInput.call(inner, this.iv(g), this.iv(w), s, p));
      this.conv2dBackwardWeight = (g, x, s, p) =>
        new AdBuffer(conv2dBackwardWeight.call(inner, this.iv(g), this.iv(x), s, p));
    }
    const { maxPool2d, maxPool2dBackward } = inner;
    if (maxPool2d && maxPool2dBackward) {
      this.maxPool2d = (x, p) => {
        const xi = this.iv(x);
        const [values, indices] = maxPool2d.call(inner, xi, p);
        const iv = contiguousView(indices, [...x.shape.slice(0, 2), ...p.outSize]);
        const saved = new AdBuffer(indices);
        const out = this.record(
          'MaxPool2DWithIndicesBackward0',
          [x],
          values,
          iv.shape,
          () => (g) => [maxPool2dGrad(this.k, maxPool2dBackward, g, iv, x.shape, p)],
          [saved],
        );
        return [out, saved];
      };
      this.maxPool2dBackward = (g, i, s, p) =>
        new AdBuffer(maxPool2dBackward.call(inner, this.iv(g), this.iv(i), s, p));
    }
    const { batchNormStats, batchNorm, batchNormBackward } = inner;
    if (batchNormStats && batchNorm && batchNormBackward) {
      // the statistics are not differentiated: in training, batchNorm's node goes through them
      this.batchNormStats = (x) => {
        const [mean, variance] = batchNormStats.call(inner, this.iv(x));
        return [new AdBuffer(mean), new AdBuffer(variance)];
      };
      this.batchNorm = (x, mean, invstd, weight, bias, training) => {
        const saved: BatchNormSaved<B> = {
          x: this.iv(x),
          mean: this.iv(mean),
          invstd: this.iv(invstd),
          weight: weight === null ? null : this.iv(weight),
          training,
        };
        const bi = bias === null ? null : this.iv(bias);
        const out = batchNorm.call(
          inner,
          saved.x,
          saved.mean,
          saved.invstd,
          saved.weight,
          bi,
          training,
        );
        const inputs = [x, ...(weight === null ? [] : [weight]), ...(bias === null ? [] : [bias])];
        // which gradient of the kernel's three each input takes: x's, the weight's, the bias's
        const slots = [0, ...(weight === null ? [] : [1]), ...(bias === null ? [] : [2])];
        const kept = [
          x.buffer,
          mean.buffer,
          invstd.buffer,
          ...(weight === null ? [] : [weight.buffer]),
        ];
        return this.record(
          'NativeBatchNormBackward0',
          inputs,
          out,
          x.shape,
          (needs) => (g) => {
            const wanted = [0, 1, 2].map((k) => needs[slots.indexOf(k)] === true);
            const grads = batchNormGrad(this.k, batchNormBackward, g, saved, wanted);
            return slots.map((k) => grads[k] ?? null);
          },
          kept,
        );
      };
      this.batchNormBackward = (g, x, mean, invstd, weight, training) => {
        const w = weight === null ? null : this.iv(weight);
        const [gv, xv, mv, sv] = [this.iv(g), this.iv(x), this.iv(mean), this.iv(invstd)];
        const grads = batchNormBackward.call(inner, gv, xv, mv, sv, w, training);
        return [new AdBuffer(grads[0]), new AdBuffer(grads[1]), new AdBuffer(grads[2])];
      };
    }
  }

  /** Records a fused convolution (`ConvolutionBackward0`); the bias is an input when given. */
  private recordConv(
    kernels: ConvKernels<B>,
    x: V<B>,
    w: V<B>,
    bias: V<B> | null,
    p: Conv2dParams,
  ): AdBuffer<B> {
    const [xi, wi] = [this.iv(x), this.iv(w)];
    const out = kernels.conv2d.call(this.inner, xi, wi, bias === null ? null : this.iv(bias), p);
    const shape = [x.shape[0] as number, w.shape[0] as number, ...p.outSize];
    const inputs = bias === null ? [x, w] : [x, w, bias];
    return this.record(
      'ConvolutionBackward0',
      inputs,
      out,
      shape,
      (needs) => (g) => conv2dGrad(this.k, kernels, g, xi, wi, p, needs).slice(0, inputs.length),
      [x.buffer, w.buffer],
    );
  }

  // --- memory --------------------------------------------------------------------------------
  get readsAsync(): boolean | undefined {
    return this.inner.readsAsync;
  }
  zeros(size: number, dtype: DType): AdBuffer<B> {
    return new AdBuffer(this.inner.zeros(size, dtype));
  }
  fromValues(values: ArrayLike<number>, dtype: DType): AdBuffer<B> {
    return new AdBuffer(this.inner.fromValues(values, dtype));
  }
  read(buffer: AdBuffer<B>): Promise<TypedArray> {
    return this.inner.read(buffer.inner);
  }
  readSync(buffer: AdBuffer<B>): TypedArray {
    return this.inner.readSync(buffer.inner);
  }
  dispose(buffer: AdBuffer<B>): void {
    this.inner.dispose(buffer.inner);
  }

  // --- recording -----------------------------------------------------------------------------
  private iv(v: V<B>): View<B> {
    return { buffer: v.buffer.inner, shape: v.shape, strides: v.strides, offset: v.offset };
  }

  private nodeOf(buffer: AdBuffer<B>): Node {
    if (buffer.node !== null) return buffer.node;
    buffer.accumulator ??= new AccumulateGrad(this.ops, buffer as AdBuffer<BufferLike>);
    return buffer.accumulator;
  }

  /** Wraps an op's output and, when an input requires grad, records its node. */
  private record(
    name: string,
    inputs: readonly V<B>[],
    out: B,
    outShape: readonly number[],
    rule: (needs: boolean[]) => Rule<B>,
    saved: readonly AdBuffer<B>[],
    saveOutput = false,
  ): AdBuffer<B> {
    const result = new AdBuffer(out);
    if (!gradMode.enabled || out.dtype !== 'float32') return result;
    const needs = inputs.map((v) => v.buffer.requiresGrad);
    if (!needs.some(Boolean)) return result;
    const edges = inputs.map((v, i) =>
      needs[i]
        ? { node: this.nodeOf(v.buffer), shape: v.shape, strides: v.strides, offset: v.offset }
        : null,
    );
    const all = saveOutput ? [...saved, result] : saved;
    const savedVersions = all.map((b) => ({
      buffer: b as AdBuffer<BufferLike>,
      version: b.versionBox.v,
    }));
    // the engine hands rules the flat gradient of the output buffer: give it the output's shape
    const shaped = rule(needs);
    const withShape: Rule<B> = (g) => shaped({ buf: g.buf, shape: outShape });
    const node = new Node(
      this.ops,
      name,
      edges,
      out.size,
      withShape as unknown as Rule<BufferLike>,
      savedVersions,
    );
    node.scope = this.scopeState;
    result.node = node;
    return result;
  }

  // --- primitives ----------------------------------------------------------------------------
  cast(x: V<B>, dtype: DType): AdBuffer<B> {
    const out = this.inner.cast(this.iv(x), dtype);
    const name = x.buffer.dtype === dtype ? 'CloneBackward0' : 'ToCopyBackward0';
    return this.record(name, [x], out, x.shape, () => (g) => [g], []);
  }

  unary(op: UnaryOp, x: V<B>): AdBuffer<B> {
    const xi = this.iv(x);
    const out = this.inner.unary(op, xi);
    const grad = UNARY_GRADS[op];
    if (grad === undefined) return new AdBuffer(out);
    const y = { buf: out, shape: x.shape };
    const usesInput = UNARY_SAVES_INPUT.has(op);
    const usesOutput = UNARY_SAVES_OUTPUT.has(op);
    const rule = () => (g: Arr<B>) => [grad(this.k, g, xi, y)];
    return this.record(
      UNARY_NAMES[op] ?? op,
      [x],
      out,
      x.shape,
      rule,
      usesInput ? [x.buffer] : [],
      usesOutput,
    );
  }

  binary(op: BinaryOp, a: V<B>, b: V<B>): AdBuffer<B> {
    const [ai, bi] = [this.iv(a), this.iv(b)];
    const out = this.inner.binary(op, ai, bi);
    const grad = BINARY_GRADS[op];
    if (grad === undefined) return new AdBuffer(out);
    const y = { buf: out, shape: a.shape };
    const scalarExponent =
      op === 'pow' && !b.buffer.requiresGrad && b.strides.every((s) => s === 0);
    const name = scalarExponent ? 'PowBackward0' : (BINARY_NAMES[op] ?? op);
    // save only what the gradients read (PyTorch's rule), so in-place writes elsewhere are free
    const [na, nb] = [a.buffer.requiresGrad, b.buffer.requiresGrad];
    const saved =
      op === 'add' || op === 'sub'
        ? []
        : op === 'mul'
          ? [...(nb ? [a.buffer] : []), ...(na ? [b.buffer] : [])]
          : op === 'div'
            ? [...(nb ? [a.buffer] : []), b.buffer]
            : [a.buffer, b.buffer];
    return this.record(
      name,
      [a, b],
      out,
      a.shape,
      () => (g) => grad(this.k, g, ai, bi, y),
      saved,
      op === 'pow',
    );
  }

  where(cond: V<B>, a: V<B>, b: V<B>): AdBuffer<B> {
    const ci = this.iv(cond);
    const out = this.inner.where(ci, this.iv(a), this.iv(b));
    const c = this.k.copy(ci);
    return this.record(
      'WhereBackward0',
      [cond, a, b],
      out,
      a.shape,
      () => (g) => [null, this.k.where(c, g, 0), this.k.where(c, 0, g)],
      [cond.buffer],
    );
  }

  reduce(op: ReduceOp, x: V<B>, axes: readonly number[]): AdBuffer<B> {
    const xi = this.iv(x);
    const out = this.inner.reduce(op, xi, axes);
    const y = { buf: out, shape: x.shape.map((s, i) => (axes.includes(i) ? 1 : s)) };
    const name = reduceName(op, axes.length === x.shape.length);
    const saved = op === 'sum' ? [] : [x.buffer];
    const rule = () => (g: Arr<B>) => [reduceGrad(this.k, op, g, xi, y, axes)];
    return this.record(name, [x], out, y.shape, rule, saved, op !== 'sum');
  }

  argReduce(op: ArgReduceOp, x: V<B>, axis: number): AdBuffer<B> {
    return new AdBuffer(this.inner.argReduce(op, this.iv(x), axis));
  }

  matmul(a: V<B>, b: V<B>): AdBuffer<B> {
    const [ai, bi] = [this.iv(a), this.iv(b)];
    const out = this.inner.matmul(ai, bi);
    const shape = [...a.shape.slice(0, -1), b.shape[b.shape.length - 1] as number];
    const name = a.shape.length === 2 ? 'MmBackward0' : 'BmmBackward0';
    const rule = (needs: boolean[]) => (g: Arr<B>) => matmulGrad(this.k, g, ai, bi, needs);
    return this.record(name, [a, b], out, shape, rule, [a.buffer, b.buffer]);
  }

  gather(x: V<B>, axis: number, index: V<B>): AdBuffer<B> {
    const [xi, ii] = [this.iv(x), this.iv(index)];
    const out = this.inner.gather(xi, axis, ii);
    return this.record(
      'GatherBackward0',
      [x],
      out,
      index.shape,
      () => (g) => [gatherGrad(this.k, g, xi, axis, ii)],
      [index.buffer],
    );
  }

  scatter(x: V<B>, axis: number, index: V<B>, src: V<B>, accumulate: boolean): AdBuffer<B> {
    const [ii, si] = [this.iv(index), this.iv(src)];
    const out = this.inner.scatter(this.iv(x), axis, ii, si, accumulate);
    const name = accumulate ? 'ScatterAddBackward0' : 'ScatterBackward0';
    return this.record(
      name,
      [x, src],
      out,
      x.shape,
      () => (g) => scatterGrad(this.k, g, axis, ii, si, accumulate),
      [index.buffer],
    );
  }

  /** Records a fused softmax / logSoftmax that the inner backend computed. */
  private recordFused(
    name: string,
    grad: typeof softmaxGrad,
    out: B,
    x: V<B>,
    axis: number,
  ): AdBuffer<B> {
    const y = { buf: out, shape: x.shape };
    return this.record(name, [x], out, x.shape, () => (g) => [grad(this.k, g, y, axis)], [], true);
  }

  /**
   * In-place write. When either side is in the graph, the buffer gets a new node (`CopySlices`):
   * the overwritten positions send their gradient to `src`, the others to the buffer's old node.
   */
  assign(dst: V<B>, src: V<B>): void {
    const target = dst.buffer;
    const di = this.iv(dst);
    this.inner.assign(di, this.iv(src));
    target.versionBox.v += 1;
    if (!gradMode.enabled || !(target.requiresGrad || src.buffer.requiresGrad)) return;
    if (target.node === null && target.leafRequiresGrad) {
      throw new Error(
        'assign: a leaf Variable that requires grad is being used in an in-place operation',
      );
    }
    const k = this.k;
    const size = target.size;
    const old = target.node;
    const whole = { shape: [size], strides: [1], offset: 0 };
    const edges = [
      old === null ? null : { node: old, ...whole },
      src.buffer.requiresGrad
        ? {
            node: this.nodeOf(src.buffer),
            shape: src.shape,
            strides: src.strides,
            offset: src.offset,
          }
        : null,
    ];
    const rule: Rule<B> = (g) => {
      const gv = { buffer: g.buf, shape: dst.shape, strides: dst.strides, offset: dst.offset };
      const rest = k.copy(k.to(g, [size]));
      k.b.assign({ ...gv, buffer: rest.buf }, k.to(k.zeros(dst.shape), dst.shape));
      return [rest, k.copy(gv)];
    };
    const node = new Node(
      this.ops,
      'CopySlices',
      edges,
      size,
      rule as unknown as Rule<BufferLike>,
      [],
    );
    node.scope = this.scopeState;
    target.node = node;
  }

  /**
   * A copy of a view of another device's buffer on this device (`tensor.to(device)`). When the
   * source is in a graph, the copy's node sends its gradient back across (`ToCopyBackward0`).
   */
  transfer(source: View<BufferLike>, from: Backend<BufferLike>): AdBuffer<B> {
    const src =
      from instanceof AutodiffBackendImpl ? (from as AutodiffBackendImpl<BufferLike>) : null;
    const dtype = source.buffer.dtype;
    // a contiguous copy on the source device, read to the host, then freed
    const staged = src
      ? src.inner.cast(src.iv(source as V<BufferLike>), dtype)
      : from.cast(source, dtype);
    const host = (src ? src.inner : from).readSync(staged);
    const out = this.inner.fromValues(host, dtype);
    (src ? src.inner : from).dispose(staged);
    const srcBuffer = source.buffer as AdBuffer<BufferLike>;
    if (src === null || !gradMode.enabled || dtype !== 'float32' || !srcBuffer.requiresGrad) {
      return new AdBuffer(out);
    }
    const edge = {
      node: src.nodeOf(srcBuffer),
      shape: source.shape,
      strides: source.strides,
      offset: source.offset,
    };
    const back = src.inner;
    const rule: Rule<BufferLike> = (g) => [
      { buf: back.fromValues(this.inner.readSync(g.buf as B), 'float32'), shape: source.shape },
    ];
    const result = new AdBuffer(out);
    result.node = new Node(this.ops, 'ToCopyBackward0', [edge], out.size, rule, []);
    result.node.scope = this.scopeState;
    return result;
  }

  // --- the autodiff capability -----------------------------------------------------------------
  requiresGrad(buffer: AdBuffer<B>): boolean {
    return buffer.requiresGrad;
  }
  setRequiresGrad(buffer: AdBuffer<B>, flag: boolean): void {
    if (buffer.node !== null && !flag) {
      throw new Error(
        'requiresGrad_: you can only change requires_grad flags of leaf variables; use detach() to get a tensor outside the graph',
      );
    }
    buffer.leafRequiresGrad = flag;
  }
  isLeaf(buffer: AdBuffer<B>): boolean {
    return buffer.node === null;
  }
  gradFn(buffer: AdBuffer<B>): GradFn | null {
    return buffer.node === null ? null : displayNode(buffer.node);
  }
  grad(buffer: AdBuffer<B>): AdBuffer<B> | null {
    return buffer.grad as AdBuffer<B> | null;
  }
  setGrad(buffer: AdBuffer<B>, grad: AdBuffer<B> | null): void {
    buffer.grad = grad as AdBuffer<BufferLike> | null as AdBuffer<B> | null;
  }
  detach(buffer: AdBuffer<B>): AdBuffer<B> {
    return new AdBuffer(buffer.inner, buffer.versionBox);
  }
  version(buffer: AdBuffer<B>): number {
    return buffer.versionBox.v;
  }

  backward(output: V<B>, grad: V<B>, options: BackwardOptions = {}): void {
    const buffer = output.buffer;
    if (!buffer.requiresGrad) {
      throw new Error(
        'backward: element 0 of tensors does not require grad and does not have a grad_fn',
      );
    }
    const root = this.nodeOf(buffer);
    const seed = bufferGrad(this.k, this.k.copy(this.iv(grad)), output, buffer.size);
    runBackward(root, seed as Arr<BufferLike>, options.retainGraph ?? false);
  }

  scope<T>(name: string, fn: () => T): T {
    if (this.scopeState !== null) return fn();
    this.scopeState = { id: ++this.scopeCount, name };
    try {
      return fn();
    } finally {
      this.scopeState = null;
    }
  }
}
