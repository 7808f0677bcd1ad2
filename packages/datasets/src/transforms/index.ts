export { type BatchTransform, canBatch, type ImageBatch } from './batch-transform.js';
export { CenterCrop } from './center-crop.js';
export { Compose, Lambda, type TransformFn } from './compose.js';
export { centerCrop, crop } from './crop.js';
export type { PaddingMode } from './geometry.js';
export { Normalize } from './normalize.js';
export { type PaddingArg, pad, RandomCrop, type RandomCropOptions } from './random-crop.js';
export {
  type ErasingParams,
  erase,
  RandomErasing,
  type RandomErasingOptions,
} from './random-erasing.js';
export { hflip, RandomHorizontalFlip } from './random-horizontal-flip.js';
export { RandomResizedCrop, type RandomResizedCropOptions } from './random-resized-crop.js';
export type { ImageLike } from './raster.js';
export { isRawImage, type RawImage, rawImage } from './raw-image.js';
export { Resize, type ResizeOptions, resizedSize } from './resize.js';
export type { SizeArg } from './size-arg.js';
export { ToTensor } from './to-tensor.js';
