// summary() against the book: the chapter 9 CNN with input (100, 3, 32, 32) and depth=1 gives
// Total params 814,378, Total mult-adds (M) 886.11, Params size (MB) 3.26 and Estimated Total
// Size (MB) 47.71 (BOOK.md ch09, errata [E]); the rows follow torchinfo 1.7's layout (a row per
// module call, `├─` at depth 1, `│    └─` below, a Sequential at the depth limit showing the
// parameters under it). torchinfo is not installed here, so the layout is checked against its
// documented format and the totals against the book and the models' parameter counts.
import { beforeAll, describe, expect, it } from 'vitest';
import { Ch08Net, CNN, CNN_v2, CNN_v4, CNN_v5 } from './course-models.test.util.js';
import { useCpu } from './helpers.test.util.js';
import { Linear } from './layers/linear.js';
import { summary } from './summary.js';

beforeAll(useCpu);

const CNN_DEPTH_1 = `==========================================================================================
Layer (type:depth-idx)                   Output Shape              Param #
==========================================================================================
CNN                                      [100, 10]                 --
├─Sequential: 1-1                        [100, 32, 14, 14]         10,144
├─Flatten: 1-2                           [100, 6272]               --
├─Sequential: 1-3                        [100, 10]                 804,234
==========================================================================================
Total params: 814,378
Trainable params: 814,378
Non-trainable params: 0
Total mult-adds (M): 886.11
==========================================================================================
Input size (MB): 1.23
Forward/backward pass size (MB): 43.22
Params size (MB): 3.26
Estimated Total Size (MB): 47.71
==========================================================================================`;

const CNN_ROWS_DEPTH_3 = `CNN                                      [100, 10]                 --
├─Sequential: 1-1                        [100, 32, 14, 14]         --
│    └─Conv2d: 2-1                       [100, 32, 30, 30]         896
│    └─ReLU: 2-2                         [100, 32, 30, 30]         --
│    └─Conv2d: 2-3                       [100, 32, 28, 28]         9,248
│    └─ReLU: 2-4                         [100, 32, 28, 28]         --
│    └─MaxPool2d: 2-5                    [100, 32, 14, 14]         --
├─Flatten: 1-2                           [100, 6272]               --
├─Sequential: 1-3                        [100, 10]                 --
│    └─Linear: 2-6                       [100, 128]                802,944
│    └─ReLU: 2-7                         [100, 128]                --
│    └─Linear: 2-8                       [100, 10]                 1,290`;

describe('summary', () => {
  it('prints the chapter 9 CNN as the book shows it (summary(net, (100, 3, 32, 32), depth=1))', () => {
    const net = new CNN(10, 128);
    const s = summary(net, [100, 3, 32, 32], { depth: 1 });
    expect(s.toString()).toBe(CNN_DEPTH_1);
    expect(s.totalParams).toBe(814_378);
    expect(s.totalMultAdds).toBe(886_106_600);
    // the default depth 3 shows every layer call, the shared ReLU once per call
    const full = summary(net, [100, 3, 32, 32]).toString();
    expect(full).toContain(CNN_ROWS_DEPTH_3);
  }, 60_000);

  it("totals the chapter 10 models' parameters once each (shared ReLU, MaxPool2d, BatchNorm)", () => {
    expect(summary(new CNN_v2(10), [2, 3, 32, 32]).totalParams).toBe(550_570);
    const v4 = summary(new CNN_v4(10), [2, 3, 32, 32]);
    expect(v4.totalParams).toBe(551_466);
    const v5 = summary(new CNN_v5(10), [2, 3, 32, 32], { depth: 2 });
    expect(v5.totalParams).toBe(551_018);
    // the second call of a shared BatchNorm2d is a recursive row
    expect(v5.toString()).toContain(
      '│    └─BatchNorm2d: 2-5                  [2, 32, 32, 32]           (recursive)',
    );
  });

  it('takes an input without a batch dimension (ch08: summary(net, (784,)))', () => {
    const s = summary(new Ch08Net(784, 10, 128), [784]);
    expect(s.totalParams).toBe(101_770);
    expect(s.toString()).toContain(
      '├─Linear: 1-1                            [128]                     100,480',
    );
  });

  it('counts frozen parameters as non-trainable and restores modes and hooks', () => {
    const net = new Ch08Net(4, 2, 3);
    net.l1.requiresGrad_(false);
    net.train();
    const text = summary(net, [5, 4]).toString();
    expect(text).toContain(
      '├─Linear: 1-1                            [5, 3]                    (15)',
    );
    expect(text).toContain('Trainable params: 8\nNon-trainable params: 15');
    expect(net.training).toBe(true);
    expect(Object.hasOwn(net.l1, 'forward')).toBe(false);
  });

  it('reports millions of mult-adds and megabytes with two decimals', () => {
    const text = summary(new Linear(3, 2), [4, 3]).toString();
    expect(text).toContain('Total mult-adds (M): 0.00');
    expect(text).toContain('Linear                                   [4, 2]                    8');
  });
});
