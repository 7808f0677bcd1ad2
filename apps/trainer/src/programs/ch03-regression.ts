import { optim, type Tensor, torch } from 'nabla';
import type { RunContext } from '../context.js';
import type { Program } from '../program.js';
import { lineChart } from '../report/line-chart.js';
import { shouldPrintRow } from './log-lines.js';
import { float32Str } from './numpy-format.js';

/** Five people's height (cm) and weight (kg), the chapter's sampleData1. */
const SAMPLE_DATA = [
  [166, 58.7],
  [176.0, 75.7],
  [171.0, 62.1],
  [173.0, 70.4],
  [169.0, 60.1],
];

const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;

/** The result of one training: final W and B and the `[epoch, loss]` history every 10 epochs. */
interface Fitted {
  W: Tensor;
  B: Tensor;
  history: [number, number][];
}

/**
 * 3.10 / 3.12: 500 epochs of W * X + B against the mean squared error, updating W and B by hand
 * under noGrad (`optimizer` null), or with `optim.SGD` (with or without momentum).
 */
function train(
  ctx: RunContext,
  X: Tensor,
  Y: Tensor,
  make: ((params: Tensor[]) => optim.SGD) | null,
): Fitted {
  const { epochs, lr } = ctx.settings;
  // W = torch.tensor(1.0, requires_grad=True).float(), B likewise
  const W = torch.tensor(1.0, { requiresGrad: true }).float();
  const B = torch.tensor(1.0, { requiresGrad: true }).float();
  const pred = (x: Tensor): Tensor => W.mul(x).add(B);
  const mse = (Yp: Tensor, y: Tensor): Tensor => Yp.sub(y).pow(2).mean();
  const optimizer = make?.([W, B]) ?? null;
  const history: [number, number][] = [];
  const rows = Math.ceil(epochs / 10);
  for (let epoch = 0; epoch < epochs; epoch++) {
    const Yp = pred(X);
    const loss = mse(Yp, Y);
    loss.backward();
    if (optimizer === null) {
      torch.noGrad(() => {
        W.sub_(W.grad!.mul(lr));
        B.sub_(B.grad!.mul(lr));
        W.grad!.zero_();
        B.grad!.zero_();
      });
    } else {
      optimizer.step();
      optimizer.zeroGrad();
    }
    if (epoch % 10 === 0) {
      history.push([epoch, loss.item()]);
      if (shouldPrintRow(history.length - 1, rows)) {
        ctx.print(`epoch = ${epoch}  loss = ${loss.item().toFixed(4)}`);
      }
    }
  }
  return { W, B, history };
}

function printResult(ctx: RunContext, { W, B, history }: Fitted): void {
  ctx.print(`W =  ${float32Str(W.item())}`);
  ctx.print(`B =  ${float32Str(B.item())}`);
  ctx.print(`初期状態: 損失:${(history[0]?.[1] ?? Number.NaN).toFixed(4)}`);
  ctx.print(`最終状態: 損失:${(history[history.length - 1]?.[1] ?? Number.NaN).toFixed(4)}`);
}

/** Chapter 3: the first machine learning, gradient descent by hand and with an optimizer. */
export const ch03Regression: Program = {
  name: 'ch03-regression',
  chapter: 'ch03',
  summary: 'W*X+B on height/weight: gradient descent by hand, optim.SGD, then momentum=0.9',
  defaults: { epochs: 500, lr: 0.001 },
  graph: true,
  async run(ctx) {
    const x = SAMPLE_DATA.map((r) => r[0] as number);
    const y = SAMPLE_DATA.map((r) => r[1] as number);
    // X = x - x.mean(); Y = y - y.mean(); then torch.tensor(X).float()
    const X = torch.tensor(x.map((v) => v - mean(x))).float();
    const Y = torch.tensor(y.map((v) => v - mean(y))).float();
    ctx.print(`X = ${X}\nY = ${Y}`);

    // 3.6 - 3.9: one prediction, loss, gradient and update, as the chapter walks through them
    const W = torch.tensor(1.0, { requiresGrad: true }).float();
    const B = torch.tensor(1.0, { requiresGrad: true }).float();
    const Yp = W.mul(X).add(B);
    const loss = Yp.sub(Y).pow(2).mean();
    ctx.print(`Yp = ${Yp}\nloss = ${loss}`);
    await ctx.graph('graph.svg', 'loss = mean((W*X + B - Y)²)', loss, { W, B });
    loss.backward();
    ctx.print(`W.grad = ${W.grad}\nB.grad = ${B.grad}`);
    const lr = ctx.settings.lr;
    try {
      W.sub_(W.grad!.mul(lr));
    } catch (e) {
      ctx.print(`W -= lr * W.grad  ->  RuntimeError: ${(e as Error).message}`);
    }
    torch.noGrad(() => {
      W.sub_(W.grad!.mul(lr));
      B.sub_(B.grad!.mul(lr));
      W.grad!.zero_();
      B.grad!.zero_();
    });
    ctx.print(`with torch.no_grad(): W = ${W}  B = ${B}\n`);

    ctx.print('== 3.10 gradient descent by hand');
    const byHand = train(ctx, X, Y, null);
    printResult(ctx, byHand);
    ctx.print('\n== 3.12 optim.SGD([W, B], lr=lr): the same numbers');
    const sgd = train(ctx, X, Y, (params) => new optim.SGD(params, { lr }));
    printResult(ctx, sgd);
    ctx.print('\n== optim.SGD([W, B], lr=lr, momentum=0.9)');
    const momentum = train(ctx, X, Y, (params) => new optim.SGD(params, { lr, momentum: 0.9 }));
    printResult(ctx, momentum);

    ctx.figure(
      'loss.svg',
      'learning curves: SGD and momentum',
      lineChart({
        title: 'Learning curve (loss)',
        xlabel: 'epochs',
        ylabel: 'loss',
        series: [
          { name: 'default (SGD)', color: 'blue', points: sgd.history },
          { name: 'momentum=0.9', color: 'black', points: momentum.history },
        ],
      }),
    );
    // the regression line over the data, in the original coordinates
    const line = (f: Fitted) =>
      [Math.min(...x), Math.max(...x)].map(
        (h) => [h, f.W.item() * (h - mean(x)) + f.B.item() + mean(y)] as const,
      );
    ctx.figure(
      'regression.svg',
      'height and weight with the fitted line',
      lineChart({
        title: 'Height and weight: the regression line',
        xlabel: 'x: height (cm)',
        ylabel: 'y: weight (kg)',
        series: [
          {
            name: 'data',
            color: 'black',
            style: 'scatter',
            points: SAMPLE_DATA.map((r) => [r[0] as number, r[1] as number]),
          },
          { name: 'SGD', color: 'blue', points: line(sgd) },
        ],
      }),
    );
  },
};
