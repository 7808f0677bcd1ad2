import { readFileSync } from 'node:fs';

// The small data files the app ships in ../assets (made once by scripts/make-assets.py with
// Debian's numpy and scikit-learn; see its docstring). src/ and dist/ both sit one level below
// the app's root, so the same relative URL works from the sources (tests) and the build.

function readAsset<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../assets/${name}`, import.meta.url), 'utf8')) as T;
}

/** Chapter 4's points: `np.random.seed(123); x = randn(100, 1); y = x**2 + randn(100, 1) * 0.1`. */
export function xSquared(): { x: number[]; y: number[] } {
  return readAsset('ch04-x-squared.json');
}

/** A train / test split of row indices, as sklearn's train_test_split returns it. */
export interface Split {
  train: number[];
  test: number[];
}

/** The Iris splits of `train_test_split(..., random_state=123)`: ch06 (70/30), ch07 (75/75). */
export function irisSplits(): { ch06: Split; ch07: Split } {
  return readAsset('iris-splits.json');
}
