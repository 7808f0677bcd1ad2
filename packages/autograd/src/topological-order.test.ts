import { describe, expect, it } from 'vitest';
import { topologicalOrder } from './topological-order.js';

/** A graph node as an op records it: a name and the nodes it was computed from. */
interface TestNode {
  name: string;
  inputs: TestNode[];
}

const node = (name: string, ...inputs: TestNode[]): TestNode => ({ name, inputs });
const inputsOf = (n: TestNode): readonly TestNode[] => n.inputs;
const names = (nodes: readonly TestNode[]): string[] => nodes.map((n) => n.name);

/** Every node comes after all of its parents, and appears once. */
function expectTopological(order: readonly TestNode[]): void {
  const position = new Map(order.map((n, i) => [n, i]));
  expect(position.size).toBe(order.length);
  const misplaced: string[] = [];
  for (const [n, i] of position) {
    for (const p of n.inputs) {
      if (!((position.get(p) ?? Number.POSITIVE_INFINITY) < i))
        misplaced.push(`${p.name}->${n.name}`);
    }
  }
  expect(misplaced).toEqual([]);
}

describe('topologicalOrder', () => {
  it('puts a diamond in post-order: the shared parent first, the root last', () => {
    // d = b + c, b = 2a, c = 3a
    const a = node('a');
    const b = node('b', a);
    const c = node('c', a);
    const d = node('d', b, c);
    const order = topologicalOrder(d, inputsOf);
    expect(names(order)).toEqual(['a', 'b', 'c', 'd']);
    expectTopological(order);
  });

  it('visits a node used twice once (y = x * x, z = y + x)', () => {
    const x = node('x');
    const y = node('y', x, x);
    const z = node('z', y, x);
    const order = topologicalOrder(z, inputsOf);
    expect(names(order)).toEqual(['x', 'y', 'z']);
    expectTopological(order);
  });

  it('returns only the root for a leaf', () => {
    const leaf = node('leaf');
    expect(topologicalOrder(leaf, inputsOf)).toEqual([leaf]);
  });

  it('ignores nodes the root does not depend on', () => {
    const a = node('a');
    const unused = node('unused', a);
    const b = node('b', a);
    expect(names(topologicalOrder(b, inputsOf))).toEqual(['a', 'b']);
    expect(unused.inputs).toEqual([a]);
  });

  it('follows the order parents are listed in', () => {
    const a = node('a');
    const b = node('b');
    expect(names(topologicalOrder(node('ab', a, b), inputsOf))).toEqual(['a', 'b', 'ab']);
    expect(names(topologicalOrder(node('ba', b, a), inputsOf))).toEqual(['b', 'a', 'ba']);
  });

  it('works on any node type, such as numbers given by an adjacency list', () => {
    // 3 <- 1, 2; 1 <- 0; 2 <- 0, 1
    const adjacency: number[][] = [[], [0], [0, 1], [1, 2]];
    expect(topologicalOrder(3, (n) => adjacency[n] ?? [])).toEqual([0, 1, 2, 3]);
  });

  it('walks a chain of 100,000 nodes without overflowing the stack', () => {
    let last = node('0');
    for (let i = 1; i < 100_000; i++) last = node(String(i), last);
    const order = topologicalOrder(last, inputsOf);
    expect(order).toHaveLength(100_000);
    expect(order[0]?.name).toBe('0');
    expect(order[99_999]).toBe(last);
    expectTopological(order);
  });

  it('calls parents once per node', () => {
    const a = node('a');
    const b = node('b', a, a);
    const c = node('c', a, b);
    const calls = new Map<TestNode, number>();
    topologicalOrder(node('d', b, c, a), (n) => {
      calls.set(n, (calls.get(n) ?? 0) + 1);
      return n.inputs;
    });
    expect([...calls.values()]).toEqual([1, 1, 1, 1]);
  });
});
