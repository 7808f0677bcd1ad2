import {
  type BufferLike,
  contiguousView,
  forEachIndex,
  hasOverlap,
  isContiguousView,
  numel,
} from '@nabla/backend';
import type { Arr, Ops } from './arr.js';
import { AccumulateGrad, AdBuffer, type Edge, type Node } from './node.js';
import { topologicalOrder } from './topological-order.js';

/**
 * Turns the gradient of a view (shape `edge.shape`) into the gradient of the whole buffer the view
 * reads: broadcast (stride 0) dimensions are summed, then the values land at the view's positions.
 */
export function bufferGrad<B extends BufferLike>(
  k: Ops<B>,
  laidOut: Arr<B>,
  edge: Omit<Edge, 'node'>,
  size: number,
): Arr<B> {
  // a gradient already in the layout of the view it is for, covering its whole buffer, is that
  // buffer's gradient as it is (a Linear layer's weight, seen transposed by x @ W.T)
  if (laidOut.strides !== undefined && coversBuffer(laidOut.strides, edge, size)) {
    return { buf: laidOut.buf, shape: [size] };
  }
  const g = settled(k, laidOut);
  const broadcast = edge.shape
    .map((_, i) => i)
    .filter((i) => edge.strides[i] === 0 && (edge.shape[i] as number) > 1);
  const gg = broadcast.length > 0 ? k.sum(g, broadcast) : g;
  const whole =
    edge.offset === 0 && numel(edge.shape) === size && isContiguousView(edge.shape, edge.strides);
  if (whole) return { buf: gg.buf, shape: [size] };
  const out = k.zeros([size]);
  const view = { buffer: out.buf, shape: gg.shape, strides: edge.strides, offset: edge.offset };
  if (!hasOverlap(gg.shape, edge.strides)) {
    k.b.assign(view, contiguousView(gg.buf, gg.shape));
    return out;
  }
  // overlapping windows (unfold): several positions share an element, so add, never overwrite
  const offsets = new Int32Array(numel(gg.shape));
  forEachIndex(view, (i, at) => {
    offsets[i] = at;
  });
  const index = contiguousView(k.b.fromValues(offsets, 'int32'), [offsets.length]);
  const flat = contiguousView(gg.buf, [offsets.length]);
  return { buf: k.b.scatter(contiguousView(out.buf, [size]), 0, index, flat, true), shape: [size] };
}

/** A rule's result row-major (a copy when it came in another layout). */
function settled<B extends BufferLike>(k: Ops<B>, g: Arr<B>): Arr<B> {
  if (g.strides === undefined || isContiguousView(g.shape, g.strides)) {
    return { buf: g.buf, shape: g.shape };
  }
  return k.copy({ buffer: g.buf, shape: g.shape, strides: g.strides, offset: 0 });
}

/**
 * Whether a view with these `strides` (and the edge's shape, offset 0) is exactly its buffer of
 * `size` elements: the edge's own strides, each element once.
 */
function coversBuffer(strides: readonly number[], edge: Omit<Edge, 'node'>, size: number): boolean {
  if (edge.offset !== 0 || numel(edge.shape) !== size) return false;
  if (strides.some((s, i) => s !== edge.strides[i] || s < 0)) return false;
  return !hasOverlap(edge.shape, edge.strides);
}

function checkVersions(node: Node): void {
  for (const s of node.saved) {
    if (s.buffer.versionBox.v !== s.version) {
      throw new Error(
        `backward: one of the variables needed for gradient computation has been modified by an inplace operation: [${s.buffer.dtype} [${s.buffer.size}]], which is used by ${node.name}, is at version ${s.buffer.versionBox.v}; expected version ${s.version} instead`,
      );
    }
  }
}

/**
 * Adds a gradient into a leaf's `.grad`, in place once it exists (so held references see it).
 * A first gradient that nothing else holds (`owned`) becomes the `.grad` as it is; others are
 * copied, so that a later in-place accumulation cannot reach another tensor.
 */
function accumulate<B extends BufferLike>(
  k: Ops<B>,
  leaf: AdBuffer<BufferLike>,
  g: Arr<B>,
  owned: boolean,
): void {
  const flat = [leaf.size];
  if (leaf.grad === null) {
    const whole = owned && g.buf.size === leaf.size && g.buf.dtype === leaf.dtype;
    leaf.grad = new AdBuffer(whole ? g.buf : k.copy(k.to(g, flat)).buf);
    return;
  }
  const held = leaf.grad.inner as B;
  const sum = k.add(contiguousView(held, flat), g);
  k.b.assign(contiguousView(held, flat), contiguousView(sum.buf, flat));
}

/**
 * Back-propagates `seed` (the gradient of `root`'s whole output buffer) through the graph, in
 * reverse topological order, accumulating into leaves. Without `retain`, each node's rule and
 * saved buffers are released after it runs.
 */
export function runBackward(root: Node, seed: Arr<BufferLike>, retain: boolean): void {
  const order = topologicalOrder(root, (n) => n.edges.flatMap((e) => (e === null ? [] : [e.node])));
  // each gradient lives on the device of its node (a cross-device copy node moves it across)
  const grads = new Map<Node, Arr<BufferLike>>([[root, seed]]);
  // the gradient buffers handed to edges so far, and those handed to more than one (a rule that
  // passes its gradient on, or gives one result to two inputs): only the others may become a
  // leaf's .grad without a copy
  const handedOut = new Set<BufferLike>([seed.buf]);
  const shared = new Set<BufferLike>();
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i] as Node;
    const g = grads.get(node);
    grads.delete(node);
    if (g === undefined) continue;
    if (node instanceof AccumulateGrad) {
      accumulate(node.ops, node.variable, g, !shared.has(g.buf));
      continue;
    }
    if (node.rule === null) {
      throw new Error(
        'backward: trying to backward through the graph a second time (or directly access saved tensors after they have already been freed); saved intermediate values of the graph are freed when you call backward(); specify retainGraph: true if you need to backward through the graph a second time',
      );
    }
    checkVersions(node);
    const inputs = node.rule(g);
    node.edges.forEach((edge, j) => {
      const gi = inputs[j];
      if (edge === null || gi === null || gi === undefined) return;
      const k = edge.node.ops;
      const part = bufferGrad(k, gi, edge, edge.node.outSize);
      if (handedOut.has(part.buf)) shared.add(part.buf);
      else handedOut.add(part.buf);
      const prev = grads.get(edge.node);
      grads.set(edge.node, prev === undefined ? part : k.add(prev, part));
    });
    // a node that saved nothing can run again, as in PyTorch; one that saved buffers frees them
    if (!retain && node.saved.length > 0) {
      node.rule = null;
      node.saved = [];
    }
  }
}
