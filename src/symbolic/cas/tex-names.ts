/**
 * Variable names as a physicist types them: `w0` -> `w_0`, `wc` -> `w_c`, `theta` -> `\theta`,
 * `omega0` -> `\omega_0`, `T_hot` -> `T_{\mathrm{hot}}`; other long names go upright.
 */

const GREEK = new Set([
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'varepsilon', 'zeta', 'eta', 'theta', 'vartheta',
  'iota', 'kappa', 'lambda', 'mu', 'nu', 'xi', 'pi', 'rho', 'sigma', 'tau', 'upsilon', 'phi',
  'varphi', 'chi', 'psi', 'omega', 'Gamma', 'Delta', 'Theta', 'Lambda', 'Xi', 'Pi', 'Sigma',
  'Upsilon', 'Phi', 'Psi', 'Omega', 'hbar', 'ell',
]);

/** Longest Greek names first, so `epsilon1` is \epsilon_1 and not an `eta` variant. */
const GREEK_BY_LENGTH = [...GREEK].sort((a, b) => b.length - a.length);

const braced = (s: string): string => (s.length === 1 ? s : `{${s}}`);

function subscript(s: string): string {
  if (GREEK.has(s)) return `\\${s}`;
  if (/^\d+$/.test(s) || s.length <= 2) return braced(s);
  return `{\\mathrm{${s}}}`;
}

/**
 * The LaTeX of a variable name.
 *
 * @example
 * texName('w0') // "w_0"
 * texName('theta') // "\\theta"
 */
export function texName(name: string): string {
  const us = name.indexOf('_');
  if (us > 0 && us < name.length - 1) return `${texName(name.slice(0, us))}_${subscript(name.slice(us + 1).replace(/_/g, ''))}`;
  if (GREEK.has(name)) return `\\${name}`;
  for (const g of GREEK_BY_LENGTH) {
    if (!name.startsWith(g)) continue;
    const rest = name.slice(g.length);
    // Short Greek names are common word starts (`num`, `pin`): only digits make them Greek.
    if (/^\d+$/.test(rest) || (g.length >= 4 && rest.length === 1)) return `\\${g}_${braced(rest)}`;
  }
  if (name.length === 1) return name;
  const rest = name.slice(1);
  // w0, wc, kB, g12, wc2 are subscripted; longer words (num, gain) are names, set upright.
  if (/^(?:\d+|[A-Za-z]\d*)$/.test(rest)) return `${name[0]}_${braced(rest)}`;
  return `\\mathrm{${name.replace(/_/g, '\\_')}}`;
}
