/**
 * Bath spectra gamma(w) as Python functions, evaluated at L: flat and ohmic through the script's
 * `flat(rate, T)` and `ohmic(rate, T, wc)` (numeric/bath.ts, line by line), custom spectra as a
 * function of w with the params substituted.
 */
import { type BathSpec, type LocatedExpr } from '../../lang/index.js';
import { evalReal, type ValueScope } from '../../symbolic/index.js';
import { pyComment, pyFloat } from './python-literals.js';
import { scalarToPython, usesIm } from './python-scalar.js';

/** A spectrum as Python: a call of a helper or a `def`, and which helpers it needs. */
export interface PySpectrum {
  /** Python text defining `name` (one assignment or a def). */
  readonly definition: (name: string) => string;
  /** A key: equal keys define the same function (channels share it). */
  readonly key: string;
  readonly needs: readonly ('flat' | 'ohmic' | 'complex')[];
}

/** The value of a bath field at this L (the same evaluation as the engine's `instantiate`). */
function field(file: string, located: LocatedExpr | null, scope: ValueScope, name: string, fallback: number | null): { value: number; text: string } {
  if (!located) {
    if (fallback === null) throw new RangeError(`bath.${name} missing after checking`);
    return { value: fallback, text: String(fallback) };
  }
  return { value: evalReal({ file, located }, located.expr, scope, `the bath's ${name}`), text: located.text };
}

/**
 * The spectrum of one channel's bath as Python.
 *
 * @param file the model file (for error positions)
 * @param scope params, L and the `each` index of this channel
 * @example
 * spectrumToPython('m.yaml', bath, scope).definition('gamma_0') // 'gamma_0 = flat(rate=1, T=0)  # ...'
 */
export function spectrumToPython(file: string, bath: BathSpec, scope: ValueScope): PySpectrum {
  // A comment names the fields written as expressions (`rate = g`), not the literal ones.
  const comment = (fields: [string, { value: number; text: string }][]): string => {
    const named = fields.filter(([, f]) => String(f.value) !== f.text.trim()).map(([k, f]) => `${k} = ${pyComment(f.text)}`);
    return named.length ? `  # ${named.join(', ')}` : '';
  };
  switch (bath.spectrum) {
    case 'flat': {
      const rate = field(file, bath.rate, scope, 'rate', null), T = field(file, bath.T, scope, 'T', 0);
      const args = `rate=${pyFloat(rate.value)}, T=${pyFloat(T.value)}`;
      return { key: `flat(${args})`, needs: ['flat'], definition: (name) => `${name} = flat(${args})${comment([['rate', rate], ['T', T]])}` };
    }
    case 'ohmic': {
      const rate = field(file, bath.rate, scope, 'rate', null), T = field(file, bath.T, scope, 'T', 0), wc = field(file, bath.wc, scope, 'wc', null);
      const args = `rate=${pyFloat(rate.value)}, T=${pyFloat(T.value)}, wc=${pyFloat(wc.value)}`;
      return { key: `ohmic(${args})`, needs: ['ohmic'], definition: (name) => `${name} = ohmic(${args})${comment([['rate', rate], ['T', T], ['wc', wc]])}` };
    }
    case 'custom': {
      const located = bath.gamma!;
      const complex = usesIm(located.expr);
      const body = scalarToPython(located.expr, new Set(['w']), scope, complex);
      const value = complex ? `real_part(${body})` : body;
      return {
        key: `custom:${value}`, needs: complex ? ['complex'] : [],
        definition: (name) => [
          `def ${name}(w):`,
          `    # custom: "${pyComment(located.text)}"`,
          `    return ${value}`,
        ].join('\n'),
      };
    }
  }
}
