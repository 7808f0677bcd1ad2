import { nn, torch } from 'nabla';
import type { Program } from '../program.js';
import { lineChart } from '../report/line-chart.js';

/** Chapter 2, the autograd half: the gradient of 2x² + 2 and of the sigmoid, accumulation. */
export const ch02Autograd: Program = {
  name: 'ch02-autograd',
  chapter: 'ch02',
  summary: 'backward() on 2x²+2 and on the sigmoid; gradients accumulate until zero_()',
  defaults: {},
  graph: true,
  async run(ctx) {
    // x = torch.tensor(np.arange(-2, 2.1, 0.25), requires_grad=True, dtype=torch.float32)
    const x = torch.tensor(torch.arange(-2, 2.1, 0.25).tolist() as number[], {
      requiresGrad: true,
      dtype: torch.float32,
    });
    ctx.print(`x =\n${x}`);
    const y = x.pow(2).mul(2).add(2); // y = 2 * x**2 + 2
    const z = y.sum();
    ctx.print(`y = 2 * x**2 + 2 =\n${y}\nz = y.sum() = ${z}`);
    await ctx.graph('graph.svg', 'z = sum(2x² + 2)', z, { x });
    z.backward();
    ctx.print(`z.backward(); x.grad =\n${x.grad}`);
    const points = (xs: number[], ys: number[]) => xs.map((v, i) => [v, ys[i] as number] as const);
    const xs = x.tolist() as number[];
    ctx.figure(
      'quadratic.svg',
      'y = 2x² + 2 and its gradient',
      lineChart({
        title: 'y = 2x² + 2 and dy/dx',
        xlabel: 'x',
        ylabel: 'y, x.grad',
        series: [
          { name: 'y', color: 'blue', points: points(xs, y.detach().tolist() as number[]) },
          { name: 'x.grad', color: 'black', points: points(xs, x.grad?.tolist() as number[]) },
        ],
      }),
    );
    // running the cell again without zero_() accumulates
    x.pow(2).mul(2).add(2).sum().backward();
    ctx.print(`again, without zero_(): the gradient accumulates; x.grad =\n${x.grad}`);
    x.grad?.zero_();
    ctx.print(`x.grad.zero_(); x.grad =\n${x.grad}`);
    // sigmoid = torch.nn.Sigmoid(); y = sigmoid(x); z = y.sum(); z.backward()
    const sigmoid = new nn.Sigmoid();
    const ys = sigmoid(x);
    ys.sum().backward();
    ctx.print(`sigmoid(x).sum().backward(); x.grad = y(1 - y) =\n${x.grad}`);
    ctx.figure(
      'sigmoid.svg',
      'sigmoid and its gradient',
      lineChart({
        title: 'sigmoid(x) and its gradient',
        xlabel: 'x',
        ylabel: 'y, x.grad',
        series: [
          {
            name: 'sigmoid(x)',
            color: 'blue',
            points: points(xs, ys.detach().tolist() as number[]),
          },
          { name: 'x.grad', color: 'black', points: points(xs, x.grad?.tolist() as number[]) },
        ],
      }),
    );
  },
};
