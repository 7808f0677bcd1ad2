import type { UnaryOp } from '@nabla/backend';
import { type Int, intLiteral, intNeg, intSelect } from '../../codegen/int32.js';
import type { KernelSource } from '../../codegen/kernel-source.js';

/**
 * The unary ops that have an exact int32 form (the tensor layer promotes int32 to float32 for
 * the others), on limbs: negation wraps (`-(-2^31)` is `-2^31`), rounding ops are the identity.
 */
export const INT_UNARY: Readonly<Partial<Record<UnaryOp, (src: KernelSource, a: Int) => Int>>> = {
  neg: intNeg,
  abs: (src, a) => intSelect(src, `${a.hi} < 0`, intNeg(src, a), a),
  sign: (src, a) =>
    intSelect(
      src,
      `${a.hi} < 0`,
      intLiteral(-1),
      intSelect(src, `(${a.hi} == 0 && ${a.lo} == 0)`, intLiteral(0), intLiteral(1)),
    ),
  relu: (src, a) => intSelect(src, `${a.hi} < 0`, intLiteral(0), a),
  floor: (_, a) => a,
  ceil: (_, a) => a,
  round: (_, a) => a,
};
