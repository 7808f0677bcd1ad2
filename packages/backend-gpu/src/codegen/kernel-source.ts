/**
 * Builds the source text of one gpu.js kernel: a `function (x, y) { ... }` whose sizes, strides
 * and offsets are read from `this.constants`, so that every loop is bounded by a constant (gpu.js
 * silently caps a loop bounded by an argument at 1000 iterations) and the compiled kernel is
 * specialised to one shape and stride pattern.
 *
 * Kernels are written as text rather than as JavaScript functions because their structure
 * depends on the call: the rank after merging dimensions, which operands are int32 (two floats
 * per element), which op. gpu.js compiles the text (`gpu.createKernel(source)`), so the same
 * source runs in every mode.
 *
 * @example
 * ```ts
 * const src = new KernelSource(['x']);
 * const n = src.constant('n', 10);
 * const v = src.let(`x[this.thread.x % ${n}]`);
 * src.toString(`${v} * 2`);
 * // 'function (x) {\n  const v0 = x[this.thread.x % this.constants.n];\n  return v0 * 2;\n}'
 * ```
 */
export class KernelSource {
  /** The values of `this.constants`, baked into the compiled kernel. */
  readonly constants: Record<string, number> = {};
  private readonly lines: string[] = [];
  private names = 0;
  private depth = 1;

  /** `params`: the kernel's argument names, in call order. */
  constructor(readonly params: readonly string[]) {}

  /** A local name not used before in this kernel. */
  fresh(prefix = 'v'): string {
    return `${prefix}${this.names++}`;
  }

  /** Registers `this.constants[name] = value` and returns the expression that reads it. */
  constant(name: string, value: number): string {
    const old = this.constants[name];
    if (old !== undefined && !Object.is(old, value)) {
      throw new Error(`kernel constant '${name}' set twice (${old}, ${value})`);
    }
    if (!Number.isFinite(value)) throw new Error(`kernel constant '${name}' is ${value}`);
    this.constants[name] = value;
    return `this.constants.${name}`;
  }

  /** Declares `const <fresh> = expr;` and returns the name. */
  let(expr: string, prefix = 'v'): string {
    const name = this.fresh(prefix);
    this.line(`const ${name} = ${expr};`);
    return name;
  }

  /** Declares `let <fresh> = expr;` (a variable the kernel assigns again) and returns the name. */
  variable(expr: string, prefix = 'v'): string {
    const name = this.fresh(prefix);
    this.line(`let ${name} = ${expr};`);
    return name;
  }

  /** Appends one statement at the current indentation. */
  line(code: string): void {
    this.lines.push(`${'  '.repeat(this.depth)}${code}`);
  }

  /** Appends `head {`, runs `body` one level deeper, then closes the block. */
  block(head: string, body: () => void): void {
    this.line(`${head} {`);
    this.depth++;
    body();
    this.depth--;
    this.line('}');
  }

  /** The kernel's source, ending in `return result;`. */
  toString(result = '0'): string {
    return `function (${this.params.join(', ')}) {\n${this.lines.join('\n')}\n  return ${result};\n}`;
  }
}
