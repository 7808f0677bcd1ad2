#!/usr/bin/env node
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { torch, useGpu } from 'nabla';
import { type CliArgs, flagHelp, parseArgs } from './args.js';
import { readCheckpoint, saveCheckpoint } from './checkpoint.js';
import { RunContext, type Settings } from './context.js';
import { FitInterrupted, noProgress, type Progress } from './course/fit.js';
import { imageSource } from './data-sources.js';
import { UsageError } from './errors.js';
import type { Program } from './program.js';
import { DEFAULT_RUN, PROGRAMS } from './programs/index.js';
import { terminalProgress } from './progress.js';
import { Report } from './report/html-report.js';

/** Where `main` prints, and how it behaves as a command rather than inside a test. */
export interface MainOptions {
  out?: (line: string) => void;
  err?: (line: string) => void;
  progress?: Progress;
  /** Handle Ctrl-C (SIGINT) by saving a checkpoint (the command does; tests do not). */
  handleSignals?: boolean;
  /** Called with the run's context before the program starts (tests use it to interrupt). */
  onContext?: (ctx: RunContext) => void;
}

function usage(print: (line: string) => void): void {
  print('usage: pnpm start -- <program> [options]');
  print('');
  print('programs (the course, chapters 2-10; defaults are the course hyperparameters):');
  for (const p of PROGRAMS) {
    const d = p.defaults;
    const hp = [
      d.epochs === undefined ? '' : `${d.epochs} epochs`,
      d.batchSize === undefined ? '' : `batch ${d.batchSize}`,
      d.lr === undefined ? '' : `lr ${d.lr}`,
    ]
      .filter(Boolean)
      .join(', ');
    print(`  ${p.name.padEnd(18)} ${p.summary}${hp ? ` [${hp}]` : ''}`);
  }
  print('');
  print('options:');
  for (const line of flagHelp()) print(line);
  print('');
  print(
    `without a program: ${DEFAULT_RUN.program} --epochs ${DEFAULT_RUN.epochs} --batch-size ${DEFAULT_RUN.batchSize} --lr ${DEFAULT_RUN.lr}, a quick look at the whole loop`,
  );
}

/** The program's course defaults, the default run's settings, then the flags. */
async function resolveSettings(
  program: Program,
  args: CliArgs,
  isDefault: boolean,
): Promise<Settings> {
  const name = program.name;
  const notFor = (flag: string, why: string): UsageError =>
    new UsageError(
      `${name} takes no ${flag} (${why}); run pnpm start -- --help for each program's options`,
    );
  const d = { ...program.defaults, ...(isDefault ? DEFAULT_RUN : {}) };
  if (args.epochs !== undefined && d.epochs === undefined)
    throw notFor('--epochs', 'it does not train');
  if (args.lr !== undefined && d.lr === undefined) throw notFor('--lr', 'it does not train');
  if (args.batchSize !== undefined && d.batchSize === undefined) {
    throw notFor('--batch-size', 'it trains on the whole data at once');
  }
  if (!program.fits) {
    if (args.steps !== undefined)
      throw notFor('--steps', 'only the chapter 8-10 programs train in batches');
    if (args.save !== undefined || args.resume !== undefined) {
      throw notFor(
        args.save !== undefined ? '--save' : '--resume',
        'checkpoints are for the fit() programs of chapters 8-10',
      );
    }
  }
  if (args.dataDir !== undefined && !program.images)
    throw notFor('--data-dir', 'its data is shipped');
  if (args.graph && !program.graph) throw notFor('--graph', 'it has no loss to draw');
  const device = args.device ?? 'cpu';
  // the same results on any count (torch.set_num_threads); all cores unless told otherwise
  torch.setNumThreads(args.threads ?? availableParallelism());
  if (device === 'gpu' && !torch.hasDevice('gpu')) {
    // gpu.js picks its fastest mode: a real GPU where there is one, WebAssembly in Node otherwise
    useGpu();
  }
  if (args.save !== undefined) {
    const dir = dirname(resolve(args.save));
    if (!existsSync(dir))
      throw new UsageError(
        `--save ${args.save}: the folder ${dir} does not exist; create it first`,
      );
    if (existsSync(args.save) && statSync(args.save).isDirectory()) {
      throw new UsageError(
        `--save ${args.save}: that is a folder; give a file name, e.g. ${join(args.save, `${name}.safetensors`)}`,
      );
    }
  }
  const out = resolve(args.out ?? join('out', name));
  if (existsSync(out) && !statSync(out).isDirectory()) {
    throw new UsageError(`--out ${out}: a file is in the way; give a folder for the report`);
  }
  if (program.images) imageSource(args.dataDir); // a missing or empty --data-dir is an error now
  const settings: Settings = {
    epochs: args.epochs ?? d.epochs ?? 0,
    lr: args.lr ?? d.lr ?? 0,
    batchSize: args.batchSize ?? d.batchSize ?? 0,
    device,
    seed: args.seed ?? 123,
    out,
    graph: args.graph,
  };
  if (args.save !== undefined) settings.save = args.save;
  if (args.steps !== undefined) settings.steps = args.steps;
  if (args.dataDir !== undefined) settings.dataDir = args.dataDir;
  if (args.resume !== undefined) {
    const ckpt = await readCheckpoint(args.resume);
    if (ckpt.program !== name) {
      throw new UsageError(
        `--resume ${args.resume}: a checkpoint of '${ckpt.program}', another model than '${name}'; run pnpm start -- ${ckpt.program} --resume ${args.resume}, or drop --resume`,
      );
    }
    settings.resume = { ...ckpt, path: args.resume };
  }
  return settings;
}

function commandLine(program: Program, settings: Settings, isDefault: boolean): string {
  const s = settings;
  const parts = ['pnpm start --', program.name];
  if (s.epochs) parts.push(`--epochs ${s.epochs}`);
  if (program.defaults.batchSize !== undefined) parts.push(`--batch-size ${s.batchSize}`);
  if (s.lr) parts.push(`--lr ${s.lr}`);
  parts.push(`--seed ${s.seed}`);
  if (s.steps) parts.push(`--steps ${s.steps}`);
  if (s.dataDir) parts.push(`--data-dir ${s.dataDir}`);
  if (s.resume) parts.push(`--resume ${s.resume.path}`);
  if (s.save) parts.push(`--save ${s.save}`);
  return `${parts.join(' ')}${isDefault ? '   (the default run)' : ''}`;
}

/**
 * `pnpm start -- <program> [options]`: runs one of the course's programs, prints what the course
 * prints, and writes the report (report.html with SVG figures) to --out. Returns the exit code:
 * 0, 2 for bad input (nothing written), 130 after Ctrl-C (a checkpoint saved).
 */
export async function main(argv: readonly string[], options: MainOptions = {}): Promise<number> {
  const out = options.out ?? ((line: string) => console.log(line));
  const err = options.err ?? ((line: string) => console.error(line));
  let ctx: RunContext;
  try {
    const args = parseArgs(argv);
    if (args.help) {
      usage(out);
      return 0;
    }
    const isDefault = args.program === undefined;
    const name = args.program ?? DEFAULT_RUN.program;
    const program = PROGRAMS.find((p) => p.name === name);
    if (program === undefined) {
      throw new UsageError(`unknown program '${name}'; run pnpm start -- --help to list them`);
    }
    const settings = await resolveSettings(program, args, isDefault);
    const command = commandLine(program, settings, isDefault);
    const report = new Report(program.name, program.summary, command);
    ctx = new RunContext(program, settings, report, out, options.progress ?? noProgress);
    ctx.print(`== ${program.name} (${program.chapter}): ${program.summary}`);
    ctx.print(`   ${command}\n`);
  } catch (e) {
    if (e instanceof UsageError) {
      err(`error: ${e.message}`);
      return 2;
    }
    throw e;
  }
  return run(ctx, options);
}

async function run(ctx: RunContext, options: MainOptions): Promise<number> {
  const { program, settings } = ctx;
  let interrupts = 0;
  const onSigint = (): void => {
    interrupts += 1;
    if (interrupts > 1) process.exit(130);
    ctx.stopRequested = true;
    ctx.print(
      '\nCtrl-C: stopping after this batch and saving a checkpoint (Ctrl-C again to quit now)',
    );
  };
  const handle = options.handleSignals === true && program.fits === true;
  if (handle) process.on('SIGINT', onSigint);
  options.onContext?.(ctx);
  let code = 0;
  try {
    await program.run(ctx);
  } catch (e) {
    if (e instanceof UsageError) {
      (options.err ?? console.error)(`error: ${e.message}`);
      return 2;
    }
    if (!(e instanceof FitInterrupted)) throw e;
    code = 130;
    const ckpt = ctx.lastCheckpoint;
    if (ckpt === null) {
      ctx.print('interrupted before the first epoch finished: nothing to save');
    } else {
      const path = settings.save ?? join(settings.out, 'interrupted.safetensors');
      if (settings.save === undefined)
        await import('node:fs/promises').then((fs) => fs.mkdir(settings.out, { recursive: true }));
      await saveCheckpoint(path, ckpt);
      ctx.report.history = ckpt.history;
      ctx.print(
        `interrupted: saved the state after epoch ${ckpt.history.length} to ${path}; continue with pnpm start -- ${program.name} --resume ${path}`,
      );
    }
  } finally {
    if (handle) process.off('SIGINT', onSigint);
  }
  const path = await ctx.report.write(settings.out);
  ctx.print(`\nreport: ${path}`);
  if (settings.save !== undefined && code === 0) ctx.print(`checkpoint: ${settings.save}`);
  return code;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2), {
    progress: terminalProgress(process.stdout),
    handleSignals: true,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
      process.exitCode = 1;
    },
  );
}
