import type { AnyBackend, BufferLike } from '@nabla/backend';
import { cpuBackend } from '@nabla/backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DeviceMemory } from './index.js';
import * as torch from './index.js';

/**
 * A device that must be freed explicitly, as the GPU must: the CPU backend, with every buffer it
 * makes counted until disposed, reads of a disposed buffer refused, and tidy's scopes.
 */
function countingDevice(): { backend: AnyBackend; memory: DeviceMemory; live: Set<BufferLike> } {
  const cpu = cpuBackend();
  const live = new Set<BufferLike>();
  const freed = new WeakSet<BufferLike>();
  const scopes: Set<BufferLike>[] = [];
  const isBuffer = (v: unknown): v is BufferLike =>
    typeof v === 'object' && v !== null && 'dtype' in v && 'size' in v && !('shape' in v);
  const free = (b: BufferLike) => {
    if (live.delete(b)) freed.add(b);
  };
  const backend = new Proxy(cpu, {
    get(target, prop, receiver) {
      if (prop === 'device') return 'counted';
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (prop === 'dispose') {
          free(args[0] as BufferLike); // a second dispose does nothing
          return;
        }
        for (const a of args) {
          const b = isBuffer(a) ? a : (a as { buffer?: unknown } | null)?.buffer;
          if (isBuffer(b) && freed.has(b)) throw new Error(`${String(prop)}: buffer was disposed`);
        }
        const out = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (isBuffer(out) && !live.has(out)) {
          live.add(out);
          scopes[scopes.length - 1]?.add(out);
        }
        return out;
      };
    },
  });
  const memory: DeviceMemory = {
    startScope: () => scopes.push(new Set()),
    endScope: (keep, drop) => {
      const scope = scopes.pop() as Set<BufferLike>;
      for (const b of scope) {
        if (keep.has(b)) scopes[scopes.length - 1]?.add(b);
        else free(b);
      }
      for (const b of drop) if (!keep.has(b)) free(b);
    },
    owns: (b) => scopes[scopes.length - 1]?.has(b) ?? false,
    memory: () => ({ buffers: live.size, bytes: [...live].reduce((n, b) => n + b.size * 4, 0) }),
  };
  return { backend, memory, live };
}

const dev = countingDevice();
const on = { device: 'counted' };
const count = () => dev.live.size;

beforeAll(() => {
  torch.useDevice('cpu', cpuBackend());
  torch.useDevice('counted', dev.backend, { memory: dev.memory });
});

describe('tidy', () => {
  it('frees every buffer made inside fn (scalars and temporaries too) but the result', () => {
    const x = torch.tensor([1, 2, 3], on);
    const before = count();
    const y = torch.tidy(() => x.mul(2).add(1).exp().sum().log());
    expect(count()).toBe(before + 1);
    expect(y.item()).toBeCloseTo(Math.log(Math.exp(3) + Math.exp(5) + Math.exp(7)), 5);
    expect(x.tolist()).toEqual([1, 2, 3]); // made outside: untouched
  });

  it('keeps tensors returned in arrays, objects, Maps and views of them', () => {
    const before = count();
    const out = torch.tidy(() => {
      const a = torch.ones(4, on).add(1);
      const b = torch.zeros(2, on).sub(1);
      a.mul(3); // dropped
      return { list: [a.view(2, 2)], nested: { m: new Map([['b', b]]) }, n: 7 };
    });
    expect(count()).toBe(before + 2);
    expect(out.list[0]?.tolist()).toEqual([
      [2, 2],
      [2, 2],
    ]);
    expect(out.nested.m.get('b')?.tolist()).toEqual([-1, -1]);
    torch.dispose(out);
    expect(count()).toBe(before);
  });

  it('nests: an inner result belongs to the outer scope', () => {
    const before = count();
    const kept = torch.tidy(() => {
      const inner = torch.tidy(() => torch.ones(3, on).mul(2));
      expect(count()).toBe(before + 1);
      const dropped = torch.tidy(() => torch.ones(3, on).mul(5));
      return inner.add(dropped);
    });
    expect(count()).toBe(before + 1);
    expect(kept.tolist()).toEqual([7, 7, 7]);
    kept.dispose();
    expect(count()).toBe(before);
  });

  it('keep() lets a tensor outlive every enclosing scope', () => {
    const before = count();
    let held: torch.Tensor | undefined;
    torch.tidy(() => {
      torch.tidy(() => {
        held = torch.keep(torch.arange(4, on).float().mul(2));
      });
    });
    expect(count()).toBe(before + 1);
    expect(held?.tolist()).toEqual([0, 2, 4, 6]);
    held?.dispose();
    expect(count()).toBe(before);
    const t = torch.ones(1, on);
    expect(torch.keep(t)).toBe(t); // outside tidy: nothing to do
    t.dispose();
  });

  it('frees what fn made when it throws, and refuses a Promise', async () => {
    const before = count();
    expect(() =>
      torch.tidy(() => {
        torch.ones(5, on).neg();
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(count()).toBe(before);
    const p = Promise.resolve(1);
    expect(() => torch.tidy(() => p)).toThrow(/tidy: fn returned a Promise/);
    await p;
    // @ts-expect-error: not a function
    expect(() => torch.tidy(3)).toThrow(/tidy: expected a function, got number/);
  });

  it('runs fn unchanged on a garbage-collected device', () => {
    const r = torch.tidy(() => torch.tensor([1, 2]).add(1));
    expect(r.tolist()).toEqual([2, 3]);
    r.dispose(); // a no-op on the CPU
    expect(r.tolist()).toEqual([2, 3]);
  });
});

describe('dispose', () => {
  it('frees now; views share the storage; a second dispose does nothing', () => {
    const before = count();
    const a = torch.tensor(
      [
        [1, 2],
        [3, 4],
      ],
      on,
    );
    const v = a.t();
    expect(count()).toBe(before + 1);
    v.dispose();
    a.dispose();
    expect(count()).toBe(before);
    expect(() => a.tolist()).toThrow(/disposed/);
    torch.dispose([torch.ones(2, on), { b: torch.zeros(1, on) }]);
    expect(count()).toBe(before);
  });
});

describe('memory', () => {
  it("reports counted devices' buffers and bytes, and why others are not counted", () => {
    const before = torch.memory();
    const t = torch.zeros(10, on);
    const after = torch.memory();
    expect(after.counted).toEqual({
      counted: true,
      buffers: count(),
      bytes: (before.counted as { bytes: number }).bytes + 40,
    });
    expect(after.cpu).toEqual({
      counted: false,
      reason: expect.stringMatching(/garbage-collected/),
    });
    t.dispose();
    expect(torch.memory().counted).toEqual(before.counted);
  });
});
