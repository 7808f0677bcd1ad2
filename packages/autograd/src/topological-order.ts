/**
 * Orders the nodes of a computation graph so that every node comes after all of its parents
 * (the tensors it was computed from). `backward()` walks this order in reverse: from the root
 * (the loss) down to the leaves, so a node's gradient is complete before it is passed on.
 *
 * This is the depth-first post-order of micrograd's `build_topo`, which PyTorch's engine also
 * guarantees (a node runs after every node that uses it), written with an explicit stack instead
 * of recursion: a graph 100,000 ops deep must not overflow the JavaScript call stack.
 *
 * Each node is visited once, however many paths reach it (fan-out, `a * a`), so its gradient
 * rule runs once, after every contribution has been accumulated. Nodes are compared by identity
 * (`Set` semantics). Parents are visited in the order `parents` returns them.
 *
 * Mirrors the graph walk of PyTorch's `torch.autograd.backward` (the C++ engine's
 * dependency count and ready queue) and micrograd's `Value.backward`.
 *
 * @param root - the node to start from, usually the output whose gradient is being computed
 * @param parents - returns the nodes a node was computed from (its inputs); leaves return `[]`
 * @returns every node reachable from `root`, parents before children, `root` last
 *
 * @example
 * ```ts
 * // d = b + c, b = a * 2, c = a * 3
 * const graph: Record<string, string[]> = { a: [], b: ['a'], c: ['a'], d: ['b', 'c'] };
 * topologicalOrder('d', (n) => graph[n] ?? []); // ['a', 'b', 'c', 'd']
 * ```
 */
export function topologicalOrder<Node>(
  root: Node,
  parents: (node: Node) => readonly Node[],
): Node[] {
  const order: Node[] = [];
  const visited = new Set<Node>([root]);
  // Each frame is a node and the index of the next parent of it to visit.
  const stack: { node: Node; inputs: readonly Node[]; next: number }[] = [
    { node: root, inputs: parents(root), next: 0 },
  ];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.next < frame.inputs.length) {
      // In range, so defined (Node itself may admit undefined, hence the cast, not `!`).
      const parent = frame.inputs[frame.next] as Node;
      frame.next += 1;
      if (!visited.has(parent)) {
        visited.add(parent);
        stack.push({ node: parent, inputs: parents(parent), next: 0 });
      }
    } else {
      // All parents are placed: the node can follow them.
      stack.pop();
      order.push(frame.node);
    }
  }
  return order;
}
