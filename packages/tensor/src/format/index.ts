/**
 * Printing tensors exactly as PyTorch 1.13's `repr(tensor)` does (`torch/_tensor_str.py`).
 *
 * @packageDocumentation
 */
export { type FormatTensorOptions, formatTensor } from './format-tensor.js';
export {
  getPrintoptions,
  type PrintOptions,
  type PrintProfile,
  resetPrintoptions,
  type SetPrintOptions,
  setPrintoptions,
} from './print-options.js';
