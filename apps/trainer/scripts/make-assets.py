#!/usr/bin/python3
"""Writes the small data files the trainer ships in ../assets, once, with Debian's numpy and
scikit-learn, so that the app and its tests need no Python.

- ch04-x-squared.json: the chapter 4 column's data, exactly as the notebook draws it:
  np.random.seed(123); x = np.random.randn(100, 1); y = x**2 + np.random.randn(100, 1) * 0.1
  (rows 0-49 train, 50-99 test). Values are float64, as numpy holds them; the app converts them
  to float32 as torch.tensor(x).float() does.
- iris-splits.json: the row indices that sklearn's train_test_split(..., random_state=123) puts in
  the training and test sets for chapter 6 (the first 100 rows, 70 / 30) and chapter 7 (all 150
  rows, 75 / 75), in the order train_test_split returns them.

Run from apps/trainer: /usr/bin/python3 scripts/make-assets.py
"""
import json
import os

import numpy as np
import sklearn
from sklearn.model_selection import train_test_split

HERE = os.path.dirname(os.path.abspath(__file__))
ASSETS = os.path.join(HERE, '..', 'assets')


def write(name, obj):
    # one key a line: small enough to read, short enough to diff
    lines = [f'  {json.dumps(k)}: {json.dumps(v)}' for k, v in obj.items()]
    with open(os.path.join(ASSETS, name), 'w') as f:
        f.write('{\n' + ',\n'.join(lines) + '\n}\n')


np.random.seed(123)
x = np.random.randn(100, 1)
y = x**2 + np.random.randn(100, 1) * 0.1
write('ch04-x-squared.json', {
    'source': 'np.random.seed(123); x = np.random.randn(100,1); '
              'y = x**2 + np.random.randn(100,1)*0.1 (numpy ' + np.__version__ + ')',
    'x': [float(v) for v in x[:, 0]],
    'y': [float(v) for v in y[:, 0]],
})


def split(n, train, test):
    tr, te = train_test_split(np.arange(n), train_size=train, test_size=test, random_state=123)
    return {'train': [int(i) for i in tr], 'test': [int(i) for i in te]}


write('iris-splits.json', {
    'source': 'sklearn ' + sklearn.__version__ +
              ' train_test_split(np.arange(n), train_size, test_size, random_state=123)',
    'ch06': split(100, 70, 30),
    'ch07': split(150, 75, 75),
})
