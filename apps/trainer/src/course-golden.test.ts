/**
 * The chapter 3 to 7 programs print what the course prints, with PyTorch's numbers: the values
 * BOOK.md gives, and those of Debian's PyTorch running the same programs on the same data
 * (scripts/course-golden.py wrote them to __fixtures__/course-golden.json). The long programs run
 * here with fewer epochs ('short' in the fixture); the README lists the full runs.
 */
import { readFileSync } from 'node:fs';
import { torch } from 'nabla';
import { describe, expect, it } from 'vitest';
import { npStr } from './programs/numpy-format.js';
import { runCli, tempDir } from './run.test.util.js';

type Row = [number, number, number, number, number];
interface Fit {
  first: Row;
  last: Row;
  bias: number[];
  weight: number[];
}
const golden = JSON.parse(
  readFileSync(new URL('./__fixtures__/course-golden.json', import.meta.url), 'utf8'),
) as {
  short: Record<'ch04' | 'ch05' | 'ch06' | 'ch07', number>;
  ch03: Record<
    'manual' | 'sgd' | 'momentum',
    { W: number; B: number; history: [number, number][] }
  >;
  ch04: { short: Record<'net' | 'net2' | 'net3', { history: [number, number][] }> };
  ch05: {
    short: Record<
      'rm' | 'rmLstat',
      {
        history: [number, number][];
        weight: number[];
        bias: number[];
        oneStep: Record<string, number | number[]>;
      }
    >;
  };
  ch06: { short: Record<'bce' | 'logits', Fit> };
  ch07: { short: Record<'ce' | 'ce4' | 'logsoftmax' | 'softmax', Fit> };
};

/** `x` printed with five decimals is within `rel` of PyTorch's value. */
function near(printed: string | undefined, expected: number, rel = 1e-4): void {
  expect(printed).toBeDefined();
  expect(Math.abs(Number(printed) - expected)).toBeLessThanOrEqual(rel * Math.abs(expected) + 6e-6);
}

const run = async (args: string[]) => {
  const r = await runCli([...args, '--out', tempDir()]);
  expect(r.code).toBe(0);
  return r.out;
};

describe('chapter 3', () => {
  it("prints the book's loss, gradients, the in-place error and W = 1.820683, B = 0.3675114", async () => {
    const out = await run(['ch03-regression']);
    expect(out).toContain('loss = tensor(13.3520, grad_fn=<MeanBackward0>)');
    expect(out).toContain('W.grad = tensor(-19.0400)\nB.grad = tensor(2.0000)');
    expect(out).toContain(
      'RuntimeError: sub_: a leaf Variable that requires grad is being used in an in-place operation',
    );
    expect(out).toContain(
      'W = tensor(1.0190, requires_grad=True)  B = tensor(0.9980, requires_grad=True)',
    );
    const [byHand, sgd, momentum] = out.split('\n== ').slice(1);
    for (const part of [byHand, sgd]) {
      expect(part).toContain('epoch = 0  loss = 13.3520');
      expect(part).toContain(
        'W =  1.820683\nB =  0.3675114\n初期状態: 損失:13.3520\n最終状態: 損失:4.6796',
      );
    }
    expect(golden.ch03.manual.W).toBeCloseTo(1.820683, 6);
    expect(momentum).toContain('W =  1.8206898');
    expect(momentum).toContain(
      `最終状態: 損失:${golden.ch03.momentum.history.at(-1)?.[1].toFixed(4)}`,
    );
  });
});

describe('chapter 4', () => {
  it('the nets without activation end at the loss of one Linear, the ReLU net far lower', async () => {
    const out = await run(['ch04-activation', '--epochs', String(golden.short.ch04)]);
    const finals = [...out.matchAll(/final loss: (\S+)/g)].map((m) => m[1]);
    (['net', 'net2', 'net3'] as const).forEach((k, i) => {
      near(finals[i], golden.ch04.short[k].history.at(-1)?.[1] as number);
    });
  });
});

describe('chapter 5', () => {
  it("one step gives the book's loss 308.44986, gradients and weights; training PyTorch's loss", async () => {
    const out = await run(['ch05-regression', '--epochs', String(golden.short.ch05)]);
    expect(out).toContain('loss = 308.44986');
    expect(out).toContain(
      'net.l1.weight.grad = tensor([[-199.6421]])\nnet.l1.bias.grad = tensor([-30.4963])',
    );
    expect(out).toContain('tensor([[2.9964]], requires_grad=True)');
    expect(out).toContain('tensor([1.3050], requires_grad=True)');
    expect(out).toContain('weight.grad = None  bias.grad = None');
    const g = golden.ch05.short.rm;
    expect(out).toContain(`損失初期値: ${g.history[0]?.[1].toFixed(5)}`);
    near(out.match(/損失最終値: (\S+)/)?.[1], g.history.at(-1)?.[1] as number);
    expect(out).toContain(
      `weight = ${torch.tensor([g.weight]).float()}  bias = ${torch.tensor(g.bias).float()}`,
    );
  });

  it('with RM and LSTAT', async () => {
    const out = await run(['ch05-regression2']);
    const g = golden.ch05.short.rmLstat;
    expect(out).toContain(`loss = ${(g.oneStep.loss as number).toFixed(5)}`);
    near(out.match(/損失最終値: (\S+)/)?.[1], g.history.at(-1)?.[1] as number);
  });
});

/** Checks the 初期状態 / 最終状態 lines against PyTorch's first and last history rows. */
function checkStates(out: string, g: Fit): void {
  const first = out.match(/初期状態: 損失: (\S+) 精度: (\S+)/);
  const last = out.match(/最終状態: 損失: (\S+) 精度: (\S+)/);
  near(first?.[1], g.first[3]);
  expect(first?.[2]).toBe(g.first[4].toFixed(5));
  near(last?.[1], g.last[3]);
  expect(last?.[2]).toBe(g.last[4].toFixed(5));
}

describe('chapter 6', () => {
  it.each([
    ['ch06-binary', 'bce'],
    ['ch06-logits', 'logits'],
  ] as const)('%s: the states, the epoch lines, BIAS and WEIGHT', async (name, key) => {
    const out = await run([name, '--epochs', String(golden.short.ch06)]);
    const g = golden.ch06.short[key];
    checkStates(out, g);
    expect(out).toMatch(
      /^Epoch \[0\/1000\], loss: \S+ acc: 0\.50000 val_loss: \S+, val_acc: 0\.50000$/m,
    );
    expect(out).toContain(`BIAS = ${npStr(g.bias)}, WEIGHT = ${npStr([g.weight])}`);
  });
});

describe('chapter 7', () => {
  it.each([
    ['ch07-multiclass', 'ce'],
    ['ch07-multiclass4', 'ce4'],
    ['ch07-logsoftmax', 'logsoftmax'],
    ['ch07-softmax', 'softmax'],
  ] as const)('%s: the states and the final weights', async (name, key) => {
    const out = await run([name, '--epochs', String(golden.short.ch07)]);
    const g = golden.ch07.short[key];
    checkStates(out, g);
    const n = g.weight.length / 3;
    const w = [0, 1, 2].map((i) => g.weight.slice(i * n, (i + 1) * n));
    expect(out).toContain(`net.l1.weight.data =\n${torch.tensor(w).float()}`);
    expect(out).toContain(`net.l1.bias.data =\n${torch.tensor(g.bias).float()}`);
    expect(out).toContain('labels[[0, 2, 3]] = tensor([1, 0, 2])');
  });
});
