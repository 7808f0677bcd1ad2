export { autodiff } from './autodiff.js';
export { AdBuffer } from './node.js';
export { topologicalOrder } from './topological-order.js';
