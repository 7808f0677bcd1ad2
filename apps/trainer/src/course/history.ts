/**
 * The course's training history (BOOK.md §2.2): one row per epoch,
 * `[epoch (1-based), train loss, train accuracy, validation loss, validation accuracy]`, as the
 * NumPy array `history = np.zeros((0, 5))` that `fit` grows with `np.vstack`.
 */
export type HistoryRow = [
  epoch: number,
  trainLoss: number,
  trainAcc: number,
  valLoss: number,
  valAcc: number,
];

/** Rows in epoch order; `history.length` is the number of epochs already trained. */
export type History = HistoryRow[];

/** `f'{x:.5f}'`: five decimals, as every number of the course's epoch line. */
export const f5 = (x: number): string => x.toFixed(5);

/**
 * The course's epoch line, `Epoch [{epoch}/{total}], loss: … acc: … val_loss: …, val_acc: …`
 * (the comma after val_loss is the book's).
 *
 * @example
 * epochLine([1, 2.30259, 0.1, 2.30259, 0.1], 3);
 * // 'Epoch [1/3], loss: 2.30259 acc: 0.10000 val_loss: 2.30259, val_acc: 0.10000'
 */
export function epochLine(row: HistoryRow, total: number): string {
  const [epoch, loss, acc, valLoss, valAcc] = row;
  return `Epoch [${epoch}/${total}], loss: ${f5(loss)} acc: ${f5(acc)} val_loss: ${f5(valLoss)}, val_acc: ${f5(valAcc)}`;
}

/** Checks that `value` is a history (rows of five finite numbers, or NaN for a diverged loss). */
export function isHistory(value: unknown): value is History {
  return (
    Array.isArray(value) &&
    value.every((r) => Array.isArray(r) && r.length === 5 && r.every((v) => typeof v === 'number'))
  );
}
