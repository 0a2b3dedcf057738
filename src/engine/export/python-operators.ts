/**
 * Operators as QuTiP constructions: each product term of an operator at L (numeric/opsum) becomes
 * `c * qt.tensor(F_0, ..., F_{L-1})` with one factor per site, site 0 leftmost (heatbound's basis
 * order, which is QuTiP's `tensor` order). Factors are the script's one-qubit names when the local
 * matrix is a multiple of one (the multiple moves into the coefficient), else their Pauli expansion.
 */
import { bosonMatrices, levelProjector, spinMatrices, type Local, type OpSum, type ProductTerm } from '../../numeric/index.js';
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

/** A site of v2 `sites:` as the script names its operators: its kind, dimension and (spin) 2s. */
export interface PySite {
  readonly kind: 'spin' | 'levels' | 'boson';
  readonly dim: number;
  readonly twoS: number;
}

/** QuTiP's one-site operators of a site of dimension d > 2, by the Python text that makes them. */
function namedOf(site: PySite): { name: string; m: Local }[] {
  const d = site.dim;
  const out: { name: string; m: Local }[] = [];
  if (site.kind === 'spin') {
    const s = site.twoS % 2 === 0 ? String(site.twoS / 2) : `${site.twoS}/2`;
    const j = spinMatrices(site.twoS);
    out.push({ name: `qt.jmat(${s}, 'z')`, m: j.Sz }, { name: `qt.jmat(${s}, 'x')`, m: j.Sx }, { name: `qt.jmat(${s}, 'y')`, m: j.Sy },
      { name: `qt.jmat(${s}, '+')`, m: j.Sp }, { name: `qt.jmat(${s}, '-')`, m: j.Sm });
  }
  if (site.kind === 'boson') {
    const b = bosonMatrices(d);
    out.push({ name: `qt.destroy(${d})`, m: b.a }, { name: `qt.create(${d})`, m: b.adag }, { name: `qt.num(${d})`, m: b.n });
  }
  return out;
}

/** `m = lambda * B` for B of the same dimension among `named` (within round-off of the entries), or null. */
function asNamedIn(m: Local, named: readonly { name: string; m: Local }[]): { name: string; factor: C } | null {
  const scale = Math.max(...Array.from(m, Math.abs));
  for (const b of named) {
    if (b.m.length !== m.length) continue;
    let e = -1;
    for (let q = 0; q < m.length / 2; q++) if (b.m[2 * q] !== 0 || b.m[2 * q + 1] !== 0) { e = q; break; }
    if (e < 0) continue;
    const lambda = cdiv([m[2 * e], m[2 * e + 1]], [b.m[2 * e], b.m[2 * e + 1]]);
    let ok = true;
    for (let q = 0; q < m.length / 2 && ok; q++) {
      const [vr, vi] = cmul(lambda, [b.m[2 * q], b.m[2 * q + 1]]);
      ok = Math.abs(vr - m[2 * q]) <= 1e-15 * scale && Math.abs(vi - m[2 * q + 1]) <= 1e-15 * scale;
    }
    if (ok) return { name: b.name, factor: lambda };
  }
  return null;
}

/** A local matrix of dimension d > 2 as Python: a multiple of a QuTiP operator, |i><j|, or its entries. */
function localText(m: Local, site: PySite): { coef: C; text: string } {
  const d = site.dim;
  const hit = asNamedIn(m, namedOf(site));
  if (hit) return { coef: hit.factor, text: hit.name };
  const nonzero: number[] = [];
  for (let q = 0; q < d * d; q++) if (m[2 * q] !== 0 || m[2 * q + 1] !== 0) nonzero.push(q);
  if (nonzero.length === 1) {
    const q = nonzero[0], i = Math.floor(q / d), j = q % d;
    const proj = asNamedIn(m, [{ name: `qt.basis(${d}, ${i}) * qt.basis(${d}, ${j}).dag()`, m: levelProjector(d, i, j) }])!;
    return { coef: proj.factor, text: proj.name };
  }
  const rows = Array.from({ length: d }, (_, r) => `[${Array.from({ length: d }, (_, c) => pyComplex(m[2 * (r * d + c)], m[2 * (r * d + c) + 1])).join(', ')}]`);
  return { coef: [1, 0], text: `qt.Qobj(np.array([${rows.join(', ')}]))` };
}

/** One product term as a coefficient and the Python text of its operator (v2 sites: `sites`, one per site). */
function termText(t: ProductTerm, L: number, sites?: readonly PySite[]): { coef: C; op: string } {
  let coef: C = [t.cr, t.ci];
  const factors = Array.from({ length: L }, (_, g) => (sites && sites[g].dim !== 2 ? `qt.qeye(${sites[g].dim})` : 'I2'));
  t.sites.forEach((s, q) => {
    if (sites && sites[s].dim !== 2) {
      const x = localText(t.mats[q], sites[s]);
      factors[s] = x.text; coef = cmul(coef, x.coef);
      return;
    }
    const hit = asNamed(t.mats[q]);
    if (hit) { factors[s] = hit.name; coef = cmul(coef, hit.factor); }
    else factors[s] = pauliText(t.mats[q]);
  });
  if (sites && t.sites.length === 0) return { coef, op: 'Id' };
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
export function opSumToPython(op: OpSum, indent = '    ', sites?: readonly PySite[]): string {
  if (op.terms.length === 0) return '0 * Id';
  const lines = op.terms.map((t, i) => {
    const { coef, op: text } = termText(t, op.L, sites);
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
