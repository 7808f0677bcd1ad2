export type { AvailableMode, ModeChoice } from './choose-auto-mode.js';
export { chooseAutoMode } from './choose-auto-mode.js';
export type { GpuMode } from './mode.js';
export { DRIVER_MODES, GPU_MODES, parseMode } from './mode.js';
export { isSoftwareRenderer } from './software-renderer.js';
