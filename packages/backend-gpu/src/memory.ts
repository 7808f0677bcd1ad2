import type { DeviceArray } from './device.js';
import { GpuBuffer, type Storage } from './gpu-buffer.js';

/** What `memory()` reports: live buffers and the device bytes they hold. */
export interface MemoryInfo {
  /** Buffers made and not yet freed (by dispose, tidy or garbage collection). */
  buffers: number;
  /** Device bytes those buffers hold (4 per float; int32 takes 8 bytes per element). */
  bytes: number;
}

/**
 * Counts live buffers and frees their device memory: now, on `dispose`, or, as a safety net,
 * after a buffer is garbage-collected (a FinalizationRegistry). Also keeps the stack of `tidy`
 * scopes, each the set of buffers made inside it.
 */
export class MemoryTracker {
  private buffers = 0;
  private bytes = 0;
  private readonly registry: FinalizationRegistry<Storage>;
  private readonly scopes: Set<GpuBuffer>[] = [];

  constructor(private readonly release: (data: DeviceArray) => void) {
    this.registry = new FinalizationRegistry((storage) => this.free(storage));
  }

  /** Starts counting a new buffer (and records it in the innermost tidy scope). */
  track(buffer: GpuBuffer): GpuBuffer {
    this.buffers++;
    this.bytes += buffer.storage.bytes;
    this.registry.register(buffer, buffer.storage, buffer);
    this.scopes[this.scopes.length - 1]?.add(buffer);
    return buffer;
  }

  /** Frees a buffer now; a second dispose does nothing. */
  dispose(buffer: GpuBuffer): void {
    if (buffer.storage.data === null) return;
    this.registry.unregister(buffer);
    this.free(buffer.storage);
  }

  /** Swaps a buffer's device array for `data` (what `assign` computed), freeing the old one. */
  replace(buffer: GpuBuffer, data: DeviceArray): void {
    const old = buffer.data;
    buffer.storage.data = data;
    if (old !== data) this.release(old);
  }

  /** Live buffers and bytes. */
  info(): MemoryInfo {
    return { buffers: this.buffers, bytes: this.bytes };
  }

  /**
   * Runs `fn` and disposes every buffer made inside it except those in its result (a buffer,
   * or arrays and plain objects holding buffers or views, searched through). Buffers a nested
   * scope returns belong to the enclosing scope. When `fn` throws, every buffer it made is freed.
   */
  tidy<T>(fn: () => T): T {
    this.startScope();
    let result: T | undefined;
    try {
      result = fn();
      return result;
    } finally {
      const kept = new Set<GpuBuffer>();
      collectBuffers(result, kept, 0);
      this.endScope(kept);
    }
  }

  /** Opens a scope: the buffers made from now until {@link endScope} belong to it. */
  startScope(): void {
    this.scopes.push(new Set());
  }

  /**
   * Closes the innermost scope: frees the buffers made in it except those in `keep`, which
   * then belong to the enclosing scope; then frees each buffer of `drop` not in `keep`, wherever
   * it was made (what a caller let go of inside the scope, such as a cleared gradient).
   */
  endScope(keep: ReadonlySet<GpuBuffer>, drop: Iterable<GpuBuffer> = []): void {
    const scope = this.scopes.pop();
    if (scope === undefined) throw new Error('gpu backend: endScope without an open scope');
    const outer = this.scopes[this.scopes.length - 1];
    for (const buffer of scope) {
      if (keep.has(buffer)) outer?.add(buffer);
      else this.dispose(buffer);
    }
    for (const buffer of drop) if (!keep.has(buffer)) this.dispose(buffer);
  }

  /** Whether `buffer` was made in the innermost open scope (and not kept out of it). */
  inScope(buffer: GpuBuffer): boolean {
    return this.scopes[this.scopes.length - 1]?.has(buffer) ?? false;
  }

  /** Takes a buffer out of every open tidy scope, so that they leave it alive (`tf.keep`). */
  keep(buffer: GpuBuffer): GpuBuffer {
    for (const scope of this.scopes) scope.delete(buffer);
    return buffer;
  }

  private free(storage: Storage): void {
    const data = storage.data;
    if (data === null) return;
    storage.data = null;
    this.buffers--;
    this.bytes -= storage.bytes;
    this.release(data);
  }
}

/** Adds to `out` every GpuBuffer reachable from `value` through arrays, objects and views. */
function collectBuffers(value: unknown, out: Set<GpuBuffer>, depth: number): void {
  if (value === null || typeof value !== 'object' || depth > 8) return;
  if (value instanceof GpuBuffer) {
    out.add(value);
    return;
  }
  if (ArrayBuffer.isView(value)) return;
  const items = Array.isArray(value) ? value : Object.values(value);
  for (const item of items) collectBuffers(item, out, depth + 1);
}
