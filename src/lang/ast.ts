/**
 * The abstract syntax of the heatbound model language (v1).
 *
 * Plain, serialisable data: every node carries a {@link Span}. The same node types serve scalar
 * expressions, operator expressions and state expressions; which one an expression is, is decided by
 * the checker (`check.ts`) from the key it came from.
 */

/** Where a node stands: offsets into the expression text, and its absolute line:column in the file. */
export interface Span {
  /** Offset of the first character within the expression's own text. */
  readonly start: number;
  /** Offset one past the last character within the expression's own text. */
  readonly end: number;
  /** 1-based line of the first character in the model file (or 1 for command-line text). */
  readonly line: number;
  /** 1-based column of the first character in the model file. */
  readonly column: number;
}

/** A numeric literal, kept as written so that decimals stay exact (0.1 is 1/10). */
export interface NumNode {
  readonly kind: 'num';
  readonly text: string;
  readonly span: Span;
}

/** A string literal (only `basis("uudd")` takes one). */
export interface StrNode {
  readonly kind: 'str';
  readonly value: string;
  readonly span: Span;
}

/**
 * A bare name: a param, `L`, a bound index, `pi`, `im`, `Id`, a collective operator
 * (`Jx Jy Jz Jp Jm`) or a state keyword (`up down ground top ghz w steady`).
 */
export interface NameNode {
  readonly kind: 'name';
  readonly name: string;
  readonly span: Span;
}

/** The qubit site operators of model-language.md (v1; in v2 also on spin-1/2 sites). */
export type QubitOpName = 'X' | 'Y' | 'Z' | 'Sp' | 'Sm' | 'N';

/**
 * The site operators of model-language.md: v1's qubit operators, and v2's spin-s operators
 * (`Sx Sy Sz Sp Sm`, with `Sp`/`Sm` the spin ladders, equal to v1's |u><d|, |d><u| at s = 1/2), the
 * level projector `P[i,j]` (|i><j|, any species) and the mode operators `a adag n` (boson species).
 */
export type SiteOpName = QubitOpName | 'Sx' | 'Sy' | 'Sz' | 'P' | 'a' | 'adag' | 'n';

/**
 * A site operator applied at an index expression: `X[k]`, `Sp[(k+1)%L]`, `P[0,2][k]`, `a[j]`, or a
 * bare mode operator `a` of a boson species (v2), which the parser gives the index `0` (a number
 * node with the name's span): `a` is `a[0]`. Which species a v2 operator acts on is decided from its
 * name (`speciesOf` in `sites.ts`), not written.
 */
export interface SiteNode {
  readonly kind: 'site';
  readonly op: SiteOpName;
  /** The site index within the operator's species (0-based). */
  readonly index: Expr;
  /** `P[i,j]`: the levels i and j (index expressions, 0-based), |i><j|; absent for every other operator. */
  readonly levels?: readonly [Expr, Expr];
  readonly span: Span;
}

/** `-e` or `+e`. */
export interface UnaryNode {
  readonly kind: 'unary';
  readonly op: '-' | '+';
  readonly arg: Expr;
  readonly span: Span;
}

export type BinaryOp = '+' | '-' | '*' | '/' | '^' | '%';

/** A binary operation. `*` is the ordered product for operators; `%` only in index arithmetic. */
export interface BinaryNode {
  readonly kind: 'binary';
  readonly op: BinaryOp;
  readonly left: Expr;
  readonly right: Expr;
  readonly span: Span;
  /** Where the operator symbol itself stands (set by the parser; optional for hand-built trees). */
  readonly opSpan?: Span;
}

/**
 * A call: scalar functions (`sqrt exp log sin cos abs floor ceil min max`), `dag`, the states
 * (`dicke product basis thermal random mixed mix steady`), and the binders `sum` and `prod`, which are
 * parsed into {@link BinderNode} instead.
 */
export interface CallNode {
  readonly kind: 'call';
  readonly fn: string;
  readonly args: readonly Expr[];
  readonly span: Span;
}

/** `sum(k, e)`, `sum(k, a, b, e)`, `prod(k, e)`, `prod(k, a, b, e)`. Without bounds: k = 0..L-1. */
export interface BinderNode {
  readonly kind: 'binder';
  readonly fn: 'sum' | 'prod';
  readonly index: string;
  readonly indexSpan: Span;
  readonly from: Expr | null;
  readonly to: Expr | null;
  readonly body: Expr;
  readonly span: Span;
}

export type Expr = NumNode | StrNode | NameNode | SiteNode | UnaryNode | BinaryNode | CallNode | BinderNode;
