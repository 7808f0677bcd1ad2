import type { DType, TypedArray } from './dtype.js';
import type { ArgReduceOp, BinaryOp, ReduceOp, UnaryOp } from './ops.js';
import type { Shape } from './shape.js';
import type { View } from './view.js';

/**
 * What every backend's buffers carry. A buffer is a flat run of `size` elements of one dtype;
 * shapes and strides live in the {@link View}s that kernels read.
 */
export interface BufferLike {
  readonly dtype: DType;
  readonly size: number;
}

/**
 * The primitive operations a device must provide. Kernels read strided {@link View}s
 * (strides may be 0 or negative) and write new contiguous buffers, except `assign`,
 * which writes in place. Inputs have been validated by the tensor layer: kernels trust them.
 *
 * Mirrors the role of burn's `Backend` trait and TF.js's `KernelBackend`.
 */
export interface Backend<B extends BufferLike = BufferLike> {
  /** The device name tensors report, for example `'cpu'`. */
  readonly device: string;

  // --- memory ---------------------------------------------------------------------------
  /** A new zero-filled buffer. */
  zeros(size: number, dtype: DType): B;
  /** A new buffer holding `values`, converted as `castScalar` does. */
  fromValues(values: ArrayLike<number>, dtype: DType): B;
  /** The buffer's elements on the host. Always works. */
  read(buffer: B): Promise<TypedArray>;
  /** The buffer's elements, synchronously; throws where the device cannot read synchronously. */
  readSync(buffer: B): TypedArray;
  /** Frees device memory now (CPU buffers are garbage-collected; this is a no-op there). */
  dispose(buffer: B): void;
  /**
   * True where `readSync` throws because reads are asynchronous (gpu.js's webgpu mode). Checks
   * that would read values on the host (class labels in range) are skipped there, as CUDA
   * defers them to the device.
   */
  readonly readsAsync?: boolean;

  // --- primitives -----------------------------------------------------------------------
  /** Copies a view into a new contiguous buffer of `dtype` (a plain copy when the dtype is the same). */
  cast(x: View<B>, dtype: DType): B;
  /** An elementwise op of one input. */
  unary(op: UnaryOp, x: View<B>): B;
  /** An elementwise op of two inputs with equal shapes and dtypes (broadcasting is done by strides). */
  binary(op: BinaryOp, a: View<B>, b: View<B>): B;
  /** `cond ? a : b` elementwise; `cond` is bool, `a` and `b` share a dtype; all shapes equal. */
  where(cond: View<B>, a: View<B>, b: View<B>): B;
  /** Reduces `axes` (sorted, distinct); the result keeps them as size-1 dimensions. */
  reduce(op: ReduceOp, x: View<B>, axes: readonly number[]): B;
  /** The int32 index of the first maximum / minimum along `axis`; the result keeps the axis as size 1. */
  argReduce(op: ArgReduceOp, x: View<B>, axis: number): B;
  /**
   * Batched matrix product of float32 views `a: [..., M, K]` and `b: [..., K, N]` whose batch
   * dimensions are equal (broadcast by strides); the result is `[..., M, N]`.
   */
  matmul(a: View<B>, b: View<B>): B;
  /**
   * `torch.gather`: `out[i][j][k] = x[index[i][j][k]][j][k]` for `axis` 0, and so on.
   * `index` is int32 with the output's shape; its values are in range.
   */
  gather(x: View<B>, axis: number, index: View<B>): B;
  /**
   * A copy of `x` with `src` written at `index` along `axis` (`torch.scatter`), or added
   * there when `accumulate` (`torch.scatter_add`). `index` and `src` share a shape.
   */
  scatter(x: View<B>, axis: number, index: View<B>, src: View<B>, accumulate: boolean): B;
  /** Writes `src` into the elements of `dst` in place; the shapes are equal, `src` has `dst`'s dtype. */
  assign(dst: View<B>, src: View<B>): void;

  // --- optional fused ops -----------------------------------------------------------------
  // A backend may implement these for speed; the tensor layer otherwise composes them from
  // the primitives above, so a new backend runs everything once the primitives pass.
  /** `softmax` of a float32 view along `axis`. */
  softmax?(x: View<B>, axis: number): B;
  /** `log_softmax` of a float32 view along `axis`. */
  logSoftmax?(x: View<B>, axis: number): B;
  /**
   * `torch.add(a, b, alpha=alpha)`: `a + alpha * b` for float32 views of one shape, rounded once
   * (as PyTorch's fused kernel does), with `alpha` first rounded to float32 (PyTorch casts it to
   * the tensors' dtype). The optimizers' update `p.add_(grad, -lr)` is this op.
   */
  addScaled?(a: View<B>, b: View<B>, alpha: number): B;
  /**
   * PyTorch's `threshold_backward(grad, x, threshold)`, the gradient of ReLU (with `x` its
   * output and `threshold` 0): `x <= threshold ? 0 : grad` elementwise over float32 views of
   * one shape (a NaN in `x` passes its gradient on).
   */
  thresholdBackward?(grad: View<B>, x: View<B>, threshold: number): B;
  /**
   * `torch.nn.functional.conv2d`: the cross-correlation of float32 `x: [N, C, H, W]` with
   * `weight: [O, C / groups, kH, kW]`, plus `bias: [O]` when given; the result is
   * `[N, O, ...p.outSize]`. Input positions outside `[0, H) x [0, W)` read as zero.
   * A backend that has it also has {@link conv2dBackwardInput} and {@link conv2dBackwardWeight}.
   */
  conv2d?(x: View<B>, weight: View<B>, bias: View<B> | null, p: Conv2dParams): B;
  /**
   * The gradient of {@link conv2d} with respect to its input: `grad: [N, O, Ho, Wo]` through
   * `weight` back to `inputShape` `[N, C, H, W]` (overlapping windows add up).
   */
  conv2dBackwardInput?(grad: View<B>, weight: View<B>, inputShape: Shape, p: Conv2dParams): B;
  /**
   * The gradient of {@link conv2d} with respect to its weight: `grad: [N, O, Ho, Wo]` against
   * the input `x: [N, C, H, W]`, summed over the batch, of `weightShape` `[O, C / groups, kH, kW]`.
   */
  conv2dBackwardWeight?(grad: View<B>, x: View<B>, weightShape: Shape, p: Conv2dParams): B;
  /**
   * `torch.nn.functional.max_pool2d(..., return_indices=True)` over float32 `x: [N, C, H, W]`:
   * the maximum of each window, `[N, C, ...p.outSize]`, and where it is, as int32 flat indices
   * `h * W + w` into the input's plane. Positions outside the input are never chosen (they read
   * as -inf); the first maximum in the window's row-major order wins, and a NaN counts as a
   * maximum. A backend that has it also has {@link maxPool2dBackward}.
   */
  maxPool2d?(x: View<B>, p: Pool2dParams): [values: B, indices: B];
  /**
   * The gradient of {@link maxPool2d}: each element of `grad: [N, C, Ho, Wo]` added into the
   * input position its index names, giving `inputShape` `[N, C, H, W]` (zeros elsewhere).
   */
  maxPool2dBackward?(grad: View<B>, indices: View<B>, inputShape: Shape, p: Pool2dParams): B;
  /**
   * The batch statistics of `torch.nn.functional.batch_norm` in training: the mean and the
   * biased variance (divided by the count) of each channel of float32 `x: [N, C, ...]`, over
   * the batch and every dimension after the channels; `[C]` each. A backend that has it also
   * has {@link batchNorm} and {@link batchNormBackward}.
   */
  batchNormStats?(x: View<B>): [mean: B, variance: B];
  /**
   * `torch.nn.functional.batch_norm` with settled statistics: `y = (x - mean[c]) * invstd[c] *
   * weight[c] + bias[c]` for float32 `x: [N, C, ...]` and `[C]` views (`invstd` is
   * `1 / sqrt(variance + eps)`; a missing weight is 1, a missing bias 0); `y` has `x`'s shape.
   * `training` says whether `mean` and `invstd` are `x`'s own {@link batchNormStats} (so that
   * a gradient goes through them too); the values do not depend on it.
   */
  batchNorm?(
    x: View<B>,
    mean: View<B>,
    invstd: View<B>,
    weight: View<B> | null,
    bias: View<B> | null,
    training: boolean,
  ): B;
  /**
   * The gradients of {@link batchNorm} (PyTorch's `native_batch_norm_backward`), for
   * `grad: [N, C, ...]` with `xhat = (x - mean[c]) * invstd[c]`: the weight's,
   * `sum(grad * xhat)` per channel, and the bias's, `sum(grad)` per channel (`[C]` each, also
   * when there is no weight or bias); and the input's, `[N, C, ...]`: in training, through the
   * batch statistics, `weight[c] * invstd[c] * (grad - sum(grad) / M - xhat * sum(grad * xhat) / M)`
   * with `M` the count per channel; otherwise `grad * invstd[c] * weight[c]`.
   */
  batchNormBackward?(
    grad: View<B>,
    x: View<B>,
    mean: View<B>,
    invstd: View<B>,
    weight: View<B> | null,
    training: boolean,
  ): [gradInput: B, gradWeight: B, gradBias: B];
}

/**
 * Where the windows of a 2-D convolution lie: output element `(oh, ow)` reads input rows
 * `oh * stride[0] - padding[0] + i * dilation[0]` for `i < kH` (columns alike). The tensor layer
 * has settled and checked these (PyTorch's 'same' padding, with its extra zero on the bottom /
 * right, is just a larger `outSize`).
 */
export interface Conv2dParams {
  readonly stride: readonly [number, number];
  /** Zeros before the first row and column; those after are whatever `outSize` reaches. */
  readonly padding: readonly [number, number];
  readonly dilation: readonly [number, number];
  readonly groups: number;
  /** `[Ho, Wo]`. */
  readonly outSize: readonly [number, number];
}

/** Where the windows of a 2-D pooling lie, as in {@link Conv2dParams}, with the kernel's size. */
export interface Pool2dParams {
  readonly kernel: readonly [number, number];
  readonly stride: readonly [number, number];
  readonly padding: readonly [number, number];
  readonly dilation: readonly [number, number];
  /** `[Ho, Wo]` (ceil mode included). */
  readonly outSize: readonly [number, number];
}

/** A buffer of any backend, as the tensor layer holds it. */
export type AnyBackend = Backend<BufferLike>;

/** A shape and dtype, the metadata the tensor layer tracks beside a buffer. */
export interface TensorSpec {
  readonly shape: Shape;
  readonly dtype: DType;
}
