/**
 * The `optim` namespace, as PyTorch's `torch.optim`: optimizers, and the learning-rate
 * schedulers of `torch.optim.lr_scheduler` (also under `optim.lrScheduler`).
 */
import './default-device.js';

export * from '@nabla/optim';
export * as lrScheduler from './lr-scheduler.js';
