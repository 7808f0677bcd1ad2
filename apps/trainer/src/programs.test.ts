import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROGRAMS } from './programs/index.js';
import { fashionSubset, runCli, tempDir } from './run.test.util.js';

/** A few steps of each program on the shipped data: enough to run every line. */
function quickArgs(name: string): string[] {
  const chapter = name.slice(0, 4);
  switch (chapter) {
    case 'ch02':
    case 'ch03':
      return [];
    case 'ch04':
    case 'ch05':
      return ['--epochs', '200'];
    case 'ch06':
    case 'ch07':
      return ['--epochs', '30'];
    case 'ch08':
      return ['--epochs', '2', '--steps', '2', '--batch-size', '20'];
    default:
      return ['--data-dir', fashionSubset(), '--epochs', '1', '--steps', '1', '--batch-size', '4'];
  }
}

describe('every program runs', () => {
  it.each(PROGRAMS.map((p) => [p.name]))('%s', async (name) => {
    const out = join(tempDir(), name);
    const r = await runCli([name, ...quickArgs(name), '--out', out]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.lines[0]).toMatch(new RegExp(`^== ${name} \\(ch\\d\\d\\): `));
    expect(r.out).toContain(`report: ${join(out, 'report.html')}`);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    for (const [, file] of html.matchAll(/<img src="([^"]+)"/g)) {
      expect(existsSync(join(out, file as string))).toBe(true);
    }
    if (name >= 'ch06') {
      // the training programs draw their learning curves
      expect(html).toContain('<img src="loss.svg"');
      expect(html).toContain('<img src="accuracy.svg"');
    }
    if (name >= 'ch08') {
      expect(r.out).toContain('初期状態: 損失: ');
      expect(html).toContain('<img src="predictions.svg"');
    }
  });

  it('draws the computation graph with --graph', async () => {
    const out = tempDir();
    const r = await runCli([
      'ch08-mlp',
      '--epochs',
      '1',
      '--steps',
      '1',
      '--batch-size',
      '10',
      '--graph',
      '--out',
      out,
    ]);
    expect(r.code).toBe(0);
    const svg = readFileSync(join(out, 'graph.svg'), 'utf8');
    expect(svg).toContain('<svg');
    // torchviz's nodes: the loss, the layers' backward nodes and the named parameters
    for (const label of ['NllLossBackward0', 'AccumulateGrad', 'l1.weight', 'l2.bias']) {
      expect(svg).toContain(label);
    }
  });
});
