/**
 * Equivalence of two expressions by two independent routes: a library reduces a - b to 0, and
 * float evaluation at seeded random positive points agrees within round-off.
 */
import { compareNumerically, type NumericVerdict } from './approx.js';
import { type Expr, isZero, sub, variables } from './ast.js';
import { type Backends, runOp } from './backends.js';
import { printText } from './print-text.js';

/** The verdict of `checkEquivalent` and how it was reached. */
export interface EquivalenceCheck {
  /** Symbolic and numeric routes both say equal (or the numeric route alone, see `method`). */
  readonly equivalent: boolean;
  /** 'numeric' when no library could process a - b and the numeric route decided alone. */
  readonly method: 'symbolic' | 'numeric';
  /** A library reduced a - b to 0 ('zero'), only to something else ('nonzero'), or none could ('failed'). */
  readonly symbolic: 'zero' | 'nonzero' | 'failed';
  /** The numeric route; 'undecided' when too few sample points are defined for both. */
  readonly numeric: NumericVerdict;
  /** A sample point where a and b differ, when the numeric route found one. */
  readonly witness?: Readonly<Record<string, number>>;
}

export function checkEquivalentExpr(a: Expr, b: Expr, backends: Backends): EquivalenceCheck {
  const names = [...new Set([...variables(a), ...variables(b)])].sort();
  const numeric = compareNumerically(a, b, names);
  // The same tree is equal even where it cannot be evaluated (log of a negative constant).
  if (printText(a) === printText(b)) return { equivalent: numeric.verdict !== 'different', method: 'symbolic', symbolic: 'zero', numeric: numeric.verdict };
  const d = sub(a, b);
  // runOp keeps only answers numerically equal to a - b, so a wrong 0 from a library is dropped.
  const answers = [runOp(backends.nerdamer, 'simplify', d), runOp(backends.nerdamer, 'expand', d)];
  // algebrite is slow: asked only when nerdamer did not reach 0 and the numbers say it should.
  if (!answers.some((x) => x && isZero(x)) && numeric.verdict !== 'different') answers.push(runOp(backends.algebrite, 'simplify', d));
  const symbolic = answers.some((x) => x && isZero(x)) ? 'zero' : answers.some((x) => x) ? 'nonzero' : 'failed';
  const witness = numeric.witness ? { witness: numeric.witness } : {};
  if (symbolic === 'failed') return { equivalent: numeric.verdict === 'equal', method: 'numeric', symbolic, numeric: numeric.verdict, ...witness };
  return { equivalent: symbolic === 'zero' && numeric.verdict !== 'different', method: 'symbolic', symbolic, numeric: numeric.verdict, ...witness };
}
