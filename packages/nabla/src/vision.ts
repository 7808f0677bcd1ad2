/**
 * The `vision` namespace, as torchvision: `vision.datasets` (MNIST, FashionMNIST, CIFAR10,
 * ImageFolder, and the CSV tables) and `vision.transforms`.
 */
import './default-device.js';

export { transforms } from '@nabla/datasets';
export * as datasets from './vision-datasets.js';
