import { cpuBackend } from '@nabla/backend-cpu';
import { arange, type Tensor, tensor, useDevice } from '@nabla/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { autodiff, toDot } from './index.js';

beforeAll(() => {
  useDevice('cpu', autodiff(cpuBackend()));
});

/**
 * torchviz 0.0.2's `make_dot(...).source` for the same PyTorch programs (torch 1.13, Python's
 * graphviz 0.20), with its `id()` numbers renamed n0, n1, ... in order of first appearance and
 * its literal newlines written `\n`. Made with torchviz's dot.py run on Debian's torch:
 *
 *   x = torch.tensor(np.arange(-2, 2.1, 0.25), requires_grad=True, dtype=torch.float32)
 *   z = (2 * x**2 + 2).sum();  make_dot(z, params={'x': x}).source
 *   W = torch.tensor(1.0, requires_grad=True).float();  B = (the same)
 *   Yp = W * X + B;  loss = ((Yp - Y)**2).mean();  make_dot(Yp / loss, params={'W': W, 'B': B})
 */
const HEADER = [
  'digraph {',
  '\tgraph [size="12,12"]',
  '\tnode [align=left fontname=monospace fontsize=10 height=0.2 ranksep=0.1 shape=box style=filled]',
];
const dot = (...body: string[]): string => [...HEADER, ...body, '}', ''].join('\n');

const TORCHVIZ_CH2_Z = dot(
  '\tn0 [label="\\n ()" fillcolor=darkolivegreen1]',
  '\tn1 [label=SumBackward0]',
  '\tn2 -> n1',
  '\tn2 [label=AddBackward0]',
  '\tn3 -> n2',
  '\tn3 [label=MulBackward0]',
  '\tn4 -> n3',
  '\tn4 [label=PowBackward0]',
  '\tn5 -> n4',
  '\tn6 [label="x\\n (17)" fillcolor=lightblue]',
  '\tn6 -> n5',
  '\tn5 [label=AccumulateGrad]',
  '\tn1 -> n0',
);

const TORCHVIZ_CH3_YP = dot(
  '\tn0 [label="\\n (5)" fillcolor=darkolivegreen1]',
  '\tn1 [label=AddBackward0]',
  '\tn2 -> n1',
  '\tn2 [label=MulBackward0]',
  '\tn3 -> n2',
  '\tn4 [label="W\\n ()" fillcolor=lightblue]',
  '\tn4 -> n3',
  '\tn3 [label=AccumulateGrad]',
  '\tn5 -> n1',
  '\tn6 [label="B\\n ()" fillcolor=lightblue]',
  '\tn6 -> n5',
  '\tn5 [label=AccumulateGrad]',
  '\tn1 -> n0',
);

const TORCHVIZ_CH3_LOSS = dot(
  '\tn0 [label="\\n ()" fillcolor=darkolivegreen1]',
  '\tn1 [label=MeanBackward0]',
  '\tn2 -> n1',
  '\tn2 [label=PowBackward0]',
  '\tn3 -> n2',
  '\tn3 [label=SubBackward0]',
  '\tn4 -> n3',
  '\tn4 [label=AddBackward0]',
  '\tn5 -> n4',
  '\tn5 [label=MulBackward0]',
  '\tn6 -> n5',
  '\tn7 [label="W\\n ()" fillcolor=lightblue]',
  '\tn7 -> n6',
  '\tn6 [label=AccumulateGrad]',
  '\tn8 -> n4',
  '\tn9 [label="B\\n ()" fillcolor=lightblue]',
  '\tn9 -> n8',
  '\tn8 [label=AccumulateGrad]',
  '\tn1 -> n0',
);

/**
 * torch's own graph: each grad_fn once, with the names of its next_functions (null: an input
 * without grad), from walking `loss.grad_fn.next_functions` depth-first in torch 1.13.
 */
const TORCH_CH3_LOSS: [string, (string | null)[]][] = [
  ['MeanBackward0', ['PowBackward0']],
  ['PowBackward0', ['SubBackward0']],
  ['SubBackward0', ['AddBackward0', null]],
  ['AddBackward0', ['MulBackward0', 'AccumulateGrad']],
  ['MulBackward0', ['AccumulateGrad', null]],
  ['AccumulateGrad', []],
  ['AccumulateGrad', []],
];
const TORCH_CH2_Z: [string, (string | null)[]][] = [
  ['SumBackward0', ['AddBackward0']],
  ['AddBackward0', ['MulBackward0', null]],
  ['MulBackward0', ['PowBackward0', null]],
  ['PowBackward0', ['AccumulateGrad']],
  ['AccumulateGrad', []],
];

/**
 * torch's graph as Nabla records it. One difference: torch's `pow(Tensor, Scalar)` has no tensor
 * exponent, so its PowBackward0 has one input; Nabla's pow reads the exponent as a constant
 * tensor, a second input without grad (null). make_dot draws no edge for a null: same DOT.
 */
const asNabla = (graph: [string, (string | null)[]][]): [string, (string | null)[]][] =>
  graph.map(([name, next]) => [name, name === 'PowBackward0' ? [...next, null] : next]);

/** The same walk over Nabla's `gradFn` objects. */
function walk(fn: Tensor['gradFn']): [string, (string | null)[]][] {
  const out: [string, (string | null)[]][] = [];
  const stack = fn === null ? [] : [fn];
  while (stack.length > 0) {
    const f = stack.pop()!;
    out.push([f.name, f.nextFunctions.map((u) => u?.name ?? null)]);
    for (const u of [...f.nextFunctions].reverse()) if (u !== null) stack.push(u);
  }
  return out;
}

/** The DOT as labels and labelled edges, ids resolved. */
function parse(text: string): { labels: string[]; edges: string[] } {
  const label = new Map<string, string>();
  for (const m of text.matchAll(/^\t(n\d+) \[label=("(?:[^"\\]|\\.)*"|\w+)/gm)) {
    label.set(m[1]!, m[2]!.replace(/^"|"$/g, '').replace(/\\n/g, '\n'));
  }
  const edges = [...text.matchAll(/^\t(n\d+) -> (n\d+)$/gm)].map(
    (m) => `${label.get(m[1]!)} -> ${label.get(m[2]!)}`,
  );
  return { labels: [...label.values()], edges };
}

function chapter3() {
  const X = tensor([-5, 5, 0, 2, -2]).float();
  const Y = tensor([-6.7, 10.3, -3.3, 5.0, -5.3]);
  const W = tensor(1.0, { requiresGrad: true });
  const B = tensor(1.0, { requiresGrad: true });
  const Yp = W.mul(X).add(B);
  const loss = Yp.sub(Y).pow(2).mean();
  return { W, B, Yp, loss };
}

describe('toDot, chapter 3: Yp = W * X + B, loss = ((Yp - Y) ** 2).mean()', () => {
  it("draws Yp as torchviz's make_dot(Yp, params={'W': W, 'B': B})", () => {
    const { W, B, Yp } = chapter3();
    const text = toDot(Yp, { params: { W, B } });
    expect(text).toBe(TORCHVIZ_CH3_YP);
    const { labels, edges } = parse(text);
    expect(labels).toEqual([
      '\n (5)',
      'AddBackward0',
      'MulBackward0',
      'W\n ()',
      'AccumulateGrad',
      'B\n ()',
      'AccumulateGrad',
    ]);
    // W -> AccumulateGrad -> MulBackward0 -> AddBackward0 <- AccumulateGrad <- B, then (5)
    expect(edges).toEqual([
      'MulBackward0 -> AddBackward0',
      'AccumulateGrad -> MulBackward0',
      'W\n () -> AccumulateGrad',
      'AccumulateGrad -> AddBackward0',
      'B\n () -> AccumulateGrad',
      'AddBackward0 -> \n (5)',
    ]);
  });

  it("draws the loss as torchviz's make_dot(loss, ...), over torch's graph", () => {
    const { W, B, loss } = chapter3();
    expect(toDot(loss, { params: { W, B } })).toBe(TORCHVIZ_CH3_LOSS);
    expect(walk(loss.gradFn)).toEqual(asNabla(TORCH_CH3_LOSS));
  });

  it('reads the same graph from gradFn alone (any object with gradFn and shape)', () => {
    const { W, B, Yp, loss } = chapter3();
    const params = { W, B };
    expect(toDot({ gradFn: Yp.gradFn, shape: Yp.shape }, { params })).toBe(TORCHVIZ_CH3_YP);
    expect(toDot({ gradFn: loss.gradFn, shape: loss.shape }, { params })).toBe(TORCHVIZ_CH3_LOSS);
  });

  it('labels a leaf missing from params with its element count, as an unnamed box', () => {
    const { W, Yp } = chapter3();
    const { labels } = parse(toDot(Yp, { params: { W } }));
    expect(labels).toContain('W\n ()');
    expect(labels).toContain('\n (1)'); // B: a buffer knows its size, not its shape
  });

  it('shows what each node recorded with showAttrs, a composite as its primitives', () => {
    const { W, B, loss } = chapter3();
    const { labels } = parse(toDot(loss, { params: { W, B }, showAttrs: true }));
    expect(labels).toContain(
      [
        'MeanBackward0',
        '-'.repeat(33),
        'ops  : SumBackward0, DivBackward0',
        'saved:             [saved tensor]',
      ].join('\n'),
    );
    expect(labels).toContain(
      // W * X saves X only: W's gradient reads X, and X needs no gradient
      ['MulBackward0', '-'.repeat(21), 'saved: [saved tensor]'].join('\n'),
    );
    expect(labels).toContain('AddBackward0'); // saved nothing: the name alone, as torchviz
  });
});

describe('toDot, chapter 2: z = (2 * x ** 2 + 2).sum()', () => {
  it("draws z as torchviz's make_dot(z, params={'x': x}), over torch's graph", () => {
    const x = arange(-2, 2.1, 0.25, { requiresGrad: true });
    const z = x.pow(2).mul(2).add(2).sum();
    expect(toDot(z, { params: { x } })).toBe(TORCHVIZ_CH2_Z);
    expect(walk(z.gradFn)).toEqual(asNabla(TORCH_CH2_Z));
  });
});

describe('toDot, graph shapes', () => {
  it('draws a node reached by several paths once, with one edge per input (torchviz)', () => {
    const W = tensor(1.0, { requiresGrad: true });
    const a = W.mul(2);
    // torchviz, make_dot(a + a * W, params={'W': W}): MulBackward0 n2 and AccumulateGrad n3
    // are shared.
    expect(toDot(a.add(a.mul(W)), { params: { W } })).toBe(
      dot(
        '\tn0 [label="\\n ()" fillcolor=darkolivegreen1]',
        '\tn1 [label=AddBackward0]',
        '\tn2 -> n1',
        '\tn2 [label=MulBackward0]',
        '\tn3 -> n2',
        '\tn4 [label="W\\n ()" fillcolor=lightblue]',
        '\tn4 -> n3',
        '\tn3 [label=AccumulateGrad]',
        '\tn5 -> n1',
        '\tn5 [label=MulBackward0]',
        '\tn2 -> n5',
        '\tn3 -> n5',
        '\tn1 -> n0',
      ),
    );
    // torchviz, make_dot(W * W): both inputs are the one AccumulateGrad, so two edges.
    expect(parse(toDot(W.mul(W), { params: { W } })).edges).toEqual([
      'AccumulateGrad -> MulBackward0',
      'W\n () -> AccumulateGrad',
      'AccumulateGrad -> MulBackward0',
      'MulBackward0 -> \n ()',
    ]);
  });

  it('draws a leaf output alone, named when it is a param', () => {
    const W = tensor([[1, 2, 3]], { requiresGrad: true });
    expect(toDot(W, { params: { W } })).toBe(
      dot('\tn0 [label="W\\n (1, 3)" fillcolor=darkolivegreen1]'),
    );
  });

  it('keeps a deep graph off the call stack, and grows the size as torchviz does', () => {
    let y = tensor(1.0, { requiresGrad: true });
    for (let i = 0; i < 20_000; i++) y = y.mul(1.0001);
    const text = toDot(y);
    // 1 output + 20,000 Mul nodes and edges + AccumulateGrad, its leaf and 2 edges + 1 edge
    expect(text.split('\n').filter((l) => /^\tn\d/.test(l))).toHaveLength(40_005);
    expect(text).toContain(`graph [size="${40_005 * 0.15},${40_005 * 0.15}"]`);
  });
});
