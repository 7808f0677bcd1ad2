import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readCheckpoint } from './checkpoint.js';
import type { History } from './course/history.js';
import { epochRows, fashionSubset, runCli, tempDir } from './run.test.util.js';

const historyOf = (out: string): History =>
  JSON.parse(readFileSync(join(out, 'history.json'), 'utf8')) as History;

describe('--save and --resume', () => {
  // CNN_v3 (dropout: random draws every step) with Adam (per-parameter state): everything a
  // resumed run must restore to continue exactly
  const base = ['ch10-dropout', '--data-dir', fashionSubset(), '--batch-size', '4', '--steps', '2'];

  it('2 epochs, then --resume for 1 more, give the history and weights of 3 epochs in one run', async () => {
    const dir = tempDir();
    const whole = await runCli([
      ...base,
      '--epochs',
      '3',
      '--save',
      join(dir, 'whole.safetensors'),
      '--out',
      join(dir, 'whole'),
    ]);
    expect(whole.code).toBe(0);
    const first = await runCli([
      ...base,
      '--epochs',
      '2',
      '--save',
      join(dir, 'part.safetensors'),
      '--out',
      join(dir, 'first'),
    ]);
    expect(first.code).toBe(0);
    expect(historyOf(join(dir, 'first'))).toHaveLength(2);
    const second = await runCli([
      ...base,
      '--epochs',
      '1',
      '--resume',
      join(dir, 'part.safetensors'),
      '--save',
      join(dir, 'part.safetensors'),
      '--out',
      join(dir, 'second'),
    ]);
    expect(second.code).toBe(0);
    expect(second.out).toContain(`resumed from ${join(dir, 'part.safetensors')}: 2 epochs done`);
    expect(second.out).toMatch(/Epoch \[3\/3\], loss: /);
    expect(historyOf(join(dir, 'second'))).toEqual(historyOf(join(dir, 'whole')));
    expect(epochRows(second.out)).toEqual(epochRows(whole.out).slice(2));
    const a = await readCheckpoint(join(dir, 'whole.safetensors'));
    const b = await readCheckpoint(join(dir, 'part.safetensors'));
    expect(b.history).toEqual(a.history);
    expect(Object.keys(b.model)).toEqual(Object.keys(a.model));
    for (const [k, t] of Object.entries(a.model)) expect(b.model[k]?.tolist()).toEqual(t.tolist());
    expect(Buffer.from(b.rng).equals(Buffer.from(a.rng))).toBe(true);
  });

  it('a stop in the middle of an epoch saves the state after the last whole epoch, which resumes exactly', async () => {
    const dir = tempDir();
    const mlp = ['ch08-mlp', '--batch-size', '50', '--steps', '3'];
    expect((await runCli([...mlp, '--epochs', '3', '--out', join(dir, 'whole')])).code).toBe(0);
    let batches = 0;
    const stopped = await runCli([...mlp, '--epochs', '3', '--out', join(dir, 'stopped')], {
      onContext: (ctx) => {
        // a progress bar sees every batch: stop in the second batch of epoch 2
        ctx.fitOptions = ((make) => (net, optimizer) => {
          const options = make(net, optimizer);
          return {
            ...options,
            progress: () => ({
              update: () => {
                batches += 1;
                if (batches === 8) ctx.stopRequested = true;
              },
              stop: () => undefined,
            }),
          };
        })(ctx.fitOptions.bind(ctx));
      },
    });
    expect(stopped.code).toBe(130);
    const saved = join(dir, 'stopped', 'interrupted.safetensors');
    expect(stopped.out).toContain(`interrupted: saved the state after epoch 1 to ${saved}`);
    expect((await readCheckpoint(saved)).history).toHaveLength(1);
    expect(existsSync(join(dir, 'stopped', 'report.html'))).toBe(true);
    const resumed = await runCli([
      ...mlp,
      '--epochs',
      '2',
      '--resume',
      saved,
      '--out',
      join(dir, 'resumed'),
    ]);
    expect(resumed.code).toBe(0);
    expect(historyOf(join(dir, 'resumed'))).toEqual(historyOf(join(dir, 'whole')));
  });

  it('Ctrl-C (SIGINT) on the command saves a checkpoint and exits with 130', async () => {
    const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
    if (!existsSync(cli)) return; // the command is tested once built (turbo builds before testing)
    const dir = tempDir();
    const child = spawn(process.execPath, [
      cli,
      'ch08-mlp',
      '--epochs',
      '1000',
      '--batch-size',
      '100',
      '--steps',
      '2',
      '--save',
      join(dir, 'c.safetensors'),
      '--out',
      join(dir, 'out'),
    ]);
    let out = '';
    const code = await new Promise<number | null>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('Epoch [2/1000]') && !child.killed) child.kill('SIGINT');
      });
      child.on('exit', (c) => resolve(c));
    });
    expect(code).toBe(130);
    expect(out).toContain('Ctrl-C: stopping after this batch and saving a checkpoint');
    expect(out).toMatch(/interrupted: saved the state after epoch \d+ to .*c\.safetensors/);
    const ckpt = await readCheckpoint(join(dir, 'c.safetensors'));
    expect(ckpt.history.length).toBeGreaterThanOrEqual(2);
  }, 30_000);
});
