/**
 * Which recorded rows a program prints: the course prints every row it records (every 10 or 100
 * epochs: hundreds of lines); the trainer prints ten of them, evenly spaced, and the last one.
 * Every row stays in the history (history.json and the curves).
 */
export function shouldPrintRow(index: number, totalRows: number): boolean {
  if (index === totalRows - 1 || index === 0) return true;
  const every = Math.max(1, Math.ceil(totalRows / 10));
  return index % every === 0;
}

/** The number of rows recorded for `epochs` epochs, one every `every` epochs from epoch 0. */
export function recordedRows(epochs: number, every: number): number {
  return Math.ceil(epochs / every);
}
