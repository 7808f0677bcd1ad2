import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCheckpoint, saveCheckpoint } from './checkpoint.js';
import { fashionSubset, runCli, tempDir } from './run.test.util.js';

describe('pnpm start -- --help', () => {
  it('lists every program with its course hyperparameters, and the flags', async () => {
    const { code, out } = await runCli(['--', '--help']);
    expect(code).toBe(0);
    for (const name of [
      'ch02-autograd',
      'ch03-regression',
      'ch07-softmax',
      'ch08-mlp2',
      'ch10-bad-bn',
    ]) {
      expect(out).toContain(name);
    }
    expect(out).toContain('ch08-mlp           MNIST digits with an MLP');
    expect(out).toContain('[100 epochs, batch 500, lr 0.01]');
    expect(out).toContain('--resume <path>');
  });
});

describe('bad input: one line, exit code 2, nothing written', () => {
  it.each([
    [['nope'], "error: unknown program 'nope'; run pnpm start -- --help to list them"],
    [['ch08-mlp', '--lr', 'x'], 'error: --lr "x": expected a number > 0, e.g. --lr 0.01'],
    [
      ['ch02-tensors', '--epochs', '3'],
      'error: ch02-tensors takes no --epochs (it does not train)',
    ],
    [['ch06-binary', '--batch-size', '10'], 'error: ch06-binary takes no --batch-size'],
    [['ch05-regression', '--save', 'x.safetensors'], 'error: ch05-regression takes no --save'],
    [
      ['ch08-mlp', '--data-dir', 'data'],
      'error: ch08-mlp takes no --data-dir (its data is shipped)',
    ],
    [
      ['ch09-cnn', '--data-dir', '/no/such/folder'],
      'error: --data-dir /no/such/folder: no such folder',
    ],
    [
      ['ch08-mlp', '--resume', '/no/such.safetensors'],
      'error: --resume /no/such.safetensors: no such file',
    ],
    [
      ['ch08-mlp', '--save', '/no/such/folder/a.safetensors'],
      'error: --save /no/such/folder/a.safetensors: the folder /no/such/folder does not exist',
    ],
  ])('%j', async (argv, message) => {
    const out = join(tempDir(), 'out');
    const r = await runCli([...argv, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')).toHaveLength(1);
    expect(r.err).toContain(message);
    expect(r.out).toBe('');
    expect(existsSync(out)).toBe(false);
  });

  it("--device gpu trains on the gpu.js device and gives the CPU run's numbers", async () => {
    const argv = ['ch08-mlp', '--epochs', '1', '--steps', '2', '--batch-size', '20'];
    const cpu = await runCli([...argv, '--out', join(tempDir(), 'cpu')]);
    const gpu = await runCli([...argv, '--device', 'gpu', '--out', join(tempDir(), 'gpu')]);
    expect(gpu.code).toBe(0);
    const losses = (out: string) =>
      [...out.matchAll(/loss: ([0-9.]+) acc: [0-9.]+ val_loss: ([0-9.]+)/g)].flatMap((m) => [
        Number(m[1]),
        Number(m[2]),
      ]);
    expect(losses(gpu.out).length).toBeGreaterThan(0);
    losses(gpu.out).forEach((v, i) => {
      expect(Math.abs(v - (losses(cpu.out)[i] as number))).toBeLessThan(1e-4 * Math.max(1, v));
    });
  });

  it('an empty --data-dir says what to put there', async () => {
    const r = await runCli(['ch10-adam', '--data-dir', tempDir()]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /holds neither CIFAR-10 .* nor Fashion-MNIST IDX files; unpack one there, or drop --data-dir/,
    );
  });

  it('a file that is not a checkpoint, and a checkpoint of another model, are refused; the files stay as they were', async () => {
    const dir = tempDir();
    const junk = join(dir, 'junk.safetensors');
    writeFileSync(junk, 'not a checkpoint');
    let r = await runCli(['ch08-mlp', '--resume', junk, '--out', join(dir, 'o1')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`error: --resume ${junk}: not a readable safetensors file`);

    // a real checkpoint of ch08-mlp
    const ckpt = join(dir, 'mlp.safetensors');
    r = await runCli([
      'ch08-mlp',
      '--epochs',
      '1',
      '--steps',
      '1',
      '--batch-size',
      '10',
      '--save',
      ckpt,
      '--out',
      join(dir, 'o2'),
    ]);
    expect(r.code).toBe(0);
    const bytes = readFileSync(ckpt);
    r = await runCli(['ch08-mlp2', '--resume', ckpt, '--save', ckpt, '--out', join(dir, 'o3')]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `error: --resume ${ckpt}: a checkpoint of 'ch08-mlp', another model than 'ch08-mlp2'; run pnpm start -- ch08-mlp --resume ${ckpt}, or drop --resume`,
    );
    expect(readFileSync(ckpt).equals(bytes)).toBe(true);
    expect(existsSync(join(dir, 'o3'))).toBe(false);

    // the same program name, but weights of another shape: found when the model is built
    const forged = join(dir, 'forged.safetensors');
    await saveCheckpoint(forged, { ...(await readCheckpoint(ckpt)), program: 'ch08-mlp2' });
    r = await runCli(['ch08-mlp2', '--resume', forged, '--steps', '1', '--out', join(dir, 'o4')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /^error: --resume .*forged\.safetensors: its weights do not fit this ch08-mlp2 model \(.*l3\.weight.*\); .*drop --resume to start afresh$/,
    );
    expect(existsSync(join(dir, 'o4'))).toBe(false);
  });

  it('an existing report folder is left alone by a refused run', async () => {
    const out = tempDir();
    mkdirSync(join(out, 'keep'));
    writeFileSync(join(out, 'report.html'), 'old report');
    const r = await runCli(['ch09-cnn', '--data-dir', '/nowhere', '--out', out]);
    expect(r.code).toBe(2);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toBe('old report');
  });
});

describe('data', () => {
  it('a --data-dir with Fashion-MNIST files is read', async () => {
    const r = await runCli([
      'ch09-mlp',
      '--data-dir',
      fashionSubset(),
      '--epochs',
      '1',
      '--steps',
      '1',
      '--batch-size',
      '10',
      '--out',
      tempDir(),
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`data: Fashion-MNIST from ${fashionSubset()}; images 1 x 28 x 28`);
  });
});
