import { describe, expect, it } from 'vitest';
import { WasmModule } from './wasm-module.js';
import { type WasmInstance, type WebAssemblyApi, webAssemblyApi } from './webassembly.js';

const wasm = webAssemblyApi() as WebAssemblyApi; // Node has it

function instantiate(m: WasmModule): { exports: Record<string, unknown>; heap: Float32Array } {
  const memory = new wasm.Memory({ initial: 1 });
  const instance: WasmInstance = new wasm.Instance(new wasm.Module(m.toBytes()), {
    env: { memory },
  });
  return { exports: instance.exports, heap: new Float32Array(memory.buffer) };
}

describe('WasmModule and WasmCode', () => {
  it('writes a module WebAssembly validates, with exported and internal functions', () => {
    const m = new WasmModule({ module: 'env', name: 'memory', minPages: 1 });
    const add = m.addFunction(null, ['i32', 'i32'], ['i32'], (f) => {
      const [x, y] = f.args(2);
      f.localGet(x).localGet(y).i32Add();
    });
    m.addFunction('addTwice', ['i32', 'i32'], ['i32'], (f) => {
      const [x, y] = f.args(2);
      f.localGet(x).localGet(y).call(add).localGet(y).call(add);
    });
    // a loop: sum of 1..n, counting down
    m.addFunction('triangle', ['i32'], ['i32'], (f) => {
      const [n] = f.args(1);
      const s = f.local('i32');
      f.block(() =>
        f.loop(() => {
          f.localGet(n).i32Eqz().brIf(1);
          f.i32Increment(s, n).i32Increment(n, -1).br(0);
        }),
      );
      f.localGet(s);
    });
    expect(wasm.validate(m.toBytes())).toBe(true);
    const { exports } = instantiate(m);
    expect((exports.addTwice as (x: number, y: number) => number)(3, 4)).toBe(11);
    expect((exports.triangle as (n: number) => number)(100)).toBe(5050);
    expect(exports).not.toHaveProperty('add');
  });

  it('f32x4 and f64x2 arithmetic on memory: splat, mul, add, promote, demote', () => {
    const m = new WasmModule({ module: 'env', name: 'memory', minPages: 1 });
    // out[0..4) = a[0..4) * splat(s) + a[0..4); then [lo, hi] promoted to float64 and back
    m.addFunction('axpy', ['i32', 'i32', 'i32'], [], (f) => {
      const [a, s, out] = f.args(3);
      const v = f.local('v128');
      f.localGet(a).v128Load().localSet(v);
      f.localGet(out).localGet(v).localGet(s).v128Load32Splat().f32x4Mul().localGet(v).f32x4Add();
      f.v128Store();
      f.localGet(out).localGet(out).v128Load().f64x2PromoteLowF32x4().v128Store(16);
      f.localGet(out).localGet(out).v128Load().f64x2PromoteHighF32x4().v128Store(32);
      f.localGet(out).localGet(out).v128Load(16).f32x4DemoteF64x2Zero().v128Store(48);
    });
    const { exports, heap } = instantiate(m);
    heap.set([1, 2, 3, 4.5, 10]);
    (exports.axpy as (a: number, s: number, out: number) => void)(0, 16, 64);
    expect(Array.from(heap.subarray(16, 20))).toEqual([11, 22, 33, 49.5]);
    const doubles = new Float64Array(heap.buffer, 64 + 16, 4);
    expect(Array.from(doubles)).toEqual([11, 22, 33, 49.5]);
    expect(Array.from(heap.subarray(28, 32))).toEqual([11, 22, 0, 0]);
  });
});
