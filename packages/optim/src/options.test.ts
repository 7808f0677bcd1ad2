// The messages are PyTorch's: torch.optim.SGD / torch.optim.Adam in Debian's python3-torch 1.13.1
// raise them for the same values. JavaScript has one number type, so a value prints as JavaScript
// prints it: PyTorch's "Invalid beta parameter at index 0: 1.0" (betas=(1.0, 0.999)) reads "...: 1"
// here, and its "-1e-08" reads "-1e-8".
import { describe, expect, it } from 'vitest';
import { validateAdamOptions, validateSgdOptions } from './options.js';

describe('validateSgdOptions', () => {
  it('fills in the defaults', () => {
    expect(validateSgdOptions({ lr: 0.1 })).toEqual({
      lr: 0.1,
      momentum: 0,
      dampening: 0,
      weightDecay: 0,
      nesterov: false,
      maximize: false,
    });
    expect(validateSgdOptions({ lr: 0.01, momentum: 0.9, nesterov: true })).toEqual({
      lr: 0.01,
      momentum: 0.9,
      dampening: 0,
      weightDecay: 0,
      nesterov: true,
      maximize: false,
    });
  });

  it('rejects negative values with PyTorch messages', () => {
    expect(() => validateSgdOptions({ lr: -1 })).toThrow('Invalid learning rate: -1');
    expect(() => validateSgdOptions({ lr: 0.1, momentum: -0.1 })).toThrow(
      'Invalid momentum value: -0.1',
    );
    expect(() => validateSgdOptions({ lr: 0.1, weightDecay: -0.01 })).toThrow(
      'Invalid weight_decay value: -0.01',
    );
  });

  it('checks in PyTorch order: lr first', () => {
    expect(() => validateSgdOptions({ lr: -1, momentum: -1 })).toThrow('Invalid learning rate');
  });

  it('rejects Nesterov without momentum or with dampening', () => {
    const message = 'Nesterov momentum requires a momentum and zero dampening';
    expect(() => validateSgdOptions({ lr: 0.1, nesterov: true })).toThrow(message);
    expect(() =>
      validateSgdOptions({ lr: 0.1, momentum: 0.9, dampening: 0.1, nesterov: true }),
    ).toThrow(message);
  });

  it('lets zero and NaN through, as PyTorch does', () => {
    // torch.optim.SGD(params, lr=float('nan')) does not raise
    expect(validateSgdOptions({ lr: 0 }).lr).toBe(0);
    expect(validateSgdOptions({ lr: Number.NaN }).lr).toBeNaN();
  });
});

describe('validateAdamOptions', () => {
  it('fills in the defaults', () => {
    const defaults = {
      lr: 1e-3,
      betas: [0.9, 0.999],
      eps: 1e-8,
      weightDecay: 0,
      amsgrad: false,
      maximize: false,
    };
    expect(validateAdamOptions()).toEqual(defaults);
    expect(validateAdamOptions({ lr: 0.01, amsgrad: true })).toEqual({
      ...defaults,
      lr: 0.01,
      amsgrad: true,
    });
  });

  it('rejects values out of range with PyTorch messages', () => {
    expect(() => validateAdamOptions({ lr: -1 })).toThrow('Invalid learning rate: -1');
    expect(() => validateAdamOptions({ eps: -1e-8 })).toThrow('Invalid epsilon value: -1e-8');
    expect(() => validateAdamOptions({ betas: [1.0, 0.999] })).toThrow(
      'Invalid beta parameter at index 0: 1',
    );
    expect(() => validateAdamOptions({ betas: [-0.1, 0.999] })).toThrow(
      'Invalid beta parameter at index 0: -0.1',
    );
    expect(() => validateAdamOptions({ betas: [0.9, 1.0] })).toThrow(
      'Invalid beta parameter at index 1: 1',
    );
    expect(() => validateAdamOptions({ weightDecay: -0.01 })).toThrow(
      'Invalid weight_decay value: -0.01',
    );
  });

  it('rejects NaN, as PyTorch\'s "not 0.0 <= lr" does', () => {
    // torch.optim.Adam(params, lr=float('nan')) -> ValueError: Invalid learning rate: nan
    expect(() => validateAdamOptions({ lr: Number.NaN })).toThrow('Invalid learning rate: NaN');
  });

  it('copies betas, so later changes to the caller array do not leak in', () => {
    const betas: [number, number] = [0.8, 0.9];
    const options = validateAdamOptions({ betas });
    betas[0] = 0.5;
    expect(options.betas).toEqual([0.8, 0.9]);
  });
});
