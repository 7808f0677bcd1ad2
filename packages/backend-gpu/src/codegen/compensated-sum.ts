import type { KernelSource } from './kernel-source.js';

/**
 * A Kahan-compensated running sum inside a kernel, as matmul's dot product keeps it: the sum
 * `s` with its error term `c`, beside the plain sum `p`, which says whether an inf or NaN was
 * met (the compensation turns inf - inf into NaN). float32 modes then lose no accuracy to the
 * number of terms, only each term rounds; cpu mode computes in doubles anyway.
 *
 * @example
 * ```ts
 * const sum = new CompensatedSum(src, '0');
 * src.block('for (let k = 0; k < this.constants.n; k++)', () => sum.add('x[k] * y[k]'));
 * src.toString(sum.result());
 * ```
 */
export class CompensatedSum {
  private readonly s: string;
  private readonly c: string;
  private readonly plain: string;

  /** Declares the sum's variables, starting at `init` (an expression). */
  constructor(
    private readonly src: KernelSource,
    init: string,
  ) {
    const start = src.let(init, 's');
    this.s = src.variable(start, 's');
    this.c = src.variable('0', 's');
    this.plain = src.variable(start, 's');
  }

  /** Adds the term `term` (an expression, evaluated once). */
  add(term: string): void {
    const src = this.src;
    const x = src.let(term, 'x');
    src.line(`${this.plain} += ${x};`);
    const y = src.let(`${x} - ${this.c}`, 'y');
    const t = src.let(`${this.s} + ${y}`, 'y');
    src.line(`${this.c} = (${t} - ${this.s}) - ${y};`);
    src.line(`${this.s} = ${t};`);
  }

  /** The sum: the compensated one, or the plain one where that is inf or NaN. */
  result(): string {
    return `${this.plain} - ${this.plain} == 0 ? ${this.s} : ${this.plain}`;
  }
}
