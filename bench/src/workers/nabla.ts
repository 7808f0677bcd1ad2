// The Nabla worker: every workload through nabla's public API (torch / nn / optim), on
// cpuBackend({ matmulAccumulator, threads }) with autograd, as a program would set it up.
// usage: node dist/workers/nabla.js [--threads=1] [--accumulator=float32|float64]
import { autodiff } from '@nabla/autograd';
import { cpuBackend } from '@nabla/backend-cpu';
import { nn, optim, type Tensor, torch } from 'nabla';
import { argValue, BATCH, MLP_SAMPLES, MLP_STEPS, serve, type Workload } from '../protocol.js';
import { timeCalls } from '../stats.js';
import { lastOnly, lazy, mlpEpochs } from './common.js';

const threads = Number(argValue(process.argv, 'threads', '1'));
const accumulator = argValue(process.argv, 'accumulator', 'float32') as 'float32' | 'float64';
torch.useDevice('cpu', autodiff(cpuBackend({ matmulAccumulator: accumulator, threads })));
torch.manualSeed(0);

const mlpModel = () =>
  new nn.Sequential(new nn.Linear(784, 128), new nn.ReLU(), new nn.Linear(128, 10));

const matmulOperands = lastOnly<number, [Tensor, Tensor]>();

const mlp = lazy(() => {
  const X = torch.randn(MLP_SAMPLES, 784);
  const Y = torch.randint(10, [MLP_SAMPLES]);
  // pre-sliced batches (views), as the reference scripts do
  const batches: [Tensor, Tensor][] = [];
  for (let i = 0; i < MLP_STEPS; i++) {
    batches.push([X.narrow(0, i * BATCH, BATCH), Y.narrow(0, i * BATCH, BATCH)]);
  }
  const model = mlpModel();
  const lossFn = new nn.CrossEntropyLoss();
  const opt = new optim.SGD(model.parameters(), { lr: 0.01 });
  let loss: Tensor | undefined;
  return mlpEpochs(
    (i) => {
      const [xb, yb] = batches[i]!;
      opt.zeroGrad();
      loss = lossFn(model(xb), yb);
      loss.backward();
      opt.step();
    },
    () => loss?.item(),
  );
});

const cnn = lazy(() => {
  const model = new nn.Sequential(
    new nn.Conv2d(3, 32, 3),
    new nn.ReLU(),
    new nn.Conv2d(32, 32, 3),
    new nn.ReLU(),
    new nn.MaxPool2d(2),
    new nn.Flatten(),
    new nn.Linear(6272, 128),
    new nn.ReLU(),
    new nn.Linear(128, 10),
  );
  const lossFn = new nn.CrossEntropyLoss();
  const opt = new optim.SGD(model.parameters(), { lr: 0.01, momentum: 0.9 });
  const data = Array.from({ length: 4 }, () => [
    torch.randn(BATCH, 3, 32, 32),
    torch.randint(10, [BATCH]),
  ]);
  let i = 0;
  return () => {
    const [xb, yb] = data[i++ % data.length]!;
    opt.zeroGrad();
    const loss = lossFn(model(xb!), yb!);
    loss.backward();
    opt.step();
    return loss.item();
  };
});

const inferModel = lazy(() => {
  const m = mlpModel();
  m.eval();
  return m;
});
const inferInput = lastOnly<number, Tensor>();

const addOperands = lazy(() => [
  torch.tensor([1], { requiresGrad: true }),
  torch.tensor([2], { requiresGrad: true }),
]);

function handle(w: Workload): { samples: number[]; note?: string } {
  switch (w.kind) {
    case 'matmul': {
      const [a, b] = matmulOperands(w.n, () => [torch.randn(w.n, w.n), torch.randn(w.n, w.n)]);
      return { samples: timeCalls(() => torch.matmul(a, b), w.timing) };
    }
    case 'mlp_train':
      return { samples: mlp()(w) };
    case 'cnn_train': {
      const step = cnn();
      return { samples: timeCalls(step, w.timing) };
    }
    case 'mlp_infer': {
      const model = inferModel();
      const x = inferInput(w.batch, () => torch.randn(w.batch, 784));
      const fwd = () => torch.noGrad(() => model(x)).dataSync();
      return { samples: timeCalls(fwd, w.timing) };
    }
    case 'op_add': {
      const [a, b] = addOperands();
      return { samples: timeCalls(() => a!.add(b!), w.timing) };
    }
  }
}

serve(
  {
    impl: 'nabla',
    threads,
    matmulAccumulator: accumulator,
  },
  handle,
);
