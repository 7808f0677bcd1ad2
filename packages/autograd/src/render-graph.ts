import type { Viz } from '@viz-js/viz';

// Graphviz compiled to WebAssembly: imported and instantiated on the first call (so programs that
// never draw a graph never load it), then kept for the next ones.
let viz: Promise<Viz> | null = null;

/**
 * Renders DOT text (from {@link toDot}) to an SVG document with Graphviz's `dot` layout, using
 * the WebAssembly Graphviz of `@viz-js/viz`, so no Graphviz install is needed. Works in Node
 * and in the browser; write the string to a `.svg` file or put it in the page.
 *
 * Mirrors what displaying torchviz's `make_dot(...)` result does in a notebook (graphviz's
 * `Digraph._repr_svg_`).
 *
 * @throws when the DOT text does not parse (Graphviz's message)
 *
 * @example
 * ```ts
 * const svg = await renderGraph(toDot(loss, { params: { W, B } }));
 * writeFileSync('loss.svg', svg); // <?xml ...><svg ...>...</svg>
 * ```
 */
export async function renderGraph(dot: string): Promise<string> {
  const input = withoutLeadingBreaks(dot);
  try {
    return (await graphviz()).renderString(input, { format: 'svg' });
  } catch (error) {
    // A trap inside the WebAssembly (not a DOT error) leaves that instance unusable: start a
    // fresh one, for this call and the next ones.
    if (!(error instanceof Error && error.name === 'RuntimeError')) throw error;
    viz = null;
    return (await graphviz()).renderString(input, { format: 'svg' });
  }
}

async function graphviz(): Promise<Viz> {
  viz ??= import('@viz-js/viz').then((m) => m.instance());
  try {
    return await viz;
  } catch (error) {
    viz = null; // let a later call try loading again
    throw error;
  }
}

/**
 * `label="\n (5)"` as `label=" \n (5)"`. torchviz's labels for unnamed tensors start with a line
 * break, and in @viz-js/viz 3.31 (Graphviz 16.1) a label whose first line is empty corrupts the
 * instance's memory: a later render traps ("table index is out of bounds"). A space draws the
 * same empty line.
 */
function withoutLeadingBreaks(dot: string): string {
  return dot.replace(/(\blabel\s*=\s*")(?=\\[nlr]|\n)/g, '$1 ');
}
