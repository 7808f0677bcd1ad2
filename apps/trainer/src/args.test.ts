import { describe, expect, it } from 'vitest';
import { parseArgs } from './args.js';

describe('parseArgs', () => {
  it('reads the program and the flags, skipping the -- pnpm passes on', () => {
    expect(
      parseArgs(['--', 'ch08-mlp', '--epochs', '3', '--lr=0.05', '--batch-size', '100', '--graph']),
    ).toEqual({
      program: 'ch08-mlp',
      help: false,
      graph: true,
      epochs: 3,
      lr: 0.05,
      batchSize: 100,
    });
    expect(parseArgs(['--help']).help).toBe(true);
    expect(parseArgs([])).toEqual({ help: false, graph: false });
    expect(parseArgs(['x', '--device', 'cpu', '--seed', '0', '--out', 'o']).seed).toBe(0);
    expect(parseArgs(['x', '--threads', '2']).threads).toBe(2);
  });

  it.each([
    [['--epochs', '0'], '--epochs "0": expected a whole number >= 1, e.g. --epochs 5'],
    [['--threads', '0'], '--threads "0": expected a whole number >= 1, e.g. --threads 5'],
    [['--epochs', '2.5'], '--epochs "2.5": expected a whole number >= 1'],
    [['--lr', 'fast'], '--lr "fast": expected a number > 0, e.g. --lr 0.01'],
    [['--lr', '-1'], '--lr "-1": expected a number > 0'],
    [['--device', 'tpu'], '--device "tpu": expected cpu or gpu'],
    [['--seed', '-3'], '--seed "-3": expected a whole number >= 0'],
    [['--epochs'], '--epochs needs a value, e.g. --epochs 5'],
    [['--save', '--graph'], '--save "--graph": expected a path'],
    [['--verbose'], 'unknown flag --verbose; run with --help to list the flags'],
    [['--graph=yes'], '--graph takes no value'],
    [['a', 'b'], "two programs given ('a' and 'b')"],
  ])('rejects %j with one line saying what to do', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(message);
  });
});
