import { fixed2 } from './format.js';
import { type LayerRow, leftoverParams, type ModelSummary } from './summary.js';

/** `1234567` -> `'1,234,567'`, as Python's `f'{n:,}'`. */
export function withCommas(n: number): string {
  const digits = String(Math.abs(Math.trunc(n)));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return n < 0 ? `-${grouped}` : grouped;
}

const COL_WIDTH = 25;

/** torchinfo's tree prefix: none for the model, `├─` for depth 1, `│    └─` below. */
function startString(depth: number): string {
  if (depth === 0) return '';
  if (depth === 1) return '├─';
  return `${'│    '.repeat(depth - 1)}└─`;
}

function rowName(row: LayerRow): string {
  return row.depth === 0 ? row.className : `${row.className}: ${row.depth}-${row.depthIndex}`;
}

/** torchinfo's Param # column. */
function paramsCell(row: LayerRow, reachedMaxDepth: boolean): string {
  if (row.numParams === 0) return '--';
  if (row.isRecursive) return '(recursive)';
  if (reachedMaxDepth || row.isLeaf) {
    const count = withCommas(row.numParams);
    return row.trainableParams ? count : `(${count})`;
  }
  const leftover = leftoverParams(row);
  return leftover > 0 ? withCommas(leftover) : '--';
}

/**
 * The layer-name column is 40 wide, wider when a name needs it (rounded up to a multiple of 5),
 * as torchinfo's `set_layer_name_width`.
 */
function nameWidth(rows: readonly LayerRow[]): number {
  let longest = 0;
  for (const row of rows) longest = Math.max(longest, rowName(row).length + row.depth * 5 + 1);
  return longest >= 40 ? Math.ceil(longest / 5) * 5 : 40;
}

function formatRow(width: number, name: string, cells: readonly string[]): string {
  const line = `${name.padEnd(width)} ${cells.map((c) => `${c.padEnd(COL_WIDTH)} `).join('')}`;
  return `${line.trimEnd()}\n`;
}

/** torchinfo's unit for mult-adds: millions below a billion, then G and T. */
function readable(n: number): [string, number] {
  if (n >= 1e12) return ['T', n / 1e12];
  if (n >= 1e9) return ['G', n / 1e9];
  return ['M', n / 1e6];
}

/** The table as torchinfo 1.7 prints it (the columns Output Shape and Param #). */
export function formatSummary(s: ModelSummary): string {
  const width = nameWidth(s.rows);
  const divider = '='.repeat(width + 2 * COL_WIDTH);
  const header = formatRow(width, 'Layer (type:depth-idx)', ['Output Shape', 'Param #']);
  let body = '';
  for (const row of s.rows) {
    if (row.depth > s.maxDepth) continue;
    const shape = row.outputShape.length > 0 ? `[${row.outputShape.join(', ')}]` : '--';
    const cells = [shape, paramsCell(row, row.depth === s.maxDepth)];
    body += formatRow(width, `${startString(row.depth)}${rowName(row)}`, cells);
  }
  const [unit, macs] = readable(s.totalMultAdds);
  const mb = (bytes: number): string => fixed2(bytes / 1e6);
  return [
    `${divider}\n${header}${divider}\n${body}${divider}`,
    `Total params: ${withCommas(s.totalParams)}`,
    `Trainable params: ${withCommas(s.trainableParams)}`,
    `Non-trainable params: ${withCommas(s.totalParams - s.trainableParams)}`,
    `Total mult-adds (${unit}): ${fixed2(macs)}`,
    divider,
    `Input size (MB): ${mb(s.totalInputBytes)}`,
    `Forward/backward pass size (MB): ${mb(s.totalOutputBytes)}`,
    `Params size (MB): ${mb(s.totalParamBytes)}`,
    `Estimated Total Size (MB): ${mb(s.totalInputBytes + s.totalOutputBytes + s.totalParamBytes)}`,
    divider,
  ].join('\n');
}
