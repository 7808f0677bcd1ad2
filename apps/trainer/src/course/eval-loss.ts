import type { nn, Tensor } from 'nabla';
import type { Criterion } from './fit.js';

/**
 * The course's `eval_loss` (BOOK.md §2.1): the loss of `net` on the first batch of `loader`, with
 * its graph, for drawing the computation graph (`--graph`, torchviz's `make_dot`).
 *
 * @example
 * const loss = await evalLoss(testLoader, 'cpu', net, criterion);
 */
export async function evalLoss(
  loader: AsyncIterable<readonly [Tensor, Tensor]>,
  device: string,
  net: nn.Module,
  criterion: Criterion,
): Promise<Tensor> {
  for await (const [images, labels] of loader) {
    const inputs = images.to(device);
    const outputs = net(inputs);
    return criterion(outputs, labels.to(device));
  }
  throw new Error('evalLoss: the loader has no batches');
}
