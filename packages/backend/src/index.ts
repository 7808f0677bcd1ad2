export type { Autodiff, AutodiffBackend, BackwardOptions, GradFn } from './autodiff.js';
export { gradMode, isAutodiff } from './autodiff.js';
export type {
  AnyBackend,
  Backend,
  BufferLike,
  Conv2dParams,
  Pool2dParams,
  TensorSpec,
} from './backend.js';
export type { DType, TypedArray, TypedArrayFor } from './dtype.js';
export { allocHost, castScalar, DTYPES, isFloating, promoteTypes } from './dtype.js';
export type { ArgReduceOp, BinaryOp, ReduceOp, UnaryOp } from './ops.js';
export { BINARY_OPS, BOOL_RESULT_OPS, UNARY_OPS } from './ops.js';
export type { Shape } from './shape.js';
export { broadcastShapes, contiguousStrides, numel, shapesEqual, shapeToString } from './shape.js';
export type { View } from './view.js';
export { contiguousView, forEachIndex, hasOverlap, isContiguousView } from './view.js';
