import { nn, type Tensor } from 'nabla';
import type { CheckpointOptimizer } from '../checkpoint.js';
import type { RunContext } from '../context.js';
import { evalLoss } from '../course/eval-loss.js';
import { evaluateHistory } from '../course/evaluate-history.js';
import { type Criterion, fit, type StepOptimizer } from '../course/fit.js';
import type { History } from '../course/history.js';
import { type ShowImagesOptions, showImagesLabels } from '../course/show-images-labels.js';

type Loader = AsyncIterable<readonly [Tensor, Tensor]> & { readonly length: number };

/** A model to train with the course's `fit`, and how to show it. */
export interface Training {
  net: nn.Module;
  optimizer: StepOptimizer & CheckpointOptimizer;
  criterion: Criterion;
  trainLoader: Loader;
  testLoader: Loader;
  classes: readonly string[];
  /** torchinfo's `summary(net, input_size)`. */
  summaryInput: number[];
  images?: ShowImagesOptions;
  /** Show the first test images before training, as chapter 9 does (without predictions). */
  showBefore?: boolean;
}

/**
 * The course's cells from `net = ...` to `show_images_labels`: the model's printout and summary,
 * (with --graph) the loss graph of `eval_loss`, `fit` for the epochs asked (resuming from a
 * checkpoint with --resume), `evaluate_history` and its learning curves, and the test images with
 * their predicted labels. Everything that draws random numbers (the graph and the images shown
 * before training iterate a loader) comes before the resume, so that a resumed run continues an
 * uninterrupted one exactly.
 */
export async function trainAndShow(ctx: RunContext, t: Training): Promise<History> {
  const { device, epochs } = ctx.settings;
  ctx.print(String(t.net));
  const summary = String(nn.summary(t.net, t.summaryInput, { depth: 1 }));
  ctx.print(summary);
  ctx.report.text('Model summary', summary);
  if (ctx.settings.graph) {
    const loss = await evalLoss(t.testLoader, device, t.net, t.criterion);
    await ctx.graph(
      'graph.svg',
      'loss of the first test batch',
      loss,
      Object.fromEntries(t.net.namedParameters()),
    );
  }
  if (t.showBefore) {
    const svg = await showImagesLabels(t.testLoader, t.classes, null, null, t.images);
    ctx.figure('images.svg', 'the first test images', svg);
  }
  let history = ctx.resume(t.net, t.optimizer);
  history = await fit(
    t.net,
    t.optimizer,
    t.criterion,
    epochs,
    t.trainLoader,
    t.testLoader,
    device,
    history,
    ctx.fitOptions(t.net, t.optimizer),
  );
  ctx.report.history = history;
  const curves = evaluateHistory(history, (line) => ctx.print(line));
  ctx.figure('loss.svg', 'learning curve (loss)', curves.loss);
  ctx.figure('accuracy.svg', 'learning curve (accuracy)', curves.accuracy);
  const svg = await showImagesLabels(t.testLoader, t.classes, t.net, device, {
    ...t.images,
    title: 'test images, true:predicted (blue: wrong)',
  });
  ctx.figure('predictions.svg', 'test images with the predicted labels', svg);
  return history;
}
