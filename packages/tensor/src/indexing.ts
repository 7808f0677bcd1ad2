import { type BufferLike, numel, type View } from '@nabla/backend';
import { valuesToCheck } from './convert.js';
import {
  broadcastOrFail,
  broadcastView,
  castTo,
  restride,
  sameDevice,
  scalarView,
  viewOf,
  wrapLike,
} from './core.js';
import { fail, fmt, normalizeDim } from './errors.js';
import { checkInplace } from './grad-mode.js';
import { parseSlice, resolveSlice } from './slice.js';
import { Tensor } from './tensor.js';
import type { Index, TensorLike } from './types.js';

/** An advanced (array) index on one dimension of the basic view. */
interface Advanced {
  dim: number;
  values: Int32Array;
  shape: number[];
}

/** An index resolved to a view plus the array indices still to apply. */
interface Resolved {
  base: Tensor;
  advanced: Advanced[];
}

const isSliceLike = (v: Index): boolean =>
  typeof v === 'string' ||
  (typeof v === 'object' && v !== null && 'kind' in v && v.kind === 'slice');

/** Host values of an integer or boolean index, with its shape. */
function hostIndex(v: Index): { values: ArrayLike<number>; shape: number[]; bool: boolean } {
  if (v instanceof Tensor) {
    if (v.dtype === 'float32')
      fail('index', 'tensors used as indices must be int32 or bool tensors, got float32');
    return { values: v.dataSync(), shape: [...v.shape], bool: v.dtype === 'bool' };
  }
  const arr = v as readonly (number | boolean)[];
  const bool = arr.length > 0 && typeof arr[0] === 'boolean';
  return { values: arr.map(Number), shape: [arr.length], bool };
}

/** How many dimensions of the tensor an index entry consumes. */
function consumed(v: Index): number {
  if (v === null || v === '...') return 0;
  if (typeof v === 'number' || isSliceLike(v)) return 1;
  const h = hostIndex(v);
  return h.bool ? h.shape.length : 1;
}

/** Applies integers, slices, None and Ellipsis as a view; collects array indices. */
function resolve(x: Tensor, indices: readonly Index[]): Resolved {
  const ellipses = indices.filter((v) => v === '...').length;
  if (ellipses > 1) fail('index', 'an index can only have a single ellipsis (...)');
  const used = indices.reduce<number>((acc, v) => acc + consumed(v), 0);
  if (used > x.ndim)
    fail('index', `too many indices for tensor of dimension ${x.ndim} (shape ${fmt(x.shape)})`);
  const shape: number[] = [];
  const strides: number[] = [];
  const advanced: Advanced[] = [];
  let offset = x.offset;
  let d = 0;
  for (const v of indices) {
    if (v === '...') {
      for (let k = 0; k < x.ndim - used; k++, d++) {
        shape.push(x.shape[d] as number);
        strides.push(x.strides[d] as number);
      }
    } else if (v === null) {
      shape.push(1);
      strides.push(0);
    } else if (typeof v === 'number') {
      const size = x.shape[d] as number;
      if (!Number.isInteger(v) || v < -size || v >= size) {
        fail('index', `index ${v} is out of bounds for dimension ${d} with size ${size}`);
      }
      offset += (v < 0 ? v + size : v) * (x.strides[d] as number);
      d++;
    } else if (isSliceLike(v)) {
      const s = resolveSlice(
        typeof v === 'string' ? parseSlice(v) : (v as never),
        x.shape[d] as number,
      );
      offset += s.length > 0 ? s.start * (x.strides[d] as number) : 0;
      shape.push(s.length);
      strides.push(s.step * (x.strides[d] as number));
      d++;
    } else if (v instanceof Tensor && v.dtype === 'bool' && v.ndim === 0) {
      // a 0-d mask adds a dimension of size 1, kept (true) or emptied (false)
      advanced.push({
        dim: shape.length,
        values: Int32Array.from(v.item() ? [0] : []),
        shape: [v.item() ? 1 : 0],
      });
      shape.push(1);
      strides.push(0);
    } else {
      const h = hostIndex(v);
      const dims = h.bool ? h.shape.length : 1;
      const target = x.shape.slice(d, d + dims);
      if (h.bool) {
        h.shape.forEach((s, i) => {
          if (s !== target[i]) {
            fail(
              'index',
              `the shape of the mask ${fmt(h.shape)} at index ${i} does not match the shape of the indexed tensor ${fmt(x.shape)} at index ${d + i}`,
            );
          }
        });
        advanced.push(...maskToIndices(h.values, h.shape, shape.length));
      } else {
        advanced.push({ dim: shape.length, values: Int32Array.from(h.values), shape: h.shape });
      }
      for (let k = 0; k < dims; k++, d++) {
        shape.push(x.shape[d] as number);
        strides.push(x.strides[d] as number);
      }
    }
  }
  for (; d < x.ndim; d++) {
    shape.push(x.shape[d] as number);
    strides.push(x.strides[d] as number);
  }
  return { base: restride(x, shape, strides, offset), advanced };
}

/** A boolean mask over `shape` as one index array per dimension (`nonzero`). */
function maskToIndices(mask: ArrayLike<number>, shape: number[], firstDim: number): Advanced[] {
  const hits: number[] = [];
  for (let i = 0; i < mask.length; i++) if (mask[i] !== 0) hits.push(i);
  return shape.map((_, k) => {
    const inner = numel(shape.slice(k + 1));
    const values = Int32Array.from(hits, (flat) => Math.floor(flat / inner) % (shape[k] as number));
    return { dim: firstDim + k, values, shape: [hits.length] };
  });
}

/**
 * The buffer offset of every element an advanced index selects, and the result shape
 * (NumPy's rules: the broadcast index shape replaces the indexed dims where they are
 * adjacent, and goes first where they are not).
 */
function gatherOffsets(r: Resolved): { offsets: Int32Array; shape: number[] } {
  const { base, advanced } = r;
  let bshape: number[] = [];
  for (const a of advanced) bshape = broadcastOrFailIndex(bshape, a.shape);
  const advDims = advanced.map((a) => a.dim);
  const adjacent = advDims.every((dim, i) => i === 0 || dim === (advDims[i - 1] as number) + 1);
  const rest = base.shape.map((_, i) => i).filter((i) => !advDims.includes(i));
  const insertAt = adjacent ? rest.filter((i) => i < (advDims[0] as number)).length : 0;
  const restShape = rest.map((i) => base.shape[i] as number);
  const shape = [...restShape.slice(0, insertAt), ...bshape, ...restShape.slice(insertAt)];
  const n = numel(shape);
  const offsets = new Int32Array(n);
  const bn = numel(bshape);
  const restN = numel(restShape);
  // per advanced entry: its values broadcast to bshape, converted to buffer steps
  const steps = advanced.map((a) => {
    const size = base.shape[a.dim] as number;
    const stride = base.strides[a.dim] as number;
    const out = new Float64Array(bn);
    const view = broadcastIndexView(a.shape, bshape);
    for (let i = 0; i < bn; i++) {
      const v = a.values[view(i)] as number;
      if (v < -size || v >= size)
        fail('index', `index ${v} is out of bounds for dimension ${a.dim} with size ${size}`);
      out[i] = (v < 0 ? v + size : v) * stride;
    }
    return out;
  });
  const restStrides = rest.map((i) => base.strides[i] as number);
  const restIndex = new Array<number>(rest.length).fill(0);
  for (let j = 0; j < restN; j++) {
    let at = base.offset;
    let q = j;
    for (let k = rest.length - 1; k >= 0; k--) {
      const size = restShape[k] as number;
      restIndex[k] = q % size;
      q = Math.floor(q / size);
      at += (restIndex[k] as number) * (restStrides[k] as number);
    }
    // result position: rest dims before insertAt, then the index dims, then the others
    const outer = numel(restShape.slice(0, insertAt));
    const innerN = restN / Math.max(outer, 1);
    const o = outer === 0 ? 0 : Math.floor(j / innerN);
    const inner = j - o * innerN;
    for (let b = 0; b < bn; b++) {
      let off = at;
      for (const s of steps) off += s[b] as number;
      offsets[(o * bn + b) * innerN + inner] = off;
    }
  }
  return { offsets, shape };
}

function broadcastOrFailIndex(a: number[], b: number[]): number[] {
  try {
    return broadcastOrFail('index', a, b);
  } catch {
    return fail(
      'index',
      `shape mismatch: indexing tensors could not be broadcast together with shapes ${fmt(a)}, ${fmt(b)}`,
    );
  }
}

/** Maps a flat position in `target` to the flat position in a `shape` that broadcasts to it. */
function broadcastIndexView(shape: number[], target: number[]): (i: number) => number {
  const lead = target.length - shape.length;
  const strides = target.map((_, k) => {
    if (k < lead || shape[k - lead] === 1) return 0;
    return numel(shape.slice(k - lead + 1));
  });
  return (i) => {
    let q = i;
    let at = 0;
    for (let k = target.length - 1; k >= 0; k--) {
      const size = target[k] as number;
      at += (q % size) * (strides[k] as number);
      q = Math.floor(q / size);
    }
    return at;
  };
}

/** The whole buffer of a tensor as a flat view. */
const flatView = (t: Tensor): View<BufferLike> => ({
  buffer: t.buffer,
  shape: [t.buffer.size],
  strides: [1],
  offset: 0,
});

/** `t[indices]` (see {@link Index}): a view for integers and slices, a copy for array indices. */
export function index(x: Tensor, indices: readonly Index[]): Tensor {
  const r = resolve(x, indices);
  if (r.advanced.length === 0) return r.base;
  const { offsets, shape } = gatherOffsets(r);
  const idx = x.backend.fromValues(offsets, 'int32');
  const out = x.backend.gather(flatView(x), 0, {
    buffer: idx,
    shape: [offsets.length],
    strides: [1],
    offset: 0,
  });
  return wrapLike(x, out, shape);
}

/** `t[indices] = value` in place (`index_put_`); `value` broadcasts to the selection. */
export function indexPut_(x: Tensor, indices: readonly Index[], value: TensorLike): void {
  checkInplace('indexPut_', x);
  const r = resolve(x, indices);
  if (value instanceof Tensor) sameDevice('indexPut_', [x, value]);
  const source = (shape: readonly number[]): View<BufferLike> => {
    if (!(value instanceof Tensor)) return scalarView(x.backend, value, x.dtype, shape);
    const target = broadcastOrFail('indexPut_', shape, value.shape);
    if (target.length !== shape.length || target.some((s, i) => s !== shape[i])) {
      fail(
        'indexPut_',
        `shape mismatch: value tensor of shape ${fmt(value.shape)} cannot be broadcast to indexing result of shape ${fmt(shape)}`,
      );
    }
    return broadcastView(castTo(value, x.dtype), shape);
  };
  if (r.advanced.length === 0) {
    x.backend.assign(viewOf(r.base), source(r.base.shape));
    return;
  }
  const { offsets, shape } = gatherOffsets(r);
  const src = wrapLike(x, x.backend.cast(source(shape), x.dtype), shape);
  const idx = x.backend.fromValues(offsets, 'int32');
  const n = offsets.length;
  const written = x.backend.scatter(
    flatView(x),
    0,
    { buffer: idx, shape: [n], strides: [1], offset: 0 },
    { buffer: src.buffer, shape: [n], strides: [1], offset: 0 },
    false,
  );
  x.backend.assign(flatView(x), {
    buffer: written,
    shape: [x.buffer.size],
    strides: [1],
    offset: 0,
  });
}

/** `index_put`: a copy of `x` with `value` written at `indices`. */
export function indexPut(x: Tensor, indices: readonly Index[], value: TensorLike): Tensor {
  const copy = x.clone();
  indexPut_(copy, indices, value);
  return copy;
}

function checkIndexRange(op: string, index: Tensor, size: number): void {
  for (const v of valuesToCheck(index) ?? []) {
    if (v < 0 || v >= size) fail(op, `index ${v} is out of range for dimension of size ${size}`);
  }
}

/** `torch.gather(x, dim, index)`. */
export function gather(x: Tensor, dim: number, index: Tensor): Tensor {
  const d = normalizeDim('gather', dim, x.ndim);
  sameDevice('gather', [x, index]);
  if (index.dtype !== 'int32') fail('gather', `expected an int32 index, got ${index.dtype}`);
  if (index.ndim !== x.ndim) {
    fail(
      'gather',
      `index ${fmt(index.shape)} and input ${fmt(x.shape)} must have the same number of dimensions`,
    );
  }
  index.shape.forEach((s, i) => {
    if (i !== d && s > (x.shape[i] as number)) {
      fail(
        'gather',
        `size of dimension ${i} of index ${fmt(index.shape)} must not exceed that of input ${fmt(x.shape)}`,
      );
    }
  });
  checkIndexRange('gather', index, x.shape[d] as number);
  return wrapLike(x, x.backend.gather(viewOf(x), d, viewOf(index)), index.shape);
}

/** `torch.index_select(x, dim, index)`: the positions `index` along `dim`. */
export function indexSelect(x: Tensor, dim: number, index: Tensor | readonly number[]): Tensor {
  const d = normalizeDim('indexSelect', dim, x.ndim);
  const idx =
    index instanceof Tensor
      ? index
      : new Tensor(
          x.device,
          x.backend,
          x.backend.fromValues(index, 'int32'),
          [index.length],
          [1],
          0,
        );
  if (idx.ndim > 1 || idx.dtype !== 'int32') {
    fail(
      'indexSelect',
      `index must be a 1-D int32 tensor, got ${idx.dtype} of shape ${fmt(idx.shape)}`,
    );
  }
  checkIndexRange('indexSelect', idx, x.ndim === 0 ? 1 : (x.shape[d] as number));
  const n = idx.numel();
  const shape = [...x.shape];
  if (x.ndim > 0) shape[d] = n;
  const strides = shape.map((_, i) => (i === d ? (idx.strides[0] ?? 1) : 0));
  const view = { buffer: idx.buffer, shape, strides, offset: idx.offset };
  return wrapLike(x, x.backend.gather(viewOf(x), d, view), shape);
}
