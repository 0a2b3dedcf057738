/**
 * Strategy (c) of `proveNonNegative`: Sturm chains and exact root isolation. Works however far
 * the roots are from `from`, since only O(degree) integers next to the roots are evaluated.
 */
import { Q } from '../rational.js';
import {
  cauchyBound, ceil, evalAt, floor, sturmChain, signsAt, signsAtInfinity, variations, type Dense,
} from './dense.js';
import type { ProofOptions } from './options.js';
import type { FiniteCheck, ProofResult, SturmCut, SturmSegment } from './types.js';

interface Interval { lo: Q; hi: Q }

/** Width of the isolating intervals: each holds at most two integers, checked one by one. */
const ISOLATION_WIDTH = Q.ONE;

/**
 * Proves a >= 0 at the integers >= from, or finds the smallest integer where a < 0, from the
 * Sturm chain of a (degree >= 1).
 */
export function sturmProof(a: Dense, variable: string, from: number, options: ProofOptions): ProofResult {
  const chain = sturmChain(a);
  const V = (x: Q): number => variations(signsAt(chain, x));
  const vInf = variations(signsAtInfinity(chain));
  const fromQ = Q.of(from);
  const c0 = nonRootIn(a, fromQ.sub(Q.ONE), fromQ, true);
  const rootCount = V(c0) - vInf;
  const chainText = chain.map((c) => c.map(String));
  const valueAtC0 = evalAt(a, c0);

  if (rootCount === 0 && c0.equals(fromQ) && valueAtC0.sign() > 0) {
    return {
      verdict: 'proved',
      certificate: {
        kind: 'sturm', variable, from, chain: chainText, signsAtFrom: signsAt(chain, c0),
        signsAtInfinity: signsAtInfinity(chain), rootCount: 0, valueAtFrom: valueAtC0.toString(),
      },
    };
  }

  const top = maxQ(cauchyBound(a), c0).add(Q.ONE);
  const isolated = isolate(a, V, c0, top, options.maxIsolationSteps);
  if (!isolated) return { verdict: 'unknown', reason: `root isolation needed more than ${options.maxIsolationSteps} bisections` };

  const cuts: Q[] = [c0];
  const segments: SturmSegment[] = [];
  const last = (): Q => cuts[cuts.length - 1];
  const fromBig = BigInt(from);
  // Integers in [lo, hi] that are >= from, in order; a refutation stops at the first negative one.
  const checkRange = (lo: Q, hi: Q): FiniteCheck[] | ProofResult => {
    const out: FiniteCheck[] = [];
    for (let L = maxBig(ceil(lo), fromBig); L <= floor(hi); L++) {
      const v = evalAt(a, Q.of(L));
      if (v.sign() < 0) return refuted(L, v);
      out.push({ L: Number(L), value: v.toString() });
    }
    return out;
  };
  const addSegment = (hi: Q, kind: 'gap' | 'root'): ProofResult | null => {
    const lo = last();
    if (kind === 'gap' && evalAt(a, lo).sign() > 0) segments.push({ kind: 'root-free' });
    else {
      // A negative gap has no root, so any integer in it is a counterexample; a root interval is
      // at most 1 wide. Either way only a handful of integers are evaluated.
      const checked = checkRange(lo, hi);
      if (!Array.isArray(checked)) return checked;
      segments.push({ kind: 'checked', checked });
    }
    cuts.push(hi);
    return null;
  };
  for (const { lo, hi } of isolated) {
    if (lo.cmp(last()) > 0) {
      const r = addSegment(lo, 'gap');
      if (r) return r;
    }
    const r = addSegment(hi, 'root');
    if (r) return r;
  }
  const tailStart = last();
  if (evalAt(a, tailStart).sign() < 0) {
    const L = maxBig(ceil(tailStart), fromBig);
    return refuted(L, evalAt(a, Q.of(L)));
  }
  return {
    verdict: 'proved',
    certificate: {
      kind: 'sturm-isolation', variable, from, chain: chainText,
      cuts: cuts.map((c): SturmCut => ({ at: c.toString(), value: evalAt(a, c).toString(), signs: signsAt(chain, c) })),
      segments, signsAtInfinity: signsAtInfinity(chain), rootCount,
    },
  };
}

function refuted(L: bigint, value: Q): ProofResult {
  if (L > BigInt(Number.MAX_SAFE_INTEGER)) {
    return { verdict: 'unknown', reason: `p < 0 at L = ${L}, beyond the safe integers (value ${value})` };
  }
  return { verdict: 'refuted', counterexample: Number(L), value: value.toString() };
}

/**
 * Disjoint intervals (lo, hi], sorted, each holding exactly one distinct root of a in (lo0, hi0]
 * and at most 1 wide; endpoints are never roots. null if it takes more than maxSteps bisections.
 */
function isolate(a: Dense, V: (x: Q) => number, lo0: Q, hi0: Q, maxSteps: number): Interval[] | null {
  const out: Interval[] = [];
  const stack: { lo: Q; hi: Q; vLo: number; vHi: number }[] = [{ lo: lo0, hi: hi0, vLo: V(lo0), vHi: V(hi0) }];
  let steps = 0;
  while (stack.length) {
    const { lo, hi, vLo, vHi } = stack.pop()!;
    const n = vLo - vHi;
    if (n === 0) continue;
    if (n === 1 && hi.sub(lo).cmp(ISOLATION_WIDTH) <= 0) { out.push({ lo, hi }); continue; }
    if (++steps > maxSteps) return null;
    const mid = nonRootIn(a, lo, hi, false);
    const vMid = V(mid);
    stack.push({ lo: mid, hi, vLo: vMid, vHi }, { lo, hi: mid, vLo, vHi: vMid });
  }
  return out.sort((x, y) => x.lo.cmp(y.lo));
}

/**
 * A point of (lo, hi) that is not a root of a: preferably a half-integer near the middle (so cuts
 * read well and fall between integers), else a point near the middle; with `preferHi`, hi itself
 * if it is not a root. a has at most deg a roots, so deg a + 2 candidates suffice.
 */
function nonRootIn(a: Dense, lo: Q, hi: Q, preferHi: boolean): Q {
  if (preferHi && !evalAt(a, hi).isZero()) return hi;
  const w = hi.sub(lo);
  const half = Q.of(floor(lo.add(hi).div(Q.of(2)))).add(Q.of(1, 2));
  const n = a.length + 1;
  const candidates = [half, ...Array.from({ length: n + 1 }, (_, i) => lo.add(w.mul(Q.of(i + n + 2, 2 * n + 4))))];
  for (const x of candidates) if (x.cmp(lo) > 0 && x.cmp(hi) < 0 && !evalAt(a, x).isZero()) return x;
  throw new Error('unreachable: more roots than the degree');
}

function maxQ(x: Q, y: Q): Q {
  return x.cmp(y) >= 0 ? x : y;
}

function maxBig(x: bigint, y: bigint): bigint {
  return x >= y ? x : y;
}
