import { data, nn, optim, torch } from 'nabla';
import { describe, expect, it } from 'vitest';
import { FitInterrupted, fit } from './fit.js';
import type { History } from './history.js';

/** Five samples, three classes; batches of 2 leave a last batch of 1. */
function problem() {
  const x = torch
    .tensor([
      [1, 0],
      [0, 1],
      [1, 1],
      [-1, 0],
      [0, -2],
    ])
    .float();
  const y = torch.tensor([0, 1, 2, 0, 1]);
  const loader = new data.DataLoader(new data.TensorDataset(x, y), { batchSize: 2 });
  torch.manualSeed(0);
  const net = new nn.Linear(2, 3);
  return { x, y, loader, net };
}

describe('fit', () => {
  it('averages loss.item() * batch size over the samples, so the short last batch weighs 1/5', async () => {
    const { x, y, loader, net } = problem();
    const criterion = new nn.CrossEntropyLoss();
    const lines: string[] = [];
    // lr 0: the weights stay put, so every batch sees the same model
    const optimizer = new optim.SGD(net.parameters(), { lr: 0 });
    const history = await fit(net, optimizer, criterion, 1, loader, loader, 'cpu', [], {
      print: (l) => lines.push(l),
    });
    const whole = torch.noGrad(() => criterion(net(x), y).item());
    const predicted = torch.max(
      torch.noGrad(() => net(x)),
      1,
    )[1];
    const acc = predicted.eq(y).sum().item() / 5;
    const [row] = history;
    expect(row?.[0]).toBe(1);
    expect(row?.[1]).toBeCloseTo(whole, 6);
    expect(row?.[2]).toBe(acc);
    expect(row?.[3]).toBeCloseTo(whole, 6);
    expect(row?.[4]).toBe(acc);
    // the mean of the three batch means would weigh the last sample 1/3 instead of 1/5
    const batchMeans = [
      [0, 2],
      [2, 4],
      [4, 5],
    ].map(([a, b]) =>
      torch.noGrad(() => criterion(net(x.index(`${a}:${b}`)), y.index(`${a}:${b}`)).item()),
    );
    const unweighted = batchMeans.reduce((s, v) => s + v, 0) / 3;
    expect(Math.abs(unweighted - whole)).toBeGreaterThan(1e-3);
    expect(lines).toEqual([
      `Epoch [1/1], loss: ${whole.toFixed(5)} acc: ${acc.toFixed(5)} val_loss: ${whole.toFixed(5)}, val_acc: ${acc.toFixed(5)}`,
    ]);
  });

  it('resumes from a history: epochs are numbered on, and the history given is not changed', async () => {
    const { loader, net } = problem();
    const optimizer = new optim.SGD(net.parameters(), { lr: 0.1 });
    const before: History = [
      [1, 1, 0.2, 1, 0.2],
      [2, 0.9, 0.4, 0.9, 0.4],
    ];
    const lines: string[] = [];
    const seen: number[] = [];
    const history = await fit(
      net,
      optimizer,
      new nn.CrossEntropyLoss(),
      2,
      loader,
      loader,
      'cpu',
      before,
      {
        print: (l) => lines.push(l),
        onEpoch: (h) => {
          seen.push(h.length);
        },
      },
    );
    expect(before).toHaveLength(2);
    expect(history.map((r) => r[0])).toEqual([1, 2, 3, 4]);
    expect(lines.map((l) => l.slice(0, 12))).toEqual(['Epoch [3/4],', 'Epoch [4/4],']);
    expect(seen).toEqual([3, 4]);
  });

  it('takes at most maxSteps batches, and stops with the finished epochs when asked', async () => {
    const { loader, net } = problem();
    const optimizer = new optim.SGD(net.parameters(), { lr: 0.1 });
    let batches = 0;
    const history = await fit(
      net,
      optimizer,
      new nn.CrossEntropyLoss(),
      1,
      loader,
      loader,
      'cpu',
      [],
      {
        print: () => undefined,
        maxSteps: 2,
        progress: () => ({ update: () => void batches++, stop: () => undefined }),
      },
    );
    expect(batches).toBe(4); // 2 training + 2 validation batches
    expect(history).toHaveLength(1);
    let calls = 0;
    const stop = fit(net, optimizer, new nn.CrossEntropyLoss(), 3, loader, loader, 'cpu', history, {
      print: () => undefined,
      shouldStop: () => ++calls > 7, // after epoch 2 (6 batches each) and one batch more
    });
    await expect(stop).rejects.toBeInstanceOf(FitInterrupted);
    const interrupted = await stop.catch((e: FitInterrupted) => e.history);
    expect(interrupted.map((r) => r[0])).toEqual([1, 2]);
  });
});
