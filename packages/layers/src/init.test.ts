// Every literal below was printed with repr() by Debian's python3-torch 1.13.1+dfsg-4
// (/usr/bin/python3; torch.__version__ says '1.13.0a0'). The call that gave each one is in the
// comment beside it, with I = torch.nn.init.
import { describe, expect, it } from 'vitest';
import {
  biasUniformBound,
  calculateFanInAndFanOut,
  calculateGain,
  type FanMode,
  kaimingUniformBound,
  type Nonlinearity,
} from './init.js';

describe('calculateFanInAndFanOut', () => {
  it('gives [in, out] for a Linear weight [out, in]', () => {
    // I._calculate_fan_in_and_fan_out(torch.empty(128, 784)) -> (784, 128)
    expect(calculateFanInAndFanOut([128, 784])).toEqual([784, 128]);
    // I._calculate_fan_in_and_fan_out(torch.empty(10, 1)) -> (1, 10)
    expect(calculateFanInAndFanOut([10, 1])).toEqual([1, 10]);
    // I._calculate_fan_in_and_fan_out(torch.empty(5, 0)) -> (0, 5)
    expect(calculateFanInAndFanOut([5, 0])).toEqual([0, 5]);
  });

  it('multiplies by the receptive field for a conv weight', () => {
    // I._calculate_fan_in_and_fan_out(torch.empty(32, 3, 3, 3)) -> (27, 288)
    expect(calculateFanInAndFanOut([32, 3, 3, 3])).toEqual([27, 288]);
    // I._calculate_fan_in_and_fan_out(torch.empty(16, 8, 5)) -> (40, 80)
    expect(calculateFanInAndFanOut([16, 8, 5])).toEqual([40, 80]);
  });

  it('rejects fewer than 2 dimensions with PyTorch message', () => {
    // I._calculate_fan_in_and_fan_out(torch.empty(5)) raises ValueError with this message
    const message =
      'Fan in and fan out can not be computed for tensor with fewer than 2 dimensions';
    expect(() => calculateFanInAndFanOut([5])).toThrow(message);
    expect(() => calculateFanInAndFanOut([])).toThrow(message);
  });
});

describe('calculateGain', () => {
  it('is 1 for linear, the convolutions and sigmoid', () => {
    // I.calculate_gain('linear'), ('conv2d'), ('conv_transpose3d'), ('sigmoid') -> 1
    const ones: Nonlinearity[] = ['linear', 'conv1d', 'conv2d', 'conv3d', 'conv_transpose3d'];
    for (const n of [...ones, 'sigmoid' as const]) expect(calculateGain(n)).toBe(1);
  });

  it('matches PyTorch for tanh, relu and selu', () => {
    expect(calculateGain('tanh')).toBe(1.6666666666666667); // I.calculate_gain('tanh')
    // I.calculate_gain('relu') printed 1.4142135623730951, which is Math.SQRT2
    expect(calculateGain('relu')).toBe(Math.SQRT2);
    expect(calculateGain('selu')).toBe(0.75); // I.calculate_gain('selu')
  });

  it('uses a slope of 0.01 for leaky_relu by default, and the given slope otherwise', () => {
    expect(calculateGain('leaky_relu')).toBe(1.4141428569978354); // I.calculate_gain('leaky_relu')
    // I.calculate_gain('leaky_relu', math.sqrt(5))
    expect(calculateGain('leaky_relu', Math.sqrt(5))).toBe(0.5773502691896257);
    expect(calculateGain('leaky_relu', 0.2)).toBe(1.3867504905630728); // (..., 0.2)
    expect(calculateGain('leaky_relu', 0)).toBe(Math.SQRT2); // (..., 0): 1.4142135623730951
  });

  it('rejects an unknown nonlinearity and a slope that is not a number', () => {
    // I.calculate_gain('gelu') -> ValueError('Unsupported nonlinearity gelu')
    expect(() => calculateGain('gelu' as Nonlinearity)).toThrow('Unsupported nonlinearity gelu');
    // I.calculate_gain('leaky_relu', 'x') -> ValueError('negative_slope x not a valid number')
    const slope = 'x' as unknown as number;
    expect(() => calculateGain('leaky_relu', slope)).toThrow('negative_slope x not a valid number');
  });
});

describe('kaimingUniformBound', () => {
  // bound = math.sqrt(3.0) * I.calculate_gain(nl, a) / math.sqrt(I._calculate_correct_fan(w, mode)),
  // the lines of I.kaiming_uniform_(w, a, mode, nl) that compute it.
  it("gives Linear's and Conv2d's default init bound with a = sqrt(5)", () => {
    const a = Math.sqrt(5);
    expect(kaimingUniformBound([10, 1], a)).toBe(0.9999999999999999); // w = torch.empty(10, 1)
    expect(kaimingUniformBound([128, 784], a)).toBe(0.03571428571428571); // torch.empty(128, 784)
    expect(kaimingUniformBound([32, 3, 3, 3], a)).toBe(0.19245008972987523); // (32, 3, 3, 3)
  });

  it('uses the defaults a = 0, fan_in, leaky_relu', () => {
    expect(kaimingUniformBound([10, 1])).toBe(2.4494897427831783); // w = torch.empty(10, 1)
  });

  it('scales by fan_out and other gains when asked', () => {
    // w = torch.empty(128, 784), a=0, mode='fan_out', nl='relu'
    expect(kaimingUniformBound([128, 784], 0, 'fan_out', 'relu')).toBe(0.21650635094610965);
    // w = torch.empty(32, 3, 3, 3), a=0, mode='FAN_OUT' (PyTorch lower-cases it), nl='relu'
    const upper = 'FAN_OUT' as FanMode;
    expect(kaimingUniformBound([32, 3, 3, 3], 0, upper, 'relu')).toBe(0.14433756729740646);
    // w = torch.empty(16, 8, 5), a=0, mode='fan_in', nl='tanh'
    expect(kaimingUniformBound([16, 8, 5], 0, 'fan_in', 'tanh')).toBe(0.45643546458763845);
  });

  it('rejects an unknown mode with PyTorch message', () => {
    // I._calculate_correct_fan(torch.empty(3, 5), 'FAN_AVG') raises this
    expect(() => kaimingUniformBound([3, 5], 0, 'FAN_AVG' as FanMode)).toThrow(
      "Mode fan_avg not supported, please use one of ['fan_in', 'fan_out']",
    );
  });

  it('is 0 for a tensor with no elements, which PyTorch leaves untouched', () => {
    // I.kaiming_uniform_(torch.empty(0), mode='bad') returns tensor([]) without an error
    expect(kaimingUniformBound([0], 0, 'bad' as FanMode)).toBe(0);
    expect(kaimingUniformBound([5, 0])).toBe(0);
  });

  it('rejects a shape of fewer than 2 dimensions', () => {
    expect(() => kaimingUniformBound([5])).toThrow('fewer than 2 dimensions');
  });
});

describe('biasUniformBound', () => {
  it('is 1 / sqrt(fanIn), as Linear.reset_parameters computes it', () => {
    expect(biasUniformBound(1)).toBe(1.0); // 1 / math.sqrt(1), fan_in of torch.empty(10, 1)
    expect(biasUniformBound(784)).toBe(0.03571428571428571); // fan_in of torch.empty(128, 784)
    // 1 / math.sqrt(27): nn.Conv2d(3, 32, 3); one ulp above kaiming's bound for the same layer
    expect(biasUniformBound(27)).toBe(0.19245008972987526);
    expect(biasUniformBound(288)).toBe(0.05892556509887897); // 1 / math.sqrt(288)
  });

  it('is 0 when fanIn is 0', () => {
    expect(biasUniformBound(0)).toBe(0);
  });
});
