// The TensorFlow.js worker (4.22, the cpu or the wasm backend): the models as tfjs-layers
// builds them, trained with optimizer.minimize on model.apply, as shared/anchors/*_tfjs.js do.
// The umbrella @tensorflow/tfjs is needed: tfjs-core's Node bundle registers no gradients.
// usage: node dist/workers/tfjs.js --backend=cpu|wasm
import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import * as tfWasm from '@tensorflow/tfjs-backend-wasm';
import { argValue, BATCH, MLP_STEPS, serve, type Workload } from '../protocol.js';
import { timeCalls } from '../stats.js';
import { lastOnly, lazy, mlpEpochs } from './common.js';

const backend = argValue(process.argv, 'backend', 'cpu');

/**
 * tfjs-backend-wasm 4.22 has no Conv2DBackpropFilter kernel, so its conv layers cannot train.
 * This registers one that runs the backend's own Conv3DBackpropFilterV2 on a depth-1 view (NHWC,
 * no dilation), as shared/anchors/tfjs_wasm_conv_shim.js does.
 */
function registerConv2DBackpropFilterShim(): void {
  tf.registerKernel({
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc: ({ inputs, attrs }) => {
      const { x, dy } = inputs as { x: tf.Tensor4D; dy: tf.Tensor4D };
      const { strides, pad, filterShape, dataFormat } = attrs as unknown as {
        strides: number | [number, number];
        pad: 'valid' | 'same' | number;
        filterShape: [number, number, number, number];
        dataFormat?: string;
      };
      if (dataFormat !== undefined && dataFormat !== 'NHWC') throw new Error('shim: NHWC only');
      const [sh, sw] = Array.isArray(strides) ? strides : [strides, strides];
      return tf.tidy(() => {
        const x5 = tf.reshape(x, [x.shape[0], 1, ...x.shape.slice(1)]);
        const dy5 = tf.reshape(dy, [dy.shape[0], 1, ...dy.shape.slice(1)]);
        const dw5 = tf
          .engine()
          .runKernel(
            'Conv3DBackpropFilterV2',
            { x: x5, dy: dy5 },
            { strides: [1, sh, sw], pad, filterShape: [1, ...filterShape] },
          ) as tf.Tensor;
        return tf.reshape(dw5, filterShape);
      });
    },
  });
}

const info: Record<string, unknown> = { impl: `tfjs-${backend}`, tfjs: tf.version_core };
if (backend === 'wasm') {
  const require = createRequire(import.meta.url);
  const dist = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
  tfWasm.setWasmPaths(dist + path.sep);
  registerConv2DBackpropFilterShim();
}
if (!(await tf.setBackend(backend))) throw new Error(`tfjs backend ${backend} failed to start`);
await tf.ready();
if (backend === 'wasm') {
  info.threads = tfWasm.getThreadsCount();
  info.simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
}

const oneHotLabels = (n: number, seed: number) =>
  tf.tidy(() => tf.cast(tf.oneHot(tf.randomUniform([n], 0, 10, 'int32', seed), 10), 'float32'));

/** Softmax cross-entropy on logits against one-hot labels: torch's CrossEntropyLoss. */
const lossFn = (y: tf.Tensor, logits: tf.Tensor) => tf.losses.softmaxCrossEntropy(y, logits);

/** The MLP as tfjs-layers writes it: dense(128, relu), dense(10). */
const mlpModel = () =>
  tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [784], units: 128, activation: 'relu' }),
      tf.layers.dense({ units: 10 }),
    ],
  });

const matmulOperands = lastOnly<number, [tf.Tensor2D, tf.Tensor2D]>((ts) => tf.dispose(ts));

const mlp = lazy(() => {
  // each batch its own tensor: slicing one big tensor costs time in proportion to all of it
  const batches: [tf.Tensor, tf.Tensor][] = [];
  for (let i = 0; i < MLP_STEPS; i++) {
    batches.push([tf.randomNormal([BATCH, 784], 0, 1, 'float32', i), oneHotLabels(BATCH, i)]);
  }
  const model = mlpModel();
  const opt = tf.train.sgd(0.01);
  let loss: tf.Scalar | null = null;
  return mlpEpochs(
    (i) => {
      const [xb, yb] = batches[i]!;
      loss?.dispose();
      loss = opt.minimize(() => lossFn(yb, model.apply(xb) as tf.Tensor) as tf.Scalar, true);
    },
    () => loss?.dataSync(),
  );
});

const cnn = lazy(() => {
  // NHWC, the layout TF.js uses; the same layers as the chapter 9 CNN
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [32, 32, 3], filters: 32, kernelSize: 3, activation: 'relu' }),
      tf.layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu' }),
      tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 128, activation: 'relu' }),
      tf.layers.dense({ units: 10 }),
    ],
  });
  const opt = tf.train.momentum(0.01, 0.9);
  const data = Array.from({ length: 4 }, (_, i) => [
    tf.randomNormal([BATCH, 32, 32, 3], 0, 1, 'float32', 100 + i),
    oneHotLabels(BATCH, 100 + i),
  ]);
  let i = 0;
  return () => {
    const [xb, yb] = data[i++ % data.length]!;
    const loss = opt.minimize(() => lossFn(yb!, model.apply(xb!) as tf.Tensor) as tf.Scalar, true);
    loss?.dataSync();
    loss?.dispose();
  };
});

const inferModel = lazy(mlpModel);
const inferInput = lastOnly<number, tf.Tensor2D>((t) => t.dispose());

const addOperands = lazy(() => [tf.variable(tf.tensor1d([1])), tf.variable(tf.tensor1d([2]))]);

function handle(w: Workload): { samples: number[]; note?: string } {
  switch (w.kind) {
    case 'matmul': {
      const [a, b] = matmulOperands(w.n, () => [
        tf.randomNormal([w.n, w.n], 0, 1, 'float32', 1),
        tf.randomNormal([w.n, w.n], 0, 1, 'float32', 2),
      ]);
      const fn = () => {
        const c = tf.matMul(a, b);
        c.dataSync();
        c.dispose();
      };
      return { samples: timeCalls(fn, w.timing) };
    }
    case 'mlp_train':
      return { samples: mlp()(w) };
    case 'cnn_train':
      return { samples: timeCalls(cnn(), w.timing) };
    case 'mlp_infer': {
      const model = inferModel();
      const x = inferInput(w.batch, () => tf.randomNormal([w.batch, 784], 0, 1, 'float32', 0));
      // batchSize = batch: predict's default (32) would split the batch
      const fn = () => {
        const y = model.predict(x, { batchSize: w.batch }) as tf.Tensor;
        y.dataSync();
        y.dispose();
      };
      return { samples: timeCalls(fn, w.timing), note: 'predict + dataSync' };
    }
    case 'op_add': {
      const [a, b] = addOperands();
      const fn = () => tf.add(a!, b!).dispose();
      return {
        samples: timeCalls(fn, w.timing),
        note: 'tf.add + dispose; tfjs records no tape outside tf.grad',
      };
    }
  }
}

serve(info, handle);
