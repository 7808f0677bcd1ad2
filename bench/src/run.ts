#!/usr/bin/env node
// `pnpm bench`: Nabla beside PyTorch, TensorFlow.js and jax-js on the workloads of issue 9, in one
// table, written with the machine's description to bench/RESULTS.md.
//
//   node dist/run.js [--quick] [--only=matmul,mlp,cnn,infer,op] [--out=FILE] [--no-write] [--verbose]
//
// Every library configuration runs in its own worker process, started once; for each row the
// runner asks the configurations in turn, round after round (the order rotates), so a change of
// load on the machine hits them all alike. Each answer has its own warm-up and samples; the
// table shows medians.
import { spawnSync } from 'node:child_process';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeMachine, type Machine } from './machine.js';
import { implementations, libsOf, planRows, type RowPlan } from './plan.js';
import type { Workload } from './protocol.js';
import {
  checkTargets,
  detailLines,
  type Impl,
  type Measured,
  type RowResult,
  resultsTable,
  targetLines,
} from './report.js';
import { now } from './stats.js';
import { formatSeconds } from './table.js';
import { type WorkerCommand, WorkerProcess } from './worker-process.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const pkgDir = path.resolve(here, '..');
const PYTHON = '/usr/bin/python3';

interface Args {
  quick: boolean;
  only: string[];
  out: string | null;
  verbose: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  const get = (name: string) =>
    argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const quick = argv.includes('--quick');
  const only = (get('only') ?? '').split(',').filter(Boolean);
  let out: string | null =
    get('out') ?? (quick || only.length > 0 ? null : path.join(pkgDir, 'RESULTS.md'));
  if (argv.includes('--no-write')) out = null;
  for (const a of argv) {
    if (!/^--(quick|verbose|no-write|only=.*|out=.*)$/.test(a)) {
      throw new Error(
        `unknown argument ${a}: use --quick, --only=matmul,mlp,cnn,infer,op, --out=FILE, --no-write, --verbose`,
      );
    }
  }
  return { quick, only, out, verbose: argv.includes('--verbose') };
}

/** Can Debian's python3 import torch? Its version, or why not. */
function probeTorch(): { version: string } | { missing: string } {
  if (!existsSync(PYTHON)) return { missing: `${PYTHON} not found` };
  const r = spawnSync(PYTHON, ['-c', 'import torch; print(torch.__version__)'], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (r.status === 0) return { version: r.stdout.trim() };
  const why = (r.stderr || r.error?.message || '').trim().split('\n').pop() ?? '';
  return { missing: `${PYTHON} cannot import torch (${why.slice(0, 200)})` };
}

/** How to start the worker of a configuration. */
function workerCommand(impl: Impl, threads: number): WorkerCommand {
  const node = (file: string, ...args: string[]): WorkerCommand => ({
    command: process.execPath,
    args: [path.join(here, 'workers', file), ...args],
  });
  switch (impl.lib) {
    case 'nabla': {
      if (impl.id === 'nabla-f64') return node('nabla.js', '--threads=1', '--accumulator=float64');
      if (impl.id === 'nabla-1t') return node('nabla.js', '--threads=1');
      // on all cores, V8's parallel GC threads would compete with the worker threads for them
      // (MLP step 2.7 ms with the GC on the main thread, 3.4 ms without; CNN about 5% faster)
      const cmd = node('nabla.js', `--threads=${threads}`);
      return { ...cmd, args: [NABLA_MULTI_FLAG, ...cmd.args] };
    }
    case 'torch': {
      // PyTorch's best here (shared/TOOLCHAIN.md): the machine's OPENBLAS_CORETYPE=Haswell and
      // OPENBLAS_L2_SIZE halve OpenBLAS, so they are unset for it, and only for it
      const t = impl.id === 'torch-1t' ? 1 : threads;
      const blas = impl.id.endsWith('-blas1') ? 1 : t;
      return {
        command: 'env',
        args: [
          '-u',
          'OPENBLAS_CORETYPE',
          '-u',
          'OPENBLAS_L2_SIZE',
          `OMP_NUM_THREADS=${t}`,
          `OPENBLAS_NUM_THREADS=${blas}`,
          `MKL_NUM_THREADS=${blas}`,
          PYTHON,
          path.join(pkgDir, 'python', 'torch_worker.py'),
          `--threads=${t}`,
        ],
      };
    }
    case 'tfjs-wasm':
      return node('tfjs.js', '--backend=wasm');
    case 'tfjs-cpu':
      return node('tfjs.js', '--backend=cpu');
    case 'jax':
      return node('jax.js');
  }
}

const log = (s: string) => process.stderr.write(s + '\n');

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const t0 = now();
  const machine = describeMachine();
  const threads = machine.parallelism;
  const impls = implementations(threads);
  const rows = planRows({ quick: args.quick, threads, only: args.only });
  const notes: string[] = [];

  // start the workers the rows need, all at once (their start-up is not measured)
  const needed = impls.filter((i) => rows.some((r) => r.impls.includes(i.id)));
  const torch = probeTorch();
  if ('missing' in torch)
    notes.push(
      `PyTorch skipped: ${torch.missing}. Install: apt-get install -y python3-torch libopenblas0-pthread.`,
    );
  log(
    `bench: ${args.quick ? 'quick' : 'full'} run, ${rows.length} rows, ${needed.length} library configurations; load ${machine.load.join(' ')}`,
  );
  const workers = new Map<string, WorkerProcess>();
  await Promise.all(
    needed.map(async (impl) => {
      if (impl.lib === 'torch' && 'missing' in torch) return;
      const w = new WorkerProcess(
        impl.id,
        workerCommand(impl, threads),
        args.verbose ? log : undefined,
      );
      try {
        await w.start(180_000);
        workers.set(impl.id, w);
      } catch (err) {
        const why = err instanceof Error ? err.message : String(err);
        notes.push(`${impl.lib} (${impl.tag}) did not start, so it has no numbers: ${why}`);
      }
    }),
  );
  const stopAll = () => {
    for (const w of workers.values()) w.kill();
  };
  process.on('SIGINT', () => {
    stopAll();
    process.exit(130);
  });
  const torchInfo = workers.get('torch-1t')?.info;
  const blas = torchInfo?.blas as { libs?: string[]; corename?: string } | undefined;
  if (torchInfo && !(blas?.libs ?? []).some((l) => l.includes('openblas'))) {
    notes.push(
      'PyTorch does not run on OpenBLAS here (install libopenblas0-pthread): its numbers are far from its best.',
    );
  }

  // measure, row by row, round by round, the configurations in turn
  const results: RowResult[] = [];
  const timeoutMs = args.quick ? 180_000 : 400_000;
  for (const [index, row] of rows.entries()) {
    const rowStart = now();
    const byImpl: Record<string, Measured> = {};
    const ids = row.impls.filter((id) => workers.has(id));
    for (let round = 0; round < row.rounds; round++) {
      const order = ids.map((_, i) => ids[(i + round) % ids.length]!);
      for (const id of order) {
        const w = workers.get(id)!;
        const reply = await w.run(row.work(id, round) as Workload, timeoutMs);
        const m = byImpl[id] ?? { samples: [] };
        byImpl[id] = m;
        if (reply.error !== undefined) m.error = reply.error;
        else m.samples.push(...(reply.samples ?? []));
        if (reply.note !== undefined) m.note = reply.note;
      }
    }
    results.push(toResult(row, byImpl));
    log(`  [${index + 1}/${rows.length}] ${row.label}: ${formatSeconds(now() - rowStart)}`);
  }
  for (const r of results) {
    const plan = rows.find((p) => p.key === r.key)!;
    if (plan.torchFrom) {
      const src = results.find((x) => x.key === plan.torchFrom!.row);
      if (src)
        r.torchAlso = Object.fromEntries(
          plan.torchFrom.impls.filter((id) => src.byImpl[id]).map((id) => [id, src.byImpl[id]!]),
        );
    }
  }
  for (const w of workers.values()) w.stop();

  const versions = collectVersions(workers);
  const table = resultsTable(results, impls);
  const checks = checkTargets(results, impls, threads);
  const elapsed = now() - t0;
  const endLoad = os.loadavg().map((x) => Math.round(x * 100) / 100);

  console.log(table);
  console.log('');
  console.log(
    'Nabla / PyTorch time: above 1 means Nabla takes longer. Configurations in parentheses (1t = one thread).',
  );
  console.log("Issue 9's targets:");
  for (const l of targetLines(checks)) console.log(l);
  for (const n of notes) console.log(`Note: ${n}`);

  if (args.out !== null) {
    const text = resultsMarkdown({
      args,
      machine,
      endLoad,
      versions,
      table,
      checks: targetLines(checks),
      details: detailLines(results, impls),
      notes,
      elapsed,
      libsRun: [...libsOf([...workers.keys()], impls)],
    });
    const tmp = `${args.out}.tmp-${process.pid}`;
    writeFileSync(tmp, text);
    renameSync(tmp, args.out);
    console.log(
      `Written to ${path.relative(process.cwd(), args.out) || args.out} (${formatSeconds(elapsed)} in all).`,
    );
  } else {
    console.log(
      `(${formatSeconds(elapsed)} in all; not written: a full run writes bench/RESULTS.md)`,
    );
  }
}

function toResult(row: RowPlan, byImpl: Record<string, Measured>): RowResult {
  const { key, label, display, perUnit, rateUnit, flops, skipped } = row;
  return {
    key,
    label,
    display,
    byImpl,
    ...(perUnit === undefined ? {} : { perUnit }),
    ...(rateUnit === undefined ? {} : { rateUnit }),
    ...(flops === undefined ? {} : { flops }),
    ...(skipped === undefined ? {} : { skipped }),
  };
}

/** The Node option Nabla's all-threads worker runs with (see workerCommand). */
const NABLA_MULTI_FLAG = '--single-threaded-gc';

/** Library versions and settings as the workers reported them. */
function collectVersions(workers: Map<string, WorkerProcess>): string[] {
  const out: string[] = [
    `Nabla on all threads: node ${NABLA_MULTI_FLAG} (V8's GC on the main thread, the other cores for the worker threads)`,
  ];
  const t = workers.get('torch-1t')?.info;
  if (t) {
    const blas = t.blas as { libs?: string[]; corename?: string };
    const libs = blas.libs ?? [];
    const openblas = libs.find((l) => /libopenblas/.test(l));
    const lib = openblas
      ? `${path.basename(openblas)}${openblas.includes('openblas-pthread') ? ' (libopenblas0-pthread)' : ''}`
      : libs.map((l) => path.basename(l)).join(', ') || 'unknown';
    out.push(
      `PyTorch ${t.version} (Debian python3-torch) on ${lib}${blas.corename ? `, OpenBLAS kernels ${blas.corename}` : ''}; OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset for it`,
    );
  }
  const w = workers.get('tfjs-wasm')?.info ?? workers.get('tfjs-cpu')?.info;
  if (w) {
    out.push(
      `TensorFlow.js ${w.tfjs} (@tensorflow/tfjs with its cpu backend and tfjs-backend-wasm${w.simd ? ' with SIMD' : ''}, ${w.threads ?? 1} thread)`,
    );
  }
  if (workers.has('jax')) {
    out.push('jax-js 0.1.25 (@jax-js/jax, wasm device, jit, 1 thread: Node has no Web Worker)');
  }
  return out;
}

interface ReportInput {
  args: Args;
  machine: Machine;
  endLoad: number[];
  versions: string[];
  table: string;
  checks: string[];
  details: string[];
  notes: string[];
  elapsed: number;
  libsRun: string[];
}

function resultsMarkdown(r: ReportInput): string {
  const m = r.machine;
  const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  return `# Benchmark results

Written by \`pnpm bench\` (${r.args.quick ? 'quick' : 'full'} run, ${formatSeconds(r.elapsed)}) on ${date}. Regenerate with
\`pnpm bench\` at the repository root; every run overwrites this file. How it measures: README.md.

## Machine

- CPU: ${m.cpu}, ${m.processors} logical processors (${m.parallelism} available to Node)${m.simd.length ? `, ${m.simd.join(' / ')}` : ''}
- memory ${m.memoryGiB} GiB; ${m.os}
- Node ${m.node}
${r.versions.map((v) => `- ${v}`).join('\n')}
- load average at start: ${m.load.join(', ')} (1, 5, 15 min); at end: ${r.endLoad.join(', ')}. The machine is shared:
  a load above ${m.parallelism} means other processes took part of the cores during the run.

## Results

${r.table}

Medians. Nabla / PyTorch time: above 1 means Nabla takes longer. The Nabla and PyTorch columns show
each library's best configuration (in parentheses: \`1t\` one thread, \`${m.parallelism}t\` ${m.parallelism} threads,
\`BLAS 1t\` OpenBLAS on one thread under ${m.parallelism} OpenMP threads); the all-threads matmul rows count
PyTorch's 1-thread run too. The TF.js and jax-js columns show GFLOPS in parentheses for products.

## Issue 9's targets

${r.checks.join('\n')}

## Every measurement

Median [fastest to slowest sample, n samples] per configuration.

${r.details.join('\n')}
${r.notes.length ? `\n## Notes\n\n${r.notes.map((n) => `- ${n}`).join('\n')}\n` : ''}`;
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
