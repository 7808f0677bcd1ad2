import type { GradFn } from '@nabla/backend';
import { AccumulateGrad, AdBuffer, type Node } from './node.js';

/** What {@link toDot} draws from: a `Tensor`, or anything shaped like one. */
export interface DotRoot {
  /** The node that produced the tensor (`grad_fn`); null for a leaf. */
  readonly gradFn: GradFn | null;
  readonly shape: readonly number[];
  /**
   * The tensor's buffer. When it is this package's autodiff buffer the graph is read from the
   * recorded nodes themselves, so a node reached by several paths is drawn once; otherwise from
   * `gradFn`, where only leaves can be recognised when reached twice.
   */
  readonly buffer?: unknown;
}

/** A named leaf: a `Tensor`, or anything with its buffer and shape. */
export interface DotParam {
  readonly buffer: unknown;
  readonly shape: readonly number[];
}

/** Options of {@link toDot}, as torchviz's `make_dot(var, params, show_attrs, max_attr_chars)`. */
export interface ToDotOptions {
  /** Names for the leaves, matched by buffer: `{ W, B }` labels them `W` and `B` with shapes. */
  params?: Record<string, DotParam>;
  /** Adds what each node recorded under its name: saved tensors, the primitives of a composite. */
  showAttrs?: boolean;
  /** With `showAttrs`, the longest attribute value shown before it is cut with `...` (50). */
  maxAttrChars?: number;
}

/**
 * The computation graph behind `root` as Graphviz DOT, drawn as torchviz's `make_dot` draws it:
 * the output as a green box labelled with its shape, one grey box per backward node
 * (`MulBackward0`, `AccumulateGrad`, ...), each named leaf as a blue box (`W\n ()`), and edges
 * from inputs to the nodes that use them. Node ids (`n0`, `n1`, ...) follow the order in which
 * torchviz first writes each node, so the text matches `make_dot(...).source` up to the ids.
 * Render it with {@link renderGraph}, or with any Graphviz.
 *
 * Differences from PyTorch's graph: view ops (`view`, `t`, `expand`) share their buffer and
 * record no node, so no `ViewBackward0` and no dotted base tensor appear; a leaf not listed in
 * `params` is labelled with its element count, `(6)`, since a buffer has no shape.
 *
 * Mirrors `torchviz.make_dot`.
 *
 * @example
 * ```ts
 * const W = tensor(1.0, { requiresGrad: true });
 * const B = tensor(1.0, { requiresGrad: true });
 * const Yp = W.mul(X).add(B);
 * const svg = await renderGraph(toDot(Yp, { params: { W, B } }));
 * // W -> AccumulateGrad -> MulBackward0 -> AddBackward0 <- AccumulateGrad <- B, then (5)
 * ```
 */
export function toDot(root: DotRoot, options: ToDotOptions = {}): string {
  const { params = {}, showAttrs = false, maxAttrChars = 50 } = options;
  const named = Object.entries(params);
  const nameOf = (buffer: unknown): DotParam & { name: string } => {
    const hit = named.find(([, p]) => p.buffer === buffer);
    return hit ? { name: hit[0], ...hit[1] } : { name: '', buffer, shape: [] };
  };

  const body: string[] = [];
  const ids = new Map<unknown, string>();
  const id = (key: unknown): string => {
    let s = ids.get(key);
    if (s === undefined) {
      s = `n${ids.size}`;
      ids.set(key, s);
    }
    return s;
  };
  const node = (key: unknown, label: string, fill?: string): void => {
    body.push(`\t${id(key)} [label=${quote(label)}${fill ? ` fillcolor=${fill}` : ''}]`);
  };
  const edge = (from: unknown, to: unknown): void => {
    body.push(`\t${id(from)} -> ${id(to)}`);
  };

  // The output, then its grad_fn's graph, then the edge into the output (torchviz's order).
  const rootKey = {};
  const own = root.buffer === undefined ? null : nameOf(root.buffer);
  const rootName = own !== null && sameShape(own.shape, root.shape) ? own.name : '';
  node(rootKey, varLabel(rootName, root.shape), 'darkolivegreen1');
  const top = topVertex(root);
  if (top !== null) {
    const seen = new Set<unknown>();
    const enter = (v: Vertex): void => {
      seen.add(v.key);
      if (v.variable !== undefined) {
        const p = nameOf(v.variable);
        const shape = p.name === '' ? [sizeOf(v.variable)] : p.shape;
        node(v.variable, varLabel(p.name, shape), 'lightblue');
        edge(v.variable, v.key);
      }
      node(v.key, showAttrs ? attrTable(v.name, v.attrs(), maxAttrChars) : v.name);
    };
    // Depth-first like torchviz's recursive add_nodes, with an explicit stack: an edge for
    // every input, a node the first time one is reached.
    enter(top);
    const stack = [{ v: top, next: top.next(), i: 0 }];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      if (frame.i === frame.next.length) {
        stack.pop();
        continue;
      }
      const u = frame.next[frame.i++];
      if (u === null || u === undefined) continue;
      edge(u.key, frame.v.key);
      if (!seen.has(u.key)) {
        enter(u);
        stack.push({ v: u, next: u.next(), i: 0 });
      }
    }
    edge(top.key, rootKey);
  }

  // torchviz's resize_graph: 0.15 inch per statement, at least 12 (Python prints 13.5, 13.0).
  const size = Math.max(12, body.length * 0.15);
  const inches = size > 12 && Number.isInteger(size) ? `${size}.0` : `${size}`;
  return [
    'digraph {',
    `\tgraph [size="${inches},${inches}"]`,
    '\tnode [align=left fontname=monospace fontsize=10 height=0.2 ranksep=0.1 shape=box style=filled]',
    ...body,
    '}',
    '',
  ].join('\n');
}

/** One backward node as drawn: a key for identity, its name, and its inputs (null: none). */
interface Vertex {
  readonly key: unknown;
  readonly name: string;
  /** For AccumulateGrad: the leaf buffer. */
  readonly variable: unknown;
  next(): (Vertex | null)[];
  attrs(): [string, string][];
}

function topVertex(root: DotRoot): Vertex | null {
  if (root.buffer instanceof AdBuffer) {
    const node = root.buffer.node;
    return node === null ? null : nodeVertex(node);
  }
  const fn = root.gradFn;
  return fn === null ? null : gradFnVertex(fn, new Map());
}

/**
 * A recorded node, grouped as `scope.ts`'s displayNode groups it (the primitives of one
 * tensor-level op show as one node), keyed by the node, or by its scope for a group.
 */
function nodeVertex(node: Node): Vertex {
  const scope = node.scope;
  const variable = node instanceof AccumulateGrad ? node.variable : undefined;
  if (scope === null) {
    return {
      key: node,
      name: node.name,
      variable,
      next: () => node.edges.map((e) => (e === null ? null : nodeVertex(e.node))),
      attrs: () => savedAttr(node.saved.length),
    };
  }
  let group: { members: Node[]; outside: Node[] } | null = null;
  const groupOf = () => {
    group ??= scopeGroup(node, scope);
    return group;
  };
  return {
    key: scope,
    name: scope.name,
    variable,
    next: () => groupOf().outside.map(nodeVertex),
    attrs: () => {
      const { members } = groupOf();
      const ops = members.map((m) => m.name).reverse();
      return [
        ['ops', ops.join(', ')],
        ...savedAttr(members.reduce((n, m) => n + m.saved.length, 0)),
      ];
    },
  };
}

/** The nodes of `scope` reachable from `node` (its primitives), and the nodes they read from. */
function scopeGroup(node: Node, scope: unknown): { members: Node[]; outside: Node[] } {
  const members = new Set<Node>([node]);
  const outside = new Set<Node>();
  const stack = [node];
  while (stack.length > 0) {
    for (const e of (stack.pop() as Node).edges) {
      if (e === null) continue;
      if (e.node.scope !== scope) outside.add(e.node);
      else if (!members.has(e.node)) {
        members.add(e.node);
        stack.push(e.node);
      }
    }
  }
  return { members: [...members], outside: [...outside] };
}

/** A `grad_fn` object: display nodes are made afresh, so only leaves are keyed by identity. */
function gradFnVertex(fn: GradFn, accumulators: Map<unknown, object>): Vertex {
  let key: unknown = fn;
  if (fn.variable !== undefined) {
    key = accumulators.get(fn.variable) ?? {};
    accumulators.set(fn.variable, key as object);
  }
  return {
    key,
    name: fn.name,
    variable: fn.variable,
    next: () => fn.nextFunctions.map((f) => (f === null ? null : gradFnVertex(f, accumulators))),
    attrs: () => [],
  };
}

function savedAttr(n: number): [string, string][] {
  if (n === 0) return [];
  return [['saved', n === 1 ? '[saved tensor]' : `[${n} saved tensors]`]];
}

/** torchviz's get_fn_name table: the name, a rule, then `key: value` rows in two columns. */
function attrTable(name: string, attrs: [string, string][], maxChars: number): string {
  if (attrs.length === 0) return name;
  const max = Math.max(maxChars, 3);
  const w1 = Math.max(...attrs.map(([k]) => k.length));
  const w2 = Math.min(Math.max(...attrs.map(([, v]) => v.length)), max);
  const cut = (s: string): string => (s.length > w2 ? `${s.slice(0, w2 - 3)}...` : s);
  const rows = attrs.map(([k, v]) => `${k.padEnd(w1)}: ${cut(v).padStart(w2)}`);
  return [name, '-'.repeat(Math.max(w1 + w2 + 2, name.length)), ...rows].join('\n');
}

/** torchviz's get_var_name: `W\n (2, 3)`, the name empty for unnamed tensors. */
function varLabel(name: string, shape: readonly number[]): string {
  return `${name}\n (${shape.join(', ')})`;
}

function sizeOf(buffer: unknown): number {
  const size = (buffer as { size?: unknown }).size;
  return typeof size === 'number' ? size : 0;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

const KEYWORDS = new Set(['node', 'edge', 'graph', 'digraph', 'subgraph', 'strict']);

/** A DOT id: bare when it is a plain identifier (as Python's graphviz writes it), else quoted. */
function quote(s: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(s) && !KEYWORDS.has(s.toLowerCase())) return s;
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}
