import { nn, optim } from 'nabla';
import { torchSeed } from '../course/torch-seed.js';
import type { Program } from '../program.js';
import { imageData } from './image-data.js';
import { CNN, Net } from './models.js';
import { trainAndShow } from './train.js';

function makeProgram(name: string, cnn: boolean): Program {
  return {
    name,
    chapter: 'ch09',
    summary: cnn
      ? 'image recognition with a CNN: 2 convolutions, max pool, 2 Linears (9.6)'
      : 'image recognition with an MLP on flattened images (9.5)',
    defaults: { epochs: 50, lr: 0.01, batchSize: 100 },
    fits: true,
    images: true,
    graph: true,
    async run(ctx) {
      const { batchSize, lr, seed, device, dataDir } = ctx.settings;
      const d = imageData(dataDir, batchSize, cnn ? 'image' : 'flat');
      const { channels, size } = d.shape;
      ctx.print(`data: ${d.source.description}; images ${channels} x ${size} x ${size}`);
      torchSeed(seed);
      const nInput = channels * size * size; // 3072 for CIFAR-10, 784 for Fashion-MNIST
      const net = (
        cnn ? new CNN(d.classes.length, 128, d.shape) : new Net(nInput, d.classes.length, 128)
      ).to(device);
      const criterion = new nn.CrossEntropyLoss();
      const optimizer = new optim.SGD(net.parameters(), { lr });
      await trainAndShow(ctx, {
        net,
        optimizer,
        criterion,
        trainLoader: d.trainLoader,
        testLoader: d.testLoader,
        classes: d.classes,
        summaryInput: cnn ? [batchSize, channels, size, size] : [batchSize, nInput],
        images: cnn ? {} : { imageShape: [channels, size, size] },
        showBefore: true,
      });
    },
  };
}

/** Chapter 9: the MLP (3072-128-10 on CIFAR-10, 784-128-10 on Fashion-MNIST). */
export const ch09Mlp = makeProgram('ch09-mlp', false);
/** Chapter 9: the CNN. */
export const ch09Cnn = makeProgram('ch09-cnn', true);
