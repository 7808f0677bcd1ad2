import { type nn, type Tensor, torch } from 'nabla';
import { epochLine, type History, type HistoryRow } from './history.js';

/** A progress bar for one epoch: training then validation batches. */
export interface ProgressBar {
  /** `done` batches of the epoch are finished; `loss` is the running training loss. */
  update(done: number, loss: number): void;
  /** Removes the bar (the epoch line is printed in its place). */
  stop(): void;
}

/** Makes a bar for an epoch of `total` batches, or returns null where none is drawn. */
export type Progress = (label: string, total: number) => ProgressBar | null;

/** No bars: what a test, a pipe or a log file gets. */
export const noProgress: Progress = () => null;

/** What `fit` needs of an optimizer: `optim.SGD`, `optim.Adam`, ... */
export interface StepOptimizer {
  zeroGrad(): void;
  step(): void;
}

/** A loss: `nn.CrossEntropyLoss()` or any `(outputs, labels) => scalar tensor`. */
export type Criterion = (outputs: Tensor, labels: Tensor) => Tensor;

/** A loader of `[inputs, labels]` batches, iterated once per epoch (`data.DataLoader`). */
export type BatchLoader = AsyncIterable<readonly [Tensor, Tensor]> & { readonly length: number };

/** The trainer's additions to the course's `fit`; every one is optional. */
export interface FitOptions {
  /** Where the epoch lines go (default `console.log`). */
  print?: (line: string) => void;
  /** A progress bar per epoch (default none). */
  progress?: Progress;
  /** At most this many batches per epoch, training and validation alike (a quick look). */
  maxSteps?: number;
  /** Asked after every batch; when it says true, `fit` stops with {@link FitInterrupted}. */
  shouldStop?: () => boolean;
  /** Called after each epoch with the history so far (checkpoints hook in here). */
  onEpoch?: (history: History) => void | Promise<void>;
}

/** Thrown by `fit` when `shouldStop` asked it to stop; `history` holds the finished epochs. */
export class FitInterrupted extends Error {
  constructor(readonly history: History) {
    super(`training stopped after ${history.length} finished epochs`);
    this.name = 'FitInterrupted';
  }
}

/** Stops after `maxSteps` batches: the loaders of a quick run are cut short. */
async function* limited<T>(loader: AsyncIterable<T>, maxSteps: number | undefined) {
  let steps = 0;
  for await (const batch of loader) {
    yield batch;
    if (maxSteps !== undefined && ++steps >= maxSteps) return;
  }
}

/**
 * The course's `fit` (BOOK.md §2.2, `torch_lib1.fit`), line for line: `numEpochs` more epochs of
 * training (`net.train()`, zeroGrad, forward, loss, backward, step) and validation
 * (`net.eval()`), each adding the row `[epoch, train loss, train acc, val loss, val acc]` to a
 * copy of `history` and printing the epoch line. Losses are averaged as the current course does,
 * `sum(loss.item() * batch size) / samples`, so a short last batch weighs what it holds.
 *
 * Training resumes from `history`: epochs are numbered from `history.length + 1`, as the course's
 * `base_epochs = len(history)`.
 *
 * @example
 * let history: History = [];
 * history = await fit(net, optimizer, criterion, 10, trainLoader, testLoader, 'cpu', history);
 * // Epoch [1/10], loss: 1.23456 acc: 0.65000 val_loss: 0.98765, val_acc: 0.70000 ...
 */
export async function fit(
  net: nn.Module,
  optimizer: StepOptimizer,
  criterion: Criterion,
  numEpochs: number,
  trainLoader: BatchLoader,
  testLoader: BatchLoader,
  device: string,
  history: History,
  options: FitOptions = {},
): Promise<History> {
  const print = options.print ?? console.log;
  const progress = options.progress ?? noProgress;
  const rows: History = history.map((r) => [...r] as HistoryRow);
  const baseEpochs = rows.length;
  const total = numEpochs + baseEpochs;
  const batches = (loader: BatchLoader): number =>
    Math.min(loader.length, options.maxSteps ?? Number.POSITIVE_INFINITY);
  for (let epoch = baseEpochs; epoch < total; epoch++) {
    let trainLoss = 0;
    let nTrainAcc = 0;
    let valLoss = 0;
    let nValAcc = 0;
    let nTrain = 0;
    let nTest = 0;
    const bar = progress(`Epoch ${epoch + 1}/${total}`, batches(trainLoader) + batches(testLoader));
    let done = 0;
    try {
      // training phase
      net.train();
      for await (const [images, labels0] of limited(trainLoader, options.maxSteps)) {
        const trainBatchSize = labels0.shape[0] ?? 0;
        nTrain += trainBatchSize;
        const inputs = images.to(device);
        const labels = labels0.to(device);
        optimizer.zeroGrad();
        const outputs = net(inputs);
        const loss = criterion(outputs, labels);
        loss.backward();
        optimizer.step();
        // predicted = torch.max(outputs, 1)[1]
        const predicted = torch.max(outputs, 1)[1];
        trainLoss += loss.item() * trainBatchSize;
        nTrainAcc += predicted.eq(labels).sum().item();
        bar?.update(++done, trainLoss / nTrain);
        if (options.shouldStop?.()) throw new FitInterrupted(rows);
      }
      // validation phase; the course builds a graph here and throws it away, noGrad gives the
      // same numbers without it
      net.eval();
      for await (const [images, labels0] of limited(testLoader, options.maxSteps)) {
        const testBatchSize = labels0.shape[0] ?? 0;
        nTest += testBatchSize;
        const inputs = images.to(device);
        const labels = labels0.to(device);
        torch.noGrad(() => {
          const outputs = net(inputs);
          const loss = criterion(outputs, labels);
          const predicted = torch.max(outputs, 1)[1];
          valLoss += loss.item() * testBatchSize;
          nValAcc += predicted.eq(labels).sum().item();
        });
        bar?.update(++done, trainLoss / nTrain);
        if (options.shouldStop?.()) throw new FitInterrupted(rows);
      }
    } finally {
      bar?.stop();
    }
    const row: HistoryRow = [
      epoch + 1,
      trainLoss / nTrain,
      nTrainAcc / nTrain,
      valLoss / nTest,
      nValAcc / nTest,
    ];
    print(epochLine(row, total));
    rows.push(row);
    await options.onEpoch?.(rows.map((r) => [...r] as HistoryRow));
  }
  return rows;
}
