import { nn, type Tensor, torch } from 'nabla';
import { learningCurves } from '../course/evaluate-history.js';
import { f5 } from '../course/history.js';
import type { Program } from '../program.js';
import { lineChart, type Series } from '../report/line-chart.js';
import { boxAround, lineInBox } from './clip.js';
import { fullBatchLoop, type Head } from './full-batch.js';
import { irisSelection } from './iris-data.js';
import { npStr } from './numpy-format.js';

/** The three ways of the chapter: CrossEntropyLoss, LogSoftmax + NLLLoss, Softmax + log + NLL. */
type Pattern = 'ce' | 'logsoftmax' | 'softmax';

/** 7.9: one Linear (weights filled with 1.0), and in patterns 2 and 3 (Log)Softmax after it. */
class Net extends nn.Module {
  l1: nn.Linear;
  logsoftmax?: nn.LogSoftmax;
  softmax?: nn.Softmax;

  constructor(nInput: number, nOutput: number, pattern: Pattern) {
    super();
    this.l1 = new nn.Linear(nInput, nOutput);
    if (pattern === 'logsoftmax') this.logsoftmax = new nn.LogSoftmax({ dim: 1 });
    if (pattern === 'softmax') this.softmax = new nn.Softmax({ dim: 1 });
    // self.l1.weight.data.fill_(1.0); self.l1.bias.data.fill_(1.0)
    this.l1.weight.detach().fill_(1.0);
    this.l1.bias!.detach().fill_(1.0);
  }

  forward(x: Tensor): Tensor {
    const x1 = this.l1(x);
    if (this.logsoftmax) return this.logsoftmax(x1);
    if (this.softmax) return this.softmax(x1);
    return x1;
  }
}

const SUMMARIES: Record<string, string> = {
  'ch07-multiclass': 'Iris, 3 classes from 2 features, Linear + CrossEntropyLoss',
  'ch07-multiclass4': 'Iris, 3 classes from all 4 features (7.12)',
  'ch07-logsoftmax': 'pattern 2: LogSoftmax in the model, NLLLoss',
  'ch07-softmax': 'pattern 3: Softmax in the model, torch.log, NLLLoss',
};

function makeProgram(name: string, features: number[], pattern: Pattern): Program {
  return {
    name,
    chapter: 'ch07',
    summary: SUMMARIES[name] ?? name,
    defaults: { epochs: 10000, lr: 0.01 },
    graph: true,
    async run(ctx) {
      const { xTrain, xTest, yTrain, yTest, names } = irisSelection('ch07', features);
      ctx.print(
        `x_train [${xTrain.shape}]  x_test [${xTest.shape}]  y_train [${yTrain.shape}]  y_test [${yTest.shape}]`,
      );
      const net = new Net(features.length, 3, pattern);
      ctx.print(String(net));
      // summary(net, (2,)); with (Log)Softmax(dim=1) in the model the input needs its batch dimension
      ctx.print(
        String(nn.summary(net, pattern === 'ce' ? [features.length] : [1, features.length])),
      );
      const data = { inputs: xTrain, labels: yTrain, inputsTest: xTest, labelsTest: yTest };
      const nll = new nn.NLLLoss();
      const ce = new nn.CrossEntropyLoss();
      const head: Head = {
        loss:
          pattern === 'ce'
            ? (outputs, labels) => ce(outputs, labels)
            : pattern === 'logsoftmax'
              ? (outputs, labels) => nll(outputs, labels)
              : (outputs, labels) => nll(torch.log(outputs), labels), // outputs2 = torch.log(outputs)
        predict: (outputs) => torch.max(outputs, 1)[1], // predicted = torch.max(outputs, 1)[1]
      };
      await ctx.graph('graph.svg', 'loss of the first prediction', head.loss(net(xTrain), yTrain), {
        'l1.weight': net.l1.weight,
        'l1.bias': net.l1.bias!,
      });
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

      // the model's input and output for three samples
      ctx.print(`labels[[0, 2, 3]] = ${yTrain.index([0, 2, 3])}`);
      const i3 = xTrain.index([0, 2, 3], ':');
      ctx.print(`inputs[[0, 2, 3], :] =\n${npStr(i3.tolist() as number[][])}`);
      const o3 = torch.noGrad(() => net(i3));
      const probs =
        pattern === 'ce'
          ? new nn.Softmax({ dim: 1 })(o3)
          : pattern === 'logsoftmax'
            ? torch.exp(o3)
            : o3;
      ctx.print(
        `outputs:\n${npStr(o3.tolist() as number[][])}\nprobabilities:\n${npStr(probs.tolist() as number[][])}`,
      );
      ctx.print(
        `net.l1.weight.data =\n${net.l1.weight.detach()}\nnet.l1.bias.data =\n${net.l1.bias!.detach()}`,
      );

      if (features.length === 2) {
        // the decision boundaries between each pair of classes: (W_i - W_j) x + (b_i - b_j) = 0
        const W = net.l1.weight.detach().tolist() as number[][];
        const b = net.l1.bias!.detach().tolist() as number[];
        const testX = xTest.tolist() as number[][];
        const testY = yTest.tolist() as number[];
        const box = boxAround(testX.map((r) => [r[0] as number, r[1] as number] as const));
        const colors = ['black', 'blue', 'gray'];
        const series: Series[] = [0, 1, 2].map((c) => ({
          name: `class ${c}`,
          color: colors[c] as string,
          style: 'scatter' as const,
          ...(c === 0 ? { marker: 'cross' as const } : {}),
          points: testX
            .filter((_, i) => testY[i] === c)
            .map((r) => [r[0] as number, r[1] as number] as const),
        }));
        for (const [i, j] of [
          [0, 1],
          [1, 2],
          [2, 0],
        ] as const) {
          const dw = (W[i] as number[]).map((v, k) => v - ((W[j] as number[])[k] as number));
          const db = (b[i] as number) - (b[j] as number);
          series.push({
            name: `boundary ${i}|${j}`,
            color: colors[i] as string,
            style: 'dashed',
            points: lineInBox(dw[0] as number, dw[1] as number, db, box),
          });
        }
        ctx.figure(
          'boundary.svg',
          'test data and the decision boundaries',
          lineChart({
            title: 'Decision boundaries (test data)',
            xlabel: names[0] ?? 'x1',
            ylabel: names[1] ?? 'x2',
            series,
          }),
        );
      }
    },
  };
}

/** Chapter 7: 2 features (sepal length, petal length), CrossEntropyLoss. */
export const ch07Multiclass = makeProgram('ch07-multiclass', [0, 2], 'ce');
/** Chapter 7.12: all 4 features. */
export const ch07Multiclass4 = makeProgram('ch07-multiclass4', [0, 1, 2, 3], 'ce');
/** Chapter 7's column, pattern 2: LogSoftmax in the model and NLLLoss. */
export const ch07LogSoftmax = makeProgram('ch07-logsoftmax', [0, 2], 'logsoftmax');
/** Chapter 7's column, pattern 3: Softmax in the model, torch.log, NLLLoss. */
export const ch07Softmax = makeProgram('ch07-softmax', [0, 2], 'softmax');
