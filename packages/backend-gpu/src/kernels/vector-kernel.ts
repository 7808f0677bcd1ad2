import type { IKernelRunShortcut, KernelOutput } from 'gpu.js';
import { KernelSource } from '../codegen/kernel-source.js';
import type { Device, DeviceArray, Plan } from '../device.js';
import type { GpuBuffer } from '../gpu-buffer.js';
import type { KernelContext } from '../kernel-context.js';

/** Outputs one thread computes: four adjacent columns of one row (a gpu.js `Array(4)` return). */
export const TILE = 4;

/** The source of a kernel whose threads return four outputs each, and how to launch it. */
export interface VectorPlan {
  readonly source: KernelSource;
  /** The returned expression: `[c0, c1, c2, c3]`, the thread's four outputs. */
  readonly result: string;
  /** gpu.js `output`: `[groups, rows]`-like for 2-D launches, else `[threads]`. */
  readonly output: [number] | [number, number];
  /** Output rows, and groups of four columns per row. */
  readonly rows: number;
  readonly groups: number;
}

/** The vector kernels of each device, compiled once per signature. */
const compiledVectors = new WeakMap<Device, Map<string, IKernelRunShortcut>>();

/** Most vector kernels a device keeps; the least recently used is dropped first. */
const VECTOR_CACHE = 256;

/**
 * Runs the kernel of `plan` (compiled on first use of `signature`, cached per device) on
 * `args`, and returns its `[rows, width]` outputs as a buffer: in host modes (webasm, cpu) the
 * vectors copied into a flat array, in GL modes unpacked from the vec4 texture by a second
 * kernel. gpu.js takes `returnType: 'Array(4)'` for a kernel made from source, which the
 * device's own kernels do not use: the tiled matmul and convolution share this.
 */
export function runVectorKernel(
  ctx: KernelContext,
  signature: string,
  plan: () => VectorPlan,
  args: readonly Float32Array[],
  rows: number,
  width: number,
): GpuBuffer {
  const device = ctx.device;
  const kernel = compiled(device, signature, plan);
  device.stats.calls++;
  const out = kernel(...args) as KernelOutput;
  const reason = kernel.kernel.fallbackReason;
  if (reason && !device.stats.fallbacks.includes(reason)) device.stats.fallbacks.push(reason);
  const groups = Math.ceil(width / TILE);
  if (device.hostArrays) {
    return ctx.output('float32', rows * width, flattenVectors(out, rows, width, groups));
  }
  const packed = out as unknown as DeviceArray;
  try {
    return ctx.output('float32', rows * width, unpack(device, packed, rows, width, groups));
  } finally {
    device.release(packed);
  }
}

function compiled(device: Device, signature: string, plan: () => VectorPlan): IKernelRunShortcut {
  let cache = compiledVectors.get(device);
  if (cache === undefined) {
    cache = new Map();
    compiledVectors.set(device, cache);
  }
  let kernel = cache.get(signature);
  if (kernel !== undefined) {
    cache.delete(signature);
    cache.set(signature, kernel);
    return kernel;
  }
  const made = plan();
  device.checkSize(made.rows * made.groups * TILE);
  // gpu.js takes `returnType` for a kernel (its typings list it for functions only)
  const settings = {
    output: made.output,
    constants: made.source.constants,
    returnType: 'Array(4)',
    pipeline: true,
    immutable: true,
    precision: 'single',
    tactic: 'precision',
  } as const;
  kernel = device.gpu.createKernel(made.source.toString(made.result), settings);
  device.stats.compiled++;
  cache.set(signature, kernel);
  if (cache.size > VECTOR_CACHE) {
    const [oldest, old] = cache.entries().next().value as [string, IKernelRunShortcut];
    cache.delete(oldest);
    if (device.hostArrays) old.destroy();
  }
  return kernel;
}

/**
 * Host modes: the kernel's vectors (gpu.js returns one `Float32Array(4)` per thread, views of
 * one buffer in webasm) as a flat `[rows, n]` array.
 */
function flattenVectors(out: KernelOutput, rows: number, n: number, groups: number): Float32Array {
  const top = out as unknown as Float32Array[] | Float32Array[][];
  const vectors = (
    Array.isArray(top[0]) ? (top as Float32Array[][]).flat() : top
  ) as Float32Array[];
  const first = vectors[0] as Float32Array;
  const width = groups * TILE;
  if (
    width === n &&
    first.byteOffset === 0 &&
    first.buffer.byteLength === rows * n * 4 &&
    (vectors[vectors.length - 1] as Float32Array).buffer === first.buffer
  ) {
    return new Float32Array(first.buffer, 0, rows * n);
  }
  const flat = new Float32Array(rows * n);
  let at = 0;
  for (let i = 0; i < rows; i++) {
    for (let q = 0; q < groups; q++) {
      const v = vectors[i * groups + q] as Float32Array;
      const take = Math.min(TILE, n - q * TILE);
      for (let c = 0; c < take; c++) flat[at++] = v[c] as number;
    }
  }
  return flat;
}

/**
 * GL modes: a kernel that reads the tiled kernel's vec4 texture and writes one float per
 * element, `[rows, n]`, as every other kernel reads buffers.
 */
function unpack(device: Device, packed: DeviceArray, rows: number, n: number, groups: number) {
  const plan = (): Plan => {
    const src = new KernelSource(['t']);
    const cols = src.constant('n', n);
    const row = src.let(`Math.floor(this.thread.x / ${cols})`, 'row');
    const j = src.let(`this.thread.x - ${row} * ${cols}`, 'j');
    const q = src.let(`Math.floor(${j} / ${TILE})`, 'q');
    const c = src.let(`${j} - ${q} * ${TILE}`, 'c');
    const v = src.let(`t[${row} * ${src.constant('g', groups)} + ${q}]`, 'v');
    const pick = `${c} < 2 ? (${c} < 1 ? ${v}[0] : ${v}[1]) : (${c} < 3 ? ${v}[2] : ${v}[3])`;
    return { source: src, result: pick, length: rows * n };
  };
  return device.run(`matmul-unpack ${rows} ${n}`, plan, [packed]);
}
