import type { AutodiffBackend, BufferLike, GradFn } from '@nabla/backend';
import { deviceMemories } from './device.js';
import { NablaError } from './errors.js';
import { Tensor } from './tensor.js';

/**
 * What a device whose storage must be freed explicitly (the GPU) offers the tensor layer, so
 * that {@link tidy} can free what a scope made and {@link memory} can count what is live.
 * Buffers are the device's tensor-layer buffers (what a tensor on it holds); a device ignores
 * buffers that are not its own. Given to {@link useDevice} (nabla's `useGpu` does it).
 */
export interface DeviceMemory {
  /** Opens a scope: the storage the device makes from now on belongs to it. */
  startScope(): void;
  /**
   * Closes the innermost scope: frees the storage made in it except that of `keep` (which
   * joins the enclosing scope), then frees the storage of `drop` unless `keep` holds it too.
   */
  endScope(keep: ReadonlySet<BufferLike>, drop: ReadonlySet<BufferLike>): void;
  /** Whether the buffer's storage was made in the innermost open scope. */
  owns(buffer: BufferLike): boolean;
  /** Live buffers on the device and the bytes they hold. */
  memory(): { buffers: number; bytes: number };
}

/** What {@link memory} reports for one device. */
export type DeviceMemoryInfo =
  | {
      /** The device counts its storage: these numbers are exact. */
      readonly counted: true;
      /** Live storage buffers (a tensor and its views share one). */
      readonly buffers: number;
      /** The bytes they hold on the device. */
      readonly bytes: number;
    }
  | {
      /** The device's storage is garbage-collected and not counted. */
      readonly counted: false;
      /** Why there are no numbers. */
      readonly reason: string;
    };

interface Scope {
  /** The devices whose scopes this one opened (and must close). */
  readonly memories: readonly DeviceMemory[];
  /** Leaves whose gradient was made or set inside the scope, with their backend. */
  readonly touched: Map<BufferLike, AutodiffBackend>;
  /** Gradients cleared or replaced inside the scope (`zeroGrad`): freed when it ends. */
  readonly dropped: Set<BufferLike>;
  /** Buffers given to {@link keep} while the scope was open. */
  readonly kept: Set<BufferLike>;
}

const scopes: Scope[] = [];

/**
 * Runs `fn` and frees the storage of every tensor made inside it, except the tensors it
 * returns (a tensor, or arrays, objects, Maps and Sets holding tensors, searched through) and
 * those passed to {@link keep}. A tensor that outlives the scope keeps its gradient: a training
 * step inside `tidy` leaves the parameters and their `.grad` alive and frees everything else,
 * backward's intermediates included. Gradients cleared or replaced inside the scope
 * (`optimizer.zeroGrad()`) are freed with it. Scopes nest: what an inner `tidy` returns
 * belongs to the outer one. When `fn` throws, everything it made is freed.
 *
 * Storage that is garbage-collected (the CPU) needs none of this: there `tidy` only runs `fn`.
 * Tensors returned keep their values, not the saved buffers of their graph: call `backward()`
 * inside the scope. Create models and optimizer state outside `tidy` (or `keep` them).
 * Mirrors TF.js's `tf.tidy`; PyTorch frees by reference counting instead.
 *
 * @example
 * const loss = tidy(() => {
 *   optimizer.zeroGrad();
 *   const loss = criterion(model(x), y);
 *   loss.backward();
 *   optimizer.step();
 *   return loss;
 * }); // on the GPU: only the parameters, their grads and `loss` are left
 */
export function tidy<T>(fn: () => T): T {
  if (typeof fn !== 'function') {
    throw new NablaError(`tidy: expected a function, got ${typeof fn}`);
  }
  const memories = [
    ...new Set([...deviceMemories().values()].filter((m) => m !== undefined)),
  ] as DeviceMemory[];
  const scope: Scope = { memories, touched: new Map(), dropped: new Set(), kept: new Set() };
  scopes.push(scope);
  for (const m of memories) m.startScope();
  let result: T | undefined;
  try {
    result = fn();
    if (isPromiseLike(result)) {
      result = undefined;
      throw new NablaError(
        'tidy: fn returned a Promise; tidy is synchronous and cannot follow asynchronous work (await outside tidy, and tidy the synchronous parts)',
      );
    }
    return result;
  } finally {
    scopes.pop();
    closeScope(scope, result);
  }
}

/**
 * Keeps a tensor made inside {@link tidy} alive after every enclosing scope ends (`tf.keep`);
 * free it yourself with `dispose()`. Outside `tidy` it does nothing. Returns the tensor.
 */
export function keep<T extends Tensor>(t: T): T {
  for (const scope of scopes) scope.kept.add(t.buffer);
  return t;
}

/**
 * Frees the storage of a tensor, or of every tensor in an array or object, now (`tf.dispose`).
 * Views share their base's storage: disposing either frees both. A GPU tensor cannot be read
 * afterwards; on the CPU, where storage is garbage-collected, this does nothing.
 */
export function dispose(tensors: unknown): void {
  const found = new Map<BufferLike, Tensor>();
  collect(tensors, (t) => found.set(t.buffer, t), new Set());
  for (const t of found.values()) t.backend.dispose(t.buffer);
}

/**
 * Live storage per device (`tf.memory`, `torch.cuda.memory_allocated`): for a device that
 * counts its storage (the GPU), its live buffers and bytes; for one whose storage is
 * garbage-collected (the CPU), `counted: false` and why.
 *
 * @example
 * useGpu();
 * memory(); // { cpu: { counted: false, reason: '...' }, gpu: { counted: true, buffers: 0, bytes: 0 } }
 */
export function memory(): Record<string, DeviceMemoryInfo> {
  const out: Record<string, DeviceMemoryInfo> = {};
  for (const [name, m] of deviceMemories()) {
    if (m === undefined) {
      out[name] = {
        counted: false,
        reason: `device '${name}' keeps its storage in garbage-collected host memory, freed when no tensor holds it; it is not counted`,
      };
    } else {
      const { buffers, bytes } = m.memory();
      out[name] = { counted: true, buffers, bytes };
    }
  }
  return out;
}

/**
 * @internal Records, inside `tidy`, that backward from `root` is about to accumulate into the
 * leaves of its graph: their gradients outlive the scope when the leaves do.
 */
export function recordBackward(backend: AutodiffBackend, root: BufferLike): void {
  const scope = scopes[scopes.length - 1];
  if (scope === undefined) return;
  const start = backend.gradFn(root);
  if (start === null) {
    scope.touched.set(root, backend);
    return;
  }
  const seen = new Set<GradFn>([start]);
  const stack = [start];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.variable !== undefined) scope.touched.set(node.variable, backend);
    for (const next of node.nextFunctions) {
      if (next !== null && !seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
}

/**
 * @internal Records, inside `tidy`, that a leaf's gradient is set to `source` (or cleared): the
 * new one outlives the scope with the leaf, the old one is freed when the scope ends.
 */
export function recordSetGrad(
  backend: AutodiffBackend,
  leaf: BufferLike,
  source: BufferLike | null,
): void {
  const scope = scopes[scopes.length - 1];
  if (scope === undefined) return;
  const old = backend.grad(leaf);
  if (old !== null && old !== source) scope.dropped.add(old);
  if (source !== null) scope.dropped.delete(source);
  scope.touched.set(leaf, backend);
}

function closeScope(scope: Scope, result: unknown): void {
  const keepSet = new Set<BufferLike>(scope.kept);
  collect(result, (t) => keepSet.add(t.buffer), new Set());
  const freed = (b: BufferLike) => !keepSet.has(b) && scope.memories.some((m) => m.owns(b));
  const surviving: [BufferLike, AutodiffBackend][] = [];
  for (const [leaf, backend] of scope.touched) {
    if (freed(leaf)) continue; // a leaf made in the scope goes, and its gradient with it
    surviving.push([leaf, backend]);
    const grad = backend.grad(leaf);
    if (grad !== null) keepSet.add(grad);
  }
  for (const m of scope.memories) m.endScope(keepSet, scope.dropped);
  const outer = scopes[scopes.length - 1];
  if (outer !== undefined)
    for (const [leaf, backend] of surviving) outer.touched.set(leaf, backend);
}

/** Calls `found` for every tensor reachable from `value` through arrays, objects, Maps, Sets. */
function collect(value: unknown, found: (t: Tensor) => void, seen: Set<object>): void {
  if (value === null || typeof value !== 'object' || seen.has(value)) return;
  seen.add(value);
  if (value instanceof Tensor) {
    found(value);
    return;
  }
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return;
  if (value instanceof Map) {
    for (const [k, v] of value) {
      collect(k, found, seen);
      collect(v, found, seen);
    }
    return;
  }
  const items = Array.isArray(value) || value instanceof Set ? value : Object.values(value);
  for (const item of items) collect(item, found, seen);
}

function isPromiseLike(value: unknown): boolean {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
