import { describe, expect, it } from 'vitest';
import { implementations } from './plan.js';
import {
  bestOf,
  bestTorch,
  checkTargets,
  detailLines,
  HEADERS,
  type RowResult,
  tableRow,
} from './report.js';

const impls = implementations(2);
const matmul = (n: number, nabla: number[], torch: number[]): RowResult => ({
  key: `matmul-1t-${n}`,
  label: `matmul N=${n}, 1 thread`,
  display: 'time',
  flops: 2 * n ** 3,
  byImpl: { 'nabla-1t': { samples: nabla }, 'torch-1t': { samples: torch } },
});

describe('bestOf', () => {
  it('takes the configuration with the lowest median, ignoring failed ones', () => {
    const byImpl = {
      'torch-1t': { samples: [0.5, 0.4, 0.6] },
      'torch-2t': { samples: [0.9, 0.7, 0.8] },
      'torch-2t-blas1': { samples: [], error: 'boom' },
    };
    const b = bestOf('torch', byImpl, impls)!;
    expect(b.impl.id).toBe('torch-1t');
    expect(b.seconds).toBe(0.5);
    expect(bestOf('jax', byImpl, impls)).toBeNull();
  });

  it('counts PyTorch runs borrowed from another row', () => {
    const row: RowResult = {
      key: 'matmul-2t-1024',
      label: 'x',
      display: 'time',
      byImpl: { 'torch-2t': { samples: [0.02] } },
      torchAlso: { 'torch-1t': { samples: [0.01] } },
    };
    expect(bestTorch(row, impls)!.impl.id).toBe('torch-1t');
  });
});

describe('tableRow', () => {
  it('gives medians, the time ratio and GFLOPS', () => {
    const n = 1024;
    const cells = tableRow(matmul(n, [0.08, 0.1, 0.09], [0.012, 0.01, 0.011]), impls);
    expect(cells).toHaveLength(HEADERS.length);
    expect(cells[0]).toBe('matmul N=1024, 1 thread');
    expect(cells[1]).toBe('90.0 ms (1t)');
    expect(cells[2]).toBe('11.0 ms (1t)');
    expect(cells[3]).toBe('8.2x');
    expect(cells[4]).toBe('23.9 / 195');
    expect(cells.slice(5)).toEqual(['—', '—', '—']);
  });

  it('shows rates for the CNN row', () => {
    const row: RowResult = {
      key: 'cnn',
      label: 'CNN',
      display: 'rate',
      perUnit: 100,
      rateUnit: 'img/s',
      byImpl: {
        'nabla-2t': { samples: [4] },
        'torch-2t': { samples: [0.125] },
        'tfjs-wasm': { samples: [5] },
      },
    };
    const cells = tableRow(row, impls);
    expect(cells[1]).toBe('25.0 img/s (2t)');
    expect(cells[2]).toBe('800 img/s (2t)');
    expect(cells[3]).toBe('32.0x');
    expect(cells[4]).toBe('');
    expect(cells[5]).toBe('20.0 img/s');
  });
});

describe('checkTargets', () => {
  it('checks every target of issue 9 that the rows measure', () => {
    const rows: RowResult[] = [
      matmul(512, [0.01], [0.0015]), // 26.8 GFLOPS
      matmul(1024, [0.08], [0.011]), // 26.8
      matmul(2048, [0.7], [0.09]), // 24.5: misses 25
      {
        key: 'mlp',
        label: 'MLP',
        display: 'time',
        byImpl: {
          'nabla-1t': { samples: [0.7] },
          'torch-1t': { samples: [0.41] },
          jax: { samples: [1.21] },
          'tfjs-wasm': { samples: [5.7] },
        },
      },
      {
        key: 'cnn',
        label: 'CNN',
        display: 'rate',
        perUnit: 100,
        byImpl: {
          'nabla-2t': { samples: [0.4] }, // 250 images/s
          'torch-1t': { samples: [0.2] }, // 500: not counted against the 2-thread target
          'torch-2t': { samples: [0.125] }, // 800
          'tfjs-wasm': { samples: [3.6] }, // 27.8
        },
      },
      { key: 'op', label: 'op', display: 'time', byImpl: { 'nabla-1t': { samples: [1.5e-6] } } },
    ];
    const checks = checkTargets(rows, impls, 2);
    const met = Object.fromEntries(checks.map((c) => [c.target, c.met]));
    expect(met['matmul >= 25 GFLOPS on 1 thread, N >= 512']).toBe(false);
    expect(met['matmul >= 45 GFLOPS on 2 threads, N >= 512']).toBeNull();
    expect(met['MLP epoch <= 2.0x PyTorch best']).toBe(true);
    expect(met['MLP epoch faster than every JS library measured']).toBe(true);
    expect(met['CNN training >= 0.25x PyTorch 2-thread images/s']).toBe(true);
    expect(met['CNN training >= 5x TF.js wasm images/s']).toBe(true);
    expect(met['per-op overhead < 5 µs (1-element add, autograd on)']).toBe(true);
    expect(checks[0]!.measured).toBe('N=512: 26.8, N=1024: 26.8, N=2048: 24.5');
  });
});

describe('detailLines', () => {
  it('lists every configuration with its range, failures and skips', () => {
    const row: RowResult = {
      ...matmul(128, [0.001, 0.002, 0.003], [0.0001]),
      byImpl: {
        'nabla-1t': { samples: [0.001, 0.003, 0.002] },
        jax: { samples: [], error: 'no wasm' },
      },
      skipped: { 'tfjs-cpu': 'too slow' },
    };
    expect(detailLines([row], impls)).toEqual([
      '- matmul N=128, 1 thread: nabla 1t 2.00 ms [1.00 ms to 3.00 ms, n=3]; jax 1t: failed (no wasm); tfjs-cpu: not run (too slow)',
    ]);
  });
});
