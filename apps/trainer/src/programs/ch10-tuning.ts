import { nn, optim } from 'nabla';
import { torchSeed } from '../course/torch-seed.js';
import type { Program } from '../program.js';
import { imageData } from './image-data.js';
import { CNN_v2, CNN_v3, CNN_v4, CNN_v5, type ImageShape } from './models.js';
import { trainAndShow } from './train.js';

type Model = 'v2' | 'v3' | 'v4' | 'v5';
type Optimizer = 'sgd' | 'momentum' | 'adam';

interface Experiment {
  name: string;
  summary: string;
  model: Model;
  optimizer: Optimizer;
  epochs: number;
  augment?: boolean;
}

const MODELS = {
  v2: CNN_v2,
  v3: CNN_v3,
  v4: CNN_v4,
  v5: CNN_v5,
} satisfies Record<Model, new (numClasses: number, image: ImageShape) => nn.Module>;

/** The experiments of chapter 10, each after `torch_seed()`, with the course's settings. */
const EXPERIMENTS: Experiment[] = [
  {
    name: 'ch10-sgd',
    summary: 'CNN_v2 (6 convolutions), SGD lr 0.01',
    model: 'v2',
    optimizer: 'sgd',
    epochs: 50,
  },
  {
    name: 'ch10-momentum',
    summary: 'CNN_v2, SGD with momentum 0.9',
    model: 'v2',
    optimizer: 'momentum',
    epochs: 20,
  },
  { name: 'ch10-adam', summary: 'CNN_v2, Adam', model: 'v2', optimizer: 'adam', epochs: 20 },
  {
    name: 'ch10-dropout',
    summary: 'CNN_v3: dropout, Adam',
    model: 'v3',
    optimizer: 'adam',
    epochs: 50,
  },
  {
    name: 'ch10-bn',
    summary: 'CNN_v4: dropout and batch norm, Adam',
    model: 'v4',
    optimizer: 'adam',
    epochs: 50,
  },
  {
    name: 'ch10-augment',
    summary: 'CNN_v4 with data augmentation (RandomHorizontalFlip, RandomErasing)',
    model: 'v4',
    optimizer: 'adam',
    epochs: 100,
    augment: true,
  },
  {
    name: 'ch10-bad-bn',
    summary: 'CNN_v5: batch norm modules shared by two convolutions (the bad example)',
    model: 'v5',
    optimizer: 'adam',
    epochs: 50,
  },
];

function makeProgram(e: Experiment): Program {
  return {
    name: e.name,
    chapter: 'ch10',
    summary: e.summary,
    // Adam's default learning rate is 0.001; the SGD experiments use 0.01
    defaults: { epochs: e.epochs, lr: e.optimizer === 'adam' ? 0.001 : 0.01, batchSize: 100 },
    fits: true,
    images: true,
    graph: true,
    async run(ctx) {
      const { batchSize, lr, seed, device, dataDir } = ctx.settings;
      const d = imageData(dataDir, batchSize, e.augment ? 'augment' : 'image');
      const { channels, size } = d.shape;
      ctx.print(`data: ${d.source.description}; images ${channels} x ${size} x ${size}`);
      torchSeed(seed);
      const net = new MODELS[e.model](d.classes.length, d.shape).to(device);
      const criterion = new nn.CrossEntropyLoss();
      const optimizer =
        e.optimizer === 'adam'
          ? new optim.Adam(net.parameters(), { lr })
          : new optim.SGD(net.parameters(), {
              lr,
              ...(e.optimizer === 'momentum' ? { momentum: 0.9 } : {}),
            });
      ctx.print(String(optimizer));
      await trainAndShow(ctx, {
        net,
        optimizer,
        criterion,
        trainLoader: d.trainLoader,
        testLoader: d.testLoader,
        classes: d.classes,
        summaryInput: [batchSize, channels, size, size],
      });
    },
  };
}

/** Chapter 10's experiments, one program each. */
export const ch10Programs: Program[] = EXPERIMENTS.map(makeProgram);
