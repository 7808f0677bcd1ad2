/**
 * The `data` namespace, as PyTorch's `torch.utils.data`: Dataset, TensorDataset, Subset,
 * ConcatDataset, randomSplit, the samplers and DataLoader.
 */
import './default-device.js';

export {
  BatchSampler,
  type Collated,
  ConcatDataset,
  DataLoader,
  type DataLoaderOptions,
  Dataset,
  type DatasetLike,
  defaultCollate,
  RandomSampler,
  randomSplit,
  type Sampler,
  SequentialSampler,
  Subset,
  TensorDataset,
} from '@nabla/datasets';
