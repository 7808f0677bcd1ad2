#!/usr/bin/python3
"""Runs the course's chapter 3 to 7 programs with PyTorch (Debian's python3-torch) on the data the
trainer uses, and writes what they print to ../src/__fixtures__/course-golden.json, so that the
tests compare the TypeScript programs with PyTorch without needing Python.

The programs follow the notebooks line for line (BOOK.md section 3), with the choices the trainer
makes where a notebook leaves something open: chapter 4 seeds each net with torch.manual_seed(123)
(the notebook does not seed). Each is run twice: with the course's epochs ('full') and with the
fewer epochs the tests use ('short', SHORT below), so that the tests stay quick. Data: the Iris and Boston CSV files of @nabla/datasets (Iris equals
sklearn's load_iris), the index splits and x-squared points of ../assets.

Run from apps/trainer: /usr/bin/python3 scripts/course-golden.py
"""
import csv
import json
import os

import numpy as np
import torch
import torch.nn as nn
import torch.optim as optim

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, '..', '..', '..', 'packages', 'datasets', 'data')
ASSETS = os.path.join(HERE, '..', 'assets')
OUT = os.path.join(HERE, '..', 'src', '__fixtures__', 'course-golden.json')


def read_csv(name):
    with open(os.path.join(DATA, name)) as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def asset(name):
    with open(os.path.join(ASSETS, name)) as f:
        return json.load(f)


def f32(t):
    return [float(v) for v in t.detach().reshape(-1)]


golden = {'torch': torch.__version__}

# epochs of the test runs
SHORT = {'ch04': 1000, 'ch05': 2000, 'ch06': 1000, 'ch07': 1000}

# ---- chapter 3: W * X + B on five people, by hand, with optim.SGD, with momentum
x = np.array([166, 176.0, 171.0, 173.0, 169.0])
y = np.array([58.7, 75.7, 62.1, 70.4, 60.1])
X = torch.tensor(x - x.mean()).float()
Y = torch.tensor(y - y.mean()).float()


def ch03(kind):
    W = torch.tensor(1.0, requires_grad=True).float()
    B = torch.tensor(1.0, requires_grad=True).float()
    optimizer = None
    if kind == 'sgd':
        optimizer = optim.SGD([W, B], lr=0.001)
    if kind == 'momentum':
        optimizer = optim.SGD([W, B], lr=0.001, momentum=0.9)
    history = []
    for epoch in range(500):
        loss = ((W * X + B - Y) ** 2).mean()
        loss.backward()
        if optimizer is None:
            with torch.no_grad():
                W -= 0.001 * W.grad
                B -= 0.001 * B.grad
                W.grad.zero_()
                B.grad.zero_()
        else:
            optimizer.step()
            optimizer.zero_grad()
        if epoch % 10 == 0:
            history.append([epoch, loss.item()])
    return {'W': W.item(), 'B': B.item(), 'history': history}


golden['ch03'] = {k: ch03(k) for k in ['manual', 'sgd', 'momentum']}

# ---- chapter 4: x squared with Linear, 3 Linears, 3 Linears + ReLU
xs = asset('ch04-x-squared.json')
xa = np.array(xs['x']).reshape(-1, 1)
ya = np.array(xs['y']).reshape(-1, 1)
inputs, labels = torch.tensor(xa[:50]).float(), torch.tensor(ya[:50]).float()
inputs_test = torch.tensor(xa[50:]).float()


def ch04(kind, epochs):
    torch.manual_seed(123)
    if kind == 'net':
        net = nn.Sequential(nn.Linear(1, 1))
    elif kind == 'net2':
        net = nn.Sequential(nn.Linear(1, 10), nn.Linear(10, 10), nn.Linear(10, 1))
    else:
        net = nn.Sequential(nn.Linear(1, 10), nn.ReLU(inplace=True), nn.Linear(10, 10),
                            nn.ReLU(inplace=True), nn.Linear(10, 1))
    optimizer = optim.SGD(net.parameters(), lr=0.01)
    criterion = nn.MSELoss()
    history = []
    for epoch in range(epochs):
        optimizer.zero_grad()
        loss = criterion(net(inputs), labels)
        loss.backward()
        optimizer.step()
        if epoch % 100 == 0:
            history.append([epoch, loss.item()])
    with torch.no_grad():
        pred = net(inputs_test)
    return {'history': history, 'predTest': f32(pred)}


golden['ch04'] = {run: {k: ch04(k, n) for k in ['net', 'net2', 'net3']}
                  for run, n in [('full', 10000), ('short', SHORT['ch04'])]}

# ---- chapter 5: Boston, RM (lr 0.01, 50000 epochs) and RM + LSTAT (lr 0.001, 2000 epochs)
header, rows = read_csv('boston.csv')
table = np.array([[float(v) for v in r] for r in rows])
names = np.array(header)
x_org, yt = table[:, :13], table[:, 13]


class Net(nn.Module):
    def __init__(self, n_input, n_output):
        super().__init__()
        self.l1 = nn.Linear(n_input, n_output)
        nn.init.constant_(self.l1.weight, 1.0)
        nn.init.constant_(self.l1.bias, 1.0)

    def forward(self, x):
        return self.l1(x)


def ch05(features, lr, epochs):
    xsel = np.hstack([x_org[:, names[:13] == f] for f in features])
    inputs = torch.tensor(xsel).float()
    labels1 = torch.tensor(yt).float().view((-1, 1))
    net = Net(len(features), 1)
    criterion = nn.MSELoss()
    optimizer = optim.SGD(net.parameters(), lr=lr)
    loss = criterion(net(inputs), labels1)
    loss.backward()
    one = {'loss': loss.item(), 'weightGrad': f32(net.l1.weight.grad),
           'biasGrad': f32(net.l1.bias.grad)}
    optimizer.step()
    one['weight'] = f32(net.l1.weight)
    one['bias'] = f32(net.l1.bias)
    net = Net(len(features), 1)
    optimizer = optim.SGD(net.parameters(), lr=lr)
    history = []
    for epoch in range(epochs):
        optimizer.zero_grad()
        loss = criterion(net(inputs), labels1) / 2.0
        loss.backward()
        optimizer.step()
        if epoch % 100 == 0:
            history.append([epoch, loss.item()])
    return {'oneStep': one, 'history': history, 'weight': f32(net.l1.weight),
            'bias': f32(net.l1.bias)}


golden['ch05'] = {
    'full': {'rm': ch05(['RM'], 0.01, 50000), 'rmLstat': ch05(['RM', 'LSTAT'], 0.001, 2000)},
    'short': {'rm': ch05(['RM'], 0.01, SHORT['ch05']),
              'rmLstat': ch05(['RM', 'LSTAT'], 0.001, SHORT['ch05'])},
}

# ---- chapters 6 and 7: Iris
header, rows = read_csv('iris.csv')
species = sorted(set(r[4] for r in rows))
iris_x = np.array([[float(v) for v in r[:4]] for r in rows])
iris_y = np.array([species.index(r[4]) for r in rows])
splits = asset('iris-splits.json')


def full_batch(net, criterion, inputs, labels, inputs_test, labels_test, predict, epochs,
               lossfn=None):
    optimizer = optim.SGD(net.parameters(), lr=0.01)
    history = []
    lossfn = lossfn or (lambda o, l: criterion(o, l))
    for epoch in range(epochs):
        optimizer.zero_grad()
        outputs = net(inputs)
        loss = lossfn(outputs, labels)
        loss.backward()
        optimizer.step()
        train_loss = loss.item()
        train_acc = (predict(outputs) == labels).sum() / len(labels)
        outputs_test = net(inputs_test)
        val_loss = lossfn(outputs_test, labels_test).item()
        val_acc = (predict(outputs_test) == labels_test).sum() / len(labels_test)
        if epoch % 10 == 0:
            history.append([epoch, train_loss, train_acc.item(), val_loss, val_acc.item()])
    return history


def ch06(logits, epochs):
    tr, te = splits['ch06']['train'], splits['ch06']['test']
    x = iris_x[:100, :2]
    y = iris_y[:100]
    inputs = torch.tensor(x[tr]).float()
    labels1 = torch.tensor(y[tr]).float().view((-1, 1))
    inputs_test = torch.tensor(x[te]).float()
    labels1_test = torch.tensor(y[te]).float().view((-1, 1))
    l1 = nn.Linear(2, 1)
    l1.weight.data.fill_(1.0)
    l1.bias.data.fill_(1.0)
    net = l1 if logits else nn.Sequential(l1, nn.Sigmoid())
    criterion = nn.BCEWithLogitsLoss() if logits else nn.BCELoss()
    threshold = 0.0 if logits else 0.5
    history = full_batch(net, criterion, inputs, labels1, inputs_test, labels1_test,
                         lambda o: torch.where(o < threshold, 0, 1), epochs)
    return {'first': history[0], 'last': history[-1], 'bias': f32(l1.bias),
            'weight': f32(l1.weight)}


golden['ch06'] = {run: {'bce': ch06(False, n), 'logits': ch06(True, n)}
                  for run, n in [('full', 10000), ('short', SHORT['ch06'])]}


def ch07(features, pattern, epochs):
    tr, te = splits['ch07']['train'], splits['ch07']['test']
    x = iris_x[:, features]
    inputs = torch.tensor(x[tr]).float()
    labels = torch.tensor(iris_y[tr]).long()
    inputs_test = torch.tensor(x[te]).float()
    labels_test = torch.tensor(iris_y[te]).long()
    l1 = nn.Linear(len(features), 3)
    l1.weight.data.fill_(1.0)
    l1.bias.data.fill_(1.0)
    lossfn = None
    if pattern == 'ce':
        net, criterion = l1, nn.CrossEntropyLoss()
    elif pattern == 'logsoftmax':
        net, criterion = nn.Sequential(l1, nn.LogSoftmax(dim=1)), nn.NLLLoss()
    else:
        net, criterion = nn.Sequential(l1, nn.Softmax(dim=1)), nn.NLLLoss()
        lossfn = lambda o, l: criterion(torch.log(o), l)
    history = full_batch(net, criterion, inputs, labels, inputs_test, labels_test,
                         lambda o: torch.max(o, 1)[1], epochs, lossfn)
    return {'first': history[0], 'last': history[-1], 'bias': f32(l1.bias),
            'weight': f32(l1.weight)}


golden['ch07'] = {run: {
    'ce': ch07([0, 2], 'ce', n),
    'ce4': ch07([0, 1, 2, 3], 'ce', n),
    'logsoftmax': ch07([0, 2], 'logsoftmax', n),
    'softmax': ch07([0, 2], 'softmax', n),
} for run, n in [('full', 10000), ('short', SHORT['ch07'])]}
golden['short'] = SHORT

os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, 'w') as f:
    json.dump(golden, f)
    f.write('\n')
print('wrote', OUT)
