export { autodiff } from './autodiff.js';
export { type DotParam, type DotRoot, type ToDotOptions, toDot } from './dot.js';
export {
  type GradcheckMismatch,
  type GradcheckOptions,
  type GradcheckReport,
  type GradcheckTensor,
  gradcheck,
} from './gradcheck.js';
export { AdBuffer } from './node.js';
export { renderGraph } from './render-graph.js';
export { topologicalOrder } from './topological-order.js';
