import { describe, expect, it } from 'vitest';
import { main } from './cli.js';

function run(args: string[]): { code: number; out: string } {
  const lines: string[] = [];
  const code = main(args, (l) => lines.push(l));
  return { code, out: lines.join('\n') };
}

describe('trainer cli', () => {
  it('lists the programs with --help', () => {
    const { code, out } = run(['--help']);
    expect(code).toBe(0);
    expect(out).toContain('tensors');
  });

  it('runs the default program and prints the seeded tensor PyTorch prints', () => {
    const { code, out } = run([]);
    expect(code).toBe(0);
    expect(out).toContain('[[-0.1115,  0.1204],');
    expect(out).toContain('indices=tensor([2, 0]))');
    expect(out).toContain('item: a tensor with 3 elements cannot be converted to a number');
  });

  it('rejects an unknown program', () => {
    expect(run(['--', 'nope']).code).toBe(2);
  });
});
