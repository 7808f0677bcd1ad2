/** `torch.optim.lr_scheduler`. */
export {
  CosineAnnealingLR,
  ExponentialLR,
  LambdaLR,
  LRScheduler,
  MultiStepLR,
  OneCycleLR,
  ReduceLROnPlateau,
  StepLR,
} from '@nabla/optim';
