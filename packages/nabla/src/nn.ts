/**
 * The `nn` namespace, as PyTorch's `torch.nn`: Module, Parameter, the containers and layers,
 * `nn.init`, the loss classes, and `nn.functional`.
 *
 * @example
 * class Net extends nn.Module {
 *   l1 = new nn.Linear(784, 128);
 *   relu = new nn.ReLU();
 *   l2 = new nn.Linear(128, 10);
 *   forward(x: Tensor) { return this.l2(this.relu(this.l1(x))); }
 * }
 */
import './default-device.js';

export * from '@nabla/layers';
export * from '@nabla/losses';
export * as functional from './functional.js';
