import { torch } from 'nabla';
import type { Program } from '../program.js';

/** Chapter 2, the tensor half: tensors of each rank, view, item, max and the seeded randn. */
export const ch02Tensors: Program = {
  name: 'ch02-tensors',
  chapter: 'ch02',
  summary: 'tensors of each rank, view, item(), max(dim) and the seeded random numbers',
  defaults: {},
  async run(ctx) {
    const print = (line: string) => ctx.print(line);
    const r0 = torch.tensor(1.0).float();
    print(
      `r0 = torch.tensor(1.0).float()  ->  ${r0}  dtype=${r0.dtype} shape=[${r0.shape.join(', ')}]`,
    );
    const r2 = torch
      .tensor([
        [1, 5, 6],
        [4, 3, 2],
      ])
      .float();
    print(`r2 =\n${r2}`);
    torch.manualSeed(123);
    const r3 = torch.randn([3, 2, 2]);
    print(`torch.manualSeed(123); r3 = torch.randn([3, 2, 2]) ->\n${r3}`);
    print(
      `r3.view(3, -1).shape = [${r3.view(3, -1).shape.join(', ')}]   r3.view(-1).shape = [${r3.view(-1).shape.join(', ')}]`,
    );
    print(`r2.max() = ${r2.max()}`);
    print(`torch.max(r2, 1) = ${torch.max(r2, 1)}`);
    print(`torch.max(r2, 1)[1] = ${torch.max(r2, 1)[1]}   (the predicted labels pattern)`);
    try {
      torch.tensor([1, 2, 3]).float().item();
    } catch (e) {
      print(`torch.tensor([1, 2, 3]).item() throws: ${(e as Error).message}`);
    }
    const x = torch.arange(-2, 2.1, 0.25);
    const y = x.pow(2).mul(2).add(2);
    print(`x = torch.arange(-2, 2.1, 0.25)\ny = 2 * x**2 + 2 =\n${y}`);
    print(
      `y.sum() = ${y.sum()}   y.mean() = ${y.mean()}   torch.sigmoid(x).max() = ${torch.sigmoid(x).max()}`,
    );
  },
};
