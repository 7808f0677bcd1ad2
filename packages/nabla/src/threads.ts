import { getBackend } from '@nabla/tensor';

/** The part of a backend that has a thread setting (the CPU backend's). */
interface Threaded {
  numThreads(): number;
  setNumThreads(n: number): void;
}

/** The CPU backend behind the 'cpu' device, under autodiff's decorator if there is one. */
function cpuThreads(op: string): Threaded {
  let b: unknown = getBackend('cpu');
  for (let depth = 0; depth < 4 && b !== null && typeof b === 'object'; depth++) {
    if (typeof (b as Partial<Threaded>).setNumThreads === 'function') return b as Threaded;
    b = (b as { inner?: unknown }).inner;
  }
  throw new Error(`${op}: the 'cpu' device's backend has no thread setting`);
}

/**
 * `torch.set_num_threads(n)`: the threads the CPU device's matrix products and convolutions use
 * from now on (1 by default; `os.availableParallelism()` gives the machine's count). Results do
 * not depend on it. Threads are worker threads in Node 20.16+; elsewhere products stay on one.
 *
 * @example
 * torch.setNumThreads(os.availableParallelism());
 */
export function setNumThreads(n: number): void {
  cpuThreads('setNumThreads').setNumThreads(n);
}

/** `torch.get_num_threads()`: the CPU device's thread setting. */
export function getNumThreads(): number {
  return cpuThreads('getNumThreads').numThreads();
}
