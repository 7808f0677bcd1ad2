// Python's '{:.Nf}' and '{:.Ne}' for a double, digit for digit.
//
// JavaScript's toFixed / toExponential are not enough: on an exact tie they round away from
// zero where Python rounds half to even ('{:.4f}'.format(1.03125) is '1.0312', toFixed(4) gives
// '1.0313'), and toFixed switches to exponent notation from 1e21 on. So we expand the double's
// exact binary value into a decimal integer and round that.

const float64 = new DataView(new ArrayBuffer(8));

/** |x| = digits / 10^scale exactly, for a finite non-zero x. */
interface ExactDecimal {
  readonly digits: bigint;
  readonly scale: number;
}

function exactDecimal(x: number): ExactDecimal {
  float64.setFloat64(0, x);
  const bits = float64.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & 0xfffffffffffffn;
  let exponent = -1074; // subnormal
  if (biased !== 0) {
    mantissa |= 1n << 52n;
    exponent = biased - 1075;
  }
  // |x| = mantissa * 2^exponent; drop trailing binary zeros to keep the numbers small.
  while (exponent < 0 && (mantissa & 1n) === 0n) {
    mantissa >>= 1n;
    exponent += 1;
  }
  if (exponent >= 0) return { digits: mantissa << BigInt(exponent), scale: 0 };
  // m / 2^k = m * 5^k / 10^k
  return { digits: mantissa * 5n ** BigInt(-exponent), scale: -exponent };
}

/** n / 10^drop rounded half to even (n * 10^-drop when drop is negative). */
function shiftRoundHalfEven(n: bigint, drop: number): bigint {
  if (drop <= 0) return n * 10n ** BigInt(-drop);
  const divisor = 10n ** BigInt(drop);
  const quotient = n / divisor;
  const twiceRemainder = 2n * (n % divisor);
  if (twiceRemainder > divisor || (twiceRemainder === divisor && quotient % 2n === 1n)) {
    return quotient + 1n;
  }
  return quotient;
}

function signOf(x: number): string {
  return x < 0 || Object.is(x, -0) ? '-' : '';
}

function nonFinite(x: number): string {
  if (Number.isNaN(x)) return 'nan'; // Python drops the sign of a NaN
  return x > 0 ? 'inf' : '-inf';
}

/**
 * Python's `'{:.{precision}f}'.format(x)`: fixed point, round half to even on the exact value.
 *
 * @example
 * formatFixed(1.03125, 4); // '1.0312'
 * formatFixed(-0, 0); // '-0'
 */
export function formatFixed(x: number, precision: number): string {
  if (!Number.isFinite(x)) return nonFinite(x);
  const sign = signOf(x);
  if (x === 0) return sign + (precision > 0 ? `0.${'0'.repeat(precision)}` : '0');
  const { digits, scale } = exactDecimal(x);
  const text = shiftRoundHalfEven(digits, scale - precision)
    .toString()
    .padStart(precision + 1, '0');
  if (precision === 0) return sign + text;
  return `${sign}${text.slice(0, -precision)}.${text.slice(-precision)}`;
}

/**
 * Python's `'{:.{precision}e}'.format(x)`: one digit, `precision` decimals, an exponent of at
 * least two digits.
 *
 * @example
 * formatExponential(1e-5, 4); // '1.0000e-05'
 * formatExponential(2.5, 0); // '2e+00'
 */
export function formatExponential(x: number, precision: number): string {
  if (!Number.isFinite(x)) return nonFinite(x);
  const sign = signOf(x);
  let mantissa = 0n;
  let exponent = 0;
  if (x !== 0) {
    const { digits, scale } = exactDecimal(x);
    const length = digits.toString().length;
    exponent = length - 1 - scale;
    mantissa = shiftRoundHalfEven(digits, length - (precision + 1));
    if (mantissa.toString().length > precision + 1) {
      // rounded up to a power of ten: 9.99995 -> 10.0000 -> 1.0000e+01
      mantissa /= 10n;
      exponent += 1;
    }
  }
  const text = mantissa.toString().padStart(precision + 1, '0');
  const head = precision > 0 ? `${text.slice(0, 1)}.${text.slice(1)}` : text;
  const exponentText = String(Math.abs(exponent)).padStart(2, '0');
  return `${sign}${head}e${exponent < 0 ? '-' : '+'}${exponentText}`;
}
