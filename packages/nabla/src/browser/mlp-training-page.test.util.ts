// The browser page of mlp-training.test.ts: fetches the MNIST batches the test serves, sets up
// the 'gpu' device in gpu.js's webgl2 mode, trains the course's MLP
// there (mnist-mlp.test.util.ts), frees the model and reports the losses, the mode, the WebGL2
// renderer and the gpu device's memory in `globalThis.__nablaPageResult`.
import type { PageOutcome } from '@nabla/backend-gpu/browser-testing';
import { torch, useGpu } from '../index.js';
import { trainMnistMlp } from './mnist-mlp.test.util.js';

/** The gpu device's live buffers and bytes (torch.memory().gpu). */
export interface GpuMemory {
  readonly buffers: number;
  readonly bytes: number;
}

/** What the page reports. */
export interface MlpPageResult {
  /** The gpu.js mode the 'gpu' device runs (useGpu's answer). */
  readonly mode: string;
  readonly reason: string;
  /** The WebGL renderer (UNMASKED_RENDERER_WEBGL), or null without WebGL2. */
  readonly renderer: string | null;
  readonly losses: readonly number[];
  /** Before training, after training (parameters and grads left), after disposing them. */
  readonly memory: { before: GpuMemory; trained: GpuMemory; disposed: GpuMemory };
}

// The few DOM globals the page uses (the package compiles without the DOM library).
interface WebGLLike {
  readonly RENDERER: number;
  getExtension(name: string): { readonly UNMASKED_RENDERER_WEBGL: number } | null;
  getParameter(name: number): unknown;
}
declare const document: {
  createElement(tag: 'canvas'): { getContext(kind: 'webgl2'): WebGLLike | null };
};

function webgl2Renderer(): string | null {
  const gl = document.createElement('canvas').getContext('webgl2');
  if (gl === null) return null;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
}

function gpuMemory(): GpuMemory {
  const info = torch.memory().gpu;
  if (info === undefined || !info.counted) throw new Error('the gpu device counts its memory');
  return { buffers: info.buffers, bytes: info.bytes };
}

async function bytes(path: string): Promise<Uint8Array> {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

async function main(): Promise<MlpPageResult> {
  const images = await bytes('/images.bin');
  const labels = await bytes('/labels.bin');
  const choice = useGpu({ mode: 'webgl2' });
  const before = gpuMemory();
  const { losses, model } = trainMnistMlp(images, labels, 'gpu');
  const trained = gpuMemory();
  for (const p of model.parameters()) {
    p.grad?.dispose();
    p.dispose();
  }
  return {
    mode: choice.mode,
    reason: choice.reason,
    renderer: webgl2Renderer(),
    losses,
    memory: { before, trained, disposed: gpuMemory() },
  };
}

main().then(
  (result) => {
    const outcome: PageOutcome<MlpPageResult> = { result };
    globalThis.__nablaPageResult = outcome;
  },
  (e: unknown) => {
    globalThis.__nablaPageResult = {
      crashed: e instanceof Error ? (e.stack ?? e.message) : String(e),
    };
  },
);
