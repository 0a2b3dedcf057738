/**
 * The wrapper's operations over a given pair of libraries. index.ts binds them to the real
 * nerdamer and algebrite; tests bind them to failing ones to show the fallbacks.
 */
import { approx } from './approx.js';
import { type Expr, variables } from './ast.js';
import { analyseLeading, type LeadingTerm, limitExpr } from './asymptotics.js';
import type { Backends } from './backends.js';
import { checkEquivalentExpr, type EquivalenceCheck } from './equivalent.js';
import { CasEvaluationError } from './errors.js';
import { expandExpr, factorExpr, simplifyExpr } from './forms.js';
import { parse } from './parse.js';
import { printText } from './print-text.js';
import { printTex } from './print-tex.js';

/** Runs a library pipeline; on any failure the fallback (our own bugs included: never for valid input). */
function guarded<T>(run: () => T, fallback: T): T {
  try {
    return run();
  } catch {
    return fallback;
  }
}

export interface Cas {
  simplify(text: string): string;
  expand(text: string): string;
  factor(text: string): string;
  toTex(text: string): string;
  checkEquivalent(a: string, b: string): EquivalenceCheck;
  evaluate(text: string, env: Readonly<Record<string, number>>): number;
  leadingTerm(text: string, variable: string): LeadingTerm;
  limitAtInfinity(text: string, variable: string): string;
}

/** The operations with these libraries. Parse errors (CasSyntaxError) propagate; nothing else does. */
export function makeCas(backends: Backends): Cas {
  const form = (text: string, compute: (e: Expr, b: Backends) => Expr | null): string => {
    const e = parse(text);
    return guarded(() => {
      const r = compute(e, backends);
      return r ? printText(r) : text;
    }, text);
  };
  return {
    simplify: (text) => form(text, simplifyExpr),
    expand: (text) => form(text, expandExpr),
    factor: (text) => form(text, factorExpr),
    toTex: (text) => printTex(parse(text)),
    checkEquivalent: (a, b) => {
      const ea = parse(a), eb = parse(b);
      return checkEquivalentExpr(ea, eb, backends);
    },
    evaluate: (text, env) => {
      const e = parse(text);
      const missing = variables(e).filter((n) => typeof env[n] !== 'number');
      if (missing.length > 0) throw new CasEvaluationError(missing, text);
      return approx(e, env).v;
    },
    leadingTerm: (text, variable) => {
      const e = parse(text);
      return guarded(() => analyseLeading(e, variable, backends).term, { coefficient: 'unknown', exponent: 'unknown' });
    },
    limitAtInfinity: (text, variable) => {
      const e = parse(text);
      return guarded(() => limitExpr(e, variable, backends), 'unknown');
    },
  };
}
