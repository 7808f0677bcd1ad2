import type { Program } from '../program.js';
import { ch02Autograd } from './ch02-autograd.js';
import { ch02Tensors } from './ch02-tensors.js';
import { ch03Regression } from './ch03-regression.js';
import { ch04Activation } from './ch04-activation.js';
import { ch05Regression, ch05Regression2 } from './ch05-regression.js';
import { ch06Binary, ch06Logits } from './ch06-binary.js';
import { ch07LogSoftmax, ch07Multiclass, ch07Multiclass4, ch07Softmax } from './ch07-multiclass.js';
import { ch08Mlp, ch08Mlp2 } from './ch08-mnist.js';
import { ch09Cnn, ch09Mlp } from './ch09-cnn.js';
import { ch10Programs } from './ch10-tuning.js';

/** Every program, in the course's order. */
export const PROGRAMS: readonly Program[] = [
  ch02Tensors,
  ch02Autograd,
  ch03Regression,
  ch04Activation,
  ch05Regression,
  ch05Regression2,
  ch06Binary,
  ch06Logits,
  ch07Multiclass,
  ch07Multiclass4,
  ch07LogSoftmax,
  ch07Softmax,
  ch08Mlp,
  ch08Mlp2,
  ch09Mlp,
  ch09Cnn,
  ...ch10Programs,
];

/**
 * What `pnpm start` runs without a program: the chapter 8 MLP on the shipped MNIST images, with
 * settings that show the whole loop in well under a minute (see the README for the accuracy).
 */
export const DEFAULT_RUN = {
  program: 'ch08-mlp',
  epochs: 10,
  batchSize: 100,
  lr: 0.1,
} as const;
