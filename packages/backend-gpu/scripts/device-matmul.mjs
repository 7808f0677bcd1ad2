#!/usr/bin/env node
// Times the matmul kernels of @nabla/backend-gpu on a real GPU: the one-output-per-thread kernel
// (kernels/matmul.ts) beside the tiled one (kernels/matmul-tiled.ts: four outputs per thread,
// K in steps of four, with 'block' and with 'term' compensated sums), N x N float32 products at
// N = 1024, 2048, 4096, inputs and results kept on the GPU; prints one JSON line per kernel and
// size, with TFLOPS = 2 N^3 / seconds per product, and the largest error of 16 sampled outputs
// against float64 (in units of 2^-23 times the sum of the terms' magnitudes).
//
// The backend itself refuses gpu.js's webgpu mode (its kernel calls return Promises), so this
// compiles the kernels' generated source on gpu.js directly, in webgpu mode, through the
// `webgpu` package (Dawn) in Node, as ../../shared/gpu-device/README.md describes for an NVIDIA
// machine: build here (`npx tsc -b` in this package), then on the GPU machine
// `. .gpu-bundle/setup.sh && node packages/backend-gpu/scripts/device-matmul.mjs`. About a
// minute on an H200 (each kernel at each size: one compiling call, then about 0.5 s of calls).
//
// Environment: SIZES (default 1024,2048,4096), DAWN_FLAGS (comma-separated Dawn toggles, e.g.
// backend=vulkan), COMPAT=1 (ask for a compatibility-level adapter), NABLA_ALLOW_SOFTWARE=1
// (run on a software adapter anyway: a smoke test of this script, its timings mean nothing).
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { kernelSettings, setupWebGpu, values } from './device-webgpu.mjs';

const here = dirname(fileURLToPath(import.meta.url));

function fail(message) {
  console.error(`device-matmul: ${message}`);
  process.exit(1);
}

const dist = join(here, '..', 'dist');
let kernels;
try {
  kernels = {
    ...(await import(pathToFileURL(join(dist, 'kernels', 'matmul.js')).href)),
    ...(await import(pathToFileURL(join(dist, 'kernels', 'matmul-tiled.js')).href)),
    ...(await import(pathToFileURL(join(dist, 'index.js')).href)),
  };
} catch (e) {
  fail(
    `cannot load the built package (${e.message}); run \`npx tsc -b\` in packages/backend-gpu first`,
  );
}
const { matmulPlan, tiledMatmulPlan, isSoftwareRenderer } = kernels;

await setupWebGpu(fail, isSoftwareRenderer);

const { GPU } = await import('gpu.js');
const gpu = new GPU({ mode: 'webgpu' });

/** The kernels timed: the backend's one-output kernel and the tiled one, both 2-D launches. */
function variants(op) {
  const old = matmulPlan(op, op, true);
  const cols = old.length / old.rows;
  return [
    {
      kernel: 'one output per thread (matmul.ts)',
      text: old.source.toString(old.result),
      settings: kernelSettings([cols, old.rows], old.source.constants, false),
      vec: 1,
    },
    ...['block', 'term'].map((sum) => {
      const p = tiledMatmulPlan(op, op, true, sum);
      return {
        kernel: `tiled 1x4, ${sum} sums (matmul-tiled.ts)`,
        text: p.source.toString(p.result),
        settings: kernelSettings(p.output, p.source.constants, true),
        vec: 4,
      };
    }),
  ];
}

const started = performance.now();
for (const n of (process.env.SIZES ?? '1024,2048,4096').split(',').map(Number)) {
  const A = values(n * n, 1);
  const B = values(n * n, 2);
  // put the operands on the GPU once: an identity kernel's pipelined result
  const upload = gpu.createKernel(
    function (x) {
      return x[this.thread.y * this.constants.n + this.thread.x];
    },
    { output: [n, n], constants: { n }, pipeline: true, immutable: true, precision: 'single' },
  );
  const a = await upload(A);
  const b = await upload(B);
  const op = { shape: [n, n], strides: [n, 1], offset: 0 };
  for (const v of variants(op)) {
    const kernel = gpu.createKernel(v.text, v.settings);
    const t0 = performance.now();
    const first = await kernel(a, b); // compiles
    const device = kernel.kernel.context.device;
    await device.queue.onSubmittedWorkDone();
    const compileS = (performance.now() - t0) / 1000;
    const once = async (reps) => {
      const t = performance.now();
      const results = [];
      for (let r = 0; r < reps; r++) results.push(kernel(a, b));
      const done = await Promise.all(results);
      await device.queue.onSubmittedWorkDone();
      const s = (performance.now() - t) / 1000 / reps;
      for (const d of done) d.delete();
      return s;
    };
    const probe = await once(1);
    const reps = Math.max(2, Math.min(50, Math.ceil(0.5 / probe)));
    const sec = await once(reps);
    // 16 sampled outputs against float64
    const out = await first.toArray(); // rows of values, or of Float32Array(4) vectors
    first.delete();
    const at = (i, j) => (v.vec === 4 ? out[i][Math.floor(j / 4)][j % 4] : out[i][j]);
    let worst = 0;
    for (let s = 0; s < 16; s++) {
      const i = (s * 7919) % n;
      const j = (s * 104729) % n;
      let ref = 0;
      let mag = 0;
      for (let k = 0; k < n; k++) {
        const t = A[i * n + k] * B[k * n + j];
        ref += t;
        mag += Math.abs(t);
      }
      const got = at(i, j);
      worst = Math.max(worst, Math.abs(got - ref) / (2 ** -23 * (mag + Math.abs(ref))));
    }
    console.log(
      JSON.stringify({
        n,
        kernel: v.kernel,
        sec,
        reps,
        tflops: Number(((2 * n ** 3) / sec / 1e12).toFixed(3)),
        compileS: Number(compileS.toFixed(2)),
        errorOverTolerance: Number(worst.toFixed(3)),
      }),
    );
    kernel.destroy();
  }
  a.delete();
  b.delete();
  upload.destroy();
}
console.log(JSON.stringify({ totalS: Number(((performance.now() - started) / 1000).toFixed(1)) }));
await gpu.destroy();
process.exit(0);
