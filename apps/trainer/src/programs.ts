import { torch } from 'nabla';

/** One of the course's programs, runnable as `pnpm start -- <name>`. */
export interface Program {
  name: string;
  chapter: string;
  summary: string;
  run(print: (line: string) => void): void;
}

/** Chapter 2, the tensor half: tensors of each rank, view, item, max and broadcasting. */
const tensors: Program = {
  name: 'tensors',
  chapter: 'ch02',
  summary: 'tensors of each rank, view, item(), max(dim) and the seeded random numbers',
  run(print) {
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

/** Every program, by name. */
export const PROGRAMS: readonly Program[] = [tensors];

/** The program `pnpm start` runs without arguments. */
export const DEFAULT_PROGRAM = 'tensors';
