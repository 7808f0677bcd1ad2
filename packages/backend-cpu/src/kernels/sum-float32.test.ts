import { readFileSync } from 'node:fs';
import type { View } from '@nabla/backend';
import { contiguousView } from '@nabla/backend';
import { describe, expect, it } from 'vitest';
import { cpuBackend } from '../cpu-backend.js';
import { CpuBuffer } from '../cpu-buffer.js';

/** One case of `__fixtures__/sums.json` (tools/fixtures/sums.py). */
interface SumCase {
  layout: string;
  n: number;
  shape: number[];
  strides: number[];
  offset: number;
  dims: number[];
  /** torch's `x.sum(dims)`, row-major, little-endian float32 bytes in base64. */
  sum: string;
  /**
   * torch's `x.sum(dims, keepdim=True)` where its bits differ (a summed size-1 dimension sorts
   * as a kept one there); the backend has no keepdim flag and gives `sum`.
   */
  keepdimSum?: string;
}

const fixture = JSON.parse(
  readFileSync(new URL('../__fixtures__/sums.json', import.meta.url), 'utf8'),
) as { length: number; cases: SumCase[] };

/** The fixture's base buffer: element i is fround((((i * 7919 + 13) % 2003) - 700) / 97.3). */
function baseBuffer(length: number): CpuBuffer {
  const data = new Float32Array(length);
  for (let i = 0; i < length; i++) data[i] = (((i * 7919 + 13) % 2003) - 700) / 97.3;
  return new CpuBuffer('float32', data);
}

function decode(b64: string): Float32Array {
  const bytes = Buffer.from(b64, 'base64');
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
}

const cpu = cpuBackend();
const bitsOf = (a: Float32Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));

describe('float32 sum matches torch 1.13 CPU bit for bit (tools/fixtures/sums.py)', () => {
  const base = baseBuffer(fixture.length);
  const layouts = [...new Set(fixture.cases.map((c) => c.layout))];
  for (const layout of layouts) {
    it(layout, () => {
      const misses: string[] = [];
      for (const c of fixture.cases.filter((k) => k.layout === layout)) {
        const v: View<CpuBuffer> = { buffer: base, ...c };
        const got = cpu.reduce('sum', v, c.dims).data as Float32Array;
        const want = decode(c.sum);
        if (bitsOf(got).join() !== bitsOf(want).join()) misses.push(`n=${c.n}`);
      }
      expect(misses).toEqual([]);
    });
  }
});

describe('float32 sum: the course example (chapter 3 loss)', () => {
  // torch 1.13.1: X = torch.tensor([-5., 5., 0., 2., -2.]),
  // Y = torch.tensor([-6.7, 10.3, -3.3, 5., -5.3]), Yp = 1 * X + 1;
  // ((Yp - Y)**2).tolist() and ((Yp - Y)**2).mean().item() are the numbers below.
  it('((Yp - Y)**2).sum() / 5 is torch mean 13.352002143859863', () => {
    const f32 = (values: number[]) => contiguousView(cpu.fromValues(values, 'float32'), [5]);
    const at = (b: CpuBuffer) => contiguousView(b, [5]);
    const x = f32([-5, 5, 0, 2, -2]);
    const y = f32([-6.7, 10.3, -3.3, 5, -5.3]);
    const yp = cpu.binary(
      'add',
      at(cpu.binary('mul', f32([1, 1, 1, 1, 1]), x)),
      f32([1, 1, 1, 1, 1]),
    );
    const d = at(cpu.binary('sub', at(yp), y));
    const sq = cpu.binary('pow', d, f32([2, 2, 2, 2, 2]));
    expect(Array.from(sq.data)).toEqual([
      7.289999008178711, 18.490001678466797, 18.490001678466797, 4.0, 18.490001678466797,
    ]);
    const s = cpu.reduce('sum', at(sq), [0]);
    const mean = cpu.binary(
      'div',
      contiguousView(s, [1]),
      contiguousView(cpu.fromValues([5], 'float32'), [1]),
    );
    expect(mean.data[0]).toBe(13.352002143859863);
  });
});
