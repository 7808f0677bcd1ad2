/**
 * What a gpu.js WebGPU kernel gives in pipeline mode: a handle on its output storage buffer
 * (gpu.js's `WebGPUBufferResult`), read back asynchronously. A kernel that gpu.js ran on its
 * cpu backend instead gives a plain `Float32Array`.
 */
export interface WebGpuResult {
  readonly output: number[];
  toArray(): Promise<unknown>;
  delete(): void;
}

/**
 * A device array of the `webgpu` mode: `length` floats that a kernel launch produces
 * asynchronously (gpu.js's WebGPU kernels return Promises). Ops hand it on at once; kernels
 * that read it wait for it in the {@link LaunchQueue}.
 */
export class PendingArray {
  constructor(
    /** The launch's output; rejects with the launch's error (or that of an input's launch). */
    readonly ready: Promise<WebGpuResult | Float32Array>,
    /** The number of floats. */
    readonly length: number,
  ) {}
}

/**
 * Runs the asynchronous work of the `webgpu` mode one task at a time, in the order it was
 * asked for: kernel launches, the copies that start reads, and frees. A task starts once the
 * one before it has settled, so its inputs exist (and have not been freed) when it launches,
 * and a buffer is freed only after every launch and read asked for before the free has used
 * it. gpu.js resolves a pipeline launch once it is submitted, not when the GPU has finished:
 * the queue orders submissions, and the GPU runs them in that order.
 *
 * A failed task fails only what depends on it: the queue goes on with the next one.
 */
export class LaunchQueue {
  private tail: Promise<unknown> = Promise.resolve();

  /**
   * Runs `task` after every task enqueued before it; returns its result. The returned
   * promise's rejection counts as handled (a failed op that nobody reads raises no
   * unhandled-rejection error); awaiting it still throws.
   */
  enqueue<T>(task: () => T | Promise<T>): Promise<T> {
    const done = this.tail.then(task);
    this.tail = done.then(
      () => undefined,
      () => undefined,
    );
    return done;
  }

  /** Resolves once every task enqueued so far has settled. */
  idle(): Promise<void> {
    return this.tail.then(() => undefined);
  }
}
