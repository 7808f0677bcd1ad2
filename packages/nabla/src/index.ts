/**
 * Nabla, PyTorch for TypeScript. The umbrella package: it sets up the default 'cpu' device and
 * re-exports everything as PyTorch-like namespaces.
 *
 * @example
 * import { torch } from 'nabla';
 * torch.manualSeed(123);
 * console.log(torch.randn(3, 2, 2).toString());
 */
import * as data from './data.js';
import './default-device.js';
import * as nn from './nn.js';
import * as optim from './optim.js';
import * as torch from './torch.js';
import * as vision from './vision.js';

/** The course's `make_dot` (torchviz): `toDot(loss, { params })` and `renderGraph(dot)` to SVG. */
export { gradcheck, renderGraph, toDot } from '@nabla/autograd';
export { Tensor } from '@nabla/tensor';
export { isGpuReady, useGpu } from './gpu.js';
export { data, nn, optim, torch, vision };
