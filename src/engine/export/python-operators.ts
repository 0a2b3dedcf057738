/**
 * Operators as QuTiP constructions: each product term of an operator at L (numeric/opsum) becomes
 * `c * qt.tensor(F_0, ..., F_{L-1})` with one factor per site, site 0 leftmost (heatbound's basis
 * order, which is QuTiP's `tensor` order). Factors are the script's one-qubit names when the local
 * matrix is a multiple of one (the multiple moves into the coefficient), else their Pauli expansion.
 */
import type { Local, OpSum, ProductTerm } from '../../numeric/index.js';
import { pyComplex, pyFloat } from './python-literals.js';

/** The one-qubit operators the script defines, in the basis (u, d) = (basis(2,0), basis(2,1)). */
const named: readonly { readonly name: string; readonly m: readonly number[] }[] = [
  { name: 'X', m: [0, 0, 1, 0, 1, 0, 0, 0] },
  { name: 'Y', m: [0, 0, 0, -1, 0, 1, 0, 0] },
  { name: 'Z', m: [1, 0, 0, 0, 0, 0, -1, 0] },
  { name: 'Sp', m: [0, 0, 1, 0, 0, 0, 0, 0] },
  { name: 'Sm', m: [0, 0, 0, 0, 1, 0, 0, 0] },
  { name: 'N', m: [1, 0, 0, 0, 0, 0, 0, 0] },
  { name: 'Nd', m: [0, 0, 0, 0, 0, 0, 1, 0] },
  { name: 'I2', m: [1, 0, 0, 0, 0, 0, 1, 0] },
];

type C = [number, number];
const cmul = (a: C, b: C): C => [a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]];
const cdiv = (a: C, b: C): C => {
  const d = b[0] * b[0] + b[1] * b[1];
  return [(a[0] * b[0] + a[1] * b[1]) / d, (a[1] * b[0] - a[0] * b[1]) / d];
};

/** `m = lambda * B` for a named B (exactly, up to round-off of the entries), or null. */
function asNamed(m: Local): { name: string; factor: C } | null {
  const scale = Math.max(...Array.from(m, Math.abs));
  for (const b of named) {
    const e = [0, 1, 2, 3].find((q) => b.m[2 * q] !== 0 || b.m[2 * q + 1] !== 0)!;
    const lambda = cdiv([m[2 * e], m[2 * e + 1]], [b.m[2 * e], b.m[2 * e + 1]]);
    let ok = true;
    for (let q = 0; q < 4 && ok; q++) {
      const [vr, vi] = cmul(lambda, [b.m[2 * q], b.m[2 * q + 1]]);
      ok = Math.abs(vr - m[2 * q]) <= 1e-15 * scale && Math.abs(vi - m[2 * q + 1]) <= 1e-15 * scale;
    }
    if (ok) return { name: b.name, factor: lambda };
  }
  return null;
}

/** The Pauli expansion a I2 + b X + c Y + d Z of a local matrix, as Python text. */
function pauliText(m: Local): string {
  const e = (q: number): C => [m[2 * q], m[2 * q + 1]];
  const half = (x: C): C => [x[0] / 2, x[1] / 2];
  const [m00, m01, m10, m11] = [e(0), e(1), e(2), e(3)];
  const parts: [C, string][] = [
    [half([m00[0] + m11[0], m00[1] + m11[1]]), 'I2'],
    [half([m01[0] + m10[0], m01[1] + m10[1]]), 'X'],
    // c = i (m01 - m10) / 2
    [half([-(m01[1] - m10[1]), m01[0] - m10[0]]), 'Y'],
    [half([m00[0] - m11[0], m00[1] - m11[1]]), 'Z'],
  ];
  const text = parts.filter(([c]) => c[0] !== 0 || c[1] !== 0).map(([c, n]) => `${pyComplex(c[0], c[1])}*${n}`);
  return `(${text.join(' + ')})`;
}

/** One product term as a coefficient and the Python text of its operator. */
function termText(t: ProductTerm, L: number): { coef: C; op: string } {
  let coef: C = [t.cr, t.ci];
  const factors = Array.from({ length: L }, () => 'I2');
  t.sites.forEach((s, q) => {
    const hit = asNamed(t.mats[q]);
    if (hit) { factors[s] = hit.name; coef = cmul(coef, hit.factor); }
    else factors[s] = pauliText(t.mats[q]);
  });
  const op = factors.every((f) => f === 'I2') ? 'Id' : `qt.tensor(${factors.join(', ')})`;
  return { coef, op };
}

/**
 * The operator as a Python expression over the script's names (`qt`, `I2 X Y Z Sp Sm N Nd`, `Id`),
 * one product term per line when there are several.
 *
 * @example
 * opSumToPython(evalOperator(origin, parseExpr('Z[0]*Z[1]'), scope, 3))
 * // 'qt.tensor(Z, Z, I2)'
 */
export function opSumToPython(op: OpSum, indent = '    '): string {
  if (op.terms.length === 0) return '0 * Id';
  const lines = op.terms.map((t, i) => {
    const { coef, op: text } = termText(t, op.L);
    if (coef[1] === 0) {
      const neg = coef[0] < 0 || Object.is(coef[0], -0);
      const mag = Math.abs(coef[0]) === 1 ? '' : `${pyFloat(Math.abs(coef[0]))} * `;
      if (i === 0) return `${neg ? '-' : ''}${mag}${text}`;
      return `${neg ? '-' : '+'} ${mag}${text}`;
    }
    if (coef[0] === 0) {
      const neg = coef[1] < 0;
      const mag = `${pyFloat(Math.abs(coef[1]))}j * `;
      return i === 0 ? `${neg ? '-' : ''}${mag}${text}` : `${neg ? '-' : '+'} ${mag}${text}`;
    }
    return `${i === 0 ? '' : '+ '}${pyComplex(coef[0], coef[1])} * ${text}`;
  });
  if (lines.length === 1) return lines[0];
  return `(\n${lines.map((l) => indent + l).join('\n')}\n)`;
}
