/**
 * Claimed inequalities over J and the bound terms (`heatbound check`): parsing with positions,
 * evaluation with error propagation, judgement on model families (exactly for every L from their
 * derived closed forms where the claim reduces to signs of polynomials in L — claims-exact.ts —,
 * sampled over L otherwise) and by random search with shrinking. A refutation is always confirmed
 * by the engine beyond its error.
 *
 * A claim is `LHS op RHS` with op one of <=, <, >=, >, optionally prefixed by `exists c:` for a
 * constant that may be chosen per class: `exists c: abs(J) <= c*L^2`.
 */
import type { Decimal } from '../src/numeric/index.js';
import { decimalContext } from '../src/numeric/index.js';
import fc from 'fast-check';
import type { Expr, ModelSpec } from '../src/lang/index.js';
import { InputError, assertChecked, checkScalar, didYouMean, parseExpr, type Origin } from '../src/lang/index.js';
import { evalScalarPrecise, evaluateText } from '../src/symbolic/index.js';
import { NoMethodError, PreciseNotApplicable, computeCurrent, computePrecise, computeScaling, formatLs, type AssumptionData, type ScalingResult } from '../src/engine/index.js';
import { modelArbitrary, modelFileText, type ModelClass, type ModelSample } from './arbitraries.js';
import { twoBathArbitrary } from './two-bath.js';
import { instanceOf, reportOfCurrent, reportOfPrecise, type Bounded, type EngineReport } from './engine.js';
import { channelCurrentName, channelOfName, type Claim, type Comparison } from './claim.js';
import { NotExact, decideClaimExactly, type ExactDecision, type ExistsDecision, type FamilyForms } from './claims-exact.js';

/** The quantities a claim may use besides the model's params. */
export const claimQuantities = ['J', 'L', 'normH', 'width', 'sumA2', 'gammaMax', 'deltaE', 'omegaGammaMax', 'Bstate', 'B1', 'B1coarse', 'B2'] as const;
export type ClaimQuantity = (typeof claimQuantities)[number];

export type { Claim, Comparison } from './claim.js';

/** The scalar functions a claim may use. */
export const claimFunctions: readonly string[] = ['abs', 'sqrt', 'exp', 'log', 'sin', 'cos', 'floor', 'ceil', 'min', 'max'];

/**
 * The claim's params must be params of every model it is judged on.
 *
 * @throws InputError at the param's column naming the models that lack it
 */
export function checkClaimParams(claim: Claim, models: readonly { name: string; params: readonly string[] }[], random: boolean): void {
  for (const p of claim.params) {
    const lacking = models.filter((m) => !m.params.includes(p)).map((m) => m.name);
    if (random || lacking.length > 0 || models.length === 0) {
      const where = random ? 'the random models (their params are generated)' : lacking.length ? lacking.join(', ') : 'any model (none is judged)';
      throw new InputError({
        code: 'unknown-name', file, key, line: 1, column: claim.paramColumns[p], token: p,
        message: `'${p}' is neither a quantity (${claimQuantities.join(', ')}) nor a param of ${where}${random ? '; judge claims with params on --models families with --runs 0' : ''} in the claim '${claim.text}'`,
      });
    }
  }
}

const file = '<command line>';
const key = 'CLAIM';

function claimError(text: string, offset: number, token: string, message: string): InputError {
  return new InputError({ code: 'bad-usage', file, key, line: 1, column: offset + 1, token, message: `${message} in the claim '${text}'` });
}

/**
 * Parses a claim.
 *
 * @throws InputError (file `<command line>`, key CLAIM, line 1, the column of the offending token)
 * @example parseClaim('exists c: abs(J) <= c*L^2').exists // 'c'
 */
export function parseClaim(text: string): Claim {
  let body = text, start = 0, exists: string | null = null;
  const ex = /^(\s*exists\s+)([A-Za-z_]\w*)\s*:/.exec(text);
  if (ex) {
    exists = ex[2];
    if ((claimQuantities as readonly string[]).includes(exists)) throw claimError(text, ex[1].length, exists, `the constant '${exists}' is a quantity's name; choose another name`);
    start = ex[0].length;
    body = text.slice(start);
  } else if (/^\s*exists\b/.test(text)) {
    throw claimError(text, text.indexOf('exists'), 'exists', "expected 'exists c:' followed by an inequality");
  }
  // The comparison at parenthesis depth 0.
  let depth = 0, at = -1, op: Comparison | null = null;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (depth === 0 && (ch === '<' || ch === '>')) {
      if (at >= 0) throw claimError(text, start + i, ch, 'expected one comparison (<=, <, >=, >), found a second');
      at = i;
      op = (body[i + 1] === '=' ? `${ch}=` : ch) as Comparison;
      if (op.length === 2) i++;
    } else if (depth === 0 && ch === '=' && body[i - 1] !== '<' && body[i - 1] !== '>') {
      throw claimError(text, start + i, '=', "expected an inequality (<=, <, >=, >); '=' alone is not one");
    }
  }
  if (at < 0 || !op) throw claimError(text, text.length, '', 'expected an inequality with <=, <, >= or >');
  const lText = body.slice(0, at), rText = body.slice(at + op.length);
  if (!lText.trim()) throw claimError(text, start + at, op, 'expected an expression before the comparison');
  if (!rText.trim()) throw claimError(text, text.length, '', 'expected an expression after the comparison');
  const channels: { name: string; column: number }[] = [];
  // J[name], the current of a named channel: read here, as the expression language has no such
  // index, and put to the parser as one name of the same width (the columns stay the text's).
  const named = (t: string, offset: number): string => t.replace(/\bJ\s*\[([^\]\[]*)\]/g, (m: string, inner: string, at: number) => {
    const name = inner.trim();
    const column = offset + at + m.indexOf('[') + 2 + (inner.length - inner.trimStart().length);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw claimError(text, column - 1, name || inner, `expected a channel name in J[...] such as J[hot] (letters, digits and _, the model's 'name:' of a channel)`);
    if (!channels.some((c) => c.name === name)) channels.push({ name, column });
    return channelCurrentName(name).padEnd(m.length, ' ');
  }).replace(/\bJ\s*\[\s*([A-Za-z_][A-Za-z0-9_]*)?/g, (m: string, name: string | undefined, at: number) => {
    // A J[ left over has no ']' closing it (or a '[' inside): ']' is expected after the name.
    const after = offset + at + m.length;
    const next = /\S+/.exec(text.slice(after));
    const column = next ? after + next.index : text.length;
    throw claimError(text, column, next ? next[0] : '', name
      ? `expected ']' to close 'J[${name}' (the current of a named channel is written J[${name}])`
      : `expected a channel name and ']' after 'J[' such as J[hot] (letters, digits and _, the model's 'name:' of a channel)`);
  });
  const side = (t: string, offset: number): Expr => parseExpr(named(t, offset), { file, key, line: 1, column: 1 + offset });
  const lhs = side(lText, start), rhs = side(rText, start + at + op.length);
  const params = new Set<string>();
  // No prototype: a param may be named '__proto__' or 'constructor' and must get its own column.
  const paramColumns: Record<string, number> = Object.create(null) as Record<string, number>;
  const visit = (e: Expr): void => {
    switch (e.kind) {
      case 'name':
        if (e.name !== exists && e.name !== 'pi' && !(claimQuantities as readonly string[]).includes(e.name) && !channels.some((c) => channelCurrentName(c.name) === e.name)) {
          if (['Id', 'Jx', 'Jy', 'Jz', 'Jp', 'Jm', 'im'].includes(e.name)) {
            throw claimError(text, e.span.column - 1, e.name, `'${e.name}' is an operator or imaginary; a claim compares real numbers (${claimQuantities.join(', ')}, params)`);
          }
          params.add(e.name);
          paramColumns[e.name] ??= e.span.column;
        }
        return;
      case 'site': throw claimError(text, e.span.column - 1, e.op, `a site operator has no place in a claim; expected numbers and ${claimQuantities.join(', ')}`);
      case 'str': throw claimError(text, e.span.column - 1, e.value, 'expected a number, found a string');
      case 'binder': throw claimError(text, e.span.column - 1, e.fn, 'sum and prod have no place in a claim');
      case 'unary': visit(e.arg); return;
      case 'binary': visit(e.left); visit(e.right); return;
      case 'call':
        if (!claimFunctions.includes(e.fn)) throw claimError(text, e.span.column - 1, e.fn, `'${e.fn}' is not a function of claims; expected one of ${claimFunctions.join(', ')}`);
        e.args.forEach(visit);
        return;
      case 'num': return;
    }
  };
  visit(lhs);
  visit(rhs);
  // Then checked as a model's scalar expression is (arity, sorts), at the same line:column.
  const names = [...claimQuantities, ...params, ...channels.map((c) => channelCurrentName(c.name)), ...(exists ? [exists] : [])];
  for (const [expr, side] of [[lhs, lText], [rhs, rText]] as const) assertChecked(checkScalar({ expr, key, text: side }, { file, params: names }));
  return { text, exists, lhs, op, rhs, lhsText: lText, rhsText: rText, params: [...params], paramColumns, ...(channels.length ? { channels } : {}) };
}

/** The random classes whose models name their channels, and the names (the two-bath models' baths). */
export const namedChannelsOfClasses: Readonly<Record<string, readonly string[]>> = { 'two-bath': ['hot', 'cold'] };

/**
 * Every `J[name]` of the claim names a channel of every model it is judged on: the given models,
 * and, with `random`, the random models of `classes` (only the two-bath ones name channels:
 * hot, cold). The `skipped` models (the built-in families) are judged only when they name it; a
 * name that no judged model has (none given, no random search, no skipped model naming it) is an
 * error too: a claim judged on nothing has no verdict.
 *
 * @throws InputError (code unknown-name) at the name's column, naming the models that lack it and the names they have
 * @example checkClaimChannels(parseClaim('J[hot] >= 0'), [{ name: 'tb', channels: ['hot', 'cold'] }], false, []) // passes
 */
export function checkClaimChannels(
  claim: Claim, models: readonly { readonly name: string; readonly channels: readonly string[] }[], random: boolean, classes: readonly string[],
  skipped: readonly { readonly name: string; readonly channels: readonly string[] }[] = [],
): void {
  const randomNames = random ? classes.flatMap((k) => namedChannelsOfClasses[k] ?? []) : [];
  const known = [...new Set([...models, ...skipped].flatMap((m) => m.channels).concat(randomNames))];
  const has = (m: { readonly name: string; readonly channels: readonly string[] }): string => `${m.name} (${m.channels.length ? `its named channels: ${m.channels.join(', ')}` : 'it names no channel'})`;
  for (const c of claim.channels ?? []) {
    const lacking = models.filter((m) => !m.channels.includes(c.name));
    const noName = random ? classes.filter((k) => !(namedChannelsOfClasses[k] ?? []).includes(c.name)) : [];
    const judged = models.length > 0 || random || skipped.some((m) => m.channels.includes(c.name));
    if (lacking.length === 0 && noName.length === 0 && judged) continue;
    const hint = didYouMean(c.name, known);
    const where = lacking.length
      ? lacking.map(has).join(', ')
      : noName.length ? `the random models of ${noName.join(', ')} (only two-bath models name channels: hot, cold; pass --class two-bath or --runs 0)`
        : `any model judged (${skipped.length ? `the built-in families are judged only on the channels they name: ${skipped.map(has).join(', ')}` : 'no family is given'}); `
          + `give --models DIR with models that name it${random ? '' : ', or random two-bath models (named channels: hot, cold) with --class two-bath and --runs N > 0'}`;
    throw new InputError({
      code: 'unknown-name', file, key, line: 1, column: c.column, token: c.name,
      message: `J[${c.name}]: '${c.name}' is not a named channel of ${where}${hint} in the claim '${claim.text}'`,
    });
  }
}

/** An error in the claim itself (evaluating it: a domain error, a division by zero), not in a model. */
export function isClaimError(err: unknown): boolean {
  return err instanceof InputError && err.errors.some((e) => e.file === file && e.key === key);
}

/** The values a claim is evaluated with: the report's quantities, L and the model's params. */
export function claimScope(report: EngineReport, L: number, model: ModelSpec): Map<string, Bounded> {
  const z = new DW(0);
  const s = new Map<string, Bounded>();
  s.set('J', report.J);
  s.set('L', { value: new DW(L), error: z });
  for (const [k, v] of Object.entries(report.terms)) s.set(k, v);
  for (const [k, v] of Object.entries(report.bounds)) s.set(k, v);
  for (const [k, v] of Object.entries(report.currents ?? {})) s.set(channelCurrentName(k), v);
  for (const p of model.params) {
    if (s.has(p.name) || p.name === 'L') {
      throw new InputError({ code: 'bad-param', file: model.file, key: `params.${p.name}`, line: 0, column: 0, token: p.name, message: `the param '${p.name}' has the name of a claim quantity and would replace it; rename the param to judge claims on '${model.name}'` });
    }
    let v: Decimal;
    try { v = new DW(p.text.trim()); } catch { v = new DW(p.value); }
    s.set(p.name, { value: v, error: z });
  }
  return s;
}

/** How a claim fares at one point: margin (> 0: holds) and its error. */
export interface ClaimAt {
  readonly lhs: Decimal;
  readonly rhs: Decimal;
  /** rhs - lhs for <= and <, lhs - rhs for >= and >. */
  readonly margin: Decimal;
  readonly error: Decimal;
  readonly verdict: 'holds' | 'fails' | 'undecided';
  /**
   * A strict claim failing at equality: the family's derived forms give its two sides exactly equal
   * at this L, and the engine's enclosure of the margin contains 0 (set by the exact judgement only).
   */
  readonly equality?: boolean;
}

/** Exact-enough holder of values (params, L) before a claim is evaluated. */
const DW = decimalContext(1100);
const contexts = new Map<number, typeof Decimal>();
/** The Decimal constructor claims are evaluated with at `digits` (10 guard digits). */
function ctx(digits: number): typeof Decimal {
  let D = contexts.get(digits);
  if (!D) { D = decimalContext(digits + 10); contexts.set(digits, D); }
  return D;
}
const origin = (claim: Claim, e: Expr): Origin => ({ file, located: { expr: e, key, text: e === claim.lhs ? claim.lhsText : claim.rhsText } });

function side(D: typeof Decimal, claim: Claim, e: Expr, scope: ReadonlyMap<string, Decimal>): Decimal {
  const v = evalScalarPrecise(D, origin(claim, e), e, scope);
  return v.re;
}

/**
 * The claim at one point (the constant, if any, set to c).
 *
 * @throws InputError when the claim names a param the model lacks
 */
export function evaluateClaim(claim: Claim, values: ReadonlyMap<string, Bounded>, c: Decimal | null = null, modelName = '', digits = 30): ClaimAt {
  const D40 = ctx(digits);
  for (const c of claim.channels ?? []) {
    if (!values.has(channelCurrentName(c.name))) {
      const has = [...values.keys()].map(channelOfName).filter((x): x is string => x !== null);
      throw new InputError({ code: 'unknown-name', file, key, line: 1, column: c.column, token: c.name, message: `J[${c.name}]: '${c.name}' is not a named channel of ${modelName || 'the model'} (${has.length ? `its named channels: ${has.join(', ')}` : 'it names no channel'})${didYouMean(c.name, has)}` });
    }
  }
  for (const p of claim.params) {
    if (!values.has(p)) {
      throw new InputError({ code: 'unknown-name', file, key, line: 1, column: 1, token: p, message: `the claim uses '${p}', which is neither a quantity (${claimQuantities.join(', ')}) nor a param of ${modelName || 'the model'}` });
    }
  }
  const at = (shift: ReadonlyMap<string, Decimal>): Decimal => {
    const scope = new Map<string, Decimal>();
    for (const [k, v] of values) scope.set(k, new D40(shift.get(k) ?? v.value));
    if (claim.exists) scope.set(claim.exists, c ?? new D40(1));
    const l = side(D40, claim, claim.lhs, scope), r = side(D40, claim, claim.rhs, scope);
    return claim.op.startsWith('<') ? r.minus(l) : l.minus(r);
  };
  const m0 = at(new Map());
  // First-order error propagation: the margin's change when each quantity moves by its error.
  let error = new D40(0);
  for (const [k, v] of values) {
    if (v.error.isZero()) continue;
    error = error.plus(at(new Map([[k, new D40(v.value).plus(v.error)]])).minus(m0).abs());
  }
  const scope = new Map<string, Decimal>();
  for (const [k, v] of values) scope.set(k, new D40(v.value));
  if (claim.exists) scope.set(claim.exists, c ?? new D40(1));
  const lhs = side(D40, claim, claim.lhs, scope), rhs = side(D40, claim, claim.rhs, scope);
  error = error.plus(lhs.abs().plus(rhs.abs()).times(new D40(10).pow(-digits)));
  return { lhs, rhs, margin: m0, error, verdict: marginVerdict(m0, error, claim.op.length === 1) };
}

/**
 * The claim's verdict from its margin's enclosure [margin - error, margin + error]: a non-strict
 * claim (<=, >=) holds where the whole enclosure is >= 0 and fails where it is < 0; a strict one
 * holds where it is > 0 and fails where it is <= 0. An enclosure across 0 (the two sides'
 * enclosures overlap) leaves the claim undecided, strict or not: neither holds nor fails is shown.
 * At error 0 the margin is exact and 0 decides (J = 0 exactly: J <= 0 holds, J < 0 fails).
 */
export function marginVerdict(margin: Decimal, error: Decimal, strict: boolean): ClaimAt['verdict'] {
  const lo = margin.minus(error), hi = margin.plus(error);
  if (strict ? lo.gt(0) : lo.gte(0)) return 'holds';
  if (strict ? hi.lte(0) : hi.lt(0)) return 'fails';
  return 'undecided';
}

/**
 * The critical constant of an `exists c` claim at this point (bisection on a log scale over
 * [1e-12, 1e12]). For an upper-bound claim (a larger c helps) it is the smallest working c
 * (Infinity when none works, 0 when all do); for a lower-bound claim (a smaller c helps,
 * `abs(J) >= c*L^2`) the largest working c (0 when none works). `badness` grows as the claim gets
 * harder: the constant, or its reciprocal for a lower-bound claim.
 */
export function criticalConstant(claim: Claim, values: ReadonlyMap<string, Bounded>): { value: number; lower: boolean; badness: number } {
  const holds = (c: number): boolean => evaluateClaim(claim, values, new DW(c)).verdict !== 'fails';
  const small = holds(1e-12), large = holds(1e12);
  const lower = small && !large;
  if (!lower && small) return { value: 0, lower, badness: 0 };
  if (!small && !large) return { value: lower ? 0 : Infinity, lower, badness: Infinity };
  let lo = Math.log(1e-12), hi = Math.log(1e12);
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2;
    if (holds(Math.exp(mid)) !== lower) hi = mid; else lo = mid;
  }
  const value = Math.exp(lower ? lo : hi);
  return { value, lower, badness: lower ? 1 / value : value };
}

/** The float64 engine's report of a model at L (fast, with its error bounds). */
function floatReport(model: ModelSpec, L: number): EngineReport {
  return reportOfCurrent(computeCurrent(model, L));
}

/** The decimal.js engine's report where it applies (L <= 8), else null. */
function preciseReport(model: ModelSpec, L: number, digits = 30): EngineReport | null {
  if (L > 8) return null;
  try {
    return reportOfPrecise(computePrecise(model, L, { digits, maxDigits: digits }));
  } catch (err) {
    if (err instanceof PreciseNotApplicable) return null;
    throw err;
  }
}

/**
 * The claim at a model and L (its constant, if any, set to c): judged on float64 values, and a
 * failure (or an undecided strict margin) confirmed in decimal.js where it applies, so that no
 * failure rests on round-off.
 */
function claimAtModel(claim: Claim, model: ModelSpec, L: number, c: Decimal | null = null): { values: Map<string, Bounded>; at: ClaimAt; engine: string } {
  const first = floatReport(model, L);
  let engine = first.engine;
  let values = claimScope(first, L, model);
  let at = evaluateClaim(claim, values, c, model.name);
  if (at.verdict !== 'holds') {
    const p = preciseReport(model, L);
    if (p) {
      values = claimScope(p, L, model);
      at = evaluateClaim(claim, values, c, model.name);
      engine = p.engine;
    }
    if (at.verdict === 'undecided') {
      // The margin within the error (the two sides' enclosures overlap): recompute at 60 digits,
      // which may separate them. Equality to any number of digits stays undecided: only exact
      // forms show that two sides are equal (exactJudgement).
      const q = preciseReport(model, L, 60);
      if (q) {
        values = claimScope(q, L, model);
        engine = q.engine;
        at = evaluateClaim(claim, values, c, model.name, 60);
      }
    }
  }
  return { values, at, engine };
}

/** Largest L at which `check` runs the engine to confirm a failure found from the forms. */
export const confirmMaxL = 100_000;

/** The engine's word on the claim at one L: a refutation needs verdict 'fails' (beyond the error). */
export interface Confirmation {
  readonly L: number;
  /** The constant, for `exists` claims. */
  readonly c?: string;
  /** Which engine (empty when not computed). */
  readonly engine: string;
  readonly verdict: 'fails' | 'holds' | 'undecided' | 'not computed';
  readonly J?: { readonly value: string; readonly error: string };
  readonly lhs?: string;
  readonly rhs?: string;
  /** rhs - lhs for <= and <, lhs - rhs for >= and >, and its error bound. */
  readonly margin?: string;
  readonly error?: string;
  /** Equal to 45 digits (a strict claim fails there). */
  readonly equality?: boolean;
  /** Why it was not computed or does not confirm. */
  readonly reason?: string;
}

/** The engine at L (constant c), as a confirmation, with the values behind it. */
function confirmAt(claim: Claim, model: ModelSpec, L: number, c: Decimal | null = null): { confirmation: Confirmation; values?: Map<string, Bounded>; at?: ClaimAt } {
  const cText = c === null ? {} : { c: c.toString() };
  if (L > confirmMaxL) return { confirmation: { L, ...cText, engine: '', verdict: 'not computed', reason: `the engine is not run beyond L = ${confirmMaxL}` } };
  let r: ReturnType<typeof claimAtModel>;
  try { r = claimAtModel(claim, model, L, c); } catch (err) {
    if (isClaimError(err) || !(err instanceof InputError || err instanceof NoMethodError)) throw err;
    return { confirmation: { L, ...cText, engine: '', verdict: 'not computed', reason: err.message.split('\n')[0] } };
  }
  const J = r.values.get('J')!;
  const sig = (x: Decimal, d = 15) => x.toSignificantDigits(d).toString();
  const confirmation: Confirmation = {
    L, ...cText, engine: r.engine, verdict: r.at.verdict, J: { value: sig(J.value), error: sig(J.error, 2) },
    lhs: sig(r.at.lhs), rhs: sig(r.at.rhs), margin: sig(r.at.margin), error: sig(r.at.error, 2),
    ...(r.at.equality ? { equality: true } : {}),
    ...(r.at.verdict === 'fails' ? {} : { reason: r.at.verdict === 'holds' ? 'the engine finds that the claim holds here' : 'the margin lies within the engine\'s error' }),
  };
  return { confirmation, values: r.values, at: r.at };
}

/** A counterexample: the model file, L, state and the numbers. */
export interface Counterexample {
  readonly source: string;
  readonly model: string;
  readonly modelText: string | null;
  readonly L: number;
  readonly state: string;
  readonly numbers: Readonly<Record<string, string>>;
  readonly how: string;
}

/** The judgement of a claim on one family. */
export interface FamilyJudgement {
  readonly family: string;
  readonly file: string;
  readonly verdict: 'refuted' | 'consistent' | 'undecided';
  readonly how: string;
  readonly Ls: readonly number[];
  /**
   * For `exists c` claims: the critical constant at each L of `Ls` (the smallest working c, or the
   * largest for a lower bound such as `abs(J) >= c*L^2`); always finite.
   */
  readonly constants?: readonly number[];
  /** For a sampled `exists c` claim left undecided so: the sampled L where no c in [1e-12, 1e12] works (left out of `Ls` and `constants`). */
  readonly noConstantLs?: readonly number[];
  readonly counterexample?: Counterexample;
  /**
   * How it was decided: 'derived forms, every L', 'derived upper-bound forms, every L' (exact, from
   * the family's closed forms), or 'sampled at L = ...' (the engine at those L only).
   */
  readonly decided: string;
  /** The smallest L where the claim fails: exact when decided from derived forms, else the smallest sampled one; null if none. */
  readonly firstFailingL: number | null;
  /** The engine at the refuting L (value, error, margin); every refutation has one with verdict 'fails'. */
  readonly confirmation: Confirmation | null;
  /** The exact decision, when the derived forms decided the claim. */
  readonly exact?: {
    readonly basis: ExactDecision['basis'];
    readonly range: ExactDecision['range'];
    readonly forms: ExactDecision['forms'];
    readonly segments: number;
    /** The assumptions the derivation made (they hold at the model's params). */
    readonly assumptions: readonly string[];
    readonly exists?: ExistsDecision;
    /** L below the forms' range, judged by the engine. */
    readonly engineLs?: readonly number[];
  };
  /** Why the forms did not decide the claim (it was then sampled). */
  readonly notExact?: string;
}

function numbersOf(values: ReadonlyMap<string, Bounded>, at: ClaimAt): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of values) {
    const channel = channelOfName(k);
    out[channel === null ? k : `J[${channel}]`] = v.value.toSignificantDigits(15).toString();
  }
  out.lhs = at.lhs.toSignificantDigits(15).toString();
  out.rhs = at.rhs.toSignificantDigits(15).toString();
  out.margin = at.margin.toSignificantDigits(6).toString();
  out.error = at.error.toSignificantDigits(2).toString();
  return out;
}

/** The growth exponent of an expression in L from the quantities' exponents; null if unknown. */
function exponentOf(e: Expr, exps: ReadonlyMap<string, number>, constant: string | null): number | null {
  switch (e.kind) {
    case 'num': return 0;
    case 'name': return e.name === 'L' ? 1 : e.name === constant || e.name === 'pi' ? 0 : exps.get(e.name) ?? null;
    case 'unary': return exponentOf(e.arg, exps, constant);
    case 'call': {
      if (e.fn === 'abs') return exponentOf(e.args[0], exps, constant);
      if (e.fn === 'sqrt') { const x = exponentOf(e.args[0], exps, constant); return x === null ? null : x / 2; }
      return null;
    }
    case 'binary': {
      const a = exponentOf(e.left, exps, constant), b = exponentOf(e.right, exps, constant);
      if (a === null || b === null) return null;
      if (e.op === '*') return a + b;
      if (e.op === '/') return a - b;
      if (e.op === '^' && e.right.kind === 'num') return a * Number(e.right.text);
      return null; // sums may cancel: no exponent claimed
    }
    default: return null;
  }
}

function closedExponents(s: ScalingResult): Map<string, number> {
  const m = new Map<string, number>();
  // Exponents of derived forms only: a conjectured form never decides a verdict.
  // A derived upper bound's exponent is not the quantity's, and an exponent whose leading
  // coefficient vanishes at the params is not the growth there: neither is used.
  const leadingNonzero = (x: { leading: string | { readonly even: string; readonly odd: string } | null }): boolean => {
    if (x.leading === null) return false;
    const texts = typeof x.leading === 'string' ? [x.leading] : [x.leading.even, x.leading.odd];
    try { return texts.every((t) => Math.abs(evaluateText(t, s.env ?? {})) > 0); } catch { return false; }
  };
  const put = (k: string, x: { exponent: number | string | null; how: string; status?: string; leading: string | { readonly even: string; readonly odd: string } | null }) => {
    if (typeof x.exponent === 'number' && x.how !== 'upper bound' && leadingNonzero(x) && (x.status === undefined ? !/numeric|interpolated|conjectured/.test(x.how) : x.status === 'derived')) m.set(k, x.exponent);
  };
  put('J', s.J);
  for (const [k, v] of Object.entries(s.terms)) put(k, v);
  for (const [k, v] of Object.entries(s.bounds)) put(k, v);
  return m;
}

/** Seconds one family may take per L before larger L are skipped. */
export const familyStepBudget = 2;

/**
 * Ls at which a family is evaluated: 1..12, then doubling to 4096, stopping as soon as one L takes
 * longer than familyStepBudget seconds or no method computes it (the values are kept warm).
 */
function familyLs(model: ModelSpec): number[] {
  const Ls: number[] = [];
  const candidates = [...Array.from({ length: 12 }, (_, i) => i + 1), 16, 32, 64, 128, 256, 512, 1024, 2048, 4096];
  for (const L of candidates) {
    const t = Date.now();
    try { computeCurrent(model, L); } catch (err) {
      if (err instanceof InputError) continue; // e.g. a basis state valid at one L only
      if (err instanceof NoMethodError) break;
      throw err;
    }
    Ls.push(L);
    if (Date.now() - t > familyStepBudget * 1000) break;
  }
  return Ls;
}

/** Options of `judgeFamily`. */
export interface JudgeOptions {
  /** The family's scaling report (computed when absent; null: none). Its non-enumerable `forms` decide claims exactly. */
  readonly scaling?: ScalingResult | null;
  /** Forms to use instead of `scaling.forms` (for tests and for other derivations). */
  readonly forms?: FamilyForms;
}

/**
 * The scaling report of a family for judging claims, or null when scaling cannot run on it (the
 * claim is then sampled). An internal error (a refuted theorem) is not swallowed.
 */
export async function familyScaling(model: ModelSpec): Promise<ScalingResult | null> {
  try { return await computeScaling(model); } catch (err) {
    if (err instanceof Error && err.name === 'TheoremRefutedError') throw err;
    return null;
  }
}

/** Most L below the forms' range that the engine judges so that a decision still covers every L. */
const maxEngineLsBelowForms = 24;

/**
 * Judges a claim on one family. Where the family's derived forms reduce the claim to signs of
 * polynomials in L (claims-exact.ts), it is decided for every L: a plain claim fails first at an
 * exact L, which the engine must confirm beyond its error (else the verdict is 'undecided', not a
 * refutation); an `exists c` claim fails when no c works at some L or the critical constant grows
 * without bound (shown by a concrete c and the first L where it fails, confirmed by the engine).
 * Otherwise the claim is sampled at L = 1..12, 16, ..., 4096 (and where conjectured forms say it
 * fails): a plain claim fails at the smallest sampled L where it fails beyond the error; an
 * `exists c` claim when the smallest working constant grows, from derived exponents or the numbers.
 */
export async function judgeFamily(claim: Claim, model: ModelSpec, fileShown: string, modelText: string | null, opts: JudgeOptions = {}): Promise<FamilyJudgement> {
  const scaling = opts.scaling !== undefined ? opts.scaling : await familyScaling(model);
  const forms = opts.forms ?? scaling?.forms;
  let notExact = 'no closed forms';
  const guide: number[] = [];
  const broken = scaling?.assumptions?.filter((a) => !a.holdsAtParams) ?? [];
  if (broken.length) notExact = `the derivation assumes ${broken.map((a) => `${a.expr} ${a.relation} 0`).join(', ')}, which fails at the params`;
  else if (forms) {
    try {
      const d = decideClaimExactly(claim, forms, model, 'derived');
      const j = exactJudgement(claim, model, fileShown, modelText, d, scaling?.assumptions ?? [], scaling?.definedFrom ?? 1);
      if ('judgement' in j) return j.judgement;
      notExact = j.notExact;
    } catch (err) {
      if (!(err instanceof NotExact)) throw err;
      notExact = err.reason;
    }
    // Conjectured forms only guide the search: the L where they say the claim fails is sampled too.
    if (!claim.exists) {
      try {
        const g = decideClaimExactly(claim, forms, model, 'guide');
        if (g.firstFailingL !== null && g.firstFailingL <= confirmMaxL) guide.push(g.firstFailingL);
      } catch (err) { if (!(err instanceof NotExact)) throw err; }
    }
  }
  return judgeSampled(claim, model, fileShown, modelText, notExact, guide, scaling);
}

/** The judgement from an exact decision, or why it does not cover every L. */
function exactJudgement(
  claim: Claim, model: ModelSpec, fileShown: string, modelText: string | null, d: ExactDecision, assumptions: readonly AssumptionData[], definedFrom: number,
): { judgement: FamilyJudgement } | { notExact: string } {
  const state = model.state?.text ?? 'ground';
  const word = d.basis === 'derived upper bound' ? 'derived upper-bound forms' : 'derived forms';
  const decided = `${word}, every L`;
  const rangeText = `L = ${d.range.from}..${d.range.to ?? 'infinity'}`;
  const base = { family: model.name, file: fileShown };
  const exact = (engineLs: number[]) => ({ basis: d.basis, range: d.range, forms: d.forms, segments: d.segments, assumptions: assumptions.map((a) => `${a.expr} ${a.relation} 0${a.L ? ` for L = ${a.L.from}..${a.L.to ?? 'infinity'}` : ''}`), ...(d.exists ? { exists: d.exists } : {}), ...(engineLs.length ? { engineLs } : {}) });
  // L below the forms' range: the engine judges them (a few at most). L where the model is not
  // defined (a site index outside 0..L-1) are not part of the family.
  const below = Array.from({ length: Math.max(0, d.range.from - definedFrom) }, (_, i) => i + definedFrom);
  if (below.length > maxEngineLsBelowForms) return { notExact: `the derived forms start at L = ${d.range.from}` };
  const engineLs: number[] = [];
  for (const L of below) {
    const c = claim.exists ? [new DW('1e-12'), new DW('1e12')] : [null];
    const confs = c.map((x) => confirmAt(claim, model, L, x));
    if (confs.every((x) => x.confirmation.verdict === 'not computed')) return { notExact: `the derived forms start at L = ${d.range.from}, and the engine cannot compute L = ${L}` };
    engineLs.push(L);
    // An exists claim failing at c = 1e-12 and at c = 1e12 fails at every c between (it is linear
    // in c), but a c outside that range is not ruled out by the engine alone (J = 2e-14 and
    // `abs(J) >= c` work with c = 1e-14): undecided here, as on the sampled path, never refuted.
    if (claim.exists && confs.every((x) => x.confirmation.verdict === 'fails')) {
      return { notExact: `no ${claim.exists} in [1e-12, 1e12] works at L = ${L}, below the derived forms' range (${rangeText}), by the engine alone; a constant outside that range is not ruled out` };
    }
    if (confs.every((x) => x.confirmation.verdict === 'fails')) {
      const k = confs[0];
      return {
        judgement: {
          ...base, verdict: 'refuted', Ls: engineLs, decided, firstFailingL: L, confirmation: k.confirmation, exact: exact(engineLs),
          how: `fails at L = ${L}, below the forms' range (${rangeText}), where the engine decides every L; the engine confirms it beyond its error`,
          counterexample: { source: 'family', model: fileShown, modelText, L, state, numbers: numbersOf(k.values!, k.at!), how: `${model.name} at L = ${L}` },
        },
      };
    }
    // Some constant must work there (linear in c: one of the two ends), beyond the engine's error.
    if (!confs.some((x) => x.confirmation.verdict === 'holds')) return { notExact: `the derived forms start at L = ${d.range.from}, and the engine leaves L = ${L} undecided` };
  }
  const belowText = engineLs.length ? `; L = ${formatLs(engineLs)} (below the forms) by the engine` : '';
  if (!claim.exists) {
    if (d.verdict === 'holds') {
      if (d.range.to !== null) return { notExact: `the derived forms cover ${rangeText} only` };
      return { judgement: { ...base, verdict: 'consistent', Ls: engineLs, decided, firstFailingL: null, confirmation: null, exact: exact(engineLs), how: `holds for every L >= ${d.range.from} (${word}, exactly: signs of polynomials in L)${belowText}` } };
    }
    const L = d.firstFailingL!;
    const k = confirmAt(claim, model, L);
    const at = `fails first at L = ${L} (${word}, exactly; it holds for every smaller L${d.range.from > 1 ? ` of ${rangeText}` : ''})`;
    // A strict claim whose two sides the derived forms give exactly equal at L fails there exactly;
    // no engine separates equal sides, so its confirmation is that its enclosure of the margin
    // contains 0 (the failure is the forms', the engine agrees with them).
    if (d.basis === 'derived' && d.equalAtFirstFailure && k.confirmation.verdict === 'undecided') {
      const { reason: _, ...agreed } = k.confirmation;
      return {
        judgement: {
          ...base, verdict: 'refuted', Ls: [...engineLs, L], decided, firstFailingL: L, confirmation: { ...agreed, verdict: 'fails', equality: true }, exact: exact(engineLs),
          how: `${at}: the two sides are equal there, exactly, so the strict inequality fails; the engine (${k.confirmation.engine}) agrees: margin ${k.confirmation.margin} within its error ${k.confirmation.error}`,
          counterexample: { source: 'family', model: fileShown, modelText, L, state, numbers: numbersOf(k.values!, k.at!), how: `${model.name} at L = ${L}, the first failing L (derived forms: the two sides equal), the engine agreeing` },
        },
      };
    }
    if (k.confirmation.verdict !== 'fails') {
      return { judgement: { ...base, verdict: 'undecided', Ls: [...engineLs, L], decided, firstFailingL: L, confirmation: k.confirmation, exact: exact(engineLs), how: `${at}, but the engine does not confirm it (${k.confirmation.reason}); not a refutation` } };
    }
    return {
      judgement: {
        ...base, verdict: 'refuted', Ls: [...engineLs, L], decided, firstFailingL: L, confirmation: k.confirmation, exact: exact(engineLs),
        how: `${at}; the engine (${k.confirmation.engine}) confirms it: ${k.at!.error.isZero() ? `margin ${k.confirmation.margin} exactly (error 0)` : `margin ${k.confirmation.margin} beyond the error ${k.confirmation.error}`}`,
        counterexample: { source: 'family', model: fileShown, modelText, L, state, numbers: numbersOf(k.values!, k.at!), how: `${model.name} at L = ${L}, the first failing L (derived forms), confirmed by the engine` },
      },
    };
  }
  // exists c
  const e = d.exists!;
  const c = claim.exists;
  const constants = e.constants.map((x) => x.c), Ls = e.constants.map((x) => x.L);
  if (d.verdict === 'holds') {
    if (d.range.to !== null) return { notExact: `the derived forms cover ${rangeText} only` };
    return {
      judgement: {
        ...base, verdict: 'consistent', Ls, constants, decided, firstFailingL: null, confirmation: null, exact: exact(engineLs),
        how: `a constant ${c} works for every L >= ${d.range.from} (${word}, exactly)${e.limit !== null ? `; the critical ${c} tends to ${e.limit.replace(/\bInfinity\b/g, 'infinity')} as L grows` : ''}${belowText}`,
      },
    };
  }
  if (e.kind === 'none-at-L') {
    const L = d.firstFailingL!;
    const k = [confirmAt(claim, model, L, new DW('1e-12')), confirmAt(claim, model, L, new DW('1e12'))];
    const at = `no ${c} > 0 works at L = ${L} (${word}, exactly)`;
    if (k.some((x) => x.confirmation.verdict !== 'fails')) {
      const bad = k.find((x) => x.confirmation.verdict !== 'fails')!;
      return { judgement: { ...base, verdict: 'undecided', Ls: [...engineLs, L], constants, decided, firstFailingL: L, confirmation: bad.confirmation, exact: exact(engineLs), how: `${at}, but the engine does not confirm it at ${c} = ${bad.confirmation.c} (${bad.confirmation.reason}); not a refutation` } };
    }
    return {
      judgement: {
        ...base, verdict: 'refuted', Ls: [...engineLs, L], constants, decided, firstFailingL: L, confirmation: k[0].confirmation, exact: exact(engineLs),
        how: `${at}; the engine confirms that it fails at ${c} = 1e-12 and ${c} = 1e12 (linear in ${c}, so at every ${c} between)`,
        counterexample: { source: 'family', model: fileShown, modelText, L, state, numbers: numbersOf(k[0].values!, k[0].at!), how: `${model.name} at L = ${L}: no constant works` },
      },
    };
  }
  const trendText = e.kind === 'unbounded' ? `the smallest working ${c} grows without bound` : `the largest working ${c} shrinks to 0`;
  if (!e.witness) return { judgement: { ...base, verdict: 'undecided', Ls, constants, decided, firstFailingL: null, confirmation: null, exact: exact(engineLs), how: `${trendText} (${word}, exactly), but no failing L was found for a concrete ${c}; not a refutation` } };
  const w = e.witness;
  const k = confirmAt(claim, model, w.L, new DW(decimalOfRational(w.c)));
  const at = `${trendText} (${word}, exactly); e.g. ${c} = ${w.c} fails first at L = ${w.L}`;
  if (k.confirmation.verdict !== 'fails') {
    return { judgement: { ...base, verdict: 'undecided', Ls, constants, decided, firstFailingL: null, confirmation: k.confirmation, exact: exact(engineLs), how: `${at}, but the engine does not confirm it (${k.confirmation.reason}); not a refutation` } };
  }
  return {
    judgement: {
      ...base, verdict: 'refuted', Ls, constants, decided, firstFailingL: null, confirmation: k.confirmation, exact: exact(engineLs),
      how: `${at}; the engine (${k.confirmation.engine}) confirms it there: margin ${k.confirmation.margin} beyond the error ${k.confirmation.error}`,
      counterexample: { source: 'family', model: fileShown, modelText, L: w.L, state, numbers: { [c]: w.c, ...numbersOf(k.values!, k.at!) }, how: `${model.name} with ${c} = ${w.c}: the first failing L (derived forms), confirmed by the engine` },
    },
  };
}

/** An exact rational's text ("3/7") as a Decimal-readable value. */
function decimalOfRational(text: string): Decimal {
  const [n, d] = text.split('/');
  return d === undefined ? new DW(n) : new DW(n).div(d);
}

/** The claim sampled at L = 1..12, 16, ..., 4096 and the guide's L (see judgeFamily). */
async function judgeSampled(claim: Claim, model: ModelSpec, fileShown: string, modelText: string | null, notExact: string, guide: readonly number[], scaling: ScalingResult | null): Promise<FamilyJudgement> {
  const sampledLs = familyLs(model);
  const Ls = [...new Set([...sampledLs, ...guide])].sort((a, b) => a - b);
  const state = model.state?.text ?? 'ground';
  const decided = (used: readonly number[]) => `sampled at L = ${formatLs(used)}`;
  const base = { family: model.name, file: fileShown, notExact };
  if (!claim.exists) {
    const judged: number[] = [];
    const within: number[] = [];
    for (const L of Ls) {
      let values: Map<string, Bounded>, at: ClaimAt, engine: string;
      if (L > confirmMaxL) continue;
      try { ({ values, at, engine } = claimAtModel(claim, model, L)); } catch (err) { if (isClaimError(err) || !(err instanceof InputError || err instanceof NoMethodError)) throw err; continue; }
      judged.push(L);
      if (at.verdict === 'undecided') within.push(L);
      if (at.verdict === 'fails') {
        const guided = guide.includes(L) && !sampledLs.includes(L);
        const sig = (x: Decimal, dgt = 15) => x.toSignificantDigits(dgt).toString();
        const J = values.get('J')!;
        return {
          ...base, verdict: 'refuted', Ls, decided: decided(judged), firstFailingL: L,
          confirmation: { L, engine, verdict: 'fails', J: { value: sig(J.value), error: sig(J.error, 2) }, lhs: sig(at.lhs), rhs: sig(at.rhs), margin: sig(at.margin), error: sig(at.error, 2) },
          how: `fails at L = ${L} (${guided ? 'where the conjectured forms say it fails first; ' : ''}the smallest L checked where it fails)`,
          counterexample: { source: 'family', model: fileShown, modelText, L, state, numbers: numbersOf(values, at), how: `${model.name} at L = ${L}` },
        };
      }
    }
    // A margin within the engine's error at some L (the two sides' enclosures overlap there) shows
    // neither that the claim holds nor that it fails there.
    if (within.length) {
      return {
        ...base, verdict: 'undecided', decided: decided(judged), firstFailingL: null, confirmation: null, Ls,
        how: `undecided at L = ${formatLs(within)}, where the margin lies within the engine's error (the two sides' enclosures overlap); ${within.length === judged.length ? 'no L sampled decides it' : `it holds at the other L sampled (${judged.length - within.length} values; sampled, not every L)`}`,
      };
    }
    return { ...base, verdict: 'consistent', decided: decided(judged), firstFailingL: null, confirmation: null, how: `holds at L = ${Ls[0]}..${Ls[Ls.length - 1]} (${Ls.length} values; sampled, not every L)`, Ls };
  }
  // `constants` holds the badness (see criticalConstant), `shown` the constants themselves.
  const constants: number[] = [];
  const shown: number[] = [];
  let lowerClaim = false;
  const used: number[] = [];
  for (const L of sampledLs) {
    try {
      const values = claimScope(floatReport(model, L), L, model);
      const k = criticalConstant(claim, values);
      constants.push(k.badness);
      lowerClaim ||= k.lower;
      shown.push(k.value);
      used.push(L);
    } catch (err) { if (isClaimError(err) || !(err instanceof InputError || err instanceof NoMethodError)) throw err; }
  }
  const inf = constants.findIndex((c) => c === Infinity);
  if (inf >= 0) {
    // Ls and constants stay parallel and finite: the L where no c works are listed apart.
    const none = used.filter((_, i) => constants[i] === Infinity);
    const some = used.map((L, i) => [L, shown[i]] as const).filter((_, i) => constants[i] !== Infinity);
    // Undecided, not refuted: a c outside the range searched is not ruled out, and the float64
    // values are not confirmed (a refutation is a counterexample the engine confirms).
    return {
      ...base, verdict: 'undecided',
      how: `no constant ${claim.exists} in [1e-12, 1e12] works at L = ${used[inf]}${none.length > 1 ? ` (nor at L = ${none.slice(1).join(', ')})` : ''}: not a refutation (a constant outside that range is not ruled out)`,
      Ls: some.map(([L]) => L), constants: some.map(([, c]) => c), noConstantLs: none, decided: decided(used), firstFailingL: null, confirmation: null,
    };
  }
  // Symbolic: exponents of the closed forms.
  let symbolic: number | null = null;
  if (scaling) {
    const exps = closedExponents(scaling);
    const l = exponentOf(claim.lhs, exps, claim.exists), r = exponentOf(claim.rhs, exps, claim.exists);
    if (l !== null && r !== null) symbolic = claim.op.startsWith('<') ? l - r : r - l;
  }
  const n = used.length;
  const tail = Math.min(4, n);
  const slope = n >= 2 && constants[n - 1] > 0 && constants[n - tail] > 0
    ? Math.log(constants[n - 1] / constants[n - tail]) / Math.log(used[n - 1] / used[n - tail]) : 0;
  const increasing = constants.slice(n - tail).every((c, i, a) => i === 0 || c >= a[i - 1] * (1 - 1e-9));
  if (symbolic !== null && symbolic > 0 && increasing && n >= 2) {
    // The derived exponents say that every c fails at some L; the refutation also needs a concrete
    // failure the engine confirms beyond its error (as every refutation does): a constant between
    // the critical ones of the last two sampled L works at the one and fails at the last.
    const L = used[n - 1];
    const [a, b] = [shown[n - 2], shown[n - 1]];
    const mid = Math.sqrt(a * b), short = Number(mid.toPrecision(6));
    const cw = short > Math.min(a, b) && short < Math.max(a, b) ? short : mid;
    const growth = `derived exponents: the ${claim.op.startsWith('<') ? 'left' : 'right'} side grows like L^${fmtExp(symbolic)} times the other, so ${trend(lowerClaim, claim.exists!)} (${shown[n - 1].toPrecision(6)} at L = ${L})`;
    const k = Number.isFinite(cw) && cw > 0 && a !== b ? confirmAt(claim, model, L, new DW(cw)) : null;
    if (!k || k.confirmation.verdict !== 'fails') {
      const why = k ? `${claim.exists} = ${k.confirmation.c} at L = ${L}: ${k.confirmation.reason}` : `the critical ${claim.exists} at L = ${used[n - 2]} and ${L} gives no constant between them`;
      return {
        ...base, verdict: 'undecided', Ls: used, constants: shown, decided: decided(used), firstFailingL: null, confirmation: k?.confirmation ?? null,
        how: `${growth}, but the engine does not confirm a concrete failure (${why}); not a refutation`,
      };
    }
    return {
      ...base, verdict: 'refuted', Ls: used, constants: shown, decided: decided(used), firstFailingL: null, confirmation: k.confirmation,
      how: `${growth}; e.g. ${claim.exists} = ${k.confirmation.c} (it works at L = ${used[n - 2]}) fails at L = ${L}: the engine (${k.confirmation.engine}) confirms it there, margin ${k.confirmation.margin} beyond the error ${k.confirmation.error}`,
      counterexample: { source: 'family', model: fileShown, modelText, L, state, numbers: { [claim.exists!]: k.confirmation.c!, [`${claim.exists}*(L)`]: shown.map((c, i) => `L=${used[i]}: ${c.toPrecision(6)}`).slice(-6).join('; '), exponent: fmtExp(symbolic), ...numbersOf(k.values!, k.at!) }, how: `symbolic exponents; ${claim.exists} = ${k.confirmation.c} fails at L = ${L}, confirmed by the engine` },
    };
  }
  if (symbolic === null && slope > 0.5 && increasing) {
    // Growth seen only in sampled values is no concrete counterexample: never a refutation.
    return {
      ...base, verdict: 'undecided', Ls: used, constants: shown, decided: decided(used), firstFailingL: null, confirmation: null,
      how: `numerically ${trend(lowerClaim, claim.exists!)}, like L^${(lowerClaim ? -slope : slope).toFixed(2)} over L = ${used[n - tail]}..${used[n - 1]}, but no derived form decides it: not a refutation`,
    };
  }
  const cmax = lowerClaim ? Math.min(...shown) : Math.max(...shown);
  return {
    ...base, verdict: 'consistent', Ls: used, constants: shown, decided: decided(used), firstFailingL: null, confirmation: null,
    how: `${claim.exists} = ${cmax.toPrecision(6)} works for L = ${used[0]}..${used[n - 1]}${symbolic !== null ? ` and the derived forms' exponents do not grow (difference ${fmtExp(symbolic)})` : ''} (sampled, not every L)`,
  };
}

function trend(lower: boolean, c: string): string {
  return lower ? `the largest working ${c} shrinks to 0` : `the smallest working ${c} grows without bound`;
}

function fmtExp(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(3);
}

/** The result of a random search. */
/** The classes a random search draws from: the model classes and `two-bath` (as `verify --class`). */
export type SearchClass = ModelClass | 'two-bath';

export interface SearchResult {
  readonly runs: number;
  readonly seed: number;
  readonly classes: readonly SearchClass[];
  readonly L: readonly [number, number];
  readonly counterexample: Counterexample | null;
  /**
   * For `exists c` claims: at each L, the critical constant of the hardest sampled model where some c
   * in [1e-12, 1e12] works: the largest smallest-working c (the smallest largest-working c for a
   * lower bound, `abs(J) >= c*L`); always finite. L where no such c works for some model are in
   * `noConstant`.
   */
  readonly largestConstant: Readonly<Record<number, number>>;
  /**
   * For `exists c` claims only: at each L, how many sampled models admit no c in [1e-12, 1e12] (no
   * finite witness: the claim needs a constant beyond that range there, or fails for every c > 0).
   */
  readonly noConstant?: Readonly<Record<number, number>>;
  /** For `exists c` claims only: whether a smaller c helps (`abs(J) >= c*L`), so `largestConstant` holds largest working constants. */
  readonly lowerBound?: boolean;
}

/**
 * Random search over model classes; a failing model is shrunk by fast-check to a minimal one.
 * `two-bath` draws steady states between a hot and a cold bath at L up to min(3, max L), as `verify` does.
 */
export function searchClaim(claim: Claim, opts: { classes: readonly SearchClass[]; L: readonly [number, number]; runs: number; seed: number }): SearchResult {
  const modelClasses = opts.classes.filter((c): c is ModelClass => c !== 'two-bath');
  const arbs: fc.Arbitrary<ModelSample>[] = modelClasses.length ? [modelArbitrary({ classes: modelClasses, L: opts.L })] : [];
  if (opts.classes.includes('two-bath')) arbs.push(twoBathArbitrary(Math.min(3, opts.L[1])));
  const arb = arbs.length === 1 ? arbs[0] : fc.oneof(...arbs);
  const largest: Record<number, number> = {};
  const badness: Record<number, number> = {};
  const noConstant: Record<number, number> = {};
  let lowerBound = false;
  const judged = (s: ModelSample): { inst: ReturnType<typeof instanceOf>; values: Map<string, Bounded>; at: ClaimAt | null } | null => {
    const inst = instanceOf(s);
    try {
      if (claim.exists) return { inst, values: claimScope(floatReport(inst.model, inst.L), inst.L, inst.model), at: null };
      return { inst, ...claimAtModel(claim, inst.model, inst.L) };
    } catch (err) {
      if (isClaimError(err)) throw err;
      if (err instanceof InputError) return null; // a sample the engines cannot compute (e.g. a steady state that is not unique)
      throw err;
    }
  };
  const holds = (s: ModelSample): boolean => {
    const v = judged(s);
    if (!v) return true;
    if (claim.exists) {
      const k = criticalConstant(claim, v.values);
      if (k.badness === Infinity) noConstant[s.L] = (noConstant[s.L] ?? 0) + 1;
      else if (!(badness[s.L] >= k.badness)) { badness[s.L] = k.badness; largest[s.L] = k.value; }
      lowerBound ||= k.lower;
      return true;
    }
    return v.at!.verdict !== 'fails';
  };
  const details = fc.check(fc.property(arb, holds), { seed: opts.seed, numRuns: opts.runs });
  // A claim that cannot be evaluated on a sample (abs(log(0)): its own domain error) fails the
  // property by throwing, not by a counterexample; so does every failure of an 'exists' claim (its
  // property holds whenever it returns). Such an error is reported as it is (a claim error: exit 2).
  if (details.failed && (claim.exists || isClaimError(details.errorInstance))) throw details.errorInstance;
  let counterexample: Counterexample | null = null;
  if (details.failed && details.counterexample) {
    const [s] = details.counterexample;
    const v = judged(s)!;
    const at = v.at!;
    counterexample = {
      source: 'random', model: `${s.name}.yaml`, modelText: modelFileText(s), L: s.L,
      state: v.inst.model.state?.text ?? 'ground', numbers: numbersOf(v.values, at),
      how: `random search, seed ${opts.seed}, shrunk in ${details.numShrinks} steps`,
    };
  }
  return { runs: details.numRuns, seed: opts.seed, classes: opts.classes, L: opts.L, counterexample, largestConstant: largest, ...(claim.exists ? { noConstant, lowerBound } : {}) };
}
