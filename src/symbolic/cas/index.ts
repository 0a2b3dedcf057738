/**
 * The computer-algebra wrapper: the only door to nerdamer and algebrite. Everything else in
 * heatbound passes expression text in and gets text, numbers or verdicts out, never a library
 * object, error or quirk.
 *
 * Input language: `+ - * / ^`, parentheses, numbers (decimals are exact: 0.1 is 1/10), variables
 * `[A-Za-z][A-Za-z0-9_]*` and `exp sqrt log abs floor` (log is natural). `^` is right-associative
 * and binds tighter than unary minus; there is no implicit multiplication. `L` is the size; every
 * other variable is a param, a positive real. `e`, `pi`, `E`, `i`, `gamma` are plain variables.
 *
 * How it works: our parser reads the text into a plain tree; the libraries see it with variables
 * renamed to neutral aliases (v0, v1, ...) and fully parenthesised exact numbers; their answers
 * are read back by the same parser and accepted only if they equal the input at seeded random
 * positive points within round-off (approx.ts). Text and LaTeX are printed by our own printers.
 *
 * Library quirks found (nerdamer 1.1.13, algebrite 1.4.0) and how the wrapper avoids them:
 * 1. nerdamer returns wrong answers without a word: simplify(1/L + 1/(L+1)) = (1+2L)(1+L)L,
 *    simplify((x+1)/(x^2-1)) = (x-1)(x+1)^2, simplify(log(L*g)) = log(L*g)^2,
 *    factor((L+2)/(4L) - 1/4) = L/2, factor(g L^2 - g w0 L^3 exp(-L w0/T)) drops the exp,
 *    factor of a polynomial that expands to 0 is 1, gcd(a x^2 - a, b x + b) = 1.
 *    -> Every answer that should equal its input is checked against it by float evaluation at
 *    seeded random positive points (tight, round-off-based tolerance) and dropped if it differs.
 * 2. nerdamer's factor(1 - x*exp(-x)) writes exp(-x) as 325368125^(-x)*119696244^x: e to 16
 *    digits, which no float check can see. -> A number raised to a symbolic power in an answer
 *    must already be in the input.
 * 3. nerdamer reads 0.000000001 as 1/999999999; algebrite reads 1e-3 as 1*e - 3 and keeps
 *    decimals as floats. -> Decimals are parsed by us as exact rationals and sent as fractions;
 *    answers with decimals are rejected.
 * 4. nerdamer does not take common factors out of multivariate polynomials
 *    (-g w0 L^2/4 - g w0 L/2 + 3 g w0/4 comes back as is); algebrite's factor(p, x) does, but
 *    took 7 s on x^6 - y^6. -> We take out the rational and monomial content exactly, nerdamer
 *    factors the rest; rational functions are split by algebrite's numerator/denominator, each
 *    side factored, and common factors cancelled by us.
 * 5. nerdamer without Algebra.js reads factor(x) as the product x*factor. -> Algebra.js is loaded.
 * 6. nerdamer keeps every parsed expression in a global list. -> flush() after each call.
 *    algebrite keeps assignments and `last` (substituted into later input). -> clearall()
 *    before and after each call. Neither library's settings or variables are touched.
 * 7. Names: nerdamer reads `E` as an approximation of Euler's number and `e`, `pi` as constants,
 *    reserves `gamma`, `erf`, `Si`, `step`, `sign`, ... (gamma(w0)*gamma comes back as
 *    gamma^2*w0); in algebrite `i` is the imaginary unit (i^2 = -1), `d` the derivative.
 *    -> Variables are sent as neutral aliases (v0, v1, ...) and mapped back; in answers `e` is
 *    Euler's number and any other unknown name rejects the answer.
 * 8. Errors: nerdamer throws (Division by zero not allowed!); algebrite returns them as text
 *    ("Stop: syntax error"). -> Both are failures of that call; the public functions fall back
 *    (input text, 'unknown', or the numeric route) and never throw a library error.
 * 9. Output: nerdamer prints exp(x) as e^x, 1/sqrt(x) as sqrt(x)^(-1), L+1 as 1+L, and its toTeX
 *    puts \cdot everywhere and leaves w0 unsubscripted; algebrite's printlatex juxtaposes names
 *    (L g w0 -> `Lgw0`). -> Answers are read into our tree and printed by our printers.
 * 10. nerdamer's limit leaves -Infinity*g unresolved and returns limits with exp unevaluated.
 *    -> Our leading-term analysis, verified numerically at L = 1e6, 1e7.
 * 11. algebrite's simplify takes ~0.1 s on small rational functions and its first call ~0.2 s.
 *    -> It is the last resort for simplify and expand; answers are cached per library and text.
 * 12. Neither library knows that params are positive: sqrt(L^2) stays abs(L). -> Numeric checks
 *    sample positive points only; `checkEquivalent` reports when the routes disagree.
 *
 * Synchronous library calls cannot be interrupted: powers above 64 and numbers of more than 100
 * digits are therefore not sent (nerdamer spent 5 s on (2*x)^100000); other large inputs can be slow.
 */
import { makeCas } from './api.js';
import type { LeadingTerm } from './asymptotics.js';
import { defaultBackends } from './backends.js';
import type { EquivalenceCheck } from './equivalent.js';
export { CasEvaluationError, CasSyntaxError } from './errors.js';

const cas = makeCas(defaultBackends);

/**
 * A simplified, readable form: the shortest of the factored, simplified and expanded forms
 * (common factors and rational coefficients pulled out, params before L, exp last).
 *
 * @param text - an expression of the input language
 * @returns the simplified text, or `text` unchanged if no library gives a verified answer
 * @throws CasSyntaxError if `text` is not an expression of the input language
 * @example
 * simplify('-g*w0*L^2/4 - g*w0*L/2') // "-g*w0*L*(L+2)/4"
 * simplify('x/3 - x/3') // "0"
 */
export function simplify(text: string): string {
  return cas.simplify(text);
}

/**
 * The expanded form: products of sums multiplied out, terms by descending power of L.
 * `text` unchanged when no library gives a verified answer.
 *
 * @throws CasSyntaxError if `text` is not an expression of the input language
 * @example
 * expand('-g*w0*L*(L+2)/4') // "-g*w0*L^2/4 - g*w0*L/2"
 */
export function expand(text: string): string {
  return cas.expand(text);
}

/**
 * The factored form over Q: polynomials into irreducible factors with the rational content in
 * front, rational functions as factored numerator over factored denominator (common factors
 * cancelled). `text` unchanged when no library gives a verified answer.
 *
 * @throws CasSyntaxError if `text` is not an expression of the input language
 * @example
 * factor('L^2/3 + L/3') // "L*(L+1)/3"
 * factor('(x+1)/(x^2-1)') // "1/(x-1)"
 */
export function factor(text: string): string {
  return cas.factor(text);
}

/**
 * LaTeX for papers: `\frac`, juxtaposition without `\cdot`, `w0` -> `w_0`, `wc` -> `w_c`,
 * `theta` -> `\theta`, `exp(x)` -> `e^{x}`, `sqrt(x)` -> `\sqrt{x}`, `log` -> `\ln`. The
 * expression is not simplified (use `toTex(simplify(text))`); only factor and term order is fixed.
 *
 * @throws CasSyntaxError if `text` is not an expression of the input language
 * @example
 * toTex('-g*w0*L*(L+2)/4') // "-\\frac{g w_0 L (L+2)}{4}"
 * toTex('g*w0*L^3*exp(-L*w0/T)') // "g w_0 L^{3} e^{-w_0 L/T}"
 */
export function toTex(text: string): string {
  return cas.toTex(text);
}

/**
 * Symbolic equality, cross-checked: a library reduces a - b to 0 and float evaluation at seeded
 * random positive points agrees within round-off. When no library can process a - b, the
 * numeric route decides alone (see `checkEquivalent`).
 *
 * @throws CasSyntaxError if either text is not an expression of the input language
 * @example
 * equivalent('-g*w0*L*(L+2)/4', '-(g*w0/4)*L^2 - g*w0*L/2') // true
 * equivalent('L*(L+2)', 'L^2+2') // false
 */
export function equivalent(a: string, b: string): boolean {
  return cas.checkEquivalent(a, b).equivalent;
}

/**
 * `equivalent` with its evidence: which route decided (`method: 'numeric'` when no library could
 * process a - b), what each route said, and a sample point where the two differ.
 *
 * @throws CasSyntaxError if either text is not an expression of the input language
 * @example
 * checkEquivalent('exp(a)*exp(b)', 'exp(a+b)')
 * // { equivalent: true, method: 'symbolic', symbolic: 'zero', numeric: 'equal' }
 */
export function checkEquivalent(a: string, b: string): EquivalenceCheck {
  return cas.checkEquivalent(a, b);
}

/**
 * The float64 value for the given variable values (no library involved).
 *
 * @throws CasSyntaxError if `text` is not an expression of the input language
 * @throws CasEvaluationError if a variable of `text` has no value in `env`
 * @example
 * evaluate('-g*w0*L*(L+2)/4', { g: 1, w0: 2, L: 3 }) // -7.5
 */
export function evaluate(text: string, env: Readonly<Record<string, number>>): number {
  return cas.evaluate(text, env);
}

/**
 * The leading term as `variable` -> infinity of a sum of rational functions of it times
 * exp(linear in it): expr ~ coefficient * L^exponent, or for exponential cases
 * expr ~ coefficient * L^power * exp(rate * L) with exponent 'exponential-growth' or
 * 'exponential-decay' (the sign of rate for positive params). Verified numerically: expr over the
 * leading term tends to 1 at L = 1e6, 1e7 for random positive params. Anything not verified, or
 * outside that class (log L, sqrt L, ...), is `{ coefficient: 'unknown', exponent: 'unknown' }`.
 * The expression 0 has exponent -Infinity.
 *
 * @throws CasSyntaxError if `text` is not an expression of the input language
 * @example
 * leadingTerm('-g*w0*L*(L+2)/4') // { coefficient: '-g*w0/4', exponent: 2 }
 * leadingTerm('g*w0*L^3*exp(-L*w0/T)')
 * // { coefficient: 'g*w0', exponent: 'exponential-decay', power: 3, rate: '-w0/T' }
 */
export function leadingTerm(text: string, variable = 'L'): LeadingTerm {
  return cas.leadingTerm(text, variable);
}

/**
 * The limit as `variable` -> infinity, from the verified leading term: a simplified expression,
 * `'0'`, `'Infinity'`, `'-Infinity'` (by the sign of the coefficient for positive params), or
 * `'unknown'` when the leading term is unknown or its sign depends on the params.
 *
 * @throws CasSyntaxError if `text` is not an expression of the input language
 * @example
 * limitAtInfinity('(L+2)/(4*L)') // "1/4"
 * limitAtInfinity('-g*w0*L^3') // "-Infinity"
 */
export function limitAtInfinity(text: string, variable = 'L'): string {
  return cas.limitAtInfinity(text, variable);
}
