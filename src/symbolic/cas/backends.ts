/**
 * The only code that talks to nerdamer and algebrite. A call renames every variable to a neutral
 * alias (v0, v1, ...), sends fully parenthesised exact text, catches whatever the library throws
 * or returns as an error string, reads the answer back with our parser (rejecting names and
 * decimals we did not send) and cleans the library's global state afterwards. Answers that should
 * equal the input are checked numerically before anyone sees them.
 */
import { createRequire } from 'node:module';
import { add, call, type Expr, mul, num, pow, sym, variables } from './ast.js';
import { compareNumerically } from './approx.js';
import { parse } from './parse.js';
import { printForLibrary } from './print-text.js';

/** What we ask of a library. The first three preserve the value; numerator/denominator split it. */
export type Op = 'simplify' | 'expand' | 'factor' | 'numerator' | 'denominator';

/** One library: library text in, library text out. May throw; missing ops are unsupported. */
export interface Backend {
  readonly name: string;
  readonly ops: Readonly<Partial<Record<Op, (text: string) => string>>>;
}

export interface Backends {
  readonly nerdamer: Backend;
  readonly algebrite: Backend;
}

interface NerdamerLib {
  (text: string): { toString(): string };
  flush(): unknown;
}

interface AlgebriteLib {
  run(text: string): string;
  clearall(): void;
}

const requireCjs = createRequire(import.meta.url);
let nerdamerLib: NerdamerLib | undefined;
let algebriteLib: AlgebriteLib | undefined;

function nerdamer(): NerdamerLib {
  if (!nerdamerLib) {
    const lib = requireCjs('nerdamer') as NerdamerLib;
    // Without Algebra.js, nerdamer reads factor(x) as the product x*factor and says nothing.
    requireCjs('nerdamer/Algebra.js');
    nerdamerLib = lib;
  }
  return nerdamerLib;
}

function algebrite(): AlgebriteLib {
  algebriteLib ??= requireCjs('algebrite') as AlgebriteLib;
  return algebriteLib;
}

function viaNerdamer(fn: string): (text: string) => string {
  return (text) => {
    const lib = nerdamer();
    try {
      return lib(`${fn}(${text})`).toString();
    } finally {
      lib.flush(); // nerdamer keeps every parsed expression in a global list
    }
  };
}

function viaAlgebrite(fn: string): (text: string) => string {
  return (text) => {
    const lib = algebrite();
    // clearall drops assignments and `last`, which algebrite would otherwise substitute later.
    lib.clearall();
    try {
      const out = lib.run(`${fn}(${text})`);
      if (/Stop|\?|nil/.test(out)) throw new Error(`algebrite: ${out}`);
      return out;
    } finally {
      lib.clearall();
    }
  };
}

/** The real libraries. */
export const defaultBackends: Backends = Object.freeze({
  nerdamer: { name: 'nerdamer', ops: { simplify: viaNerdamer('simplify'), expand: viaNerdamer('expand'), factor: viaNerdamer('factor') } },
  algebrite: {
    name: 'algebrite',
    ops: {
      simplify: viaAlgebrite('simplify'), expand: viaAlgebrite('expand'),
      numerator: viaAlgebrite('numerator'), denominator: viaAlgebrite('denominator'),
    },
  },
});

/** Answers by library, op and text: the libraries are deterministic and slow (algebrite ~30 ms). */
const answers = new WeakMap<Backend, Map<string, string | Error>>();
const MAX_CACHED = 2000;

function cached(backend: Backend, op: Op, text: string, fn: (text: string) => string): string {
  let memo = answers.get(backend);
  if (!memo) answers.set(backend, (memo = new Map()));
  const key = `${op}(${text})`;
  let out = memo.get(key);
  if (out === undefined) {
    try { out = fn(text); } catch (e) { out = e instanceof Error ? e : new Error(String(e)); }
    if (memo.size >= MAX_CACHED) memo.clear();
    memo.set(key, out);
  }
  if (out instanceof Error) throw out;
  return out;
}

const VALUE_PRESERVING: ReadonlySet<Op> = new Set(['simplify', 'expand', 'factor']);

/**
 * Runs one library operation on a tree. Null when the library lacks the op, throws, answers with
 * an error, answers with something we cannot read exactly, or (for value-preserving ops) answers
 * with something that differs numerically from the input.
 */
export function runOp(backend: Backend, op: Op, e: Expr): Expr | null {
  const fn = backend.ops[op];
  if (!fn || tooLarge(e)) return null;
  const names = variables(e);
  const alias = new Map(names.map((n, i) => [n, `v${i}`]));
  const back = new Map(names.map((n, i) => [`v${i}`, sym(n)]));
  let result: Expr;
  try {
    const out = cached(backend, op, printForLibrary(e, (n) => alias.get(n)!), fn);
    // After aliasing, `e` can only be Euler's number.
    result = fromLibrary(parse(out, { exactOnly: true, resolve: (n) => back.get(n) ?? (n === 'e' ? call('exp', num(1)) : null) }));
  } catch {
    return null;
  }
  if (VALUE_PRESERVING.has(op) && compareNumerically(result, e, names).verdict !== 'equal') return null;
  // nerdamer's factor may turn exp(x) into 325368125^x*119696244^(-x): e to 16 digits, which no
  // numeric check can see. A number to a symbolic power must already be in the input.
  const allowed = numberBases(e);
  return [...numberBases(result)].every((n) => allowed.has(n)) ? result : null;
}

/** Integer powers beyond which the libraries are not asked: nerdamer spends seconds on (2*x)^100000. */
const MAX_LIBRARY_POWER = 64;
/** Digits beyond which a number is not sent (exponent-sized numbers slow both libraries down). */
const MAX_LIBRARY_DIGITS = 100;

function tooLarge(e: Expr): boolean {
  switch (e.kind) {
    case 'num': return e.value.num.toString().length + e.value.den.toString().length > MAX_LIBRARY_DIGITS;
    case 'sym': return false;
    case 'add': return e.terms.some(tooLarge);
    case 'mul': return e.factors.some(tooLarge);
    case 'call': return tooLarge(e.arg);
    case 'pow': return (e.exp.kind === 'num' && Math.abs(e.exp.value.toNumber()) > MAX_LIBRARY_POWER) || tooLarge(e.base) || tooLarge(e.exp);
  }
}

/** The numbers raised to non-numeric powers in e (2 in 2^L). */
function numberBases(e: Expr, out = new Set<string>()): Set<string> {
  switch (e.kind) {
    case 'num': case 'sym': break;
    case 'add': e.terms.forEach((t) => numberBases(t, out)); break;
    case 'mul': e.factors.forEach((f) => numberBases(f, out)); break;
    case 'call': numberBases(e.arg, out); break;
    case 'pow':
      if (e.base.kind === 'num' && e.exp.kind !== 'num') out.add(e.base.value.toString());
      numberBases(e.base, out);
      numberBases(e.exp, out);
  }
  return out;
}

/** nerdamer writes exp(x) as e^x: back to exp(x), since (e^a)^b = e^(a*b) for real a, b. */
function fromLibrary(e: Expr): Expr {
  switch (e.kind) {
    case 'num': case 'sym': return e;
    case 'add': return add(...e.terms.map(fromLibrary));
    case 'mul': return mul(...e.factors.map(fromLibrary));
    case 'call': return call(e.fn, fromLibrary(e.arg));
    case 'pow': {
      const base = fromLibrary(e.base), exp = fromLibrary(e.exp);
      return base.kind === 'call' && base.fn === 'exp' ? call('exp', mul(base.arg, exp)) : pow(base, exp);
    }
  }
}
