/**
 * The arithmetic of PyTorch's weight initialisation (torch/nn/init.py): fans, gains and the
 * bounds of the uniform distributions that `Linear` and `Conv2d` draw their initial weights from.
 */

/** The nonlinearities {@link calculateGain} knows (`torch.nn.functional` names). */
export type Nonlinearity =
  | 'linear'
  | 'conv1d'
  | 'conv2d'
  | 'conv3d'
  | 'conv_transpose1d'
  | 'conv_transpose2d'
  | 'conv_transpose3d'
  | 'sigmoid'
  | 'tanh'
  | 'relu'
  | 'leaky_relu'
  | 'selu';

/** Which fan {@link kaimingUniformBound} scales by: `fan_in` keeps the forward pass's variance. */
export type FanMode = 'fan_in' | 'fan_out';

const LINEAR_FNS: readonly string[] = [
  'linear',
  'conv1d',
  'conv2d',
  'conv3d',
  'conv_transpose1d',
  'conv_transpose2d',
  'conv_transpose3d',
];

/**
 * The number of inputs and outputs each weight connects, for a weight of the given shape:
 * `[out, in]` for `Linear`, `[out, in/groups, ...kernel]` for convolutions, where each kernel
 * position counts as one more connection.
 *
 * Mirrors `torch.nn.init._calculate_fan_in_and_fan_out(tensor)`.
 *
 * @throws Error for a shape of fewer than 2 dimensions.
 *
 * @example
 * ```ts
 * calculateFanInAndFanOut([128, 784]);   // [784, 128]  (Linear(784, 128).weight)
 * calculateFanInAndFanOut([32, 3, 3, 3]); // [27, 288]   (Conv2d(3, 32, 3).weight)
 * ```
 */
export function calculateFanInAndFanOut(shape: readonly number[]): [fanIn: number, fanOut: number] {
  const [numOutputFmaps, numInputFmaps, ...kernel] = shape;
  if (numOutputFmaps === undefined || numInputFmaps === undefined) {
    throw new Error(
      'Fan in and fan out can not be computed for tensor with fewer than 2 dimensions',
    );
  }
  // Every kernel position is one more connection: a 3x3 kernel has 9 per input map.
  let receptiveFieldSize = 1;
  for (const s of kernel) receptiveFieldSize *= s;
  return [numInputFmaps * receptiveFieldSize, numOutputFmaps * receptiveFieldSize];
}

/**
 * The recommended scale of initial weights for a layer followed by the given nonlinearity:
 * 1 for linear, convolution and sigmoid, 5/3 for tanh, sqrt(2) for relu,
 * sqrt(2 / (1 + negativeSlope^2)) for leaky_relu (`param` is the slope, 0.01 when not given),
 * 3/4 for selu.
 *
 * Mirrors `torch.nn.init.calculate_gain(nonlinearity, param=None)`.
 *
 * @throws Error for an unknown nonlinearity or a slope that is not a number.
 *
 * @example
 * ```ts
 * calculateGain('relu');                       // 1.4142135623730951
 * calculateGain('leaky_relu', Math.sqrt(5));   // 0.5773502691896257 (Linear's default init)
 * ```
 */
export function calculateGain(nonlinearity: Nonlinearity, param?: number): number {
  if (LINEAR_FNS.includes(nonlinearity) || nonlinearity === 'sigmoid') return 1;
  if (nonlinearity === 'tanh') return 5.0 / 3;
  if (nonlinearity === 'relu') return Math.sqrt(2.0);
  if (nonlinearity === 'leaky_relu') {
    // Checked at run time too: JavaScript callers can pass anything.
    if (param !== undefined && typeof param !== 'number') {
      throw new Error(`negative_slope ${String(param)} not a valid number`);
    }
    const negativeSlope = param ?? 0.01;
    return Math.sqrt(2.0 / (1 + negativeSlope ** 2));
  }
  // Found empirically (https://github.com/pytorch/pytorch/pull/50664).
  if (nonlinearity === 'selu') return 3.0 / 4;
  throw new Error(`Unsupported nonlinearity ${String(nonlinearity)}`);
}

/**
 * The bound `b` of the uniform distribution U(-b, b) that kaiming (He) uniform initialisation
 * draws from: `gain * sqrt(3 / fan)`, with the gain of `nonlinearity` at slope `a`.
 * `Linear` and `Conv2d` initialise their weights with `a = sqrt(5)`, which gives
 * `1 / sqrt(fanIn)`. A shape with a zero dimension gives 0: PyTorch leaves such a tensor as is.
 *
 * Mirrors the bound computed inside `torch.nn.init.kaiming_uniform_(tensor, a=0,
 * mode='fan_in', nonlinearity='leaky_relu')`, with the same defaults.
 *
 * @throws Error for a mode other than `fan_in` or `fan_out`, or a shape of fewer than 2
 *   dimensions.
 *
 * @example
 * ```ts
 * kaimingUniformBound([128, 784], Math.sqrt(5)); // 0.03571428571428571  (nn.Linear(784, 128))
 * kaimingUniformBound([128, 784], 0, 'fan_out', 'relu'); // 0.21650635094610965
 * ```
 */
export function kaimingUniformBound(
  shape: readonly number[],
  a = 0,
  mode: FanMode = 'fan_in',
  nonlinearity: Nonlinearity = 'leaky_relu',
): number {
  // PyTorch checks for an empty tensor first, then the mode, then the fans.
  if (shape.includes(0)) return 0;
  const fanMode = mode.toLowerCase();
  if (fanMode !== 'fan_in' && fanMode !== 'fan_out') {
    throw new Error(`Mode ${fanMode} not supported, please use one of ['fan_in', 'fan_out']`);
  }
  const [fanIn, fanOut] = calculateFanInAndFanOut(shape);
  const fan = fanMode === 'fan_in' ? fanIn : fanOut;
  const gain = calculateGain(nonlinearity, a);
  const std = gain / Math.sqrt(fan);
  // Same operation order as PyTorch, so the bound is the same double.
  return Math.sqrt(3.0) * std;
}

/**
 * The bound `b` of U(-b, b) that `Linear` and `Conv2d` draw their bias from: `1 / sqrt(fanIn)`,
 * or 0 when `fanIn` is 0.
 *
 * Mirrors `bound = 1 / math.sqrt(fan_in) if fan_in > 0 else 0` in
 * `torch.nn.Linear.reset_parameters()` (and `_ConvNd.reset_parameters()`).
 *
 * @example
 * ```ts
 * biasUniformBound(784); // 0.03571428571428571
 * biasUniformBound(27);  // 0.19245008972987526 (Conv2d(3, 32, 3): fanIn = 3 * 3 * 3)
 * ```
 */
export function biasUniformBound(fanIn: number): number {
  return fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
}
