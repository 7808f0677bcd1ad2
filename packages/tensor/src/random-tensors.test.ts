/** The tensor-level random functions give torch's numbers (fixtures from tools/fixtures/random_tensors.py). */
import { readFileSync } from 'node:fs';
import { cpuBackend } from '@nabla/backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import * as torch from './index.js';

const golden = JSON.parse(
  readFileSync(new URL('./__fixtures__/random-tensors.json', import.meta.url), 'utf8'),
) as Record<string, number[]>;
const f32 = (key: string): number[] => (golden[key] as number[]).map(Math.fround);

beforeAll(() => torch.useDevice('cpu', cpuBackend()));

describe('random tensors equal torch after the same seed', () => {
  it('rand', () => {
    torch.manualSeed(0);
    const r = torch.rand(2, 3);
    expect(r.shape).toEqual([2, 3]);
    expect([...r.dataSync()]).toEqual(f32('rand_2x3'));
  });

  it('randn with 20 values (the vectorised path)', () => {
    torch.manualSeed(0);
    expect([...torch.randn([20]).dataSync()]).toEqual(f32('randn_20'));
  });

  it('randint as (low, high, size) and (high, size)', () => {
    torch.manualSeed(1);
    const a = torch.randint(0, 10, [8]);
    expect(a.dtype).toBe('int32');
    expect(a.tolist()).toEqual(golden.randint_0_10_8);
    torch.manualSeed(1);
    expect([...torch.randint(5, [2, 2]).dataSync()]).toEqual(golden.randint_5_2x2);
  });

  it('randperm', () => {
    torch.manualSeed(2);
    expect(torch.randperm(10).tolist()).toEqual(golden.randperm_10);
  });

  it('normal(mean, std, size)', () => {
    torch.manualSeed(3);
    expect([...torch.normal(2, 3, [4]).dataSync()]).toEqual(f32('normal_2_3_4'));
  });

  it('uniform_, normal_ and bernoulli_ in place', () => {
    torch.manualSeed(4);
    expect([...torch.empty(3, 2).uniform_(-1, 1).dataSync()]).toEqual(f32('uniform_m1_1'));
    torch.manualSeed(4);
    expect([...torch.empty(20).normal_(1, 0.5).dataSync()]).toEqual(f32('normal_20'));
    // the fixtures come from Debian's torch, built without MKL: its bernoulli_ path is 'aten'
    torch.setBernoulliAlgorithm('aten');
    torch.manualSeed(5);
    expect([...torch.empty(12).bernoulli_(0.3).dataSync()]).toEqual(f32('bernoulli_12'));
    torch.setBernoulliAlgorithm('mkl');
  });

  it('a Generator object passed to a creation op, leaving the default one alone', () => {
    torch.manualSeed(0);
    const g = new torch.Generator().manualSeed(7);
    expect([...torch.rand(4, { generator: g }).dataSync()]).toEqual(f32('gen_rand_4'));
    // the default generator was not advanced by the draw from g
    expect([...torch.rand(2, 3).dataSync()]).toEqual(f32('rand_2x3'));
  });

  it('one stream shared by rand, randn and randint', () => {
    torch.manualSeed(8);
    const values = [
      ...torch.rand(3).dataSync(),
      ...torch.randn(3).dataSync(),
      ...torch.randint(0, 100, [3]).dataSync(),
    ];
    expect(values).toEqual([...f32('mixed').slice(0, 6), ...(golden.mixed as number[]).slice(6)]);
  });

  it('uniform_ on a column view writes through to the base tensor', () => {
    torch.manualSeed(9);
    const m = torch.zeros(3, 2);
    m.index(':', 1).uniform_();
    expect([...m.dataSync()]).toEqual(f32('uniform_column'));
  });
});
