import { lineChart } from '../report/line-chart.js';
import { f5, type History } from './history.js';

/** The two learning curves as SVG documents. */
export interface LearningCurves {
  /** Training (blue) and validation (black) loss by epoch. */
  loss: string;
  /** Training (blue) and validation (black) accuracy by epoch. */
  accuracy: string;
}

/**
 * The x ticks of the course's `evaluate_history`: `np.arange(0, num_epochs + 1, unit)` with
 * `unit = num_epochs / 10`, or 1 below ten epochs (the library version's guard). Where
 * `num_epochs / 10` is not a whole number (12 epochs: ticks at 1.2, 2.4, ...) the unit is rounded
 * up to one.
 */
export function epochTicks(numEpochs: number): number[] {
  const unit = numEpochs < 10 ? 1 : Math.ceil(numEpochs / 10);
  const ticks: number[] = [];
  for (let v = 0; v <= numEpochs + 1e-9; v += unit) ticks.push(Number(v.toFixed(6)));
  return ticks;
}

/**
 * The learning curves of a history: loss and accuracy, training (history column 1 / 2) in blue
 * and validation (column 3 / 4) in black, against the epoch column, as the course plots them.
 * `xticks` default to {@link epochTicks} when the epochs are 1..n (a `fit` history), else to
 * round values (the every-10-epochs rows of the chapter 6 and 7 loops).
 */
export function learningCurves(history: History, xlabel = 'epochs'): LearningCurves {
  const epochs = history.map((r) => r[0]);
  const fromFit = epochs.every((e, i) => e === i + 1);
  const xticks = fromFit ? epochTicks(history.length) : undefined;
  const curve = (title: string, ylabel: string, train: number, val: number): string =>
    lineChart({
      title,
      xlabel,
      ylabel,
      ...(xticks ? { xticks } : {}),
      series: [
        { name: 'train', color: 'blue', points: history.map((r) => [r[0], r[train] as number]) },
        {
          name: 'validation',
          color: 'black',
          points: history.map((r) => [r[0], r[val] as number]),
        },
      ],
    });
  return {
    loss: curve('Learning curve (loss)', 'loss', 1, 3),
    accuracy: curve('Learning curve (accuracy)', 'accuracy', 2, 4),
  };
}

/**
 * The course's `evaluate_history` (BOOK.md §2.3): prints the validation loss and accuracy after
 * the first and the last epoch, in the course's words, and returns the two learning curves as SVG
 * (the course shows them with matplotlib).
 *
 * @example
 * const curves = evaluateHistory(history);
 * // 初期状態: 損失: 1.79429 精度: 0.37690
 * // 最終状態: 損失: 1.35274 精度: 0.53070
 * writeFileSync('loss.svg', curves.loss);
 */
export function evaluateHistory(
  history: History,
  print: (line: string) => void = console.log,
): LearningCurves {
  const first = history[0];
  const last = history[history.length - 1];
  if (first === undefined || last === undefined) {
    throw new Error('evaluateHistory: the history is empty; train at least one epoch first');
  }
  print(`初期状態: 損失: ${f5(first[3])} 精度: ${f5(first[4])}`);
  print(`最終状態: 損失: ${f5(last[3])} 精度: ${f5(last[4])}`);
  return learningCurves(history);
}
