import { nn, optim, torch } from '../index.js';

// The course's MNIST MLP (8.11: 784-128-10, ReLU, CrossEntropyLoss, SGD lr 0.01, batch 100)
// as a user writes it with the umbrella's public API. The browser page runs it on the 'gpu'
// device and the Node test on 'cpu', so both sides run exactly this code.

/** Steps trained, and images per batch. */
export const STEPS = 20;
export const BATCH = 100;
const PIXELS = 28 * 28;

/**
 * Trains a fresh model (torch.manualSeed(123)) for STEPS steps on `device`, batch i being
 * images [i*BATCH, (i+1)*BATCH) of `images` (uint8, 784 bytes each) with their `labels`.
 * Returns the loss of each step and the model (its parameters and grads are still on `device`).
 */
export function trainMnistMlp(
  images: Uint8Array,
  labels: Uint8Array,
  device: string,
): { losses: number[]; model: nn.Sequential } {
  torch.manualSeed(123);
  const model = new nn.Sequential(
    new nn.Linear(PIXELS, 128),
    new nn.ReLU(),
    new nn.Linear(128, 10),
  ).to(device);
  const criterion = new nn.CrossEntropyLoss();
  const optimizer = new optim.SGD(model.parameters(), { lr: 0.01 });
  const losses: number[] = [];
  for (let i = 0; i < STEPS; i++) {
    const loss = torch.tidy(() => {
      // x: [BATCH * 784] uint8 -> [BATCH, 784] float32 in [-1, 1] (ToTensor, Normalize(0.5, 0.5))
      const bytes = images.subarray(i * BATCH * PIXELS, (i + 1) * BATCH * PIXELS);
      const x = torch.tensor(bytes).float().div(255).sub(0.5).div(0.5).view(BATCH, PIXELS);
      const y = torch.tensor(labels.subarray(i * BATCH, (i + 1) * BATCH), { dtype: 'int32' });
      optimizer.zeroGrad();
      const out = criterion(model(x.to(device)), y.to(device));
      out.backward();
      optimizer.step();
      return out.item();
    });
    losses.push(loss);
  }
  return { losses, model };
}
