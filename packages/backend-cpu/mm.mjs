import { cpuBackend } from './dist/index.js';
const mk = (r, c) => Float32Array.from({ length: r * c }, (_, i) => Math.sin(i));
const view = (be, d, shape, strides) => ({ buffer: be.fromValues(d, 'float32'), shape, strides, offset: 0 });
for (const T of [1, 2]) {
  const be = cpuBackend({ matmulAccumulator: 'float32', threads: T });
  const cases = {
    'fwd x@W.T [100,784]@[784,128]': [view(be, mk(100, 784), [100, 784], [784, 1]), view(be, mk(128, 784), [784, 128], [1, 784])],
    'gW g.T@x [128,100]@[100,784]': [view(be, mk(100, 128), [128, 100], [1, 128]), view(be, mk(100, 784), [100, 784], [784, 1])],
    'N=512': [view(be, mk(512, 512), [512, 512], [512, 1]), view(be, mk(512, 512), [512, 512], [512, 1])],
  };
  for (const [name, [a, b]] of Object.entries(cases)) {
    for (let i = 0; i < 20; i++) be.matmul(a, b);
    const t0 = performance.now(); const n = 200; for (let i = 0; i < n; i++) be.matmul(a, b);
    const ms = (performance.now() - t0) / n;
    const flops = 2 * a.shape[0] * a.shape[1] * b.shape[1];
    console.log(`T=${T} ${name}: ${(ms * 1000).toFixed(0)} us, ${(flops / ms / 1e6).toFixed(1)} GFLOPS`);
  }
}
process.exit(0);
