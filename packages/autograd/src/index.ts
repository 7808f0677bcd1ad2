export { topologicalOrder } from './topological-order.js';
