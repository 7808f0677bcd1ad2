// What machine the numbers come from: CPU model, cores, memory, Node, load.
import { readFileSync } from 'node:fs';
import os from 'node:os';

/** The description that goes above the table in RESULTS.md. */
export interface Machine {
  cpu: string;
  /** Logical processors in /proc/cpuinfo (or os.cpus()). */
  processors: number;
  /** os.availableParallelism(): what this process may use. */
  parallelism: number;
  /** SIMD extensions the CPU reports that matter here (avx2, avx512f, fma). */
  simd: string[];
  memoryGiB: number;
  node: string;
  os: string;
  /** 1, 5 and 15 minute load averages. */
  load: [number, number, number];
}

/** Model name, processor count and flags from /proc/cpuinfo text. */
export function parseCpuinfo(text: string): { model: string; processors: number; flags: string[] } {
  let model = '';
  let processors = 0;
  let flags: string[] = [];
  for (const line of text.split('\n')) {
    const [key, ...rest] = line.split(':');
    const k = key?.trim();
    const v = rest.join(':').trim();
    if (k === 'processor') processors++;
    else if (k === 'model name' && model === '') model = v;
    else if (k === 'flags' && flags.length === 0) flags = v.split(/\s+/);
  }
  return { model, processors, flags };
}

/** Describes this machine now. */
export function describeMachine(): Machine {
  let info = { model: '', processors: 0, flags: [] as string[] };
  try {
    info = parseCpuinfo(readFileSync('/proc/cpuinfo', 'utf8'));
  } catch {
    // not Linux: os.cpus() below
  }
  const cpus = os.cpus();
  const load = os.loadavg().map((x) => Math.round(x * 100) / 100) as [number, number, number];
  return {
    cpu: info.model || cpus[0]?.model || 'unknown',
    processors: info.processors || cpus.length,
    parallelism: os.availableParallelism(),
    simd: ['avx2', 'fma', 'avx512f'].filter((f) => info.flags.includes(f)),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    load,
  };
}
