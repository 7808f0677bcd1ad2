export {
  CIFAR10,
  type CIFAR10LoadOptions,
  type CIFAR10Options,
  parseCifarBatches,
} from './cifar10.js';
export { toGray, toRGB } from './convert.js';
export { decodeJpeg, decodePng } from './decoders.js';
export { type DownloadOptions, downloadResource, md5Of, type Resource } from './download.js';
export {
  DEFAULT_DECODERS,
  IMG_EXTENSIONS,
  type ImageDecoder,
  ImageFolder,
  type ImageFolderOptions,
} from './image-folder.js';
export { type ImageArrays, ImageSet, type ImageSetTransforms } from './image-set.js';
export {
  FashionMNIST,
  MNIST,
  type MNISTLoadOptions,
  type MNISTOptions,
  mnistArrays,
} from './mnist.js';
export { decodeNetpbm, encodeNetpbm } from './netpbm.js';
export { readTar, type TarEntry } from './tar.js';
