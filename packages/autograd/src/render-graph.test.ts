import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuBackend } from '@nabla/backend-cpu';
import { arange, tensor, useDevice } from '@nabla/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { autodiff, renderGraph, toDot } from './index.js';

beforeAll(() => {
  useDevice('cpu', autodiff(cpuBackend()));
});

/** The text of every <text> element, as Graphviz writes node labels (one per line). */
const texts = (svg: string): string[] =>
  [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!.trim());

describe('renderGraph', () => {
  it('renders the chapter 3 loss graph to an SVG file with every label', async () => {
    const X = tensor([-5, 5, 0, 2, -2]).float();
    const Y = tensor([-6.7, 10.3, -3.3, 5.0, -5.3]);
    const W = tensor(1.0, { requiresGrad: true });
    const B = tensor(1.0, { requiresGrad: true });
    const loss = W.mul(X).add(B).sub(Y).pow(2).mean();
    const svg = await renderGraph(toDot(loss, { params: { W, B } }));

    const dir = mkdtempSync(join(tmpdir(), 'nabla-dot-'));
    try {
      const file = join(dir, 'loss.svg');
      writeFileSync(file, svg);
      const text = readFileSync(file, 'utf8');
      expect(text.startsWith('<?xml') || text.startsWith('<svg')).toBe(true);
      expect(text).toContain('<svg');
      expect(text.trimEnd().endsWith('</svg>')).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // 10 boxes: the output, 5 ops, 2 AccumulateGrad, W and B; 9 edges.
    expect(svg.match(/class="node"/g)).toHaveLength(10);
    expect(svg.match(/class="edge"/g)).toHaveLength(9);
    expect(texts(svg).sort()).toEqual(
      [
        '', // the loss: no name (the empty first line, kept as a space) ...
        '()', // ... and shape ()
        'MeanBackward0',
        'PowBackward0',
        'SubBackward0',
        'AddBackward0',
        'MulBackward0',
        'AccumulateGrad',
        'AccumulateGrad',
        'W',
        '()',
        'B',
        '()',
      ].sort(),
    );
    // Graphviz writes darkolivegreen1 as #caff70; the ops are filled with the default lightgrey.
    expect(svg.match(/fill="#caff70"/g)).toHaveLength(1);
    expect(svg.match(/fill="lightblue"/g)).toHaveLength(2);
    expect(svg.match(/fill="lightgrey"/g)).toHaveLength(7);
  });

  it('renders the chapter 2 graph, and reuses its Graphviz for the next call', async () => {
    const x = arange(-2, 2.1, 0.25, { requiresGrad: true });
    const z = x.pow(2).mul(2).add(2).sum();
    const svg = await renderGraph(toDot(z, { params: { x } }));
    for (const label of ['SumBackward0', 'AddBackward0', 'MulBackward0', 'PowBackward0', 'x']) {
      expect(texts(svg)).toContain(label);
    }
    expect(texts(svg)).toContain('(17)');
  });

  it('renders labels that start with a line break again and again (a Graphviz-wasm trap)', async () => {
    const W = tensor(1.0, { requiresGrad: true });
    const dot = toDot(W.mul(2).add(1)); // unnamed: "\n ()" for the output and for W
    const first = await renderGraph(dot);
    expect(first).toContain('</svg>');
    for (let i = 0; i < 50; i++) expect(await renderGraph(dot)).toBe(first);
  });

  it("throws Graphviz's message for DOT that does not parse", async () => {
    await expect(renderGraph('digraph { a -> }')).rejects.toThrow(/syntax error/);
  });
});
