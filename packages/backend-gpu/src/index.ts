export type { AvailableMode, ModeChoice } from './choose-auto-mode.js';
export { chooseAutoMode } from './choose-auto-mode.js';
export type { KernelStats } from './device.js';
export type {
  GpuBackend,
  GpuBackendOptions,
  GpuCapabilities,
} from './gpu-backend.js';
export { createGpuBackend } from './gpu-backend.js';
export { GpuBuffer } from './gpu-buffer.js';
export type { MemoryInfo } from './memory.js';
export type { GpuMode } from './mode.js';
export { DRIVER_MODES, GPU_MODES, parseMode } from './mode.js';
export { probeModes, probeWebGpu } from './probe-modes.js';
export { isSoftwareRenderer } from './software-renderer.js';
