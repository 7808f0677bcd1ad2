import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from './csv.js';
import { CsvDataset } from './csv-dataset.js';
import { DataLoader } from './dataloader.js';
import { readCsvDataset } from './read-csv-dataset.js';
import { useCpu } from './setup.test.util.js';

beforeAll(useCpu);
const tmp = mkdtempSync(join(tmpdir(), 'nabla-csv-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// The first rows of each Iris class, in the layout of the UCI / seaborn iris.csv.
const IRIS = `sepal_length,sepal_width,petal_length,petal_width,species
5.1,3.5,1.4,0.2,setosa
4.9,3.0,1.4,0.2,setosa
7.0,3.2,4.7,1.4,versicolor
6.4,3.2,4.5,1.5,versicolor
6.3,3.3,6.0,2.5,virginica
5.8,2.7,5.1,1.9,virginica
`;

describe('parseCsv', () => {
  it('reads quoted fields with delimiters, quotes and newlines, CRLF, and skips blank lines', () => {
    const table = parseCsv('name,note\r\n"Smith, J","said ""hi""\nthen left"\r\n\r\nDoe,\n');
    expect(table.columns).toEqual(['name', 'note']);
    expect(table.rows).toEqual([
      ['Smith, J', 'said "hi"\nthen left'],
      ['Doe', ''],
    ]);
    expect(table.lines).toEqual([2, 5]);
    expect(parseCsv('1;2\n3;4', { delimiter: ';', header: false }).rows).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('names the file and the line of a row of the wrong width', () => {
    expect(() => parseCsv('a,b,c\n1,2,3\n4,5\n', {}, 'data.csv')).toThrow(
      'data.csv:3: expected 3 fields (as in the header), got 2',
    );
    expect(() => parseCsv('a\n"open\n', {}, 'q.csv')).toThrow('q.csv:2: unterminated quoted field');
    expect(() => parseCsv('\n\n', {}, 'e.csv')).toThrow('e.csv: empty: no rows');
  });
});

describe('CsvDataset', () => {
  it('turns text classes into sorted labels and the other columns into float features', () => {
    const ds = CsvDataset.fromText(IRIS);
    expect(ds.length).toBe(6);
    expect(ds.classes).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(ds.featureNames).toEqual(['sepal_length', 'sepal_width', 'petal_length', 'petal_width']);
    expect(ds.tensors[1].tolist()).toEqual([0, 0, 1, 1, 2, 2]);
    const [x, y] = ds.get(2);
    expect(Array.from(x.dataSync())).toEqual([7.0, 3.2, 4.7, 1.4].map(Math.fround));
    expect(y.item()).toBe(1);
    const [xb] = [...new DataLoader(ds, { batchSize: 4 })][0] ?? [];
    expect(xb?.shape).toEqual([4, 4]);
  });

  it('takes chosen columns, numeric targets and files', () => {
    const path = join(tmp, 'houses.csv');
    writeFileSync(path, 'RM,LSTAT,PRICE\n6.575,4.98,24.0\n6.421,9.14,21.6\n');
    const ds = readCsvDataset(path, { target: 'PRICE', features: ['RM'] });
    expect(ds.classes).toBeNull();
    expect(ds.tensors[0].shape).toEqual([2, 1]);
    expect(ds.tensors[1].dtype).toBe('float32');
    const labels = CsvDataset.fromText('x,y\n1,0\n2,1\n');
    expect(labels.tensors[1].dtype).toBe('int32');
    expect(CsvDataset.fromText('x,y\n1,0\n2,1\n', { targetType: 'number' }).tensors[1].dtype).toBe(
      'float32',
    );
  });

  it('names the file, line and column of a value that is not a number', () => {
    const path = join(tmp, 'bad.csv');
    writeFileSync(path, 'a,b,label\n1,2,x\n3,oops,y\n');
    expect(() => readCsvDataset(path)).toThrow(
      `${path}:3: column 'b': cannot read "oops" as a number`,
    );
    expect(() => readCsvDataset(path, { target: 'nope' })).toThrow(
      `${path}: no column "nope" (columns: a, b, label)`,
    );
  });
});
