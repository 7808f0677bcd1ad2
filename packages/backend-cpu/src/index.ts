export { type CpuBackend, type CpuBackendOptions, cpuBackend } from './cpu-backend.js';
export { CpuBuffer } from './cpu-buffer.js';
export type { MatmulAccumulator } from './wasm/micro-kernel.js';
