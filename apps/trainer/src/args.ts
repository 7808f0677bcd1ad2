import { UsageError } from './errors.js';

/** What the command line asked for; unset flags are left to the program's course defaults. */
export interface CliArgs {
  program?: string;
  help: boolean;
  epochs?: number;
  lr?: number;
  batchSize?: number;
  device?: 'cpu' | 'gpu';
  seed?: number;
  out?: string;
  save?: string;
  resume?: string;
  graph: boolean;
  steps?: number;
  dataDir?: string;
  threads?: number;
}

/** Each flag: what it sets, how its value is read, and its line of `--help`. */
const FLAGS = {
  '--epochs': { key: 'epochs', kind: 'count', help: 'epochs to train (more epochs with --resume)' },
  '--lr': { key: 'lr', kind: 'rate', help: 'learning rate' },
  '--batch-size': { key: 'batchSize', kind: 'count', help: 'training batch size' },
  '--device': { key: 'device', kind: 'device', help: 'cpu or gpu (default cpu)' },
  '--seed': { key: 'seed', kind: 'seed', help: "torch_seed() value (default 123, the course's)" },
  '--out': { key: 'out', kind: 'path', help: 'report folder (default ./out/<program>)' },
  '--save': { key: 'save', kind: 'path', help: 'checkpoint file to write after each epoch' },
  '--resume': { key: 'resume', kind: 'path', help: 'checkpoint file to continue from' },
  '--steps': { key: 'steps', kind: 'count', help: 'at most this many batches per epoch' },
  '--data-dir': { key: 'dataDir', kind: 'path', help: 'CIFAR-10 or Fashion-MNIST folder' },
  '--threads': {
    key: 'threads',
    kind: 'count',
    help: 'CPU threads for matrix products (default: all cores)',
  },
  '--graph': { key: 'graph', kind: 'switch', help: 'also draw the computation graph (SVG)' },
} as const;

type Flag = keyof typeof FLAGS;

/** The `--help` lines of the flags. */
export function flagHelp(): string[] {
  return Object.entries(FLAGS).map(([name, f]) => {
    const value = f.kind === 'switch' ? '' : ` <${f.kind === 'path' ? 'path' : f.kind}>`;
    return `  ${(name + value).padEnd(22)} ${f.help}`;
  });
}

function readValue(flag: Flag, text: string): number | string {
  const kind = FLAGS[flag].kind;
  const bad = (want: string): UsageError =>
    new UsageError(
      `${flag} ${JSON.stringify(text)}: expected ${want}, e.g. ${flag} ${example(flag)}`,
    );
  switch (kind) {
    case 'count': {
      const n = Number(text);
      if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < 1)
        throw bad('a whole number >= 1');
      return n;
    }
    case 'seed': {
      const n = Number(text);
      if (!/^\d+$/.test(text) || !Number.isSafeInteger(n)) throw bad('a whole number >= 0');
      return n;
    }
    case 'rate': {
      const x = Number(text);
      if (text.trim() === '' || !Number.isFinite(x) || x <= 0) throw bad('a number > 0');
      return x;
    }
    case 'device':
      if (text !== 'cpu' && text !== 'gpu') throw bad('cpu or gpu');
      return text;
    default:
      if (text === '' || text.startsWith('--')) throw bad('a path');
      return text;
  }
}

function example(flag: Flag): string {
  const examples: Record<string, string> = {
    count: '5',
    seed: '123',
    rate: '0.01',
    device: 'cpu',
    path: flag === '--out' ? 'out/run1' : flag === '--data-dir' ? 'data' : 'run.safetensors',
  };
  return examples[FLAGS[flag].kind] ?? '';
}

/**
 * Reads `pnpm start -- <program> [flags]`. A literal `--` (pnpm passes it on) is skipped; flags
 * take their value as the next word or after `=`.
 *
 * @throws UsageError for an unknown flag, a missing or bad value, or a second program name.
 */
export function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = { help: false, graph: false };
  const words = argv.filter((a) => a !== '--');
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    if (word === '--help' || word === '-h') {
      args.help = true;
      continue;
    }
    if (!word.startsWith('-')) {
      if (args.program !== undefined) {
        throw new UsageError(
          `two programs given ('${args.program}' and '${word}'); run one at a time, e.g. pnpm start -- ${args.program}`,
        );
      }
      args.program = word;
      continue;
    }
    const eq = word.indexOf('=');
    const name = eq < 0 ? word : word.slice(0, eq);
    if (!(name in FLAGS)) {
      throw new UsageError(`unknown flag ${name}; run with --help to list the flags`);
    }
    const flag = name as Flag;
    const spec = FLAGS[flag];
    if (spec.kind === 'switch') {
      if (eq >= 0) throw new UsageError(`${flag} takes no value; write just ${flag}`);
      (args as unknown as Record<string, unknown>)[spec.key] = true;
      continue;
    }
    let text: string | undefined;
    if (eq >= 0) text = word.slice(eq + 1);
    else {
      text = words[i + 1];
      i += 1;
    }
    if (text === undefined) {
      throw new UsageError(`${flag} needs a value, e.g. ${flag} ${example(flag)}`);
    }
    (args as unknown as Record<string, unknown>)[spec.key] = readValue(flag, text);
  }
  return args;
}
