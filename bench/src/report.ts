// From measured samples to the table, the notes and the check against issue 9's targets.
// Pure functions: run.ts feeds them, the tests check them.
import { median } from './stats.js';
import { formatRate, formatRatio, formatSeconds, renderTable, sig } from './table.js';

/** The libraries, in the order of the table's columns. */
export type Lib = 'nabla' | 'torch' | 'tfjs-wasm' | 'tfjs-cpu' | 'jax';

/** One library configuration (one worker process). */
export interface Impl {
  id: string;
  lib: Lib;
  /** Short configuration label shown beside its number: `1t`, `2t`, `2t, BLAS 1t`, `f64 acc`. */
  tag: string;
}

/** What one implementation gave for one row. */
export interface Measured {
  /** Seconds per unit, one per sample. */
  samples: number[];
  note?: string;
  error?: string;
}

/** A row of the table with its measurements. */
export interface RowResult {
  key: string;
  label: string;
  /** 'time': seconds per unit; 'rate': `perUnit / seconds` items per second (images/s). */
  display: 'time' | 'rate';
  /** Items per unit for 'rate' rows (images per training step). */
  perUnit?: number;
  rateUnit?: string;
  /** Floating-point operations per unit, for GFLOPS (matrix products). */
  flops?: number;
  byImpl: Record<string, Measured>;
  /** PyTorch measurements from other rows that also count for this row's "best" (1-thread runs
   * count for the all-threads row: its best configuration may be one thread). */
  torchAlso?: Record<string, Measured>;
  /** Why a library has no number in this row, when it was not run on purpose. */
  skipped?: Partial<Record<Lib, string>>;
}

/** The fastest configuration of `lib` in a row: its implementation and median seconds. */
export interface Best {
  impl: Impl;
  seconds: number;
}

/** The configuration of `lib` with the lowest median time in `byImpl` (errors and empty ignored). */
export function bestOf(
  lib: Lib,
  byImpl: Record<string, Measured>,
  impls: readonly Impl[],
): Best | null {
  let best: Best | null = null;
  for (const impl of impls) {
    if (impl.lib !== lib) continue;
    const m = byImpl[impl.id];
    if (!m || m.error !== undefined || m.samples.length === 0) continue;
    const seconds = median(m.samples);
    if (best === null || seconds < best.seconds) best = { impl, seconds };
  }
  return best;
}

/** The best PyTorch configuration of a row, counting `torchAlso`. */
export function bestTorch(row: RowResult, impls: readonly Impl[]): Best | null {
  return bestOf('torch', { ...row.torchAlso, ...row.byImpl }, impls);
}

/** A row's number for display: time, or items per second. */
export function formatValue(row: RowResult, seconds: number): string {
  if (row.display === 'rate')
    return `${formatRate((row.perUnit ?? 1) / seconds)} ${row.rateUnit ?? '/s'}`;
  return formatSeconds(seconds);
}

const gflops = (row: RowResult, seconds: number): number =>
  row.flops === undefined ? Number.NaN : row.flops / seconds / 1e9;

/** The table's header. */
export const HEADERS = [
  'workload',
  'Nabla',
  'PyTorch (best)',
  'Nabla / PyTorch time',
  'GFLOPS Nabla / PyTorch',
  'TF.js wasm',
  'TF.js cpu',
  'jax-js',
] as const;

/** A JS library's cell: its median (and GFLOPS for a product), `—` with no number. */
function libCell(row: RowResult, lib: Lib, impls: readonly Impl[]): string {
  const b = bestOf(lib, row.byImpl, impls);
  if (b === null) return '—';
  const g = gflops(row, b.seconds);
  return formatValue(row, b.seconds) + (Number.isFinite(g) ? ` (${sig(g)})` : '');
}

/** The cells of one row of the table. */
export function tableRow(row: RowResult, impls: readonly Impl[]): string[] {
  const nabla = bestOf('nabla', row.byImpl, impls);
  const torch = bestTorch(row, impls);
  const cell = (b: Best | null) =>
    b === null ? '—' : `${formatValue(row, b.seconds)} (${b.impl.tag})`;
  const ratio = nabla && torch ? formatRatio(nabla.seconds / torch.seconds) : '—';
  const gN = nabla ? gflops(row, nabla.seconds) : Number.NaN;
  const gT = torch ? gflops(row, torch.seconds) : Number.NaN;
  const gf =
    Number.isFinite(gN) || Number.isFinite(gT)
      ? `${Number.isFinite(gN) ? sig(gN) : '—'} / ${Number.isFinite(gT) ? sig(gT) : '—'}`
      : '';
  return [
    row.label,
    cell(nabla),
    cell(torch),
    ratio,
    gf,
    libCell(row, 'tfjs-wasm', impls),
    libCell(row, 'tfjs-cpu', impls),
    libCell(row, 'jax', impls),
  ];
}

/** The one results table, as Markdown. */
export function resultsTable(rows: readonly RowResult[], impls: readonly Impl[]): string {
  return renderTable(
    HEADERS,
    rows.map((r) => tableRow(r, impls)),
  );
}

/** Every measurement of every row: median [min to max] over n samples, per configuration. */
export function detailLines(rows: readonly RowResult[], impls: readonly Impl[]): string[] {
  const out: string[] = [];
  for (const row of rows) {
    const parts: string[] = [];
    for (const impl of impls) {
      const m = row.byImpl[impl.id];
      if (!m) continue;
      const name = `${impl.lib} ${impl.tag}`.trim();
      if (m.error !== undefined) {
        parts.push(`${name}: failed (${m.error})`);
        continue;
      }
      const s = [...m.samples].sort((a, b) => a - b);
      const f = (x: number) => formatValue(row, x);
      const range =
        row.display === 'rate'
          ? `${f(s[s.length - 1]!)} to ${f(s[0]!)}`
          : `${f(s[0]!)} to ${f(s[s.length - 1]!)}`;
      parts.push(
        `${name} ${f(median(s))} [${range}, n=${s.length}]${m.note ? ` (${m.note})` : ''}`,
      );
    }
    for (const [lib, why] of Object.entries(row.skipped ?? {}))
      parts.push(`${lib}: not run (${why})`);
    out.push(`- ${row.label}: ${parts.join('; ')}`);
  }
  return out;
}

/** One of issue 9's targets and whether the run meets it. */
export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean | null;
}

const row = (rows: readonly RowResult[], key: string) => rows.find((r) => r.key === key);

/**
 * Issue 9's targets against this run: matmul GFLOPS on 1 and all threads (N >= 512), the MLP
 * epoch against 2x PyTorch and every JS library, the CNN against 0.25x PyTorch's 2-thread rate
 * and 5x TF.js wasm, and the per-op overhead. `met` is null where a number is missing.
 */
export function checkTargets(
  rows: readonly RowResult[],
  impls: readonly Impl[],
  threads: number,
): TargetCheck[] {
  const out: TargetCheck[] = [];
  const matmul = (prefix: string, goal: number, label: string) => {
    const got: string[] = [];
    let met: boolean | null = true;
    for (const n of [512, 1024, 2048]) {
      const r = row(rows, `${prefix}-${n}`);
      const b = r ? bestOf('nabla', r.byImpl, impls) : null;
      if (!r || !b) {
        met = null;
        continue;
      }
      const g = gflops(r, b.seconds);
      got.push(`N=${n}: ${sig(g)}`);
      if (met !== null && g < goal) met = false;
    }
    out.push({
      target: `matmul >= ${goal} GFLOPS on ${label}, N >= 512`,
      measured: got.join(', ') || 'not run',
      met: got.length ? met : null,
    });
  };
  matmul('matmul-1t', 25, '1 thread');
  if (threads > 1) matmul(`matmul-${threads}t`, 45, `${threads} threads`);

  const mlp = row(rows, 'mlp');
  if (mlp) {
    const n = bestOf('nabla', mlp.byImpl, impls);
    const t = bestTorch(mlp, impls);
    out.push({
      target: 'MLP epoch <= 2.0x PyTorch best',
      measured:
        n && t
          ? `${formatSeconds(n.seconds)} vs ${formatSeconds(t.seconds)}: ${formatRatio(n.seconds / t.seconds)}`
          : 'not measured',
      met: n && t ? n.seconds <= 2 * t.seconds : null,
    });
    const js: string[] = [];
    let met: boolean | null = n ? true : null;
    for (const lib of ['jax', 'tfjs-wasm', 'tfjs-cpu'] as const) {
      const b = bestOf(lib, mlp.byImpl, impls);
      if (!b || !n) continue;
      js.push(`${lib} ${formatSeconds(b.seconds)}`);
      if (n.seconds >= b.seconds) met = false;
    }
    out.push({
      target: 'MLP epoch faster than every JS library measured',
      measured: n
        ? `Nabla ${formatSeconds(n.seconds)}; ${js.join(', ') || 'no JS library ran'}`
        : 'not measured',
      met: js.length ? met : null,
    });
  }

  const cnn = row(rows, 'cnn');
  if (cnn) {
    const n = bestOf('nabla', cnn.byImpl, impls);
    const multi = impls.filter((i) => i.lib !== 'torch' || i.tag !== '1t');
    const t2 = bestOf('torch', cnn.byImpl, multi);
    const w = bestOf('tfjs-wasm', cnn.byImpl, impls);
    const ips = (b: Best) => (cnn.perUnit ?? 1) / b.seconds;
    out.push({
      target: `CNN training >= 0.25x PyTorch ${threads}-thread images/s`,
      measured:
        n && t2
          ? `${formatRate(ips(n))} vs ${formatRate(ips(t2))} images/s (${t2.impl.tag}): ${sig(ips(n) / ips(t2), 2)}x`
          : 'not measured',
      met: n && t2 ? ips(n) >= 0.25 * ips(t2) : null,
    });
    out.push({
      target: 'CNN training >= 5x TF.js wasm images/s',
      measured:
        n && w
          ? `${formatRate(ips(n))} vs ${formatRate(ips(w))} images/s: ${sig(ips(n) / ips(w), 2)}x`
          : 'not measured',
      met: n && w ? ips(n) >= 5 * ips(w) : null,
    });
  }

  const op = row(rows, 'op');
  if (op) {
    const n = bestOf('nabla', op.byImpl, impls);
    out.push({
      target: 'per-op overhead < 5 µs (1-element add, autograd on)',
      measured: n ? formatSeconds(n.seconds) : 'not measured',
      met: n ? n.seconds < 5e-6 : null,
    });
  }
  return out;
}

/** `- [x] target: measured` lines (`[ ]` not met, `[?]` not measured). */
export function targetLines(checks: readonly TargetCheck[]): string[] {
  return checks.map(
    (c) => `- [${c.met === null ? '?' : c.met ? 'x' : ' '}] ${c.target}: ${c.measured}`,
  );
}
