import { noGrad, rand, Tensor } from '@nabla/tensor';
import type { RemovableHandle } from './hooks.js';
import type { AnyModule } from './module.js';
import { formatSummary } from './summary-format.js';

/** One call of one module during the summary's forward pass (torchinfo's `LayerInfo`). */
export interface LayerRow {
  readonly module: AnyModule;
  readonly className: string;
  /** 0 for the model, 1 for what it calls, and so on. */
  readonly depth: number;
  /** The row's number among the rows of its depth, from 1 (the `1-3` of `Linear: 1-3`). */
  depthIndex: number;
  /** The module already ran earlier in the pass (a shared layer): its parameters count once. */
  readonly isRecursive: boolean;
  /** The module has no submodules. */
  readonly isLeaf: boolean;
  readonly numParams: number;
  readonly trainableParams: number;
  readonly paramBytes: number;
  outputShape: number[];
  outputBytes: number;
  macs: number;
  /** The rows after this one that are deeper: everything it called, directly or not. */
  descendants: LayerRow[];
}

/** Options of {@link summary}, torchinfo's keyword arguments. */
export interface SummaryOptions {
  /** Rows deeper than this are hidden (default 3); the totals count every layer. */
  depth?: number;
  /** Run the forward pass in evaluation mode (default) or training mode; modes are restored. */
  mode?: 'eval' | 'train';
}

function elementBytes(t: Tensor): number {
  return t.dtype === 'bool' ? 1 : 4;
}

const prod = (xs: readonly number[]): number => xs.reduce((a, b) => a * b, 1);

/** The first tensor of a module's output (a tensor, or a list of them). */
function firstTensor(out: unknown): Tensor | null {
  if (out instanceof Tensor) return out;
  if (Array.isArray(out)) {
    for (const o of out) {
      const t = firstTensor(o);
      if (t !== null) return t;
    }
  }
  return null;
}

/**
 * torchinfo's mult-adds of one call: each `weight` and `bias` counts its elements once per
 * output position (per batch and spatial position for convolutions, per batch otherwise).
 */
function multAdds(row: LayerRow): number {
  let macs = 0;
  const out = row.outputShape;
  for (const [name, p] of row.module.namedParameters()) {
    const n = p.numel();
    if (name === 'weight' || name === 'bias') {
      macs += row.className.includes('Conv')
        ? n * prod([...out.slice(0, 1), ...out.slice(2)])
        : (out[0] ?? 0) * n;
    } else if (name.includes('weight') || name.includes('bias')) {
      macs += prod(out.slice(0, 2)) * n;
    }
  }
  return macs;
}

function newRow(module: AnyModule, depth: number, isRecursive: boolean): LayerRow {
  let numParams = 0;
  let trainableParams = 0;
  for (const p of module.parameters()) {
    numParams += p.numel();
    if (p.requiresGrad) trainableParams += p.numel();
  }
  return {
    module,
    className: module.constructor.name,
    depth,
    depthIndex: 0,
    isRecursive,
    isLeaf: module.children().length === 0,
    numParams,
    trainableParams,
    paramBytes: 4 * numParams,
    outputShape: [],
    outputBytes: 0,
    macs: 0,
    descendants: [],
  };
}

/** Parameters a row holds beyond those its descendants' rows show (torchinfo's leftover). */
export function leftoverParams(row: LayerRow, trainable = false): number {
  const own = trainable ? row.trainableParams : row.numParams;
  let inChildren = 0;
  for (const child of row.descendants) {
    if (child.isRecursive) continue;
    inChildren += child.isLeaf
      ? trainable
        ? child.trainableParams
        : child.numParams
      : leftoverParams(child, trainable);
  }
  return own - inChildren;
}

/** The result of {@link summary}: the rows, the totals, and the table as `toString()`. */
export class ModelSummary {
  totalParams = 0;
  trainableParams = 0;
  totalMultAdds = 0;
  /** Bytes of the input tensor. */
  totalInputBytes: number;
  /** Bytes of the outputs of the layers with parameters, twice (values and gradients). */
  totalOutputBytes = 0;
  /** Bytes of the parameters, each counted once. */
  totalParamBytes = 0;

  constructor(
    readonly rows: LayerRow[],
    input: Tensor,
    readonly maxDepth: number,
  ) {
    this.totalInputBytes = input.numel() * elementBytes(input);
    for (const row of rows) {
      if (row.isLeaf) {
        this.totalMultAdds += row.macs;
        if (row.numParams > 0) this.totalOutputBytes += row.outputBytes * 2;
        if (row.isRecursive) continue;
        this.totalParams += row.numParams;
        this.totalParamBytes += row.paramBytes;
        this.trainableParams += row.trainableParams;
      } else {
        if (row.isRecursive) continue;
        this.totalParams += Math.max(leftoverParams(row), 0);
        this.trainableParams += Math.max(leftoverParams(row, true), 0);
      }
    }
  }

  /** The table as torchinfo 1.7 prints it. */
  toString(): string {
    return formatSummary(this);
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

/**
 * Runs `model` once on a random input of `inputSize` (or on the tensor given) under noGrad and
 * reports every layer call: its output shape and parameter count, then the totals of
 * parameters, mult-adds and memory, as torchinfo's `summary(model, input_size, depth=3)` prints
 * them. Rows come from forward hooks, so a layer shared by two places (one ReLU) shows a row
 * per call and its parameters count once. The model's modes are restored afterwards.
 *
 * @example
 * ```ts
 * console.log(String(summary(net, [100, 3, 32, 32], { depth: 1 })));
 * // ...
 * // Total params: 814,378
 * // Trainable params: 814,378
 * // Non-trainable params: 0
 * // Total mult-adds (M): 886.11
 * ```
 */
export function summary(
  model: AnyModule,
  inputSize: readonly number[] | Tensor,
  options: SummaryOptions = {},
): ModelSummary {
  // the input goes where the model's parameters are, as torchinfo puts it on the model's device
  const device = model.parameters()[0]?.device;
  const input =
    inputSize instanceof Tensor
      ? inputSize
      : rand([...inputSize], device === undefined ? {} : { device });
  const rows: LayerRow[] = [];
  const stack: LayerRow[] = [];
  const seen = new Set<AnyModule>();
  const handles: RemovableHandle[] = [];
  const modes = new Map(model.modules().map((m) => [m, m.training]));
  for (const m of modes.keys()) {
    handles.push(
      m.registerForwardPreHook((module) => {
        const row = newRow(module, stack.length, seen.has(module));
        seen.add(module);
        rows.push(row);
        stack.push(row);
        return undefined;
      }),
      m.registerForwardHook((_module, _args, output) => {
        const row = stack.pop() as LayerRow;
        const t = firstTensor(output);
        row.outputShape = t === null ? [] : [...t.shape];
        row.outputBytes = t === null ? 0 : t.numel() * elementBytes(t);
        row.macs = multAdds(row);
        return undefined;
      }),
    );
  }
  try {
    model.train((options.mode ?? 'eval') === 'train');
    noGrad(() => (model as unknown as (x: Tensor) => unknown)(input));
  } finally {
    for (const h of handles) h.remove();
    for (const [m, training] of modes) m.training = training;
  }
  const counters = new Map<number, number>();
  rows.forEach((row, i) => {
    const n = (counters.get(row.depth) ?? 0) + 1;
    counters.set(row.depth, n);
    row.depthIndex = n;
    const end = rows.findIndex((r, j) => j > i && r.depth <= row.depth);
    row.descendants = rows.slice(i + 1, end === -1 ? rows.length : end);
  });
  return new ModelSummary(rows, input, options.depth ?? 3);
}
