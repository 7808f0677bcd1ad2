import { data, nn, optim, type Tensor, vision } from 'nabla';
import { torchSeed } from '../course/torch-seed.js';
import { mnistRoot } from '../data-sources.js';
import type { Program } from '../program.js';
import { Net, Net2 } from './models.js';
import { trainAndShow } from './train.js';

const T = vision.transforms;
const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

function makeProgram(name: string, twoHidden: boolean, epochs: number): Program {
  return {
    name,
    chapter: 'ch08',
    summary: twoHidden
      ? 'MNIST digits with Net2, 784-128-128-10 (8.14)'
      : 'MNIST digits with an MLP, 784-128-10, ReLU, SGD (8.11)',
    defaults: { epochs, lr: 0.01, batchSize: 500 },
    fits: true,
    graph: true,
    async run(ctx) {
      const { batchSize, lr, seed } = ctx.settings;
      // ToTensor, Normalize(0.5, 0.5), then Lambda(lambda x: x.view(-1)): [784] in [-1, 1]
      const transform = new T.Compose([
        new T.ToTensor(),
        new T.Normalize(0.5, 0.5),
        new T.Lambda((x: Tensor) => x.view(-1)),
      ]);
      const root = mnistRoot();
      const trainSet = new vision.datasets.MNIST(root, { train: true, transform });
      const testSet = new vision.datasets.MNIST(root, { train: false, transform });
      ctx.print(
        `MNIST (the shipped set): ${trainSet.length} training and ${testSet.length} test images`,
      );
      const trainLoader = new data.DataLoader(trainSet, { batchSize, shuffle: true, prefetch: 0 });
      const testLoader = new data.DataLoader(testSet, { batchSize, shuffle: false, prefetch: 0 });
      ctx.print(`len(train_loader) = ${trainLoader.length}, batch size ${batchSize}`);
      // torch.manual_seed(123); torch.cuda.manual_seed(123)
      torchSeed(seed);
      const net = (twoHidden ? new Net2(784, 10, 128) : new Net(784, 10, 128)).to(
        ctx.settings.device,
      );
      const criterion = new nn.CrossEntropyLoss();
      const optimizer = new optim.SGD(net.parameters(), { lr });
      await trainAndShow(ctx, {
        net,
        optimizer,
        criterion,
        trainLoader,
        testLoader,
        classes: DIGITS,
        summaryInput: [784],
        images: { imageShape: [1, 28, 28], invert: true },
      });
    },
  };
}

/** Chapter 8: the MLP 784-128-10 (the course trains it 100 epochs, batch 500, lr 0.01). */
export const ch08Mlp = makeProgram('ch08-mlp', false, 100);
/** Chapter 8.14: Net2, 784-128-128-10, 200 epochs. */
export const ch08Mlp2 = makeProgram('ch08-mlp2', true, 200);
