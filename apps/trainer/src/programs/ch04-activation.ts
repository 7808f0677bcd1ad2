import { nn, optim, type Tensor, torch } from 'nabla';
import { xSquared } from '../assets.js';
import type { RunContext } from '../context.js';
import { torchSeed } from '../course/torch-seed.js';
import type { Program } from '../program.js';
import { lineChart } from '../report/line-chart.js';
import { shouldPrintRow } from './log-lines.js';

/** One Linear: linear regression. */
class Net extends nn.Module {
  l1 = new nn.Linear(1, 1);

  forward(x: Tensor): Tensor {
    return this.l1(x);
  }
}

/** Three Linears and no activation: still a linear function of x. */
class Net2 extends nn.Module {
  l1 = new nn.Linear(1, 10);
  l2 = new nn.Linear(10, 10);
  l3 = new nn.Linear(10, 1);

  forward(x: Tensor): Tensor {
    return this.l3(this.l2(this.l1(x)));
  }
}

/** Three Linears with ReLU between them: a deep learning model. */
class Net3 extends nn.Module {
  l1 = new nn.Linear(1, 10);
  l2 = new nn.Linear(10, 10);
  l3 = new nn.Linear(10, 1);
  relu = new nn.ReLU({ inplace: true });

  forward(x: Tensor): Tensor {
    const x1 = this.relu(this.l1(x));
    const x2 = this.relu(this.l2(x1));
    return this.l3(x2);
  }
}

interface Trained {
  history: [number, number][];
  predicted: number[];
}

/** The chapter's loop: full batch, SGD, MSELoss, a `[epoch, loss]` row every 100 epochs. */
function train(ctx: RunContext, net: nn.Module, data: Record<string, Tensor>): Trained {
  const { epochs, lr } = ctx.settings;
  const optimizer = new optim.SGD(net.parameters(), { lr });
  const criterion = new nn.MSELoss();
  const history: [number, number][] = [];
  const rows = Math.ceil(epochs / 100);
  for (let epoch = 0; epoch < epochs; epoch++) {
    optimizer.zeroGrad();
    const outputs = net(data.inputs as Tensor);
    const loss = criterion(outputs, data.labels as Tensor);
    loss.backward();
    optimizer.step();
    if (epoch % 100 === 0) {
      history.push([epoch, loss.item()]);
      if (shouldPrintRow(history.length - 1, rows)) {
        ctx.print(`Epoch ${epoch} loss: ${loss.item().toFixed(5)}`);
      }
    }
  }
  const predicted = torch.noGrad(() =>
    net(data.inputsTest as Tensor)
      .flatten()
      .tolist(),
  ) as number[];
  return { history, predicted };
}

/** Chapter 4's column: why activation functions (x² fitted with and without ReLU). */
export const ch04Activation: Program = {
  name: 'ch04-activation',
  chapter: 'ch04',
  summary: 'fitting x² with Linear, 3 Linears without activation, and with ReLU',
  defaults: { epochs: 10000, lr: 0.01 },
  async run(ctx) {
    const { x, y } = xSquared();
    // the first 50 points train, the last 50 test; torch.tensor(x_train).float()
    const column = (v: number[]) => torch.tensor(v.map((e) => [e])).float();
    const data = {
      inputs: column(x.slice(0, 50)),
      labels: column(y.slice(0, 50)),
      inputsTest: column(x.slice(50)),
    };
    const xTest = x.slice(50);
    const yTest = y.slice(50);
    const nets: [string, string, () => nn.Module][] = [
      ['net', 'Net: no hidden layer, no activation', () => new Net()],
      ['net2', 'Net2: 2 hidden layers, no activation', () => new Net2()],
      ['net3', 'Net3: 2 hidden layers with ReLU', () => new Net3()],
    ];
    const curves: { name: string; color: string; points: [number, number][] }[] = [];
    const finals: string[] = [];
    for (const [file, title, make] of nets) {
      ctx.print(`\n== ${title}`);
      // the notebook does not seed; the trainer does, so that runs repeat (and match PyTorch)
      torchSeed(ctx.settings.seed);
      const net = make();
      ctx.print(String(net));
      const { history, predicted } = train(ctx, net, data);
      const last = history[history.length - 1]?.[1] ?? Number.NaN;
      finals.push(`${title.padEnd(40)} final loss: ${last.toFixed(5)}`);
      curves.push({
        name: title.split(':')[0] as string,
        color: ['black', 'gray', 'blue'][curves.length] as string,
        points: history,
      });
      ctx.figure(
        `${file}.svg`,
        title,
        lineChart({
          title,
          xlabel: 'x',
          ylabel: 'y',
          series: [
            {
              name: 'predicted',
              color: 'blue',
              style: 'scatter',
              points: xTest.map((v, i) => [v, predicted[i] as number]),
            },
            {
              name: 'true',
              color: 'black',
              style: 'scatter',
              marker: 'cross',
              points: xTest.map((v, i) => [v, yTest[i] as number]),
            },
          ],
        }),
      );
    }
    ctx.print('');
    for (const line of finals) ctx.print(line);
    ctx.figure(
      'loss.svg',
      'learning curves of the three nets',
      lineChart({
        title: 'Learning curve (loss)',
        xlabel: 'epochs',
        ylabel: 'loss',
        series: curves,
      }),
    );
  },
};
