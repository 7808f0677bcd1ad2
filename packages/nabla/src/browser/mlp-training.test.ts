import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumMissing, runInChromium } from '@nabla/backend-gpu/browser-testing';
import { mnistRoot, readIdxFileSync } from '@nabla/datasets';
import { describe, expect, it } from 'vitest';
import type { MlpPageResult } from './mlp-training-page.test.util.js';
import { BATCH, STEPS, trainMnistMlp } from './mnist-mlp.test.util.js';

// The course's MNIST MLP trained 20 steps in headless Chromium on the 'gpu' device in gpu.js's
// webgl2 mode (SwiftShader, a software GL, where there is no GPU), by a page bundled with
// esbuild from the umbrella's public API, and the same program on the 'cpu' device in Node:
// the losses agree step by step. Chromium is the system's (.ci/run installs it); bundling,
// launching and serving are @nabla/backend-gpu/browser-testing's.

const PAGE = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'src',
  'browser',
  'mlp-training-page.test.util.ts',
);
const PARAMS = 784 * 128 + 128 + 128 * 10 + 10;

/** The first STEPS * BATCH images (784 bytes each) and labels of the shipped MNIST. */
function mnistSample(): { images: Uint8Array; labels: Uint8Array } {
  const root = mnistRoot();
  const images = readIdxFileSync(join(root, 'train-images-idx3-ubyte.gz')).data;
  const labels = readIdxFileSync(join(root, 'train-labels-idx1-ubyte.gz')).data;
  const n = STEPS * BATCH;
  return {
    images: Uint8Array.from(images.subarray(0, n * 784)),
    labels: Uint8Array.from(labels.subarray(0, n)),
  };
}

describe('the MNIST MLP in a browser page on the gpu device (gpu.js webgl2)', () => {
  it('trains 20 steps as on the cpu in Node (within 1e-4) and gives its memory back', async (ctx) => {
    const missing = chromiumMissing(); // throws in CI, which must run the browser tests
    if (missing !== null) {
      console.warn(`skipping the browser MLP test: ${missing}`);
      ctx.skip();
    }
    const { images, labels } = mnistSample();
    const onCpu = trainMnistMlp(images, labels, 'cpu').losses;
    expect(onCpu).toHaveLength(STEPS);
    expect(onCpu[STEPS - 1]).toBeLessThan(onCpu[0] as number); // it learned

    const octets = 'application/octet-stream';
    const { result, logs } = await runInChromium<MlpPageResult>(PAGE, {
      files: {
        '/images.bin': { type: octets, body: images },
        '/labels.bin': { type: octets, body: labels },
      },
    });
    const worst = Math.max(...result.losses.map((l, i) => Math.abs(l - (onCpu[i] as number))));
    console.log(`webgl2 on ${result.renderer}: largest difference from the cpu ${worst}`);

    // it ran in WebGL2, every kernel on the GL (gpu.js warns when one falls back to its cpu)
    expect(result.mode).toBe('webgl2');
    expect(result.renderer, 'a WebGL2 context in the page').not.toBeNull();
    expect(logs.filter((l) => /fall(ing)? back/i.test(l))).toEqual([]);
    expect(logs.filter((l) => l.startsWith('page error'))).toEqual([]);

    expect(result.losses).toHaveLength(STEPS);
    for (let i = 0; i < STEPS; i++) {
      const diff = Math.abs((result.losses[i] as number) - (onCpu[i] as number));
      expect(diff, `step ${i}: ${result.losses[i]} vs ${onCpu[i]}`).toBeLessThanOrEqual(1e-4);
    }

    // tidy left only the 4 parameters and their 4 grads; disposing them gives everything back
    const { before, trained, disposed } = result.memory;
    expect(trained).toEqual({ buffers: before.buffers + 8, bytes: before.bytes + 2 * 4 * PARAMS });
    expect(disposed).toEqual(before);
  }, 300_000);
});
