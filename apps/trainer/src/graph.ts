import { renderGraph, type Tensor, toDot } from 'nabla';

/**
 * The computation graph behind `root` as an SVG document, its leaves named by `params`, as the
 * course's `make_dot(loss, params=dict(net.named_parameters()))`. Graphviz (WebAssembly) loads on
 * the first call, so runs without --graph never load it.
 */
export async function drawGraph(root: Tensor, params: Record<string, Tensor>): Promise<string> {
  return renderGraph(toDot(root, { params }));
}
