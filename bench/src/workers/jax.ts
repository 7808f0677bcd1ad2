// The jax-js worker (@jax-js/jax on its wasm device; one thread in Node, which has no Web
// Worker). Training steps are jit-compiled functions of (params, batch) that return the new
// params and the loss, as a JAX program writes them; arrays follow jax-js's ownership rules
// (`.ref` to keep an array that a call consumes).
import { defaultDevice, init, jit, lax, nn, numpy as np, tree, valueAndGrad } from '@jax-js/jax';
import {
  BATCH,
  MLP_STEPS,
  seededLabels,
  seededNormals,
  serve,
  type Workload,
} from '../protocol.js';
import { timeCalls } from '../stats.js';
import { lastOnly, lazy, mlpEpochs } from './common.js';

type Arr = np.Array;

const devices = await init('wasm');
if (!devices.includes('wasm'))
  throw new Error(`jax-js: no wasm device (have ${devices.join(', ')})`);
defaultDevice('wasm');

let seed = 1;
const normal = (shape: number[], scale = 1): Arr => {
  const v = seededNormals(
    shape.reduce((a, b) => a * b, 1),
    seed++,
  );
  if (scale !== 1) for (let i = 0; i < v.length; i++) v[i]! *= scale;
  return np.array(v).reshape(shape);
};
const oneHot = (n: number): Arr => {
  const labels = seededLabels(n, 10, seed++);
  const v = new Float32Array(n * 10);
  labels.forEach((c, i) => {
    v[i * 10 + c] = 1;
  });
  return np.array(v).reshape([n, 10]);
};

type MlpParams = { w1: Arr; b1: Arr; w2: Arr; b2: Arr };
const mlpParams = (): MlpParams => ({
  w1: normal([784, 128], 1 / 28),
  b1: np.zeros([128]),
  w2: normal([128, 10], 1 / Math.sqrt(128)),
  b2: np.zeros([10]),
});
const mlpForward = (p: MlpParams, x: Arr): Arr =>
  np.matmul(nn.relu(np.matmul(x, p.w1).add(p.b1)), p.w2).add(p.b2);
/** Mean softmax cross-entropy of logits against one-hot labels (CrossEntropyLoss). */
const crossEntropy = (logits: Arr, y: Arr): Arr =>
  nn
    .logSoftmax(logits, -1)
    .mul(y)
    .sum()
    .mul(-1 / logits.shape[0]!);

const matmulOperands = lastOnly<number, [Arr, Arr]>(([a, b]) => {
  a.dispose();
  b.dispose();
});

const mlp = lazy(() => {
  const xs: Arr[] = [];
  const ys: Arr[] = [];
  for (let i = 0; i < MLP_STEPS; i++) {
    xs.push(normal([BATCH, 784]));
    ys.push(oneHot(BATCH));
  }
  const step = jit((p: MlpParams, x: Arr, y: Arr) => {
    const [loss, g] = valueAndGrad((q: MlpParams, xb: Arr, yb: Arr) =>
      crossEntropy(mlpForward(q, xb), yb),
    )(tree.ref(p), x, y);
    return [tree.map((a: Arr, b: Arr) => a.sub(b.mul(0.01)), p, g), loss] as [MlpParams, Arr];
  });
  let p = mlpParams();
  let loss: Arr | null = null;
  return mlpEpochs(
    (i) => {
      loss?.dispose();
      [p, loss] = step(p, xs[i]!.ref, ys[i]!.ref);
    },
    () => {
      if (loss !== null) loss.ref.dataSync();
    },
    // jax-js is lazy: with the loss read only at the end of an epoch, the pending work piles
    // up and the epoch takes about 4x longer; a training loop reads it every step
    true,
  );
});

type CnnParams = { c1: Arr; cb1: Arr; c2: Arr; cb2: Arr; w1: Arr; b1: Arr; w2: Arr; b2: Arr };
const cnn = lazy(() => {
  let p: CnnParams = {
    c1: normal([32, 3, 3, 3], 1 / Math.sqrt(27)),
    cb1: np.zeros([32]),
    c2: normal([32, 32, 3, 3], 1 / Math.sqrt(288)),
    cb2: np.zeros([32]),
    w1: normal([6272, 128], 1 / Math.sqrt(6272)),
    b1: np.zeros([128]),
    w2: normal([128, 10], 1 / Math.sqrt(128)),
    b2: np.zeros([10]),
  };
  let v = tree.map((a: Arr) => np.zeros(a.shape), tree.ref(p)) as CnnParams;
  const forward = (q: CnnParams, x: Arr): Arr => {
    const n = x.shape[0]!;
    const h1 = nn.relu(lax.conv(x, q.c1, [1, 1], 'VALID').add(q.cb1.reshape([1, 32, 1, 1])));
    const h2 = nn.relu(lax.conv(h1, q.c2, [1, 1], 'VALID').add(q.cb2.reshape([1, 32, 1, 1])));
    // 2x2 max pooling, stride 2: 28x28 -> 14x14
    const pooled = np.max(h2.reshape([n, 32, 14, 2, 14, 2]), [3, 5]);
    const h3 = nn.relu(np.matmul(pooled.reshape([n, 6272]), q.w1).add(q.b1));
    return np.matmul(h3, q.w2).add(q.b2);
  };
  // SGD with momentum as torch.optim.SGD: v = 0.9 v + g; p = p - lr v
  const step = jit((q: CnnParams, vel: CnnParams, x: Arr, y: Arr) => {
    const [loss, g] = valueAndGrad((r: CnnParams, xb: Arr, yb: Arr) =>
      crossEntropy(forward(r, xb), yb),
    )(tree.ref(q), x, y);
    const v2 = tree.map((a: Arr, b: Arr) => a.mul(0.9).add(b), vel, g) as CnnParams;
    const q2 = tree.map((a: Arr, b: Arr) => a.sub(b.mul(0.01)), q, tree.ref(v2)) as CnnParams;
    return [q2, v2, loss] as [CnnParams, CnnParams, Arr];
  });
  const data = Array.from(
    { length: 4 },
    () => [normal([BATCH, 3, 32, 32]), oneHot(BATCH)] as const,
  );
  let i = 0;
  return () => {
    const [xb, yb] = data[i++ % data.length]!;
    let loss: Arr;
    [p, v, loss] = step(p, v, xb.ref, yb.ref);
    loss.dataSync();
  };
});

const infer = lazy(() => {
  const p = mlpParams();
  const f = jit((q: MlpParams, x: Arr) => mlpForward(q, x));
  return (x: Arr) => f(tree.ref(p), x.ref).dataSync();
});
const inferInput = lastOnly<number, Arr>((x) => x.dispose());

const addOperands = lazy(() => [np.array([1]), np.array([2])] as const);

function handle(w: Workload): { samples: number[]; note?: string } {
  switch (w.kind) {
    case 'matmul': {
      const [a, b] = matmulOperands(w.n, () => [normal([w.n, w.n]), normal([w.n, w.n])]);
      return { samples: timeCalls(() => np.matmul(a.ref, b.ref).dataSync(), w.timing) };
    }
    case 'mlp_train':
      return { samples: mlp()(w), note: 'jit(valueAndGrad) step, loss read every step' };
    case 'cnn_train':
      return { samples: timeCalls(cnn(), w.timing), note: 'jit(valueAndGrad) step' };
    case 'mlp_infer': {
      const f = infer();
      const x = inferInput(w.batch, () => normal([w.batch, 784]));
      return { samples: timeCalls(() => f(x), w.timing), note: 'jit forward + dataSync' };
    }
    case 'op_add': {
      const [a, b] = addOperands();
      // jax-js is lazy: reading the result is what makes it compute (1 element: read inline)
      const fn = () => np.add(a.ref, b.ref).dataSync();
      return { samples: timeCalls(fn, w.timing), note: 'np.add + dataSync (lazy arrays, no tape)' };
    }
  }
}

serve({ impl: 'jax-js', device: 'wasm', threads: 1 }, handle);
