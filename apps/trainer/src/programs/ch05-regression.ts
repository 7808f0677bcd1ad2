import { nn, optim, type Tensor, torch } from 'nabla';
import type { RunContext } from '../context.js';
import { boston } from '../data-sources.js';
import type { Program } from '../program.js';
import { lineChart } from '../report/line-chart.js';
import { shouldPrintRow } from './log-lines.js';
import { npStr } from './numpy-format.js';

/** 5.7: one Linear, its weight and bias set to 1.0 "to match ディープラーニングの数学". */
class Net extends nn.Module {
  l1: nn.Linear;

  constructor(nInput: number, nOutput: number) {
    super();
    this.l1 = new nn.Linear(nInput, nOutput);
    nn.init.constant_(this.l1.weight, 1.0);
    nn.init.constant_(this.l1.bias!, 1.0);
  }

  forward(x: Tensor): Tensor {
    return this.l1(x);
  }
}

/** The chapter's walk-through of one step: loss, gradients, the update, zeroGrad. */
async function oneStep(ctx: RunContext, inputs: Tensor, labels1: Tensor, nInput: number) {
  const net = new Net(nInput, 1);
  const criterion = new nn.MSELoss();
  const optimizer = new optim.SGD(net.parameters(), { lr: ctx.settings.lr });
  const outputs = net(inputs);
  const loss = criterion(outputs, labels1);
  ctx.print(`loss = ${loss.item().toFixed(5)}`);
  await ctx.graph('graph.svg', 'loss = MSELoss(net(inputs), labels1)', loss, {
    'l1.weight': net.l1.weight,
    'l1.bias': net.l1.bias!,
  });
  loss.backward();
  ctx.print(`net.l1.weight.grad = ${net.l1.weight.grad}\nnet.l1.bias.grad = ${net.l1.bias!.grad}`);
  optimizer.step();
  ctx.print(`after optimizer.step():\n${net.l1.weight}\n${net.l1.bias}`);
  optimizer.zeroGrad();
  ctx.print(
    `after optimizer.zero_grad(): weight.grad = ${net.l1.weight.grad ?? 'None'}  bias.grad = ${net.l1.bias!.grad ?? 'None'}`,
  );
}

/** The chapter's training: full batch, `loss = MSELoss / 2.0`, a row every 100 epochs. */
function train(ctx: RunContext, inputs: Tensor, labels1: Tensor, nInput: number) {
  const { epochs, lr } = ctx.settings;
  const net = new Net(nInput, 1);
  const criterion = new nn.MSELoss();
  const optimizer = new optim.SGD(net.parameters(), { lr });
  const history: [number, number][] = [];
  const rows = Math.ceil(epochs / 100);
  for (let epoch = 0; epoch < epochs; epoch++) {
    optimizer.zeroGrad();
    const outputs = net(inputs);
    // halved "to match ディープラーニングの数学"
    const loss = criterion(outputs, labels1).div(2.0);
    loss.backward();
    optimizer.step();
    if (epoch % 100 === 0) {
      history.push([epoch, loss.item()]);
      if (shouldPrintRow(history.length - 1, rows)) {
        ctx.print(`Epoch ${epoch} loss: ${loss.item().toFixed(5)}`);
      }
    }
  }
  ctx.print(`損失初期値: ${(history[0]?.[1] ?? Number.NaN).toFixed(5)}`);
  ctx.print(`損失最終値: ${(history[history.length - 1]?.[1] ?? Number.NaN).toFixed(5)}`);
  return { net, history };
}

function makeProgram(name: string, features: string[], defaults: { epochs: number; lr: number }) {
  const program: Program = {
    name,
    chapter: 'ch05',
    summary:
      features.length === 1
        ? 'linear regression on Boston housing: price from RM (rooms), 50000 epochs'
        : 'multiple regression: price from RM and LSTAT (5.10-5.11: lr 0.001, 2000 epochs)',
    defaults,
    graph: true,
    async run(ctx) {
      // x = x_org[:, feature_names == 'RM'] (and LSTAT); yt = the price
      const { x: inputs, y: labels } = boston(features);
      const nInput = features.length;
      const rows = (inputs.index('0:5').tolist() as number[][]).map((r) => r.map(Number));
      ctx.print(
        `x: [${inputs.shape.join(', ')}] (${features.join(', ')}), first rows:\n${npStr(rows)}`,
      );
      ctx.print(
        `yt: [${labels.shape.join(', ')}], first: ${npStr(labels.index('0:5').tolist() as number[])}`,
      );
      const labels1 = labels.view([-1, 1]); // labels1 = labels.view((-1, 1))
      const probe = new Net(nInput, 1);
      ctx.print(String(probe));
      ctx.print(String(nn.summary(probe, [nInput])));
      await oneStep(ctx, inputs, labels1, nInput);
      ctx.print('');
      const { net, history } = train(ctx, inputs, labels1, nInput);
      ctx.print(`weight = ${net.l1.weight.detach()}  bias = ${net.l1.bias!.detach()}`);
      // the curve without its first point, as the chapter plots it
      ctx.figure(
        'loss.svg',
        'learning curve (loss)',
        lineChart({
          title: 'Learning curve (loss)',
          xlabel: 'epochs',
          ylabel: 'loss',
          series: [{ name: 'train', color: 'blue', points: history.slice(nInput === 1 ? 1 : 0) }],
        }),
      );
      if (nInput === 1) {
        // 5.9: the regression line between x.min() and x.max()
        const xs = inputs.flatten().tolist() as number[];
        const ys = labels.tolist() as number[];
        const xse = torch.tensor([[Math.min(...xs)], [Math.max(...xs)]]).float();
        const yse = torch.noGrad(() => net(xse));
        ctx.print(`Yse = net(Xse) at x.min(), x.max():\n${npStr(yse.tolist() as number[][])}`);
        const ends = (xse.flatten().tolist() as number[]).map(
          (v, i) => [v, (yse.flatten().tolist() as number[])[i] as number] as const,
        );
        ctx.figure(
          'regression.svg',
          'rooms and price with the regression line',
          lineChart({
            title: 'Scatter plot and regression line',
            xlabel: 'rooms (RM)',
            ylabel: 'price',
            series: [
              {
                name: 'data',
                color: 'blue',
                style: 'scatter',
                points: xs.map((v, i) => [v, ys[i] as number]),
              },
              { name: 'regression line', color: 'black', points: ends },
            ],
          }),
        );
      }
    },
  };
  return program;
}

/** Chapter 5: linear regression with one input (RM). */
export const ch05Regression = makeProgram('ch05-regression', ['RM'], { epochs: 50000, lr: 0.01 });

/** Chapter 5.10-5.11: two inputs (RM, LSTAT); lr 0.01 diverges, the chapter goes to 0.001. */
export const ch05Regression2 = makeProgram('ch05-regression2', ['RM', 'LSTAT'], {
  epochs: 2000,
  lr: 0.001,
});
