import type { Tensor } from 'nabla';
import { irisSplits, type Split } from '../assets.js';
import { iris } from '../data-sources.js';

/** Rows of a table by index (NumPy's `x[indices]`). */
export const rowsOf = (t: Tensor, indices: readonly number[]): Tensor => t.index([...indices]);

/** The chapter's Iris selection and its sklearn split (train_test_split, random_state=123). */
export function irisSelection(chapter: 'ch06' | 'ch07', features: readonly number[]) {
  const { x, y, featureNames } = iris();
  const rows = chapter === 'ch06' ? 100 : 150;
  // x_data = iris.data[:100, :2] (ch06) or x_org[:, [0, 2]] (ch07); y likewise
  const xSel = x.index(`0:${rows}`, [...features]);
  const ySel = y.index(`0:${rows}`);
  const split: Split = irisSplits()[chapter];
  return {
    xTrain: rowsOf(xSel, split.train),
    xTest: rowsOf(xSel, split.test),
    yTrain: rowsOf(ySel, split.train),
    yTest: rowsOf(ySel, split.test),
    names: features.map((i) => featureNames[i] ?? String(i)),
  };
}
