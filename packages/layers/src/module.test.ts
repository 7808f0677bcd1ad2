import { autodiff } from '@nabla/autograd';
import { cpuBackend } from '@nabla/backend-cpu';
import { ones, type Tensor, tensor, useDevice, zeros } from '@nabla/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { Sequential } from './containers/sequential.js';
import { useCpu } from './helpers.test.util.js';
import { type AnyModule, Module } from './module.js';
import { Parameter } from './parameter.js';

beforeAll(() => {
  useCpu();
  useDevice('cpu2', autodiff(cpuBackend()));
});

/** y = x w^T + b, written with tensor ops so these tests need no layer. */
class Affine extends Module {
  weight: Parameter;
  bias: Parameter;
  constructor(
    readonly inF: number,
    readonly outF: number,
  ) {
    super();
    this.weight = new Parameter(ones(outF, inF));
    this.bias = new Parameter(zeros(outF));
  }
  forward(x: Tensor): Tensor {
    return x.matmul(this.weight.t()).add(this.bias);
  }
  override extraRepr(): string {
    return `in=${this.inF}, out=${this.outF}`;
  }
}

class Stats extends Module {
  constructor() {
    super();
    this.registerBuffer('running_mean', zeros(2));
    this.registerBuffer('scratch', zeros(1), false);
  }
  forward(x: Tensor): Tensor {
    return x;
  }
}

class Net extends Module {
  l1 = new Affine(2, 3);
  act = new Stats();
  l2 = new Affine(3, 1);
  forward(x: Tensor): Tensor {
    return this.l2(this.act(this.l1(x)));
  }
}

describe('Module registration', () => {
  it('finds parameters and submodules in assignment order, with dotted names', () => {
    const net = new Net();
    expect(net.namedParameters().map(([n]) => n)).toEqual([
      'l1.weight',
      'l1.bias',
      'l2.weight',
      'l2.bias',
    ]);
    expect(net.namedChildren().map(([n]) => n)).toEqual(['l1', 'act', 'l2']);
    expect(net.namedModules().map(([n]) => n)).toEqual(['', 'l1', 'act', 'l2']);
    expect(net.namedBuffers()).toHaveLength(2);
    expect(net.namedBuffers().map(([n]) => n)).toEqual(['act.running_mean', 'act.scratch']);
  });

  it('replaces a layer in place when a property is assigned (net.fc = ...)', () => {
    const net = new Net();
    const fresh = new Affine(2, 3);
    net.l1 = fresh;
    expect(net.namedChildren().map(([n]) => n)).toEqual(['l1', 'act', 'l2']);
    expect(net.parameters()[0]).toBe(fresh.weight);
  });

  it('visits a shared module or parameter once, as PyTorch de-duplicates', () => {
    const shared = new Affine(2, 2);
    const seq = new Sequential(shared, shared);
    expect(seq.parameters()).toHaveLength(2);
    expect(seq.modules()).toHaveLength(2);
    expect(Object.keys(seq.stateDict())).toEqual(['0.weight', '0.bias', '1.weight', '1.bias']);
  });

  it('registers parameters, modules and buffers explicitly', () => {
    const m = new Stats();
    m.registerParameter('w', new Parameter(ones(1)));
    m.registerModule('inner', new Affine(1, 1));
    expect(m.namedParameters().map(([n]) => n)).toEqual(['w', 'inner.weight', 'inner.bias']);
    expect(m.getBuffer('running_mean')?.shape).toEqual([2]);
    expect(() => m.registerParameter('a.b', null)).toThrow(`can't contain "."`);
    expect(() => m.registerParameter('running_mean', null)).toThrow('already exists');
    expect(() => m.registerParameter('x', ones(1) as Parameter)).toThrow(
      'cannot assign a Tensor as parameter "x"',
    );
  });
});

describe('Module modes and bulk operations', () => {
  it('train() / eval() set training on every module', () => {
    const net = new Net();
    expect(net.training).toBe(true);
    net.eval();
    expect(net.modules().every((m) => !m.training)).toBe(true);
    net.train();
    expect(net.l2.training).toBe(true);
  });

  it('apply() visits children first', () => {
    const names: string[] = [];
    new Net().apply((m: AnyModule) => names.push(m.constructor.name));
    expect(names).toEqual(['Affine', 'Stats', 'Affine', 'Net']);
  });

  it('zeroGrad() sets gradients to null; requiresGrad_(false) freezes', () => {
    const net = new Net();
    net(tensor([[1, 2]], { dtype: 'float32' }))
      .sum()
      .backward();
    expect(net.l1.weight.grad).not.toBeNull();
    net.zeroGrad();
    expect(net.parameters().every((p) => p.grad === null)).toBe(true);
    net.requiresGrad_(false);
    expect(net.parameters().some((p) => p.requiresGrad)).toBe(false);
  });

  it('to(device) moves parameters in place and buffers', () => {
    const net = new Net();
    const w = net.l1.weight;
    net.to('cpu2');
    expect(net.l1.weight).toBe(w);
    expect(w.device).toBe('cpu2');
    expect(w.requiresGrad).toBe(true);
    expect(net.act.getBuffer('running_mean')?.device).toBe('cpu2');
    const y = net(tensor([[1, 2]], { dtype: 'float32', device: 'cpu2' }));
    expect(y.tolist()).toEqual([[9]]);
  });
});

describe('Module hooks', () => {
  it('runs pre and post hooks on each call, and removes them', () => {
    const net = new Net();
    const seen: string[] = [];
    const h1 = net.l1.registerForwardPreHook((m) => {
      seen.push(`pre ${m.constructor.name}`);
      return undefined;
    });
    const h2 = net.l1.registerForwardHook((_m, _args, out) => {
      seen.push(`post ${String((out as Tensor).shape)}`);
      return undefined;
    });
    net(ones(4, 2));
    expect(seen).toEqual(['pre Affine', 'post 4,3']);
    h1.remove();
    h2.remove();
    net(ones(4, 2));
    expect(seen).toHaveLength(2);
    expect(Object.hasOwn(net.l1, 'forward')).toBe(false);
  });

  it('lets a post hook replace the output', () => {
    const l = new Affine(2, 1);
    l.registerForwardHook(() => zeros(1));
    expect(l(ones(1, 2)).tolist()).toEqual([0]);
  });
});

describe('Module.toString', () => {
  it('prints nested modules as PyTorch does', () => {
    expect(new Net().toString()).toBe(
      [
        'Net(',
        '  (l1): Affine(in=2, out=3)',
        '  (act): Stats()',
        '  (l2): Affine(in=3, out=1)',
        ')',
      ].join('\n'),
    );
    expect(new Sequential(new Net()).toString()).toBe(
      [
        'Sequential(',
        '  (0): Net(',
        '    (l1): Affine(in=2, out=3)',
        '    (act): Stats()',
        '    (l2): Affine(in=3, out=1)',
        '  )',
        ')',
      ].join('\n'),
    );
  });

  it('prints a Parameter as PyTorch does', () => {
    expect(new Parameter(ones(2)).toString()).toBe(
      'Parameter containing:\ntensor([1., 1.], requires_grad=True)',
    );
  });
});
