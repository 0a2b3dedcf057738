/**
 * The built-in names of the model language (model-language.md), in one place so that the checker,
 * the loader and the error messages agree on them.
 */
import type { QubitOpName, SiteOpName } from './ast.js';

/**
 * Site operators of every model, written with an index: `X[k]`, `Sz[k]`, and the level projector
 * `P[i,j][k]`. They are built-in names everywhere (no param or index may take them); which species
 * each acts on is `speciesOf`'s question (`sites.ts`).
 */
export const SITE_OPS: readonly SiteOpName[] = ['X', 'Y', 'Z', 'Sp', 'Sm', 'N', 'Sx', 'Sy', 'Sz', 'P'];

/**
 * The mode operators of a boson species (v2): `a[j]`, `adag[j]`, `n[j]`, and bare `a`, `adag`, `n`
 * for index 0. With an index they are always parsed as site operators; bare, and as reserved names,
 * only in a model with a boson species: elsewhere `a`, `adag`, `n` are ordinary names (a v1 param `n`
 * keeps working).
 */
export const MODE_OPS: readonly SiteOpName[] = ['a', 'adag', 'n'];

/** Collective operators and the identity: operator-valued names. */
export const OPERATOR_NAMES: readonly string[] = ['Id', 'Jx', 'Jy', 'Jz', 'Jp', 'Jm'];

/** Scalar constants: pi and the imaginary unit. */
export const SCALAR_CONSTANTS: readonly string[] = ['pi', 'im'];

/** The number of sites; a scalar and an index. */
export const SIZE_NAME = 'L';

/** The bath frequency, available only in a custom spectrum's `gamma`. */
export const FREQUENCY_NAME = 'w';

/** Scalar functions of one argument. */
export const UNARY_FUNCTIONS: readonly string[] = ['sqrt', 'exp', 'log', 'sin', 'cos', 'abs', 'floor', 'ceil'];

/** Scalar functions of two or more arguments. */
export const VARIADIC_FUNCTIONS: readonly string[] = ['min', 'max'];

/** The adjoint, the one operator function. */
export const ADJOINT_FUNCTION = 'dag';

/** The binders `sum` and `prod`. */
export const BINDERS: readonly ('sum' | 'prod')[] = ['sum', 'prod'];

/** State keywords: `state: ground`. */
export const STATE_KEYWORDS: readonly string[] = ['up', 'down', 'ground', 'top', 'ghz', 'w', 'steady'];

/** State constructors and their number of arguments. */
export const STATE_FUNCTIONS: Readonly<Record<string, number>> = {
  dicke: 1,
  product: 2,
  basis: 1,
  thermal: 1,
  random: 1,
  mixed: 1,
  mix: 3,
  steady: 1,
};

/** Every state form, as listed in error messages. */
export const STATE_FORMS =
  'up, down, ground, top, ghz, w, steady, dicke(n), product(theta, phi), basis("ud..."), thermal(T), random(seed), mixed(seed), mix(p, s1, s2), steady(S)';

/** True when `name` is a binder (`sum`, `prod`). */
export function isBinderName(name: string): name is 'sum' | 'prod' {
  return name === 'sum' || name === 'prod';
}

/** True when `op` is one of v1's qubit operators (`X Y Z Sp Sm N`), the ones every engine evaluates. */
export function isQubitOp(op: SiteOpName): op is QubitOpName {
  return op === 'X' || op === 'Y' || op === 'Z' || op === 'Sp' || op === 'Sm' || op === 'N';
}

/** True when `name` is a site operator of every model (`X Y Z Sp Sm N Sx Sy Sz P`). */
export function isSiteOp(name: string): name is SiteOpName {
  return (SITE_OPS as readonly string[]).includes(name);
}

/** True when `name` is a mode operator (`a adag n`), a site operator where the model has a boson species. */
export function isModeOp(name: string): name is 'a' | 'adag' | 'n' {
  return (MODE_OPS as readonly string[]).includes(name);
}

/** True when `name` is written with an index `[..]` as a site operator (`X[k]`, `P[0,1][k]`, `a[0]`). */
export function takesSiteIndex(name: string): name is SiteOpName {
  return isSiteOp(name) || isModeOp(name);
}

/** True when `name` is a function of any kind (scalar, operator, binder or state). */
export function isFunctionName(name: string): boolean {
  return (
    UNARY_FUNCTIONS.includes(name) ||
    VARIADIC_FUNCTIONS.includes(name) ||
    name === ADJOINT_FUNCTION ||
    isBinderName(name) ||
    Object.hasOwn(STATE_FUNCTIONS, name)
  );
}

/**
 * The site operators that v2 added to every model (`Sx Sy Sz P`): built-in names in a model with
 * `sites:`; in a v1 file (no `sites:`) a param or bound index of that name is allowed and wins, as
 * before v2, so v1 files keep working (`P[i,j][k]` and `Sx[k]` are operators there only where the
 * name is not a param or index).
 */
export const V2_SITE_OPS: readonly SiteOpName[] = ['Sx', 'Sy', 'Sz', 'P'];

/**
 * True when `name` is taken by the language, so no param or bound index may use it:
 * `L`, `pi`, `im`, `w`, `Id`, `J*`, the site operators, functions and state keywords. With `v2`
 * (a model with `sites:`) also {@link V2_SITE_OPS}.
 */
export function isReservedName(name: string, v2 = false): boolean {
  return (
    name === SIZE_NAME ||
    name === FREQUENCY_NAME ||
    SCALAR_CONSTANTS.includes(name) ||
    OPERATOR_NAMES.includes(name) ||
    (isSiteOp(name) && (v2 || !V2_SITE_OPS.includes(name))) ||
    isFunctionName(name) ||
    STATE_KEYWORDS.includes(name)
  );
}

/** An identifier as the tokenizer reads it. */
export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
