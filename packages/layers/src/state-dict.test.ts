// stateDict / loadStateDict against PyTorch 1.13's behaviour; the messages below are what
// /usr/bin/python3 printed for the same Net (torch writes torch.Size([3, 2]) where Nabla
// writes [3, 2]).
import { ones, type Tensor, tensor, zeros } from '@nabla/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpu } from './helpers.test.util.js';
import { BatchNorm1d } from './layers/batch-norm1d.js';
import { Linear } from './layers/linear.js';
import { Module } from './module.js';
import type { StateDict } from './state-dict.js';

class Net extends Module {
  l1 = new Linear(2, 2);
  bn = new BatchNorm1d(2);
  l2 = new Linear(2, 1);
  forward(x: Tensor): Tensor {
    return this.l2(this.bn(this.l1(x)));
  }
}

beforeAll(useCpu);

describe('stateDict', () => {
  it("lists parameters, then buffers, module by module, in PyTorch's order", () => {
    expect(Object.keys(new Net().stateDict())).toEqual([
      'l1.weight',
      'l1.bias',
      'bn.weight',
      'bn.bias',
      'bn.running_mean',
      'bn.running_var',
      'bn.num_batches_tracked',
      'l2.weight',
      'l2.bias',
    ]);
  });

  it('holds detached tensors that share memory with the module', () => {
    const net = new Net();
    const sd = net.stateDict();
    expect(sd['l1.weight']!.requiresGrad).toBe(false);
    net.l1.weight.grad = null;
    net.l1.bias!.requiresGrad_(false).fill_(5);
    expect(sd['l1.bias']!.tolist()).toEqual([5, 5]);
    expect(sd['bn.num_batches_tracked']!.dtype).toBe('int32');
  });

  it('leaves out non-persistent buffers', () => {
    const bn = new BatchNorm1d(2);
    bn.registerBuffer('scratch', zeros(1), false);
    expect(Object.keys(bn.stateDict())).not.toContain('scratch');
    expect(bn.namedBuffers().map(([k]) => k)).toContain('scratch');
  });
});

describe('loadStateDict', () => {
  it('copies every value into the existing tensors', () => {
    const a = new Net();
    const b = new Net();
    a.bn.runningMean!.fill_(3);
    const weight = b.l1.weight;
    expect(b.loadStateDict(a.stateDict())).toEqual({ missingKeys: [], unexpectedKeys: [] });
    expect(b.l1.weight).toBe(weight);
    expect(b.l1.weight.tolist()).toEqual(a.l1.weight.tolist());
    expect(b.bn.runningMean!.tolist()).toEqual([3, 3]);
    expect(b.l1.weight.requiresGrad).toBe(true);
  });

  it('reports every missing, unexpected and mis-shaped key in one error, as PyTorch', () => {
    const net = new Net();
    const before = net.l1.bias!.tolist();
    const sd: StateDict = { ...net.stateDict(), 'l1.weight': zeros(3, 2) };
    delete sd['l2.weight'];
    delete sd['l2.bias'];
    sd['l1.bias'] = ones(2);
    sd['l3.weight'] = zeros(1);
    sd.extra = zeros(1);
    expect(() => net.loadStateDict(sd)).toThrow(
      'Error(s) in loading state_dict for Net:\n' +
        '\tMissing key(s) in state_dict: "l2.weight", "l2.bias". \n' +
        '\tUnexpected key(s) in state_dict: "l3.weight", "extra". \n' +
        '\tsize mismatch for l1.weight: copying a param with shape [3, 2] from checkpoint, the shape in current model is [2, 2].',
    );
    // all or nothing: nothing was written
    expect(net.l1.bias!.tolist()).toEqual(before);
  });

  it('returns the missing and unexpected keys when not strict', () => {
    const net = new Net();
    const sd = net.stateDict();
    delete sd['l2.bias'];
    sd.x = zeros(1);
    expect(net.loadStateDict(sd, { strict: false })).toEqual({
      missingKeys: ['l2.bias'],
      unexpectedKeys: ['x'],
    });
  });

  it('still refuses a mis-shaped tensor when not strict, as PyTorch does', () => {
    const net = new Net();
    expect(() => net.loadStateDict({ 'l2.bias': zeros(2) }, { strict: false })).toThrow(
      'size mismatch for l2.bias: copying a param with shape [2] from checkpoint, the shape in current model is [1].',
    );
  });

  it('loads a checkpoint without num_batches_tracked with the count at 0, as PyTorch', () => {
    const net = new Net();
    net.bn.numBatchesTracked!.fill_(7);
    const sd = net.stateDict();
    delete sd['bn.num_batches_tracked'];
    expect(net.loadStateDict(sd)).toEqual({ missingKeys: [], unexpectedKeys: [] });
    expect(net.bn.numBatchesTracked!.item()).toBe(0);
  });

  it('rejects a value that is not a tensor', () => {
    const net = new Net();
    const sd = { ...net.stateDict(), 'l2.bias': [1] as unknown as Tensor };
    expect(() => net.loadStateDict(sd)).toThrow(
      'While copying the parameter named "l2.bias", expected a Tensor from checkpoint but received Array',
    );
  });

  it('loads into every name of a shared module', () => {
    const shared = new Linear(1, 1);
    class Twice extends Module {
      a = shared;
      b = shared;
      forward(x: Tensor): Tensor {
        return this.b(this.a(x));
      }
    }
    const net = new Twice();
    const sd = net.stateDict();
    expect(Object.keys(sd)).toEqual(['a.weight', 'a.bias', 'b.weight', 'b.bias']);
    sd['b.weight'] = tensor([[4]], { dtype: 'float32' });
    net.loadStateDict({ ...sd, 'a.weight': tensor([[3]], { dtype: 'float32' }) });
    expect(shared.weight.item()).toBe(4); // b is loaded after a, as in PyTorch
  });
});
