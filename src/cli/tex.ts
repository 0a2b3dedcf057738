/**
 * LaTeX for papers, shared by the commands: text escaped for `\text{}`, expressions of the CAS
 * input language factored and printed by the CAS (`w0` -> `w_0`, `chi` -> `\chi`), functions the
 * CAS does not read (cos, sin, ...) around it, and a minimal document around a fragment.
 */
import { factor, toTex } from '../symbolic/index.js';

const special: Record<string, string> = {
  '\\': '\\textbackslash{}', '{': '\\{', '}': '\\}', $: '\\$', '&': '\\&', '#': '\\#', '^': '\\^{}',
  _: '\\_', '%': '\\%', '~': '\\~{}', '<': '$<$', '>': '$>$', '|': '$|$',
};

/**
 * `text` as LaTeX text (for `\text{...}` or a table cell): every character with a meaning in TeX
 * escaped, line breaks as spaces, characters outside printable ASCII as `?` (pdflatex's default
 * input encoding would reject some of them).
 *
 * @example escapeTex('T_hot > 0 & 100%') // "T\\_hot $>$ 0 \\& 100\\%"
 */
export function escapeTex(text: string): string {
  return [...text.replace(/\s+/g, ' ')].map((c) => special[c] ?? (/^[\x20-\x7e]$/.test(c) ? c : '?')).join('');
}

/** `text` as a TeX comment line's content: one line, no characters pdflatex could choke on. */
export function texComment(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[^\x20-\x7e]/g, '?');
}

/** Functions the CAS input language lacks, printed by us around it. */
const outside: Record<string, string> = {
  cos: '\\cos', sin: '\\sin', tan: '\\tan', cosh: '\\cosh', sinh: '\\sinh', tanh: '\\tanh', ln: '\\ln',
};

/** The index of the parenthesis that closes the one at `open`, or -1. */
function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

/** A placeholder variable that texName prints as `\mathrm{...}` (letters only: no subscript). */
const placeholder = (i: number): string => `hbfnq${String.fromCharCode(97 + Math.floor(i / 26))}${String.fromCharCode(97 + (i % 26))}`;

/** The CAS's TeX of `text`, its factored form where that is shorter; throws where the CAS cannot read it. */
function casTex(text: string): string {
  let best = text;
  try {
    // Shorter without counting signs: a minus moved into a sum (-g*(a-b) -> g*(b-a)) is no gain.
    const size = (s: string) => s.replace(/[\s+-]/g, '').length;
    const f = factor(text);
    if (size(f) < size(text)) best = f;
  } catch { /* not factorable: printed as it is */ }
  return toTex(best);
}

/**
 * The LaTeX of an expression: factored where the CAS finds a shorter factored form, with calls of
 * cos, sin, ... (which the CAS does not read) printed around it; escaped text in `\text{}` when
 * nothing reads it. Never throws.
 *
 * @example exprTex('-g*p*w0*L*(-(p*L-L-p))') // "g p w_0 L (p L-L-p)"
 * @example exprTex('cos(theta/2)^2') // "\\cos\\left(\\frac{\\theta}{2}\\right)^{2}"
 */
export function exprTex(text: string): string {
  const t = text.trim();
  if (t === 'Infinity') return '\\infty';
  if (t === '-Infinity') return '-\\infty';
  try { return casTex(t); } catch { /* below */ }
  // Replace each outermost call of a function the CAS lacks by a placeholder variable.
  const calls: string[] = [];
  let rest = '';
  for (let i = 0; i < t.length;) {
    const m = /^([A-Za-z][A-Za-z0-9_]*)\s*\(/.exec(t.slice(i));
    const before = i === 0 ? '' : t[i - 1];
    if (m && !/[A-Za-z0-9_]/.test(before) && outside[m[1]]) {
      const open = i + m[0].length - 1, close = closing(t, open);
      if (close < 0) break;
      const name = placeholder(calls.length);
      calls.push(`${outside[m[1]]}\\left(${exprTex(t.slice(open + 1, close))}\\right)`);
      rest += name;
      i = close + 1;
      continue;
    }
    rest += t[i++];
  }
  if (calls.length) {
    try {
      let out = casTex(rest);
      calls.forEach((c, k) => { out = out.split(`\\mathrm{${placeholder(k)}}`).join(c); });
      if (!out.includes('hbfnq')) return out;
    } catch { /* below */ }
  }
  return `\\text{${escapeTex(t)}}`;
}

/**
 * A minimal standalone document around a fragment (article, amsmath), for pdflatex.
 *
 * @example writeFileSync('scaling.tex', texDocument(scalingTex(result)))
 */
export function texDocument(fragment: string, title?: string): string {
  return [
    '\\documentclass{article}',
    '\\usepackage{amsmath}',
    '\\begin{document}',
    ...(title ? [`\\section*{${escapeTex(title)}}`] : []),
    fragment.trimEnd(),
    '\\end{document}',
    '',
  ].join('\n');
}
