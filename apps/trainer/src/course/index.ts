/**
 * The course's helper library (its `torch_lib1`, BOOK.md §2), in TypeScript: `fit`,
 * `evaluateHistory`, `showImagesLabels`, `torchSeed` and `evalLoss`, with the history type and
 * the epoch line they share. The programs of the trainer use them as the course's chapters 8 to 12
 * use `from pythonlibs.torch_lib1 import *`.
 */
export { evalLoss } from './eval-loss.js';
export {
  epochTicks,
  evaluateHistory,
  type LearningCurves,
  learningCurves,
} from './evaluate-history.js';
export {
  type BatchLoader,
  type Criterion,
  FitInterrupted,
  type FitOptions,
  fit,
  noProgress,
  type Progress,
  type ProgressBar,
  type StepOptimizer,
} from './fit.js';
export { epochLine, f5, type History, type HistoryRow, isHistory } from './history.js';
export { type ShowImagesOptions, showImagesLabels } from './show-images-labels.js';
export { torchSeed } from './torch-seed.js';
