import { describe, expect, it } from 'vitest';
import { implementations, planRows, TFJS_CPU_MAX_N } from './plan.js';

describe('planRows', () => {
  it('covers the five workloads of issue 9 in a full run', () => {
    const rows = planRows({ quick: false, threads: 2, only: [] });
    const keys = rows.map((r) => r.key);
    for (const n of [128, 256, 512, 1024, 2048]) {
      expect(keys).toContain(`matmul-1t-${n}`);
      expect(keys).toContain(`matmul-2t-${n}`);
    }
    expect(keys).toEqual(expect.arrayContaining(['mlp', 'cnn', 'infer-1', 'infer-1000', 'op']));
  });

  it('names only configurations that exist, and asks TF.js cpu for small products only', () => {
    const ids = implementations(2).map((i) => i.id);
    for (const row of planRows({ quick: false, threads: 2, only: [] })) {
      for (const id of row.impls) expect(ids).toContain(id);
      if (row.group === 'matmul' && row.impls.includes('tfjs-cpu')) {
        expect(Number(row.key.split('-').pop())).toBeLessThanOrEqual(TFJS_CPU_MAX_N);
      }
    }
  });

  it('warms up in the first round only, and trains full epochs in a full run', () => {
    const mlp = planRows({ quick: false, threads: 2, only: ['mlp'] })[0]!;
    expect(mlp.work('nabla-1t', 0)).toMatchObject({
      kind: 'mlp_train',
      steps: 600,
      warmupSteps: 100,
    });
    expect(mlp.work('nabla-1t', 1)).toMatchObject({ steps: 600, warmupSteps: 0 });
    expect(mlp.work('tfjs-cpu', 0)).toMatchObject({ steps: 60 });
  });

  it('has a short quick run and no all-threads rows on one core', () => {
    const quick = planRows({ quick: true, threads: 1, only: [] });
    expect(quick.every((r) => r.rounds === 1)).toBe(true);
    expect(quick.some((r) => r.key.includes('-1t-') === false && r.group === 'matmul')).toBe(false);
    expect(planRows({ quick: true, threads: 2, only: ['op'] }).map((r) => r.key)).toEqual(['op']);
  });
});
