import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { History } from './course/history.js';
import { encodePng } from './report/png.js';
import { niceTicks, tickDecimals } from './report/svg.js';
import { runCli, tempDir } from './run.test.util.js';

/** The numbers a chart series holds (`data-y`), by series name. */
function seriesOf(svg: string): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const m of svg.matchAll(
    /<g class="series" data-name="([^"]+)" data-x="[^"]*" data-y="([^"]*)">/g,
  )) {
    out[m[1] as string] = (m[2] as string).split(' ').map(Number);
  }
  return out;
}

describe('the report', () => {
  it('holds the learning curves of the history, the image grid and links them in report.html', async () => {
    const out = tempDir();
    const r = await runCli([
      'ch08-mlp',
      '--epochs',
      '3',
      '--steps',
      '4',
      '--batch-size',
      '60',
      '--out',
      out,
    ]);
    expect(r.code).toBe(0);
    const history = JSON.parse(readFileSync(join(out, 'history.json'), 'utf8')) as History;
    expect(history.map((row) => row[0])).toEqual([1, 2, 3]);

    const loss = readFileSync(join(out, 'loss.svg'), 'utf8');
    expect(loss).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(loss).toContain('>Learning curve (loss)</text>');
    expect(seriesOf(loss)).toEqual({
      train: history.map((h) => h[1]),
      validation: history.map((h) => h[3]),
    });
    // one polyline of three points per curve, train in blue and validation in black
    const lines = [...loss.matchAll(/<polyline points="([^"]+)"[^>]*stroke="(\w+)"/g)];
    expect(lines.map((m) => [(m[1] as string).split(' ').length, m[2]])).toEqual([
      [3, 'blue'],
      [3, 'black'],
    ]);
    // the course's ticks for 3 epochs: 0, 1, 2, 3
    for (const t of ['0', '1', '2', '3'])
      expect(loss).toContain(`text-anchor="middle">${t}</text>`);
    const acc = readFileSync(join(out, 'accuracy.svg'), 'utf8');
    expect(seriesOf(acc)).toEqual({
      train: history.map((h) => h[2]),
      validation: history.map((h) => h[4]),
    });

    const grid = readFileSync(join(out, 'predictions.svg'), 'utf8');
    const cells = [
      ...grid.matchAll(
        /<g class="cell" data-index="\d+" data-label="(\d)" data-predicted="(\d)" data-correct="(true|false)"><text [^>]*fill="(\w+)">(\d:\d)<\/text><image [^>]*href="data:image\/png;base64,/g,
      ),
    ];
    expect(cells).toHaveLength(50);
    for (const [, label, predicted, correct, color, title] of cells) {
      expect(correct).toBe(String(label === predicted));
      expect(color).toBe(label === predicted ? 'black' : 'blue');
      expect(title).toBe(`${label}:${predicted}`);
    }
    // at 3 x 4 small steps the net still errs: some titles are blue
    expect(cells.some((c) => c[4] === 'blue')).toBe(true);

    const html = readFileSync(join(out, 'report.html'), 'utf8');
    for (const file of ['loss.svg', 'accuracy.svg', 'predictions.svg']) {
      expect(html).toContain(`<img src="${file}"`);
    }
    expect(html).toContain('<a href="history.json">');
    expect(html).toContain('Epoch [3/3], loss: ');
    expect(html).toContain('Total params: 101,770');
  });
});

describe('report pieces', () => {
  it('encodes a PNG that inflates back to its rows', () => {
    const pixels = new Uint8Array([0, 128, 255, 7, 8, 9]);
    const png = encodePng(pixels, 3, 2, 1);
    expect([...png.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const view = new DataView(png.buffer);
    const idatLength = view.getUint32(33);
    expect(new TextDecoder().decode(png.slice(37, 41))).toBe('IDAT');
    const raw = inflateSync(png.slice(41, 41 + idatLength));
    expect([...raw]).toEqual([0, 0, 128, 255, 0, 7, 8, 9]);
  });

  it('picks round ticks and the decimals they need', () => {
    expect(niceTicks(0, 0.93, 6)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(4.68, 13.35, 6)).toEqual([4, 6, 8, 10, 12, 14]);
    expect(niceTicks(2, 2)).toEqual([1.8, 1.9, 2, 2.1, 2.2]);
    expect(tickDecimals([0, 1.2, 2.4])).toBe(1);
    expect(tickDecimals([0, 0.25, 0.5])).toBe(2);
    expect(tickDecimals([0, 5, 10])).toBe(0);
  });
});
