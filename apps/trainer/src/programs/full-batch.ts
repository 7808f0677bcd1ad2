import { type nn, optim, type Tensor } from 'nabla';
import type { RunContext } from '../context.js';
import { epochLine, type History } from '../course/history.js';
import { shouldPrintRow } from './log-lines.js';

/** The four tensors of a small classification problem: training and test inputs and labels. */
export interface Split {
  inputs: Tensor;
  labels: Tensor;
  inputsTest: Tensor;
  labelsTest: Tensor;
}

/** How a chapter turns outputs into a loss and into predicted labels. */
export interface Head {
  loss: (outputs: Tensor, labels: Tensor) => Tensor;
  predict: (outputs: Tensor) => Tensor;
}

/** `(predicted == labels).sum() / len(labels)`: a float32 count ratio, as the course's tensor. */
function accuracy(predicted: Tensor, labels: Tensor): number {
  const n = labels.shape[0] ?? 1;
  return Math.fround(predicted.eq(labels).sum().item() / n);
}

/**
 * The chapters 6 and 7 loop (BOOK.md §2.6): full-batch epochs, each a training step (zeroGrad,
 * forward, loss, backward, SGD step) and a validation pass; every 10 epochs a history row
 * `[epoch, train loss, train acc, val loss, val acc]` (epoch from 0) and the epoch line.
 */
export function fullBatchLoop(ctx: RunContext, net: nn.Module, head: Head, data: Split): History {
  const { epochs, lr } = ctx.settings;
  const optimizer = new optim.SGD(net.parameters(), { lr });
  const history: History = [];
  const rows = Math.ceil(epochs / 10);
  for (let epoch = 0; epoch < epochs; epoch++) {
    // training phase
    optimizer.zeroGrad();
    const outputs = net(data.inputs);
    const loss = head.loss(outputs, data.labels);
    loss.backward();
    optimizer.step();
    const trainLoss = loss.item();
    const trainAcc = accuracy(head.predict(outputs), data.labels);
    // prediction phase
    const outputsTest = net(data.inputsTest);
    const valLoss = head.loss(outputsTest, data.labelsTest).item();
    const valAcc = accuracy(head.predict(outputsTest), data.labelsTest);
    if (epoch % 10 === 0) {
      const row: History[number] = [epoch, trainLoss, trainAcc, valLoss, valAcc];
      history.push(row);
      if (shouldPrintRow(history.length - 1, rows)) ctx.print(epochLine(row, epochs));
    }
  }
  return history;
}
