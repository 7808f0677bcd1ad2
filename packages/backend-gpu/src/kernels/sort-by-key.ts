import { KernelSource } from '../codegen/kernel-source.js';
import type { DeviceArray, Plan } from '../device.js';
import type { KernelContext } from '../kernel-context.js';

/**
 * The permutation that sorts `keys` (a power-of-two count `n` of integer-valued floats under
 * 2^24), ties in their original order: `keys[perm[0]] <= keys[perm[1]] <= ...`. A bitonic
 * sorting network, the sort GPUs run without atomics or shared memory: log2(n) (log2(n) + 1) / 2
 * passes of one kernel, each thread comparing its entry with one partner and keeping the smaller
 * or the larger (the pair `(key, position)` is compared, so the order is total and stable). The
 * stage and distance are number arguments, so one compiled kernel serves every pass. Division
 * and remainder stand in for bitwise operators, which WebGL 1 lacks.
 *
 * keys: [n] -> perm: [n] (positions in keys)
 */
export function sortByKey(ctx: KernelContext, keys: DeviceArray, n: number): DeviceArray {
  const identity = (): Plan => ({
    source: new KernelSource([]),
    result: 'this.thread.x',
    length: n,
  });
  let perm = ctx.device.run(`iota ${n}`, identity, []);
  const pass = (): Plan => {
    const src = new KernelSource(['perm', 'key', 'size', 'stride']);
    const i = src.let('this.thread.x', 'i');
    // the partner differs from i in the bit `stride`; the run of `size` says the direction
    const odd = src.let(`Math.floor(${i} / stride) - Math.floor(${i} / (2 * stride)) * 2`, 'b');
    const j = src.let(`${odd} == 0 ? ${i} + stride : ${i} - stride`, 'j');
    const up = src.let(`Math.floor(${i} / size) - Math.floor(${i} / (2 * size)) * 2 == 0 ? 1 : 0`);
    const pi = src.let(`perm[${i}]`, 'p');
    const pj = src.let(`perm[${j}]`, 'p');
    const ki = src.let(`key[${pi}]`, 'k');
    const kj = src.let(`key[${pj}]`, 'k');
    const first = src.let(`(${ki} < ${kj} || (${ki} == ${kj} && ${pi} < ${pj})) ? 1 : 0`, 'f');
    // the lower of the pair keeps the first in an ascending run, the higher keeps the second
    const keep = src.let(`(${odd} == 0 ? 1 : 0) == ${up} ? ${first} : 1 - ${first}`, 'f');
    return { source: src, result: `${keep} == 1 ? ${pi} : ${pj}`, length: n };
  };
  for (let size = 2; size <= n; size *= 2) {
    for (let stride = size / 2; stride >= 1; stride /= 2) {
      const next = ctx.device.run(`bitonic ${n}`, pass, [perm, keys, size, stride]);
      ctx.device.release(perm);
      perm = next;
    }
  }
  return perm;
}
