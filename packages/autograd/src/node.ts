import type { BufferLike, DType, GradFn } from '@nabla/backend';
import type { Arr, Ops } from './arr.js';

/** The view through which an op read a buffer: its gradient flows back through the same view. */
export interface Edge {
  readonly node: Node;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
}

/** A gradient rule: from the output's gradient, the gradient of each input view (null: none). */
export type Rule<B> = (grad: Arr<B>) => (Arr<B> | null)[];

/** A buffer an op saved for backward, with the version it had then. */
export interface Saved {
  readonly buffer: AdBuffer<BufferLike>;
  readonly version: number;
}

/**
 * One recorded operation (`grad_fn`). Its output is a whole buffer of `outSize` elements; its
 * edges lead to the nodes that produced its inputs, or to a leaf's {@link AccumulateGrad}.
 */
export class Node implements GradFn {
  /** A display group: the tensor-level op this node belongs to (`MeanBackward0`). */
  scope: { id: number; name: string } | null = null;

  constructor(
    /** The ops of the device the node's output lives on: its gradient is computed there. */
    readonly ops: Ops<BufferLike>,
    readonly name: string,
    readonly edges: readonly (Edge | null)[],
    readonly outSize: number,
    public rule: Rule<BufferLike> | null,
    public saved: readonly Saved[],
  ) {}

  get nextFunctions(): (GradFn | null)[] {
    return this.edges.map((e) => e?.node ?? null);
  }
}

/** The node that adds incoming gradients into a leaf buffer's `.grad`. */
export class AccumulateGrad extends Node {
  constructor(
    ops: Ops<BufferLike>,
    readonly variable: AdBuffer<BufferLike>,
  ) {
    super(ops, 'AccumulateGrad', [], variable.size, null, []);
  }
}

/**
 * A buffer of the autodiff backend: the wrapped backend's buffer, plus what autograd tracks
 * about it. Several handles may share one inner buffer (detach); they share the version counter.
 */
export class AdBuffer<B extends BufferLike> implements BufferLike {
  /** The node that produced the current contents; null for a leaf. */
  node: Node | null = null;
  /** For a leaf: whether it requires grad. */
  leafRequiresGrad = false;
  /** For a leaf: the accumulated gradient (an AdBuffer outside the graph). */
  grad: AdBuffer<B> | null = null;
  /** The leaf's AccumulateGrad node, made once so graphs share it. */
  accumulator: AccumulateGrad | null = null;

  constructor(
    readonly inner: B,
    readonly versionBox: { v: number } = { v: 0 },
  ) {}

  get dtype(): DType {
    return this.inner.dtype;
  }
  get size(): number {
    return this.inner.size;
  }
  get requiresGrad(): boolean {
    return this.node !== null || this.leafRequiresGrad;
  }
}
