/**
 * Layer, loss and optimizer steps of the course's chapters 5 to 7 (../shared/BOOK.md), through
 * the umbrella's namespaces, line for line. Expected values are PyTorch 1.13.1's.
 */
import { describe, expect, it } from 'vitest';
import { nn, optim, type Tensor, torch } from './index.js';

describe('book chapter 5: nn.Linear by hand', () => {
  it('prints the layer and its named parameters, then sets them with init.constant_', () => {
    torch.manualSeed(123);
    const l1 = new nn.Linear(1, 1);
    expect(l1.toString()).toBe('Linear(in_features=1, out_features=1, bias=True)');
    expect([...l1.namedParameters()].map(([name, p]) => [name, p.shape])).toEqual([
      ['weight', [1, 1]],
      ['bias', [1]],
    ]);
    nn.init.constant_(l1.weight, 2.0);
    nn.init.constant_(l1.bias!, 1.0);
    const x = torch.arange(-2, 2.1, 1).float().view(-1, 1);
    expect(l1(x).flatten().tolist()).toEqual([-3, -1, 1, 3, 5]);
  });

  it('initialises a row slice of the weight (nn.init.constant_(l3.weight[0, :], 1.0))', () => {
    const l3 = new nn.Linear(2, 3);
    nn.init.constant_(l3.weight.index(0, ':'), 1.0);
    nn.init.constant_(l3.weight.index(1, ':'), 2.0);
    nn.init.constant_(l3.weight.index(2, ':'), 3.0);
    nn.init.constant_(l3.bias!, 2.0);
    const x = torch
      .tensor([
        [0, 0],
        [0, 1],
        [1, 0],
        [1, 1],
      ])
      .float();
    expect(l3(x).tolist()).toEqual([
      [2, 2, 2],
      [3, 4, 5],
      [3, 4, 5],
      [4, 6, 8],
    ]);
  });
});

describe('book chapter 7: the loss patterns agree', () => {
  it('NLLLoss on raw values gives -6.25', () => {
    const outputs = torch
      .tensor([
        [1, 2, 3],
        [4, 5, 6],
        [7, 8, 9],
        [10, 11, 12],
      ])
      .float();
    const labels = torch.tensor([0, 1, 2, 0]);
    expect(new nn.NLLLoss()(outputs, labels).item()).toBe(-6.25);
  });

  it('CrossEntropyLoss = LogSoftmax + NLLLoss = Softmax + log + NLLLoss, and SGD trains them alike', () => {
    const train = (pattern: 'ce' | 'logsoftmax' | 'softmax'): number[] => {
      const l1 = new nn.Linear(2, 3);
      l1.weight.detach().fill_(1.0);
      l1.bias!.detach().fill_(1.0);
      const optimizer = new optim.SGD(l1.parameters(), { lr: 0.01 });
      const inputs = torch.tensor([
        [5.1, 1.4],
        [7.0, 4.7],
        [6.3, 6.0],
        [4.9, 1.5],
      ]);
      const labels = torch.tensor([0, 1, 2, 0]);
      const losses: number[] = [];
      for (let epoch = 0; epoch < 20; epoch++) {
        optimizer.zeroGrad();
        const outputs: Tensor = l1(inputs);
        const loss =
          pattern === 'ce'
            ? new nn.CrossEntropyLoss()(outputs, labels)
            : pattern === 'logsoftmax'
              ? new nn.NLLLoss()(new nn.LogSoftmax(1)(outputs), labels)
              : new nn.NLLLoss()(torch.log(new nn.Softmax(1)(outputs)), labels);
        loss.backward();
        optimizer.step();
        losses.push(loss.item());
      }
      return losses;
    };
    const ce = train('ce');
    expect(train('logsoftmax')).toEqual(ce);
    const viaSoftmax = train('softmax');
    viaSoftmax.forEach((v, i) => {
      expect(Math.abs(v - (ce[i] as number))).toBeLessThan(1e-6);
    });
    expect(ce[0]).toBeCloseTo(Math.log(3), 6);
  });
});
