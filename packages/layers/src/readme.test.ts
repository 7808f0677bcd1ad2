// The Usage section of README.md, run as written (the summary table is checked in
// summary.test.ts).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { manualSeed, randn, type Tensor } from '@nabla/tensor';
import { beforeAll, expect, it } from 'vitest';
import { useCpu } from './helpers.test.util.js';
import {
  Conv2d,
  Flatten,
  init,
  Linear,
  loadFile,
  MaxPool2d,
  Module,
  ReLU,
  Sequential,
  saveFile,
} from './index.js';

class CNN extends Module {
  conv1 = new Conv2d(3, 32, 3);
  conv2 = new Conv2d(32, 32, 3);
  relu = new ReLU({ inplace: true });
  maxpool = new MaxPool2d([2, 2]);
  flatten = new Flatten();
  l1 = new Linear(6272, 128);
  l2 = new Linear(128, 10);
  features = new Sequential(this.conv1, this.relu, this.conv2, this.relu, this.maxpool);
  classifier = new Sequential(this.l1, this.relu, this.l2);

  forward(x: Tensor): Tensor {
    return this.classifier(this.flatten(this.features(x)));
  }
}

beforeAll(useCpu);

it('runs the README example', async () => {
  manualSeed(123);
  const net = new CNN();
  expect(net(randn(2, 3, 32, 32)).shape).toEqual([2, 10]);
  expect(String(net).split('\n')[0]).toBe('CNN(');
  expect(net.parameters()).toHaveLength(8);

  net.l2 = new Linear(128, 2);
  net.classifier.set(2, net.l2);
  const trunk = net.features.slice(0, -1);
  expect(trunk(randn(2, 3, 32, 32)).shape).toEqual([2, 32, 28, 28]);
  init.constant_(net.l1.weight.index(0, ':'), 1.0);
  expect(net(randn(2, 3, 32, 32)).shape).toEqual([2, 2]);

  const dir = await mkdtemp(join(tmpdir(), 'nabla-readme-'));
  try {
    await saveFile(net.stateDict(), join(dir, 'cnn.safetensors'));
    net.loadStateDict(await loadFile(join(dir, 'cnn.safetensors')));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  expect(() => net.loadStateDict({})).toThrow(
    'Error(s) in loading state_dict for CNN:\n\tMissing key(s) in state_dict: "conv1.weight", "conv1.bias",',
  );
});
