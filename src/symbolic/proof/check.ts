/**
 * `checkCertificate`: the small, separate checker of univariate certificates. It never calls the
 * prover: it recomputes every number from p and compares.
 */
import { Q } from '../rational.js';
import type { Poly } from '../poly.js';
import {
  binomialShift, canonicalSturmChain, coefficientsOf, integer, list, rat, reject, Rejected,
  signAt, signAtInfinity, signChanges, valueAt,
} from './check-algebra.js';
import type { CheckResult } from './types.js';

/**
 * Re-verifies that `certificate` proves p(variable) >= 0 at every integer variable >= from.
 * Accepts any JSON value (a certificate read from disk); never throws on a malformed one.
 *
 * @example
 * const r = proveNonNegative(p, 'L', 1);
 * if (r.verdict === 'proved') checkCertificate(p, 'L', 1, JSON.parse(JSON.stringify(r.certificate))) // { ok: true }
 */
export function checkCertificate(p: Poly, variable: string, from: number, certificate: unknown): CheckResult {
  try {
    if (!Number.isSafeInteger(from)) reject(`from is not a safe integer: ${from}`);
    const a = coefficientsOf(p, variable);
    checkAny(a, variable, from, certificate);
    return { ok: true };
  } catch (e) {
    if (e instanceof Rejected) return { ok: false, reason: e.message };
    return { ok: false, reason: `malformed certificate: ${(e as Error).message}` };
  }
}

function checkAny(a: readonly Q[], variable: string, from: number, c: unknown): void {
  if (typeof c !== 'object' || c === null) reject('certificate is not an object');
  const cert = c as Record<string, unknown>;
  if (cert.variable !== variable) reject(`certificate is about '${String(cert.variable)}', not '${variable}'`);
  if (cert.from !== from) reject(`certificate starts at ${String(cert.from)}, not ${from}`);
  switch (cert.kind) {
    case 'zero':
      if (a.length) reject('p is not the zero polynomial');
      return;
    case 'shifted-coefficients':
      return checkShifted(a, cert, from);
    case 'finite-check-and-tail':
      return checkFinite(a, variable, from, cert);
    case 'sturm':
      return checkSturm(a, from, cert);
    case 'sturm-isolation':
      return checkSturmIsolation(a, from, cert);
    default:
      reject(`unknown certificate kind '${String(cert.kind)}'`);
  }
}

/** p(shift + s) has exactly the listed coefficients, all >= 0, and shift is the claimed start. */
function checkShifted(a: readonly Q[], cert: Record<string, unknown>, start: number): void {
  const shift = integer(cert.shift, 'shift');
  if (shift !== start) reject(`shift ${shift} is not the start ${start}`);
  const expected = binomialShift(a, Q.of(shift));
  const got = list(cert.coefficients, 'coefficients');
  if (got.length !== expected.length) reject(`${got.length} coefficients listed, p(${shift} + s) has ${expected.length}`);
  expected.forEach((e, k) => {
    const g = rat(got[k], `coefficient ${k}`);
    if (!g.equals(e)) reject(`coefficient ${k} of p(${shift} + s) is ${e}, not ${g}`);
    if (e.sign() < 0) reject(`coefficient ${k} of p(${shift} + s) is negative: ${e}`);
  });
}

/** The listed integers are exactly from..tail.from-1, in order, with p >= 0 there. */
export function checkFiniteList(a: readonly Q[], checked: unknown, first: number, last: number): void {
  const items = list<Record<string, unknown>>(checked, 'checked');
  const count = Math.max(0, last - first + 1);
  if (items.length !== count) reject(`${items.length} integers checked, expected ${count} (${first}..${last})`);
  items.forEach((item, i) => {
    if (typeof item !== 'object' || item === null) reject(`checked entry ${i} is not an object`);
    const L = integer(item.L, `checked entry ${i}`);
    if (L !== first + i) reject(`checked entry ${i} is L = ${L}, expected ${first + i}`);
    const v = valueAt(a, Q.of(L));
    if (!rat(item.value, `value at ${L}`).equals(v)) reject(`p(${L}) is ${v}, not ${String(item.value)}`);
    if (v.sign() < 0) reject(`p(${L}) = ${v} < 0`);
  });
}

function checkFinite(a: readonly Q[], variable: string, from: number, cert: Record<string, unknown>): void {
  const tail = cert.tail as Record<string, unknown> | null;
  if (typeof tail !== 'object' || tail === null || tail.kind !== 'shifted-coefficients') reject('tail is not a shifted-coefficients certificate');
  if (tail.variable !== variable) reject('tail is about another variable');
  const tailFrom = integer(tail.from, 'tail.from');
  if (tailFrom < from) reject(`tail starts at ${tailFrom} < ${from}`);
  checkFiniteList(a, cert.checked, from, tailFrom - 1);
  checkShifted(a, tail, tailFrom);
}

// ---- Sturm ----

type Chain = ReturnType<typeof canonicalSturmChain>;

function chainOf(a: readonly Q[], claimed: unknown): Chain {
  if (!a.length) reject('p is zero; a Sturm chain needs a nonzero p');
  const chain = canonicalSturmChain(a);
  const got = list<unknown>(claimed, 'chain');
  if (got.length !== chain.length) reject(`the Sturm chain has ${chain.length} polynomials, the certificate ${got.length}`);
  chain.forEach((poly, i) => {
    const row = list(got[i], `chain[${i}]`);
    if (row.length !== poly.length || poly.some((c, k) => !rat(row[k], `chain[${i}][${k}]`).equals(Q.of(c)))) {
      reject(`chain[${i}] differs from the recomputed Sturm chain`);
    }
  });
  return chain;
}

function sameSigns(expected: readonly number[], claimed: unknown, what: string): void {
  const got = list(claimed, what);
  if (got.length !== expected.length || expected.some((s, i) => got[i] !== s)) reject(`${what} differ from the recomputed signs`);
}

function checkSturm(a: readonly Q[], from: number, cert: Record<string, unknown>): void {
  const chain = chainOf(a, cert.chain);
  const x = Q.of(from);
  const atFrom = chain.map((c) => signAt(c, x));
  const atInf = chain.map(signAtInfinity);
  sameSigns(atFrom, cert.signsAtFrom, 'signsAtFrom');
  sameSigns(atInf, cert.signsAtInfinity, 'signsAtInfinity');
  const value = valueAt(a, x);
  if (!rat(cert.valueAtFrom, 'valueAtFrom').equals(value)) reject(`p(${from}) is ${value}, not ${String(cert.valueAtFrom)}`);
  if (value.sign() <= 0) reject(`p(${from}) = ${value} is not > 0`);
  const roots = signChanges(atFrom) - signChanges(atInf);
  if (cert.rootCount !== roots) reject(`the chain counts ${roots} roots in (${from}, oo), the certificate ${String(cert.rootCount)}`);
  if (roots !== 0) reject(`p has ${roots} roots in (${from}, oo)`);
}

function checkSturmIsolation(a: readonly Q[], from: number, cert: Record<string, unknown>): void {
  const chain = chainOf(a, cert.chain);
  const cuts = list<Record<string, unknown>>(cert.cuts, 'cuts').map((cut, j) => {
    if (typeof cut !== 'object' || cut === null) reject(`cut ${j} is not an object`);
    const x = rat(cut.at, `cut ${j}`);
    const value = valueAt(a, x);
    if (!rat(cut.value, `value at cut ${j}`).equals(value)) reject(`p(${x}) is ${value}, not ${String(cut.value)}`);
    if (value.isZero()) reject(`cut ${j} (${x}) is a root of p`);
    const signs = chain.map((c) => signAt(c, x));
    sameSigns(signs, cut.signs, `signs at cut ${j}`);
    return { x, value, v: signChanges(signs) };
  });
  if (!cuts.length) reject('no cuts');
  const f = Q.of(from);
  if (!(cuts[0].x.cmp(f) <= 0 && cuts[0].x.cmp(f.sub(Q.ONE)) > 0)) reject(`the first cut ${cuts[0].x} is not in (${from - 1}, ${from}]`);
  for (let j = 1; j < cuts.length; j++) if (cuts[j].x.cmp(cuts[j - 1].x) <= 0) reject(`cuts are not increasing at ${j}`);
  const atInf = chain.map(signAtInfinity);
  sameSigns(atInf, cert.signsAtInfinity, 'signsAtInfinity');
  const vInf = signChanges(atInf);
  if (cert.rootCount !== cuts[0].v - vInf) reject(`the chain counts ${cuts[0].v - vInf} roots in (${cuts[0].x}, oo), the certificate ${String(cert.rootCount)}`);

  const segments = list<Record<string, unknown>>(cert.segments, 'segments');
  if (segments.length !== cuts.length - 1) reject(`${segments.length} segments for ${cuts.length} cuts`);
  segments.forEach((seg, j) => {
    const lo = cuts[j], hi = cuts[j + 1];
    if (seg?.kind === 'root-free') {
      if (lo.v !== hi.v) reject(`segment ${j} [${lo.x}, ${hi.x}] holds ${lo.v - hi.v} roots`);
      if (lo.value.sign() < 0) reject(`segment ${j} is root-free but p(${lo.x}) < 0`);
    } else if (seg?.kind === 'checked') {
      checkFiniteList(a, seg.checked, Math.max(Number(ceilQ(lo.x)), from), Number(floorQ(hi.x)));
    } else reject(`segment ${j} has unknown kind`);
  });
  const last = cuts[cuts.length - 1];
  if (last.v !== vInf) reject(`the tail [${last.x}, oo) holds ${last.v - vInf} roots`);
  if (last.value.sign() < 0) reject(`p(${last.x}) < 0 at the start of the tail`);
}

function floorQ(x: Q): bigint {
  const q = x.num / x.den;
  return x.num < 0n && q * x.den !== x.num ? q - 1n : q;
}

function ceilQ(x: Q): bigint {
  return -floorQ(x.neg());
}
