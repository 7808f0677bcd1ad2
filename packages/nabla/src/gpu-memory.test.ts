import { describe, expect, it } from 'vitest';
import { nn, optim, type Tensor, torch, useGpu } from './index.js';

// The GPU device's storage, counted by the GPU backend itself (torch.memory().gpu). gpu.js's
// 'cpu' mode: the same backend code as on a GPU, and no GL needed.
useGpu({ mode: 'cpu' });

const live = (): { buffers: number; bytes: number } => {
  const info = torch.memory().gpu;
  if (info === undefined || !info.counted) throw new Error('the gpu device counts its memory');
  return { buffers: info.buffers, bytes: info.bytes };
};

class Net extends nn.Module {
  l1 = new nn.Linear(12, 8);
  relu = new nn.ReLU({ inplace: true });
  l2 = new nn.Linear(8, 3);
  forward(x: Tensor): Tensor {
    return this.l2(this.relu(this.l1(x)));
  }
}

const PARAM_BYTES = 4 * (12 * 8 + 8 + 8 * 3 + 3);

describe('tidy on the gpu device', () => {
  it('a training step leaves only the parameters and their grads (counted exactly)', () => {
    torch.manualSeed(0);
    const base = live();
    const net = new Net().to('gpu');
    expect(live()).toEqual({ buffers: base.buffers + 4, bytes: base.bytes + PARAM_BYTES });
    const criterion = new nn.CrossEntropyLoss();
    const optimizer = new optim.SGD(net.parameters(), { lr: 0.1 });
    const x = torch.randn(5, 12);
    const y = torch.tensor([0, 2, 1, 1, 0]);
    const step = (): number =>
      torch.tidy(() => {
        optimizer.zeroGrad();
        const loss = criterion(net(x.to('gpu')), y.to('gpu'));
        loss.backward();
        optimizer.step();
        return loss.item();
      });

    const losses = [step()];
    // every parameter now has a .grad on the gpu; nothing else was left behind
    expect(net.parameters().every((p) => p.grad?.device === 'gpu')).toBe(true);
    expect(live()).toEqual({ buffers: base.buffers + 8, bytes: base.bytes + 2 * PARAM_BYTES });
    // later steps: zeroGrad drops the old grads inside the scope, and tidy frees them
    for (let i = 0; i < 4; i++) losses.push(step());
    expect(live()).toEqual({ buffers: base.buffers + 8, bytes: base.bytes + 2 * PARAM_BYTES });
    expect(losses[4]).toBeLessThan(losses[0] as number);

    // zeroGrad(setToNone = false) zeroes in place: same count
    torch.tidy(() => {
      optimizer.zeroGrad(false);
      criterion(net(x.to('gpu')), y.to('gpu')).backward();
      optimizer.step();
    });
    expect(live().buffers).toBe(base.buffers + 8);

    // a returned tensor survives; disposing it (and the model) gives everything back
    const loss = torch.tidy(() => criterion(net(x.to('gpu')), y.to('gpu')));
    expect(live().buffers).toBe(base.buffers + 9);
    loss.dispose();
    for (const p of net.parameters()) {
      p.grad?.dispose();
      p.dispose();
    }
    expect(live()).toEqual(base);
  });

  it('a leaf made inside the scope takes its grad with it; nested scopes hand grads out', () => {
    const base = live().buffers;
    const w = torch.ones(3, { device: 'gpu', requiresGrad: true });
    torch.tidy(() => {
      const tmp = torch.ones(3, { device: 'gpu', requiresGrad: true });
      torch.tidy(() => tmp.mul(w).sum().backward());
      expect(tmp.grad?.tolist()).toEqual([1, 1, 1]); // alive after the inner scope
      expect(live().buffers).toBe(base + 4); // w, tmp, and both grads
    });
    expect(w.grad?.tolist()).toEqual([1, 1, 1]);
    expect(live().buffers).toBe(base + 2); // w and its grad
    // a grad set by hand inside tidy survives with its leaf; the one it replaced is freed
    torch.tidy(() => {
      w.grad = torch.full([3], 5, { device: 'gpu' });
    });
    expect(w.grad?.tolist()).toEqual([5, 5, 5]);
    expect(live().buffers).toBe(base + 2);
    // keep(): an old grad taken out before zeroing stays readable
    const old = torch.tidy(() => {
      const g = torch.keep(w.grad as Tensor);
      w.grad = null;
      return g;
    });
    expect(old.tolist()).toEqual([5, 5, 5]);
    expect(live().buffers).toBe(base + 2);
    torch.dispose([old, w]);
    expect(live().buffers).toBe(base);
  });

  it('memory() reports the gpu counts and says the cpu is not counted', () => {
    const info = torch.memory();
    expect(info.gpu).toMatchObject({ counted: true });
    expect(info.cpu).toMatchObject({ counted: false });
  });
});

describe('optimizer state inside tidy', () => {
  it("survives the step's tidy, so Adam keeps its moments across steps", () => {
    torch.manualSeed(0);
    const net = new Net().to('gpu');
    const optimizer = new optim.Adam(net.parameters(), { lr: 0.01 });
    const x = torch.randn(5, 12);
    const y = torch.tensor([0, 2, 1, 1, 0]);
    const losses: number[] = [];
    for (let i = 0; i < 3; i++) {
      torch.tidy(() => {
        optimizer.zeroGrad();
        const loss = new nn.CrossEntropyLoss()(net(x.to('gpu')), y.to('gpu'));
        loss.backward();
        optimizer.step();
        losses.push(loss.item());
      });
    }
    expect(losses[2]).toBeLessThan(losses[0] as number);
    // params (4), their grads (4) and Adam's exp_avg and exp_avg_sq (8) stay
    const state = [...optimizer.state.values()];
    expect(state).toHaveLength(4);
  });
});
