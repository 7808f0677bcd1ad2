import type { Tensor } from '@nabla/tensor';

// PyTorch's fused pointwise updates, written with Tensor ops in the order PyTorch's CPU kernels
// evaluate them (aten/src/ATen/native/cpu/PointwiseOpsKernel.cpp):
//   addcmul: self + value * t1 * t2, that is self + ((value * t1) * t2)
//   addcdiv: self + value * t1 / t2, that is self + ((value * t1) / t2)
// Each op rounds to float32 as PyTorch's does, except that PyTorch's AVX2 build contracts the
// last multiply and add of addcmul (and `add(other, alpha)`) into one fused multiply-add; here
// they round separately, which can move a result by one unit in the last place.

/** `self.addcmul_(t1, t2, value=value)`: `self += value * t1 * t2`, in place. */
export function addcmul_(self: Tensor, t1: Tensor, t2: Tensor, value = 1): Tensor {
  return self.add_(scaled(t1, value).mul(t2));
}

/** `self.addcmul(t1, t2, value=value)`: `self + value * t1 * t2`, a new tensor. */
export function addcmul(self: Tensor, t1: Tensor, t2: Tensor, value = 1): Tensor {
  return self.add(scaled(t1, value).mul(t2));
}

/** `self.addcdiv_(t1, t2, value=value)`: `self += value * t1 / t2`, in place. */
export function addcdiv_(self: Tensor, t1: Tensor, t2: Tensor, value = 1): Tensor {
  return self.add_(scaled(t1, value).div(t2));
}

/** `value * t`; multiplying by 1 is exact, so it is skipped. */
function scaled(t: Tensor, value: number): Tensor {
  return value === 1 ? t : t.mul(value);
}
