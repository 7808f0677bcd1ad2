import { nn, type Tensor, torch } from 'nabla';
import { learningCurves } from '../course/evaluate-history.js';
import { f5 } from '../course/history.js';
import type { Program } from '../program.js';
import { lineChart } from '../report/line-chart.js';
import { fullBatchLoop, type Head } from './full-batch.js';
import { irisSelection } from './iris-data.js';
import { npStr } from './numpy-format.js';

/** 6.8: logistic regression, 2 inputs, 1 output, weights and bias filled with 1.0. */
class Net extends nn.Module {
  l1: nn.Linear;
  sigmoid?: nn.Sigmoid;

  constructor(nInput: number, nOutput: number, withSigmoid = true) {
    super();
    this.l1 = new nn.Linear(nInput, nOutput);
    if (withSigmoid) this.sigmoid = new nn.Sigmoid();
    // self.l1.weight.data.fill_(1.0); self.l1.bias.data.fill_(1.0)
    this.l1.weight.detach().fill_(1.0);
    this.l1.bias!.detach().fill_(1.0);
  }

  forward(x: Tensor): Tensor {
    const x1 = this.l1(x);
    return this.sigmoid ? this.sigmoid(x1) : x1;
  }
}

function makeProgram(name: string, logits: boolean): Program {
  return {
    name,
    chapter: 'ch06',
    summary: logits
      ? 'binary classification, the column: no Sigmoid in the model, BCEWithLogitsLoss'
      : 'binary classification of Iris (setosa / versicolor) with Sigmoid + BCELoss',
    defaults: { epochs: 10000, lr: 0.01 },
    graph: true,
    async run(ctx) {
      const { xTrain, xTest, yTrain, yTest, names } = irisSelection('ch06', [0, 1]);
      ctx.print(
        `x_train [${xTrain.shape}]  x_test [${xTest.shape}]  y_train [${yTrain.shape}]  y_test [${yTest.shape}]`,
      );
      const net = new Net(2, 1, !logits);
      ctx.print(String(net));
      ctx.print(String(nn.summary(net, [2])));
      // labels as float columns: labels1 = labels.view((-1, 1))
      const data = {
        inputs: xTrain,
        labels: yTrain.float().view([-1, 1]),
        inputsTest: xTest,
        labelsTest: yTest.float().view([-1, 1]),
      };
      const criterion = logits ? new nn.BCEWithLogitsLoss() : new nn.BCELoss();
      const threshold = logits ? 0.0 : 0.5;
      const head: Head = {
        loss: (outputs, labels) => criterion(outputs, labels),
        // predicted = torch.where(outputs < 0.5, 0, 1)
        predict: (outputs) => torch.where(outputs.lt(threshold), 0, 1),
      };
      await ctx.graph(
        'graph.svg',
        'loss = criterion(net(inputs), labels1)',
        criterion(net(data.inputs), data.labels),
        {
          'l1.weight': net.l1.weight,
          'l1.bias': net.l1.bias!,
        },
      );
      const history = fullBatchLoop(ctx, net, head, data);
      const first = history[0];
      const last = history[history.length - 1];
      if (first && last) {
        ctx.print(`初期状態: 損失: ${f5(first[3])} 精度: ${f5(first[4])}`);
        ctx.print(`最終状態: 損失: ${f5(last[3])} 精度: ${f5(last[4])}`);
      }
      ctx.report.history = history;
      const curves = learningCurves(history);
      ctx.figure('loss.svg', 'learning curve (loss)', curves.loss);
      ctx.figure('accuracy.svg', 'learning curve (accuracy)', curves.accuracy);

      // the decision boundary: w0 + w1 x1 + w2 x2 = 0
      const bias = net.l1.bias!.detach().tolist() as number[];
      const weight = net.l1.weight.detach().tolist() as number[][];
      ctx.print(`BIAS = ${npStr(bias)}, WEIGHT = ${npStr(weight)}`);
      const w = weight[0] as number[];
      const decision = (v: number): number =>
        -((bias[0] as number) + (w[0] as number) * v) / (w[1] as number);
      const testX = xTest.tolist() as number[][];
      const testY = yTest.tolist() as number[];
      const xs = testX.map((r) => r[0] as number);
      const xl = [Math.min(...xs), Math.max(...xs)];
      const yl = xl.map(decision);
      ctx.print(`xl = ${npStr(xl)}  yl = ${npStr(yl)}`);
      const cls = (c: number) =>
        testX
          .filter((_, i) => testY[i] === c)
          .map((r) => [r[0] as number, r[1] as number] as const);
      ctx.figure(
        'boundary.svg',
        'test data and the decision boundary',
        lineChart({
          title: 'Decision boundary (test data)',
          xlabel: names[0] ?? 'x1',
          ylabel: names[1] ?? 'x2',
          series: [
            { name: 'class 0', color: 'blue', style: 'scatter', marker: 'cross', points: cls(0) },
            { name: 'class 1', color: 'black', style: 'scatter', points: cls(1) },
            { name: 'boundary', color: 'blue', points: xl.map((v, i) => [v, yl[i] as number]) },
          ],
        }),
      );
    },
  };
}

/** Chapter 6: Sigmoid + BCELoss. */
export const ch06Binary = makeProgram('ch06-binary', false);
/** Chapter 6's column: BCEWithLogitsLoss on the raw output. */
export const ch06Logits = makeProgram('ch06-logits', true);
