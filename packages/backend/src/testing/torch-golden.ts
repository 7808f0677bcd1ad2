import { describe, it } from 'vitest';
import type { UnaryOp } from '../ops.js';
import { expectBuffer, type GetBackend, put, RTOL } from './harness.js';

const NAN = Number.NaN;

// Every number in this file was printed by Debian's PyTorch 1.13.1 (python3-torch), float32:
//   x = torch.tensor([-3.7, -1.5, -0.25, 0.3, 0.5, 1.0, 2.5, 10.0])
//   getattr(x, op)() for exp, sin, cos, tanh, erf, sigmoid, log1p; getattr(x.abs(), op)() for log,
//   sqrt, rsqrt; torch.pow(a, b); s.softmax(1), s.log_softmax(1) for the s below.
// They pin the suite's Math-based references to PyTorch; the tolerance is RTOL (1e-6).

const X = [-3.7, -1.5, -0.25, 0.3, 0.5, 1.0, 2.5, 10.0];
const ABS_X = X.map(Math.abs);

const UNARY: { op: UnaryOp; abs: boolean; want: number[] }[] = [
  {
    op: 'exp',
    abs: false,
    want: [
      0.02472352609038353, 0.22313016653060913, 0.7788007855415344, 1.3498587608337402,
      1.6487212181091309, 2.7182817459106445, 12.182494163513184, 22026.46484375,
    ],
  },
  {
    op: 'log',
    abs: true,
    want: [
      1.3083328008651733, 0.40546509623527527, -1.3862943649291992, -1.2039728164672852,
      -0.6931471824645996, 0.0, 0.9162907600402832, 2.3025851249694824,
    ],
  },
  {
    op: 'log1p',
    abs: false,
    want: [
      NAN,
      NAN,
      -0.28768208622932434,
      0.2623642683029175,
      0.40546509623527527,
      0.6931471824645996,
      1.2527629137039185,
      2.397895336151123,
    ],
  },
  {
    op: 'sqrt',
    abs: true,
    want: [
      1.9235384464263916, 1.2247449159622192, 0.5, 0.547722578048706, 0.7071067690849304, 1.0,
      1.5811388492584229, 3.1622776985168457,
    ],
  },
  {
    op: 'rsqrt',
    abs: true,
    want: [
      0.5198752284049988, 0.8164965510368347, 2.0, 1.8257417678833008, 1.4142135381698608, 1.0,
      0.6324555277824402, 0.3162277638912201,
    ],
  },
  {
    op: 'sin',
    abs: false,
    want: [
      0.5298361778259277, -0.9974949955940247, -0.24740396440029144, 0.29552021622657776,
      0.4794255495071411, 0.8414709568023682, 0.5984721183776855, -0.5440211296081543,
    ],
  },
  {
    op: 'cos',
    abs: false,
    want: [
      -0.8481000065803528, 0.07073719799518585, 0.9689124226570129, 0.9553365111351013,
      0.8775825500488281, 0.5403023362159729, -0.8011435866355896, -0.83907151222229,
    ],
  },
  {
    op: 'tanh',
    abs: false,
    want: [
      -0.998778223991394, -0.9051482677459717, -0.24491865932941437, 0.29131263494491577,
      0.46211716532707214, 0.7615941762924194, 0.9866142868995667, 1.0,
    ],
  },
  {
    op: 'erf',
    abs: false,
    want: [
      -0.9999998211860657, -0.9661051630973816, -0.27632638812065125, 0.3286267817020416,
      0.5204998850822449, 0.8427007794380188, 0.9995930194854736, 1.0,
    ],
  },
  {
    op: 'sigmoid',
    abs: false,
    want: [
      0.024127019569277763, 0.18242552876472473, 0.43782350420951843, 0.5744425058364868,
      0.622459352016449, 0.7310585975646973, 0.9241418242454529, 0.9999545812606812,
    ],
  },
];

const POW_A = [2.0, 0.5, 3.5, 10.0, 0.3];
const POW_B = [0.5, -1.5, 3.5, -2.0, 2.5];
const POW = [
  1.4142135381698608, 2.8284270763397217, 80.21177673339844, 0.009999999776482582,
  0.049295034259557724,
];

const S = [1.0, 2.0, 3.0, 4.0, -1.0, 0.5, 0.25, -2.0, 100.0, 101.0, 99.0, 100.0]; // [3, 4]
const SOFTMAX = [
  0.032058604061603546, 0.08714432269334793, 0.23688283562660217, 0.6439142823219299,
  0.10706740617752075, 0.47984281182289124, 0.37370195984840393, 0.03938789665699005,
  0.1966119408607483, 0.534446656703949, 0.07232949137687683, 0.1966119408607483,
];
const LOG_SOFTMAX = [
  -3.4401895999908447, -2.4401895999908447, -1.4401897192001343, -0.4401896893978119,
  -2.2342967987060547, -0.7342967391014099, -0.9842967391014099, -3.2342967987060547,
  -1.626523494720459, -0.6265234351158142, -2.626523494720459, -1.626523494720459,
];

/** Transcendental ops against values printed by torch 1.13.1. */
export function torchGoldenTests(get: GetBackend): void {
  describe('golden values from torch 1.13.1', () => {
    for (const { op, abs, want } of UNARY) {
      it(`${op}`, async () => {
        const be = get();
        const x = put(be, abs ? ABS_X : X, [X.length], 'float32');
        await expectBuffer(be, be.unary(op, x), 'float32', want, { rtol: RTOL });
      });
    }

    it('pow', async () => {
      const be = get();
      const out = be.binary('pow', put(be, POW_A, [5], 'float32'), put(be, POW_B, [5], 'float32'));
      await expectBuffer(be, out, 'float32', POW, { rtol: RTOL });
    });

    for (const [op, want] of [
      ['softmax', SOFTMAX],
      ['logSoftmax', LOG_SOFTMAX],
    ] as const) {
      it(`${op} (optional)`, async (ctx) => {
        const be = get();
        const f = be[op];
        if (!f) return ctx.skip();
        const out = f.call(be, put(be, S, [3, 4], 'float32'), 1);
        await expectBuffer(be, out, 'float32', want, { rtol: RTOL });
      });
    }
  });
}
