/**
 * Float64 evaluation with a first-order bound on its round-off, and the seeded random points at
 * which expressions are compared. This is the independent route that every library answer is
 * checked against: two values are equal when they differ by less than their round-off bounds.
 */
import type { Expr } from './ast.js';
import { casTolerances as tol } from './tolerances.js';

/** A value and a bound on its absolute round-off error (Infinity: undecidable, e.g. floor at a jump). */
export interface Approx {
  readonly v: number;
  readonly err: number;
}

export type Env = Readonly<Record<string, number>>;

/** Evaluates e; undefined variables give NaN (callers check for them first). */
export function approx(e: Expr, env: Env): Approx {
  const eps = tol.eps;
  switch (e.kind) {
    case 'num': {
      const v = e.value.toNumber();
      return { v, err: eps * Math.abs(v) };
    }
    case 'sym': {
      // Both sides of a comparison see the same float inputs: input rounding is no difference.
      return { v: env[e.name] ?? NaN, err: 0 };
    }
    case 'add': {
      const xs = e.terms.map((t) => approx(t, env));
      const v = xs.reduce((s, x) => s + x.v, 0);
      const mag = xs.reduce((s, x) => s + Math.abs(x.v), 0);
      return { v, err: xs.reduce((s, x) => s + x.err, 0) + xs.length * eps * mag };
    }
    case 'mul': {
      const xs = e.factors.map((f) => approx(f, env));
      const v = xs.reduce((p, x) => p * x.v, 1);
      if (xs.some((x) => x.v === 0)) return { v, err: xs.reduce((p, x) => p * (Math.abs(x.v) + x.err), 1) };
      const rel = xs.reduce((s, x) => s + x.err / Math.abs(x.v), 0) + xs.length * eps;
      return { v, err: Math.abs(v) * rel };
    }
    case 'pow': return power(approx(e.base, env), approx(e.exp, env), e.exp.kind === 'num' && e.exp.value.isInteger());
    case 'call': {
      const a = approx(e.arg, env);
      switch (e.fn) {
        case 'exp': { const v = Math.exp(a.v); return { v, err: v * (a.err + eps) }; }
        case 'sqrt': {
          const v = Math.sqrt(a.v);
          return { v, err: (v > 0 ? a.err / (2 * v) : Math.sqrt(a.err)) + eps * v };
        }
        case 'log': { const v = Math.log(a.v); return { v, err: a.err / Math.abs(a.v) + eps * Math.abs(v) }; }
        case 'abs': return { v: Math.abs(a.v), err: a.err };
        case 'floor': {
          const v = Math.floor(a.v);
          return { v, err: Math.floor(a.v - a.err) === Math.floor(a.v + a.err) ? 0 : Infinity };
        }
      }
    }
  }
}

function power(b: Approx, x: Approx, integerExponent: boolean): Approx {
  const v = Math.pow(b.v, x.v);
  const eps = tol.eps;
  if (integerExponent) {
    if (b.v === 0) return { v, err: x.v > 0 ? Math.pow(b.err, x.v) : Infinity };
    const rel = Math.abs(x.v) * (b.err / Math.abs(b.v) + eps);
    // Past rel ~ 1 the first-order bound means nothing.
    return { v, err: rel < 0.5 ? Math.abs(v) * rel : Infinity };
  }
  const rel = Math.abs(x.v) * b.err / Math.abs(b.v) + Math.abs(Math.log(Math.abs(b.v))) * x.err + 2 * eps;
  return { v, err: rel < 0.5 ? Math.abs(v) * rel : Infinity };
}

/** Whether an evaluation can take part in a comparison. */
export const usable = (a: Approx): boolean => Number.isFinite(a.v) && Number.isFinite(a.err);

/** a and b agree within their round-off bounds. */
export function agree(a: Approx, b: Approx): boolean {
  return Math.abs(a.v - b.v) <= tol.roundoffFactor * (a.err + b.err);
}

/** mulberry32, as in src/numeric/linalg/prng.ts: same seed, same points on every machine. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DENOMINATORS = [3, 5, 7, 11, 13, 17, 19, 23, 29, 31];

/**
 * Seeded random points with positive rational coordinates in [1/4, 4] (params are positive):
 * the same `count` points for the same names on every call, whatever was called before.
 */
export function samplePoints(names: readonly string[], count: number, seed = tol.seed): Record<string, number>[] {
  const rand = mulberry32(seed);
  const points: Record<string, number>[] = [];
  for (let i = 0; i < count; i++) {
    const p: Record<string, number> = {};
    for (const n of [...names].sort()) {
      const q = DENOMINATORS[Math.floor(rand() * DENOMINATORS.length)];
      const lo = Math.ceil(q / 4);
      p[n] = (lo + Math.floor(rand() * (4 * q - lo + 1))) / q;
    }
    points.push(p);
  }
  return points;
}

export type NumericVerdict = 'equal' | 'different' | 'undecided';

/**
 * Compares two trees at the sample points: 'different' at the first usable point where they
 * differ beyond round-off, 'equal' if they agree at enough usable points, else 'undecided'.
 */
export function compareNumerically(a: Expr, b: Expr, names: readonly string[]): { verdict: NumericVerdict; witness?: Record<string, number> } {
  const wanted = names.length === 0 ? 1 : tol.samples;
  const needed = names.length === 0 ? 1 : tol.minUsableSamples;
  let agreed = 0;
  // Spare points replace those where either side is undefined (poles, logs of negatives).
  for (const p of samplePoints(names, 3 * wanted)) {
    const x = approx(a, p), y = approx(b, p);
    if (!usable(x) || !usable(y)) continue;
    if (!agree(x, y)) return { verdict: 'different', witness: p };
    if (++agreed >= wanted) break;
  }
  return { verdict: agreed >= needed ? 'equal' : 'undecided' };
}
