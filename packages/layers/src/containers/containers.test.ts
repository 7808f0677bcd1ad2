import { randn } from '@nabla/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { readFixture, useCpu } from '../helpers.test.util.js';
import { Dropout } from '../layers/dropout.js';
import { Identity } from '../layers/identity.js';
import { Linear } from '../layers/linear.js';
import { ReLU } from '../layers/relu.js';
import { ModuleDict } from './module-dict.js';
import { ModuleList } from './module-list.js';
import { Sequential } from './sequential.js';

const { prints } = readFixture<{ prints: Record<string, string> }>('layers');

beforeAll(useCpu);

describe('Sequential', () => {
  it('chains its modules and registers them as 0, 1, 2 (ch04: nn.Sequential(l1, relu, l2))', () => {
    const l1 = new Linear(784, 128);
    const relu = new ReLU({ inplace: true });
    const l2 = new Linear(128, 10);
    const net2 = new Sequential(l1, relu, l2);
    const inputs = randn(100, 784);
    expect(net2(inputs).shape).toEqual([100, 10]);
    expect(net2(inputs).tolist()).toEqual(l2(relu(l1(inputs))).tolist());
    expect(Object.keys(net2.stateDict())).toEqual(['0.weight', '0.bias', '2.weight', '2.bias']);
    expect(net2.length).toBe(3);
    expect([...net2]).toEqual([l1, relu, l2]);
  });

  it('indexes from either end and replaces in place (net.classifier[6] = ...)', () => {
    const seq = new Sequential(new Linear(2, 3), new ReLU(), new Linear(3, 4));
    expect(seq.get(-1)).toBe(seq.get(2));
    const head = new Linear(3, 2);
    seq.set(-1, head);
    expect(seq.get(2)).toBe(head);
    expect(seq(randn(5, 2)).shape).toEqual([5, 2]);
    expect(() => seq.get(3)).toThrow('Sequential: index 3 is out of range (length 3)');
    expect(() => seq.get(-4)).toThrow('index -4 is out of range');
  });

  it('slices into a Sequential that shares the modules and keeps their names (features[:-1])', () => {
    const seq = new Sequential(new Linear(2, 3), new ReLU(), new Linear(3, 4), new Dropout(0.1));
    const front = seq.slice(0, -1);
    expect(front.length).toBe(3);
    expect(front.get(0)).toBe(seq.get(0));
    const tail = seq.slice(2);
    expect(Object.keys(tail.stateDict())).toEqual(['2.weight', '2.bias']);
    expect(tail.toString()).toBe(
      'Sequential(\n  (2): Linear(in_features=3, out_features=4, bias=True)\n  (3): Dropout(p=0.1, inplace=False)\n)',
    );
  });

  it('takes named modules and appends', () => {
    const seq = new Sequential({ fc: new Linear(2, 2), act: new ReLU() });
    seq.append(new Identity());
    expect(seq.namedChildren().map(([k]) => k)).toEqual(['fc', 'act', '2']);
    expect(seq.getSubmodule('fc')).toBe(seq.get(0));
  });

  it('prints nested containers as PyTorch does', () => {
    const seq = new Sequential(new Linear(2, 3), new Sequential(new ReLU(), new Dropout(0.1)));
    expect(seq.toString()).toBe(prints.sequential_nested);
  });

  it('counts a module used twice once in parameters()', () => {
    const l = new Linear(2, 2);
    const seq = new Sequential(l, new ReLU(), l);
    expect(seq.parameters()).toHaveLength(2);
    expect(seq.children()).toHaveLength(2);
    expect(Object.keys(seq.stateDict())).toHaveLength(4);
  });
});

describe('ModuleList', () => {
  it('registers its modules so that parameters() finds them', () => {
    const list = new ModuleList([new ReLU(), new Linear(2, 3)]);
    expect(list.toString()).toBe(prints.module_list);
    expect(list.parameters()).toHaveLength(2);
    list.append(new Linear(3, 1));
    list.insert(0, new Identity());
    expect(list.length).toBe(4);
    expect(list.get(-1)).toBeInstanceOf(Linear);
    expect(Object.keys(list.stateDict())).toEqual(['2.weight', '2.bias', '3.weight', '3.bias']);
    let x = randn(4, 2);
    for (const m of list) x = m(x);
    expect(x.shape).toEqual([4, 1]);
    expect(() => (list as unknown as () => void)()).toThrow('missing the required "forward"');
  });
});

describe('ModuleDict', () => {
  it('keeps modules by key, in insertion order', () => {
    const dict = new ModuleDict({ act: new ReLU(), fc: new Linear(2, 3) });
    expect(dict.toString()).toBe(prints.module_dict);
    expect(dict.keys()).toEqual(['act', 'fc']);
    expect(dict.get('fc')).toBeInstanceOf(Linear);
    expect(Object.keys(dict.stateDict())).toEqual(['fc.weight', 'fc.bias']);
    dict.set('out', new Linear(3, 1));
    expect(dict.has('out')).toBe(true);
    expect(dict.pop('act')).toBeInstanceOf(ReLU);
    expect(dict.length).toBe(2);
    expect(() => dict.get('nope')).toThrow('ModuleDict: no module under key "nope"');
  });
});
