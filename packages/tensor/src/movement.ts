import { contiguousStrides, numel, promoteTypes } from '@nabla/backend';
import { castTo, contiguous, copyOf, restride, sameDevice, viewOf, wrapLike } from './core.js';
import { fail, fmt, normalizeDim } from './errors.js';
import { named } from './grad-mode.js';
import { inferShape, parseShape } from './shape-args.js';
import type { Tensor } from './tensor.js';
import type { ShapeArgs } from './types.js';

/**
 * The strides that show `oldShape / oldStrides` as `newShape` without a copy, or null when
 * a dimension would span two non-contiguous runs (PyTorch's `computeStride`).
 */
function viewStrides(
  oldShape: readonly number[],
  oldStrides: readonly number[],
  newShape: readonly number[],
): number[] | null {
  if (numel(oldShape) === 0 || oldShape.length === 0) return contiguousStrides(newShape);
  const newStrides = new Array<number>(newShape.length).fill(1);
  let viewD = newShape.length - 1;
  let chunkBase = oldStrides[oldStrides.length - 1] as number;
  let tensorNumel = 1;
  let viewNumel = 1;
  for (let d = oldShape.length - 1; d >= 0; d--) {
    tensorNumel *= oldShape[d] as number;
    const endOfChunk =
      d === 0 || (oldShape[d - 1] !== 1 && oldStrides[d - 1] !== tensorNumel * chunkBase);
    if (!endOfChunk) continue;
    while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] === 1)) {
      newStrides[viewD] = viewNumel * chunkBase;
      viewNumel *= newShape[viewD] as number;
      viewD--;
    }
    if (viewNumel !== tensorNumel) return null;
    if (d > 0) {
      chunkBase = oldStrides[d - 1] as number;
      tensorNumel = 1;
      viewNumel = 1;
    }
  }
  return viewD === -1 ? newStrides : null;
}

/** `x.view(*shape)`: the same data seen with another shape; throws when strides do not allow it. */
export function view(x: Tensor, args: ShapeArgs): Tensor {
  const shape = inferShape('view', parseShape('view', args), x.numel());
  const strides = viewStrides(x.shape, x.strides, shape);
  if (strides === null) {
    fail(
      'view',
      `view size ${fmt(shape)} is not compatible with input tensor's size ${fmt(x.shape)} and stride ${fmt(x.strides)} (at least one dimension spans across two contiguous subspaces); use .reshape(...) instead`,
    );
  }
  return restride(x, shape, strides, x.offset);
}

/** `x.reshape(*shape)`: a view when possible, otherwise a copy. */
export function reshape(x: Tensor, args: ShapeArgs): Tensor {
  const shape = inferShape('reshape', parseShape('reshape', args), x.numel());
  const strides = viewStrides(x.shape, x.strides, shape);
  if (strides !== null) return restride(x, shape, strides, x.offset);
  return restride(contiguous(x), shape, contiguousStrides(shape), 0);
}

/** `torch.flatten(x, start_dim=0, end_dim=-1)`. */
export function flatten(x: Tensor, startDim = 0, endDim = -1): Tensor {
  if (x.ndim === 0) return reshape(x, [[1]]);
  const s = normalizeDim('flatten', startDim, x.ndim, 'start_dim');
  const e = normalizeDim('flatten', endDim, x.ndim, 'end_dim');
  if (s > e) fail('flatten', `start_dim (${startDim}) cannot come after end_dim (${endDim})`);
  const merged = numel(x.shape.slice(s, e + 1));
  return reshape(x, [[...x.shape.slice(0, s), merged, ...x.shape.slice(e + 1)]]);
}

/** `x.unflatten(dim, sizes)`: splits one dimension into several (one size may be -1). */
export function unflatten(x: Tensor, dim: number, sizes: readonly number[]): Tensor {
  const d = normalizeDim('unflatten', dim, x.ndim);
  if (sizes.length === 0) fail('unflatten', 'sizes must be non-empty');
  const inner = inferShape('unflatten', sizes, x.shape[d] as number);
  return view(x, [[...x.shape.slice(0, d), ...inner, ...x.shape.slice(d + 1)]]);
}

/** `x.squeeze(dim?)`: drops size-1 dimensions (all of them, or the one given if it is 1). */
export function squeeze(x: Tensor, dim?: number): Tensor {
  const d = dim === undefined ? -1 : normalizeDim('squeeze', dim, x.ndim);
  const keep = x.shape.map((s, i) => !(s === 1 && (d === -1 || d === i)));
  return restride(
    x,
    x.shape.filter((_, i) => keep[i]),
    x.strides.filter((_, i) => keep[i]),
    x.offset,
  );
}

/** `x.unsqueeze(dim)`: a new dimension of size 1 at `dim`. */
export function unsqueeze(x: Tensor, dim: number): Tensor {
  const n = x.ndim + 1;
  if (!Number.isInteger(dim) || dim < -n || dim >= n) {
    fail(
      'unsqueeze',
      `dim ${dim} is out of range for a tensor of ${x.ndim} dimensions (expected to be in range of [${-n}, ${n - 1}])`,
    );
  }
  const d = dim < 0 ? dim + n : dim;
  const stride = d < x.ndim ? (x.shape[d] as number) * (x.strides[d] as number) : 1;
  const shape = [...x.shape];
  const strides = [...x.strides];
  shape.splice(d, 0, 1);
  strides.splice(d, 0, stride);
  return restride(x, shape, strides, x.offset);
}

/** `x.permute(*dims)`: reorders the dimensions (a view). */
export function permute(x: Tensor, args: ShapeArgs): Tensor {
  const dims = parseShape('permute', args, 'dims').map((d) => normalizeDim('permute', d, x.ndim));
  if (dims.length !== x.ndim) {
    fail(
      'permute',
      `number of dims don't match: the tensor has ${x.ndim} dimensions (shape ${fmt(x.shape)}) but ${dims.length} dims were given`,
    );
  }
  if (new Set(dims).size !== dims.length) fail('permute', `repeated dim in ${fmt(dims)}`);
  return restride(
    x,
    dims.map((d) => x.shape[d] as number),
    dims.map((d) => x.strides[d] as number),
    x.offset,
  );
}

/** `x.transpose(dim0, dim1)`: swaps two dimensions (a view). */
export function transpose(x: Tensor, dim0: number, dim1: number): Tensor {
  if (x.ndim === 0) return x;
  const order = x.shape.map((_, i) => i);
  const a = normalizeDim('transpose', dim0, x.ndim, 'dim0');
  const b = normalizeDim('transpose', dim1, x.ndim, 'dim1');
  order[a] = b;
  order[b] = a;
  return permute(x, order);
}

/** `x.t()`: transposes a matrix; vectors and scalars come back as they are. */
export function t(x: Tensor): Tensor {
  if (x.ndim > 2)
    fail(
      't',
      `expects a tensor with <= 2 dimensions, but self is ${x.ndim}D (shape ${fmt(x.shape)})`,
    );
  return x.ndim < 2 ? x : transpose(x, 0, 1);
}

/** `x.expand(*sizes)`: a view with size-1 dimensions repeated (stride 0); -1 keeps a size. */
export function expand(x: Tensor, args: ShapeArgs): Tensor {
  const sizes = parseShape('expand', args);
  if (sizes.length < x.ndim) {
    fail(
      'expand',
      `the number of sizes provided (${sizes.length}) must be greater or equal to the number of dimensions in the tensor (${x.ndim})`,
    );
  }
  const lead = sizes.length - x.ndim;
  const strides = sizes.map((size, i) => {
    if (i < lead) {
      if (size < 0)
        fail(
          'expand',
          `the expanded size of the tensor (${size}) isn't allowed in a leading, non-existing dimension ${i}`,
        );
      return 0;
    }
    const own = x.shape[i - lead] as number;
    if (size === -1 || size === own) return x.strides[i - lead] as number;
    if (own !== 1) {
      fail(
        'expand',
        `the expanded size of the tensor (${size}) must match the existing size (${own}) at non-singleton dimension ${i}. Target sizes: ${fmt(sizes)}. Tensor sizes: ${fmt(x.shape)}`,
      );
    }
    return 0;
  });
  const shape = sizes.map((s, i) => (s === -1 ? (x.shape[i - lead] as number) : s));
  return restride(x, shape, strides, x.offset);
}

/** `x.contiguous()`: itself when already contiguous, otherwise a row-major copy. */
export const contiguousTensor = (x: Tensor): Tensor => contiguous(x);

/** `x.narrow(dim, start, length)`: a view of `length` positions from `start` along `dim`. */
export function narrow(x: Tensor, dim: number, start: number, length: number): Tensor {
  const d = normalizeDim('narrow', dim, x.ndim);
  const size = x.shape[d] as number;
  const s = start < 0 ? start + size : start;
  if (s < 0 || length < 0 || s + length > size) {
    fail(
      'narrow',
      `start (${start}) + length (${length}) exceeds dimension size (${size}) of dim ${d} (shape ${fmt(x.shape)})`,
    );
  }
  const shape = [...x.shape];
  shape[d] = length;
  return restride(x, shape, x.strides, x.offset + s * (x.strides[d] as number));
}

/** `torch.cat(tensors, dim)`: joins tensors along an existing dimension. */
export function cat(tensors: readonly Tensor[], dim = 0): Tensor {
  const first = tensors[0];
  if (first === undefined) fail('cat', 'expected a non-empty list of tensors');
  sameDevice('cat', tensors);
  // PyTorch skips 1-D empty tensors in cat (legacy behaviour)
  const parts = tensors.filter((p) => !(p.ndim === 1 && p.shape[0] === 0));
  const ref = parts[0] ?? first;
  if (ref.ndim === 0) fail('cat', 'zero-dimensional tensor (at position 0) cannot be concatenated');
  const d = normalizeDim('cat', dim, ref.ndim);
  parts.forEach((p, i) => {
    const same = p.ndim === ref.ndim && p.shape.every((s, j) => j === d || s === ref.shape[j]);
    if (!same) {
      fail(
        'cat',
        `sizes of tensors must match except in dimension ${d}: expected ${fmt(ref.shape)} (except dim ${d}) but got ${fmt(p.shape)} for tensor number ${i} in the list`,
      );
    }
  });
  const dtype = parts.reduce((acc, p) => promoteTypes(acc, p.dtype), ref.dtype);
  const shape = [...ref.shape];
  shape[d] = parts.reduce((acc, p) => acc + (p.shape[d] as number), 0);
  return named(ref, 'CatBackward0', () => {
    const out = wrapLike(ref, ref.backend.zeros(numel(shape), dtype), shape);
    let at = 0;
    for (const p of parts) {
      const size = p.shape[d] as number;
      ref.backend.assign(viewOf(narrow(out, d, at, size)), viewOf(castTo(p, dtype)));
      at += size;
    }
    return out;
  });
}

/** `torch.stack(tensors, dim)`: joins equal-shaped tensors along a new dimension. */
export function stack(tensors: readonly Tensor[], dim = 0): Tensor {
  const first = tensors[0];
  if (first === undefined) fail('stack', 'expected a non-empty list of tensors');
  tensors.forEach((p, i) => {
    if (p.ndim !== first.ndim || p.shape.some((s, j) => s !== first.shape[j])) {
      fail(
        'stack',
        `expects each tensor to be equal size, but got ${fmt(first.shape)} at entry 0 and ${fmt(p.shape)} at entry ${i}`,
      );
    }
  });
  const d = normalizeDim('stack', dim, first.ndim + 1);
  return cat(
    tensors.map((p) => unsqueeze(p, d)),
    d,
  );
}

/** `torch.split(x, split_size_or_sections, dim)`: views of equal chunks, or of the given sizes. */
export function split(x: Tensor, sizeOrSections: number | readonly number[], dim = 0): Tensor[] {
  const d = normalizeDim('split', dim, x.ndim);
  const total = x.shape[d] as number;
  let sizes: number[];
  if (typeof sizeOrSections === 'number') {
    if (sizeOrSections <= 0 && total > 0)
      fail('split', `split_size must be positive, got ${sizeOrSections}`);
    sizes = [];
    for (let at = 0; at < total || sizes.length === 0; at += sizeOrSections) {
      sizes.push(Math.min(sizeOrSections, total - at));
    }
  } else {
    sizes = [...sizeOrSections];
    const sum = sizes.reduce((a, b) => a + b, 0);
    if (sum !== total) {
      fail(
        'split',
        `split_with_sizes expects split_sizes to sum exactly to ${total} (input tensor's size at dimension ${d}), but got split_sizes=${fmt(sizes)}`,
      );
    }
  }
  let at = 0;
  return sizes.map((s) => {
    const part = narrow(x, d, at, s);
    at += s;
    return part;
  });
}

/** `torch.chunk(x, chunks, dim)`: at most `chunks` views of ceil(size / chunks) positions. */
export function chunk(x: Tensor, chunks: number, dim = 0): Tensor[] {
  if (!Number.isInteger(chunks) || chunks <= 0)
    fail('chunk', `chunks must be greater than 0, got ${chunks}`);
  const d = normalizeDim('chunk', dim, x.ndim);
  // an empty dimension gives `chunks` empty pieces, as in PyTorch
  if (x.shape[d] === 0) return Array.from({ length: chunks }, () => narrow(x, d, 0, 0));
  const size = Math.ceil((x.shape[d] as number) / chunks);
  return split(x, Math.max(size, 1), d).slice(0, chunks);
}

/** `torch.flip(x, dims)`: a copy with the order reversed along `dims`. */
export function flip(x: Tensor, args: ShapeArgs): Tensor {
  const dims = parseShape('flip', args, 'dims').map((d) => normalizeDim('flip', d, x.ndim));
  if (new Set(dims).size !== dims.length) fail('flip', `dims has duplicates: ${fmt(dims)}`);
  let offset = x.offset;
  const strides = [...x.strides];
  for (const d of dims) {
    const size = x.shape[d] as number;
    if (size > 0) offset += (size - 1) * (strides[d] as number);
    strides[d] = -(strides[d] as number);
  }
  return named(x, 'FlipBackward0', () => copyOf(restride(x, x.shape, strides, offset)));
}

/** `x.repeat(*sizes)`: tiles the tensor `sizes[i]` times along each dimension (a copy). */
export function repeat(x: Tensor, args: ShapeArgs): Tensor {
  const reps = parseShape('repeat', args, 'repeats');
  if (reps.length < x.ndim) {
    fail(
      'repeat',
      `number of dimensions of repeat dims (${reps.length}) can not be smaller than number of dimensions of tensor (${x.ndim})`,
    );
  }
  if (reps.some((r) => r < 0)) fail('repeat', `repeats must be non-negative, got ${fmt(reps)}`);
  const lead = reps.length - x.ndim;
  const padded = reshape(x, [[...reps.slice(0, lead).map(() => 1), ...x.shape]]);
  // [r0, s0, r1, s1, ...] with stride 0 on every r: each tile reads the same elements
  const shape = reps.flatMap((r, i) => [r, padded.shape[i] as number]);
  const strides = reps.flatMap((_, i) => [0, padded.strides[i] as number]);
  const tiled = named(x, 'RepeatBackward0', () =>
    copyOf(restride(padded, shape, strides, padded.offset)),
  );
  return reshape(tiled, [reps.map((r, i) => r * (padded.shape[i] as number))]);
}

/**
 * `x.unfold(dim, size, step)`: a view of every window of `size` positions along `dim`, `step`
 * apart, as a new last dimension. Windows may overlap; gradients through them add up.
 */
export function unfold(x: Tensor, dim: number, size: number, step: number): Tensor {
  const d = normalizeDim('unfold', dim, x.ndim);
  const length = x.ndim === 0 ? 1 : (x.shape[d] as number);
  if (!Number.isInteger(size) || size < 0 || size > length) {
    fail('unfold', `maximum size for tensor at dimension ${d} is ${length} but size is ${size}`);
  }
  if (!Number.isInteger(step) || step <= 0) fail('unfold', `step is ${step} but must be > 0`);
  const stride = x.ndim === 0 ? 1 : (x.strides[d] as number);
  const shape = [...x.shape];
  const strides = [...x.strides];
  if (x.ndim > 0) {
    shape[d] = Math.floor((length - size) / step) + 1;
    strides[d] = stride * step;
  }
  return restride(x, [...shape, size], [...strides, stride], x.offset);
}

/** `torch.as_strided(x, size, stride, storage_offset)`: any view of `x`'s buffer. */
export function asStrided(
  x: Tensor,
  size: readonly number[],
  stride: readonly number[],
  offset = x.offset,
): Tensor {
  if (size.length !== stride.length) {
    fail('asStrided', `mismatch in length of strides and shape: ${fmt(size)} and ${fmt(stride)}`);
  }
  let lo = offset;
  let hi = offset;
  size.forEach((s, i) => {
    const step = (stride[i] as number) * Math.max(s - 1, 0);
    if (step < 0) lo += step;
    else hi += step;
  });
  if (numel(size) > 0 && (lo < 0 || hi >= x.buffer.size)) {
    fail(
      'asStrided',
      `setStorage: sizes ${fmt(size)}, strides ${fmt(stride)}, storage offset ${offset} require more than the ${x.buffer.size} elements of the storage`,
    );
  }
  return restride(x, size, stride, offset);
}
