export { cpuBackend } from './cpu-backend.js';
export { CpuBuffer } from './cpu-buffer.js';
