#!/usr/bin/env node
// Times the conv2d forward kernels of @nabla/backend-gpu: the one-output-per-thread kernel
// (kernels/correlate.ts, what conv2d.ts runs) beside the tiled one (kernels/conv2d-tiled.ts:
// four adjacent output columns per thread, returned as a vec4) on the convolution of the
// course's chapter 9 CNN, Conv2d(32, 32, 3) on x [100, 32, 30, 30] (no padding: y [100, 32, 28,
// 28], 722.5 M multiply-adds), inputs and results kept on the device; prints one JSON line per
// kernel with GFLOPS = 2 * multiply-adds / seconds per call, and the largest error of 16 sampled
// outputs against float64 (in units of 2^-23 times the sum of the terms' magnitudes; <= 1 is
// within the tests' tolerance).
//
// As scripts/device-matmul.mjs does, it compiles the kernels' generated source on gpu.js
// directly, by default in webgpu mode through the `webgpu` package (Dawn) in Node, as
// ../../shared/gpu-device/README.md describes for an NVIDIA machine: build here (`npx tsc -b` in
// this package), then on the GPU machine
// `. .gpu-bundle/setup.sh && node packages/backend-gpu/scripts/device-conv.mjs` (well under a
// minute: each kernel one compiling call, then about 0.5 s of calls).
//
// Environment: BATCH (default 100), MODE=webasm (time gpu.js's webasm mode on the CPU instead:
// no GPU needed), DAWN_FLAGS (comma-separated Dawn toggles, e.g. backend=vulkan), COMPAT=1 (ask
// for a compatibility-level adapter), NABLA_ALLOW_SOFTWARE=1 (run on a software adapter anyway:
// a smoke test of this script, its timings mean nothing).
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { kernelSettings, setupWebGpu, values } from './device-webgpu.mjs';

const here = dirname(fileURLToPath(import.meta.url));

function fail(message) {
  console.error(`device-conv: ${message}`);
  process.exit(1);
}

const mode = process.env.MODE ?? 'webgpu';
if (mode !== 'webgpu' && mode !== 'webasm') fail(`MODE must be webgpu or webasm, not '${mode}'`);

const dist = join(here, '..', 'dist');
let kernels;
try {
  kernels = {
    ...(await import(pathToFileURL(join(dist, 'kernels', 'correlate.js')).href)),
    ...(await import(pathToFileURL(join(dist, 'kernels', 'conv2d-tiled.js')).href)),
    ...(await import(pathToFileURL(join(dist, 'index.js')).href)),
  };
} catch (e) {
  fail(
    `cannot load the built package (${e.message}); run \`npx tsc -b\` in packages/backend-gpu first`,
  );
}
const { correlatePlan, tiledCorrelationPlan, isSoftwareRenderer } = kernels;

if (mode === 'webgpu') {
  await setupWebGpu(fail, isSoftwareRenderer, '; MODE=webasm times the CPU instead');
} else {
  console.log(JSON.stringify({ mode, note: 'gpu.js webasm on the CPU, no GPU' }));
}

const { GPU } = await import('gpu.js');
const gpu = new GPU({ mode });

// ch09: Conv2d(32, 32, 3) on [BATCH, 32, 30, 30], stride 1, no padding, with a bias
const [N, C, H, W] = [Number(process.env.BATCH ?? 100), 32, 30, 30];
const [O, K] = [32, 3];
const [Ho, Wo] = [H - K + 1, W - K + 1];
const macs = N * O * Ho * Wo * C * K * K;
const X = values(N * C * H * W, 1);
const Wt = values(O * C * K * K, 2);
const B = values(O, 3);
const input = { strides: [C * H * W, H * W, W, 1], offset: 0 };
const bias = { strides: [1], offset: 0 };
const geometry = {
  out: [N, O, Ho, Wo],
  groups: 1,
  window: [C, K, K],
  stride: [1, 1],
  dilation: [1, 1],
  origin: [0, 0],
  weightStrides: [C * K * K, 0, K * K, K, 1],
  weightOffset: 0,
};

/** The kernels timed: the backend's one-output kernel and the tiled one, both 2-D launches. */
function variants() {
  const old = correlatePlan(true, input, bias, geometry);
  const tiled = tiledCorrelationPlan(true, input, bias, geometry);
  return [
    {
      kernel: 'one output per thread (correlate.ts)',
      text: old.source.toString(old.result),
      settings: kernelSettings([old.length / old.rows, old.rows], old.source.constants, false),
      // out[n * O + o][y * Wo + x]
      at: (out, n, o, y, x) => out[n * O + o][y * Wo + x],
    },
    {
      kernel: 'tiled, 4 output columns per thread (conv2d-tiled.ts)',
      text: tiled.source.toString(tiled.result),
      settings: kernelSettings(tiled.output, tiled.source.constants, true),
      at: (out, n, o, y, x) => out[n * O + o][y * tiled.groups + Math.floor(x / 4)][x % 4],
    },
  ];
}

/** Puts a host array on the device once: an identity kernel's pipelined result (2-D). */
async function upload(data, cols) {
  const rows = data.length / cols;
  const kernel = gpu.createKernel(
    function (x) {
      return x[this.thread.y * this.constants.cols + this.thread.x];
    },
    kernelSettings([cols, rows], { cols }, false),
  );
  const out = await kernel(data);
  return { out, kernel };
}

const started = performance.now();
const xs = await upload(X, W * H);
const ws = await upload(Wt, K * K);
const bs = await upload(B, O);
const sync = async (kernel) => {
  if (mode === 'webgpu') await kernel.kernel.context.device.queue.onSubmittedWorkDone();
};
console.log(JSON.stringify({ x: [N, C, H, W], weight: [O, C, K, K], y: [N, O, Ho, Wo], macs }));
for (const v of variants()) {
  const kernel = gpu.createKernel(v.text, v.settings);
  const t0 = performance.now();
  const first = await kernel(xs.out, ws.out, bs.out); // compiles
  await sync(kernel);
  const compileS = (performance.now() - t0) / 1000;
  const once = async (reps) => {
    const t = performance.now();
    const results = [];
    for (let r = 0; r < reps; r++) results.push(kernel(xs.out, ws.out, bs.out));
    const done = await Promise.all(results);
    await sync(kernel);
    const s = (performance.now() - t) / 1000 / reps;
    if (mode === 'webgpu') for (const d of done) d.delete();
    return s;
  };
  const probe = await once(1);
  const reps = Math.max(2, Math.min(50, Math.ceil(0.5 / probe)));
  const sec = await once(reps);
  const out = mode === 'webgpu' ? await first.toArray() : first;
  if (mode === 'webgpu') first.delete();
  let worst = 0;
  for (let s = 0; s < 16; s++) {
    const [n, o, y, x] = [(s * 37) % N, (s * 11) % O, (s * 5) % Ho, (s * 7 + s) % Wo];
    let ref = B[o];
    let mag = Math.abs(ref);
    for (let c = 0; c < C; c++)
      for (let i = 0; i < K; i++)
        for (let j = 0; j < K; j++) {
          const t = X[((n * C + c) * H + y + i) * W + x + j] * Wt[((o * C + c) * K + i) * K + j];
          ref += t;
          mag += Math.abs(t);
        }
    const got = v.at(out, n, o, y, x);
    worst = Math.max(worst, Math.abs(got - ref) / (2 ** -23 * (mag + Math.abs(ref))));
  }
  console.log(
    JSON.stringify({
      mode,
      kernel: v.kernel,
      ms: Number((sec * 1000).toFixed(2)),
      reps,
      gflops: Number(((2 * macs) / sec / 1e9).toFixed(2)),
      compileS: Number(compileS.toFixed(2)),
      errorOverTolerance: Number(worst.toFixed(3)),
    }),
  );
  kernel.destroy();
}
for (const u of [xs, ws, bs]) {
  if (mode === 'webgpu') u.out.delete();
  u.kernel.destroy();
}
console.log(JSON.stringify({ totalS: Number(((performance.now() - started) / 1000).toFixed(1)) }));
await gpu.destroy();
process.exit(0);
