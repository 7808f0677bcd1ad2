import { readFile } from 'node:fs/promises';
import { nn, type optim, type Tensor, torch } from 'nabla';
import { type History, isHistory } from './course/history.js';
import { UsageError } from './errors.js';

/** The optimizer side of a checkpoint: `optimizer.stateDict()` / `loadStateDict()`. */
export interface CheckpointOptimizer {
  stateDict(): optim.OptimizerStateDict;
  loadStateDict(sd: optim.OptimizerStateDict): void;
}

/**
 * Everything a run needs to continue exactly where it stopped: the weights (and BatchNorm
 * statistics), the optimizer's state (momentum buffers, Adam's moments and step counts), the
 * history, and the random generator's state (so that the next epoch shuffles and drops out as
 * an uninterrupted run would).
 */
export interface Checkpoint {
  program: string;
  model: Record<string, Tensor>;
  optimizer: optim.OptimizerStateDict;
  history: History;
  rng: Uint8Array;
}

const FORMAT = 'nabla-trainer-checkpoint-1';

/** A copy of the current state (tensors cloned), taken after an epoch. */
export function snapshot(
  program: string,
  net: nn.Module,
  optimizer: CheckpointOptimizer,
  history: History,
): Checkpoint {
  return torch.noGrad(() => {
    const model: Record<string, Tensor> = {};
    for (const [k, t] of Object.entries(net.stateDict())) model[k] = t.clone();
    const sd = optimizer.stateDict();
    const state: optim.OptimizerStateDict['state'] = {};
    for (const [i, entry] of Object.entries(sd.state)) {
      const copy: Record<string, optim.StateValue> = {};
      for (const [name, v] of Object.entries(entry)) {
        copy[name] = v instanceof torch.Tensor ? v.clone() : v;
      }
      state[Number(i)] = copy;
    }
    return {
      program,
      model,
      optimizer: { state, param_groups: structuredClone(sd.param_groups) },
      history: history.map((r) => [...r]) as History,
      rng: torch.defaultGenerator.getState(),
    };
  });
}

/** JSON that keeps NaN and infinities (a diverged loss) as strings. */
const encode = (value: unknown): string =>
  JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
const decodeNumber = (v: unknown): unknown =>
  v === 'NaN' ? Number.NaN : v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : v;

/**
 * Writes a checkpoint as one safetensors file: the weights as `model.<name>`, the optimizer's
 * tensors as `optimizer.<param index>.<name>`, and the rest (program, history, the optimizer's
 * other state, the generator state in base64) in the header's metadata. One file, written to a
 * temporary name and renamed (`nn.saveFile`), so a checkpoint is whole or absent, never mixed.
 */
export async function saveCheckpoint(path: string, ckpt: Checkpoint): Promise<void> {
  const tensors: Record<string, Tensor> = {};
  for (const [k, t] of Object.entries(ckpt.model)) tensors[`model.${k}`] = t;
  const scalars: Record<string, Record<string, number | null>> = {};
  for (const [i, entry] of Object.entries(ckpt.optimizer.state)) {
    for (const [name, v] of Object.entries(entry)) {
      if (v instanceof torch.Tensor) {
        tensors[`optimizer.${i}.${name}`] = v;
      } else {
        scalars[i] ??= {};
        scalars[i][name] = v;
      }
    }
  }
  await nn.saveFile(tensors, path, {
    format: 'pt',
    nabla: FORMAT,
    program: ckpt.program,
    history: encode(ckpt.history),
    optimizer: encode({ param_groups: ckpt.optimizer.param_groups, state: scalars }),
    rng: Buffer.from(ckpt.rng).toString('base64'),
  });
}

/**
 * Reads a checkpoint written by {@link saveCheckpoint}.
 *
 * @throws UsageError when the file is missing, unreadable, or not a trainer checkpoint.
 */
export async function readCheckpoint(path: string): Promise<Checkpoint> {
  let bytes: Uint8Array;
  try {
    const buffer = await readFile(path);
    bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT'
        ? `--resume ${path}: no such file; give a checkpoint written with --save, or drop --resume to start afresh`
        : `--resume ${path}: cannot read it (${code ?? (e as Error).message})`,
    );
  }
  let meta: Record<string, string>;
  let tensors: Record<string, Tensor>;
  try {
    meta = nn.safetensorsMetadata(bytes);
    tensors = nn.loadSafetensors(bytes);
  } catch (e) {
    throw new UsageError(
      `--resume ${path}: not a readable safetensors file (${(e as Error).message.split('\n')[0]}); give a checkpoint written with --save`,
    );
  }
  if (meta.nabla !== FORMAT || meta.program === undefined) {
    throw new UsageError(
      `--resume ${path}: a safetensors file, but not a trainer checkpoint (no '${FORMAT}' metadata); give a file written with --save`,
    );
  }
  const history = JSON.parse(meta.history ?? '[]', (_k, v) => decodeNumber(v)) as unknown;
  const opt = JSON.parse(meta.optimizer ?? '{}') as {
    param_groups: optim.OptimizerStateDict['param_groups'];
    state: Record<string, Record<string, number | null>>;
  };
  if (!isHistory(history) || !Array.isArray(opt.param_groups)) {
    throw new UsageError(`--resume ${path}: the checkpoint's metadata is damaged; start afresh`);
  }
  const model: Record<string, Tensor> = {};
  const state: optim.OptimizerStateDict['state'] = {};
  for (const [i, entry] of Object.entries(opt.state ?? {})) state[Number(i)] = { ...entry };
  for (const [key, t] of Object.entries(tensors)) {
    if (key.startsWith('model.')) model[key.slice('model.'.length)] = t;
    else if (key.startsWith('optimizer.')) {
      const [, index, ...name] = key.split('.');
      const entry = state[Number(index)] ?? {};
      entry[name.join('.')] = t;
      state[Number(index)] = entry;
    }
  }
  return {
    program: meta.program,
    model,
    optimizer: { state, param_groups: opt.param_groups },
    history,
    rng: new Uint8Array(Buffer.from(meta.rng ?? '', 'base64')),
  };
}

/**
 * Puts a checkpoint's state into `net`, `optimizer` and the default generator, and returns its
 * history (the course's `fit` resumes from it).
 *
 * @throws UsageError when the checkpoint belongs to another program or its weights do not fit.
 */
export function restoreCheckpoint(
  ckpt: Checkpoint,
  path: string,
  program: string,
  net: nn.Module,
  optimizer: CheckpointOptimizer,
): History {
  if (ckpt.program !== program) {
    throw new UsageError(
      `--resume ${path}: a checkpoint of '${ckpt.program}', another model than '${program}'; run pnpm start -- ${ckpt.program} --resume ${path}, or drop --resume`,
    );
  }
  try {
    net.loadStateDict(ckpt.model);
  } catch (e) {
    const lines = (e as Error).message.split('\n').map((l) => l.trim());
    const what = lines.slice(1).join(' ').slice(0, 300) || lines[0];
    throw new UsageError(
      `--resume ${path}: its weights do not fit this ${program} model (${what}); it was saved with other data or settings; drop --resume to start afresh`,
    );
  }
  try {
    optimizer.loadStateDict(ckpt.optimizer);
    torch.defaultGenerator.setState(ckpt.rng);
  } catch (e) {
    throw new UsageError(
      `--resume ${path}: its optimizer state does not fit (${(e as Error).message}); drop --resume to start afresh`,
    );
  }
  return ckpt.history.map((r) => [...r]) as History;
}
