import { type Tensor, tensor } from '@nabla/tensor';
import { type CsvOptions, type CsvTable, parseCsv } from './csv.js';
import { TensorDataset } from './tensor-dataset.js';

/** Options of {@link CsvDataset}. */
export interface CsvDatasetOptions extends CsvOptions {
  /** The target column, by name or index (default: the last column). */
  target?: string | number;
  /** The feature columns, by name or index (default: every other column). */
  features?: readonly (string | number)[];
  /**
   * 'class': labels, int32 (text classes are numbered in sorted order); 'number': float32
   * values; 'auto' (default): text or all-integer targets are classes, others numbers.
   */
  targetType?: 'auto' | 'class' | 'number';
}

/**
 * A table read from CSV as a TensorDataset of `[features, target]`: features float32 [N, F], the
 * target int32 class labels [N] or float32 values [N]. A field that is not a number where one is
 * needed is an error naming the file, the line and the column. Browser-safe (`fromText`);
 * `readCsvDataset` reads a file in Node.
 *
 * @example
 * const iris = CsvDataset.fromText(text, { target: 'species' });
 * iris.classes; // ['setosa', 'versicolor', 'virginica']
 * const [x, y] = iris.get(0); // x: [4] float32, y: [] int32
 */
export class CsvDataset extends TensorDataset<[Tensor, Tensor]> {
  /** The names of the feature columns. */
  readonly featureNames: readonly string[];
  /** The name of the target column. */
  readonly targetName: string;
  /** The class names by label, or null when the target is numeric. */
  readonly classes: readonly string[] | null;

  private constructor(
    x: Tensor,
    y: Tensor,
    featureNames: string[],
    targetName: string,
    classes: string[] | null,
  ) {
    super(x, y);
    this.featureNames = featureNames;
    this.targetName = targetName;
    this.classes = classes;
  }

  /** Builds the dataset from CSV text; `path` names it in errors. */
  static fromText(text: string, options: CsvDatasetOptions = {}, path = 'CSV data'): CsvDataset {
    return CsvDataset.fromTable(parseCsv(text, options, path), options, path);
  }

  /** Builds the dataset from a parsed table. */
  static fromTable(
    table: CsvTable,
    options: CsvDatasetOptions = {},
    path = 'CSV data',
  ): CsvDataset {
    const width = table.columns?.length ?? table.rows[0]?.length ?? 0;
    const names = table.columns ?? Array.from({ length: width }, (_, i) => String(i));
    const column = (c: string | number): number => {
      const i = typeof c === 'number' ? (c < 0 ? c + width : c) : names.indexOf(c);
      if (!(i >= 0 && i < width)) {
        throw new RangeError(
          `${path}: no column ${JSON.stringify(c)} (columns: ${names.join(', ')})`,
        );
      }
      return i;
    };
    const t = column(options.target ?? width - 1);
    const fs = (options.features ?? names.map((_, i) => i).filter((i) => i !== t)).map(column);
    const n = table.rows.length;
    const x = new Float32Array(n * fs.length);
    const number = (r: number, c: number): number => {
      const text = (table.rows[r]?.[c] ?? '').trim();
      const v = text === '' ? Number.NaN : Number(text);
      if (Number.isNaN(v) && text.toLowerCase() !== 'nan') {
        throw new Error(
          `${path}:${table.lines[r]}: column '${names[c]}': cannot read ${JSON.stringify(text)} as a number`,
        );
      }
      return v;
    };
    for (let r = 0; r < n; r++) {
      fs.forEach((c, k) => {
        x[r * fs.length + k] = number(r, c);
      });
    }

    const raw = table.rows.map((row) => (row[t] ?? '').trim());
    const numeric = raw.every((v) => v !== '' && !Number.isNaN(Number(v)));
    const kind = options.targetType ?? 'auto';
    const asClasses =
      kind === 'class' ||
      (kind === 'auto' && (!numeric || raw.every((v) => Number.isInteger(Number(v)))));
    let y: Tensor;
    let classes: string[] | null = null;
    if (asClasses && !numeric) {
      classes = [...new Set(raw)].sort();
      const index = new Map(classes.map((name, i) => [name, i]));
      y = tensor(Int32Array.from(raw, (v) => index.get(v) as number));
    } else if (asClasses) {
      y = tensor(Int32Array.from(raw, (_, r) => number(r, t)));
    } else {
      y = tensor(Float32Array.from(raw, (_, r) => number(r, t)));
    }
    // x: [N * F] -> [N, F]
    return new CsvDataset(
      tensor(x).view(n, fs.length),
      y,
      fs.map((c) => names[c] as string),
      names[t] as string,
      classes,
    );
  }
}
