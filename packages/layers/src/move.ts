import { isAutodiff } from '@nabla/backend';
import type { Tensor } from '@nabla/tensor';

/** The fields of a tensor that say where its data is. */
type Placement = {
  -readonly [K in 'device' | 'backend' | 'buffer' | 'shape' | 'strides' | 'offset']: Tensor[K];
};

/**
 * Points `t` at `src`'s data, keeping the object: how `Module.to(device)` moves a parameter
 * that optimizers and other modules hold by identity (PyTorch's `param.data = fn(param.data)`).
 */
function setData(t: Tensor, src: Tensor): void {
  const target = t as unknown as Placement;
  target.device = src.device;
  target.backend = src.backend;
  target.buffer = src.buffer;
  target.shape = src.shape;
  target.strides = src.strides;
  target.offset = src.offset;
}

/**
 * Moves `t` to `device` in place: the same object afterwards holds a copy of its values on the
 * new device, still requires grad if it did, and keeps its gradient (moved too).
 */
export function moveInPlace(t: Tensor, device: string): void {
  if (t.device === device) return;
  const requiresGrad = t.requiresGrad;
  const grad = t.grad;
  setData(t, t.detach().to(device));
  if (!isAutodiff(t.backend)) return;
  if (requiresGrad) t.requiresGrad_(true);
  if (grad !== null) t.grad = grad.to(device);
}
