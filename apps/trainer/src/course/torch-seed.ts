import { torch } from 'nabla';

/**
 * The course's `torch_seed(seed=123)` (BOOK.md §2.5): seeds the generator that layer
 * initialisation, `randn`, dropout and DataLoader shuffling draw from, so that a program gives
 * the same numbers on every run, and the same as PyTorch's CPU generator after
 * `torch.manual_seed(seed)`. (The course also seeds CUDA and asks cuDNN for determinism; Nabla's
 * one generator covers every device.)
 *
 * @example
 * torchSeed();
 * const net = new Net(784, 10, 128); // the same initial weights as torch_seed() gives in PyTorch
 */
export function torchSeed(seed = 123): void {
  torch.manualSeed(seed);
}
