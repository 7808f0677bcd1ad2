import type { View } from '@nabla/backend';
import { castScalar, contiguousView, UNARY_OPS } from '@nabla/backend';
import { runBackendConformance } from '@nabla/backend/testing';
import { describe, expect, it } from 'vitest';
import { cpuBackend } from './cpu-backend.js';
import type { CpuBuffer } from './cpu-buffer.js';

runBackendConformance('cpu', cpuBackend);

const cpu = cpuBackend();
const f32 = (values: number[], shape: number[] = [values.length]): View<CpuBuffer> =>
  contiguousView(cpu.fromValues(values, 'float32'), shape);
const read = (b: CpuBuffer): number[] => Array.from(cpu.readSync(b));

describe('cpu backend specifics', () => {
  it('is a fresh object per call, on device cpu, with the fused ops', () => {
    const other = cpuBackend();
    expect(other).not.toBe(cpu);
    expect(cpu.device).toBe('cpu');
    expect(typeof cpu.softmax).toBe('function');
    expect(typeof cpu.logSoftmax).toBe('function');
  });

  it('stores each dtype in its typed array', () => {
    expect(cpu.zeros(2, 'float32').data).toBeInstanceOf(Float32Array);
    expect(cpu.zeros(2, 'int32').data).toBeInstanceOf(Int32Array);
    expect(cpu.fromValues([0, 3], 'bool').data).toEqual(new Uint8Array([0, 1]));
  });

  it('read and readSync return the live array, not a copy (documented)', async () => {
    const b = cpu.fromValues([1, 2, 3], 'float32');
    expect(cpu.readSync(b)).toBe(b.data);
    expect(await cpu.read(b)).toBe(b.data);
    const seen = cpu.readSync(b);
    cpu.assign(contiguousView(b, [3]), f32([7, 8, 9]));
    expect(Array.from(seen)).toEqual([7, 8, 9]);
  });

  it('kernels return new buffers and never write into their inputs', () => {
    const x = f32([1, -2, 3]);
    const y = cpu.unary('neg', x);
    y.data[0] = 100;
    expect(read(x.buffer)).toEqual([1, -2, 3]);
    const c = cpu.cast(x, 'float32');
    expect(c).not.toBe(x.buffer);
    expect(c.data.buffer).not.toBe(x.buffer.data.buffer);
  });

  it('every float32 unary result is the double result rounded once (exact, no tolerance)', () => {
    const xs = [-3.7, -1.5, -0.25, 0.3, 0.5, 1, 2.5, 10, 88.5, -100].map(Math.fround);
    const ref: Record<string, (x: number) => number> = {
      exp: Math.exp,
      log: Math.log,
      log1p: Math.log1p,
      sin: Math.sin,
      cos: Math.cos,
      tanh: Math.tanh,
      rsqrt: (x) => 1 / Math.sqrt(x),
      sigmoid: (x) => 1 / (1 + Math.exp(-x)),
    };
    for (const op of UNARY_OPS) {
      const f = ref[op];
      if (!f) continue;
      expect(read(cpu.unary(op, f32(xs))), op).toEqual(xs.map((x) => Math.fround(f(x))));
    }
  });

  it('keeps signed zeros as torch does: relu(-0) = -0, round(-0.5) = -0, sign(-0) = 0', () => {
    const x = f32([-0, -0.5, 0.4]);
    const relu = cpu.unary('relu', x).data;
    const round = cpu.unary('round', x).data;
    const sign = cpu.unary('sign', x).data;
    expect(Object.is(relu[0], -0)).toBe(true);
    expect(Object.is(round[1], -0)).toBe(true);
    expect(Object.is(sign[0], 0)).toBe(true);
  });

  it('float32 matmul accumulates in doubles and rounds once', () => {
    const k = 1000;
    const a = f32(new Array<number>(k).fill(0.1), [1, k]);
    const b = f32(new Array<number>(k).fill(1), [k, 1]);
    const want = Math.fround(k * Math.fround(0.1));
    expect(read(cpu.matmul(a, b))).toEqual([want]);
  });

  // torch 1.13.1: torch.tensor([1e8, 1., -1e8]).sum() is 0.; torch.full((1000,), 0.1).sum()
  // .item() is 100.00000762939453 (doubles rounded once would give 100.0).
  it('float32 sums add in float32 in torch order, not in doubles', () => {
    expect(read(cpu.reduce('sum', f32([1e8, 1, -1e8]), [0]))).toEqual([0]);
    const tenths = f32(new Array<number>(1000).fill(0.1));
    expect(read(cpu.reduce('sum', tenths, [0]))).toEqual([100.00000762939453]);
  });

  it('sum and prod of bool count as int32', () => {
    const x = contiguousView(cpu.fromValues([1, 0, 1, 1, 1, 1], 'bool'), [2, 3]);
    const s = cpu.reduce('sum', x, [1]);
    expect(s.dtype).toBe('int32');
    expect(read(s)).toEqual([2, 3]);
    expect(read(cpu.reduce('prod', x, [1]))).toEqual([0, 1]);
  });

  it('an empty max / min gives the identity (the tensor layer raises first)', () => {
    const e = contiguousView(cpu.zeros(0, 'float32'), [2, 0]);
    expect(read(cpu.reduce('max', e, [1]))).toEqual([-Infinity, -Infinity]);
    expect(read(cpu.reduce('min', e, [1]))).toEqual([Infinity, Infinity]);
    expect(read(cpu.argReduce('argmax', e, 1))).toEqual([0, 0]);
  });

  it('int32 div truncates toward zero; division by zero gives 0', () => {
    const a = contiguousView(cpu.fromValues([-7, 7, 5, -5], 'int32'), [4]);
    const b = contiguousView(cpu.fromValues([2, -2, 0, 0], 'int32'), [4]);
    expect(read(cpu.binary('div', a, b))).toEqual([-3, -3, 0, 0]);
  });

  it('float32 -> int32 of NaN, inf and out-of-range values follows castScalar', () => {
    const x = f32([Number.NaN, Number.POSITIVE_INFINITY, 3e9, -3e9]);
    expect(read(cpu.cast(x, 'int32'))).toEqual([0, 0, 3e9 | 0, -3e9 | 0]);
  });

  it('assign reads an overlapping source in full first (x[1:] = x[:-1] shifts)', () => {
    const b = cpu.fromValues([1, 2, 3, 4, 5], 'float32');
    cpu.assign({ buffer: b, shape: [4], strides: [1], offset: 1 }, contiguousView(b, [4]));
    expect(read(b)).toEqual([1, 1, 2, 3, 4]);
    const r = cpu.fromValues([1, 2, 3, 4], 'int32');
    cpu.assign(contiguousView(r, [4]), { buffer: r, shape: [4], strides: [-1], offset: 3 });
    expect(read(r)).toEqual([4, 3, 2, 1]);
  });
});

describe('cpu backend fromValues from typed arrays', () => {
  it('converts as castScalar does, element by element', () => {
    const cpu = cpuBackend();
    const f64 = new Float64Array([0.1, -2.7, 2.5, Number.NaN, 1e40, -3e9, 7]);
    const asFloat = cpu.readSync(cpu.fromValues(f64, 'float32'));
    expect([...asFloat]).toEqual([...f64].map((v) => castScalar(v, 'float32')));
    const asInt = cpu.readSync(cpu.fromValues(f64, 'int32'));
    expect([...asInt]).toEqual([...f64].map((v) => castScalar(v, 'int32')));
    const asBool = cpu.readSync(cpu.fromValues(new Int32Array([0, 2, 256, -1]), 'bool'));
    expect([...asBool]).toEqual([0, 1, 1, 1]);
    const fromBytes = cpu.readSync(cpu.fromValues(new Uint8Array([0, 255, 7]), 'int32'));
    expect([...fromBytes]).toEqual([0, 255, 7]);
  });
});
