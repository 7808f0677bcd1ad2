import type { GradFn } from '@nabla/backend';
import type { Node } from './node.js';

/**
 * What `grad_fn` shows for a node: the node itself, or, when it was recorded inside a named
 * scope (a tensor-level op built from several primitives), the whole group as one node with the
 * scope's name and the group's outside inputs as `nextFunctions`.
 */
export function displayNode(node: Node): GradFn {
  const scope = node.scope;
  if (scope === null)
    return {
      name: node.name,
      nextFunctions: node.edges.map((e) => (e === null ? null : displayNode(e.node))),
      ...variableOf(node),
    };
  const next: (GradFn | null)[] = [];
  const seen = new Set<Node>([node]);
  const stack = [node];
  const outside = new Set<Node>();
  while (stack.length > 0) {
    const n = stack.pop() as Node;
    for (const e of n.edges) {
      if (e === null) continue;
      if (e.node.scope?.id === scope.id) {
        if (!seen.has(e.node)) {
          seen.add(e.node);
          stack.push(e.node);
        }
      } else if (!outside.has(e.node)) {
        outside.add(e.node);
        next.push(displayNode(e.node));
      }
    }
  }
  return { name: scope.name, nextFunctions: next };
}

function variableOf(node: Node): { variable?: GradFn['variable'] } {
  return 'variable' in node
    ? { variable: (node as unknown as { variable: GradFn['variable'] }).variable }
    : {};
}
