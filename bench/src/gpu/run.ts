// `pnpm bench:gpu`: the GPU backend beside the CPU backend on matmul, one conv2d layer and one
// MLP training step (workloads.ts): in Node on the CPU backend and on gpu.js's webasm and cpu
// modes, and in headless Chromium on webgl2 (SwiftShader where there is no GPU). Prints one
// Markdown table. usage: node dist/gpu/run.js [--quick] [--modes=cpu-backend,webasm,cpu,webgl2]
import { availableParallelism, cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { autodiff } from '@nabla/autograd';
import { cpuBackend } from '@nabla/backend-cpu';
import {
  bundleForBrowser,
  chromiumMissing,
  launchChromium,
  runPage,
} from '@nabla/backend-gpu/browser-testing';
import { torch, useGpu } from 'nabla';
import { argValue } from '../protocol.js';
import { formatRate, formatSeconds, renderTable } from '../table.js';
import type { GpuPageResult } from './page.js';
import { type GpuResult, type GpuRunOptions, runGpuWorkloads } from './workloads.js';

const MODES = ['cpu-backend', 'webasm', 'cpu', 'webgl2'] as const;
type Mode = (typeof MODES)[number];

const HEADERS: Record<Mode, string> = {
  'cpu-backend': 'CPU backend (Node, 1 thread)',
  webasm: 'gpu.js webasm (Node)',
  cpu: 'gpu.js cpu (Node)',
  webgl2: 'gpu.js webgl2 (Chromium)',
};

const ROWS: Record<string, string> = {
  conv2d: 'Conv2d(32,32,3) fwd+bwd, x [100,32,30,30]',
  mlp: 'MLP 784-128-10 training step, batch 100',
};

const quick = process.argv.includes('--quick');
const modes = argValue(process.argv, 'modes', MODES.join(','))
  .split(',')
  .map((m) => {
    if (!(MODES as readonly string[]).includes(m)) {
      throw new Error(`bench:gpu: unknown mode '${m}' (modes: ${MODES.join(', ')})`);
    }
    return m as Mode;
  });
const options: GpuRunOptions = quick
  ? { sizes: [128, 256, 512], reps: 3, budget: 3, maxCall: 5 }
  : { sizes: [128, 256, 512, 1024, 2048], reps: 5, budget: 10, maxCall: 20 };

const progress = (mode: Mode) => (r: GpuResult) =>
  console.error(`  ${mode} ${r.row}: ${r.seconds === null ? r.note : formatSeconds(r.seconds)}`);

/** The workloads in Node, on the CPU backend or on a gpu.js mode. */
function inNode(mode: Exclude<Mode, 'webgl2'>): GpuResult[] {
  if (mode === 'cpu-backend') {
    // the CPU backend as the CPU benchmark's 1-thread Nabla runs it (bench/README.md)
    torch.useDevice('cpu', autodiff(cpuBackend({ matmulAccumulator: 'float32' })));
    return runGpuWorkloads('cpu', { ...options, onResult: progress(mode) });
  }
  useGpu({ mode });
  return runGpuWorkloads('gpu', { ...options, onResult: progress(mode) });
}

/** The workloads in a headless Chromium page on webgl2; null (with a note) without Chromium. */
async function inChromium(): Promise<{ results: GpuResult[]; renderer: string | null } | null> {
  const missing = chromiumMissing();
  if (missing !== null) {
    console.error(`bench:gpu: webgl2 skipped: ${missing}`);
    return null;
  }
  const here = dirname(fileURLToPath(import.meta.url)); // dist/gpu
  const script = await bundleForBrowser({ entry: join(here, '..', '..', 'src', 'gpu', 'page.ts') });
  const chrome = await launchChromium({ confine: false });
  try {
    const { result } = await runPage<GpuPageResult>(chrome.browser, {
      script,
      query: `?options=${encodeURIComponent(JSON.stringify(options))}`,
      timeoutMs: 1_200_000,
      onConsole: (type, text) => {
        if (type === 'log' && text.startsWith('webgl2 ')) {
          const r = JSON.parse(text.slice(7)) as GpuResult;
          progress('webgl2')(r);
        }
      },
    });
    if (result.mode !== 'webgl2') throw new Error(`the page ran in ${result.mode}, not webgl2`);
    return { results: [...result.results], renderer: result.renderer };
  } finally {
    await chrome.close();
  }
}

function cell(r: GpuResult | undefined): string {
  if (r === undefined) return '—';
  if (r.seconds === null) return r.note?.startsWith('skipped') ? 'skipped' : '—';
  const rate = r.gflops === undefined ? '' : ` (${formatRate(r.gflops)})`;
  const one = r.samples === 1 ? ', 1 run' : '';
  return `${formatSeconds(r.seconds)}${rate}${one}`;
}

async function main(): Promise<void> {
  const columns: { mode: Mode; results: GpuResult[] }[] = [];
  let renderer: string | null = null;
  for (const mode of modes) {
    console.error(`bench:gpu: ${mode}`);
    if (mode === 'webgl2') {
      const page = await inChromium();
      if (page === null) continue;
      renderer = page.renderer;
      columns.push({ mode, results: page.results });
    } else {
      columns.push({ mode, results: inNode(mode) });
    }
  }
  const rows = [...options.sizes.map((n) => `matmul ${n}`), 'conv2d', 'mlp'];
  const table = renderTable(
    ['workload', ...columns.map((c) => HEADERS[c.mode])],
    rows.map((row) => [
      ROWS[row] ?? `${row.replace('matmul ', 'matmul N=')} (GFLOPS)`,
      ...columns.map((c) => cell(c.results.find((r) => r.row === row))),
    ]),
  );
  console.log(table);
  console.log(
    `\nMedians${quick ? ' (--quick)' : ''}. ${cpus()[0]?.model ?? 'CPU'}, ${availableParallelism()} cores, Node ${process.version}.`,
  );
  if (renderer !== null) console.log(`webgl2 renderer: ${renderer}`);
  const notes = columns.flatMap((c) =>
    c.results.filter((r) => r.note !== undefined).map((r) => `${c.mode} ${r.row}: ${r.note}`),
  );
  if (notes.length > 0) console.log(`Notes: ${notes.join('; ')}.`);
}

await main();
