/**
 * States of the symmetric sector j = L/2 in its Dicke basis (index p = number of up spins,
 * p = 0..L): one realisation over a field for the float64 symmetric method and the Decimal one,
 * as engine/states `realiseIn` is for the product basis. The representations stay specialised
 * behind {@link DickeVectors}: float64 typed arrays (the coherent state's amplitudes in log space,
 * numeric/dicke, for L up to 10^5) and Decimal amplitudes (exact binomials).
 */
import type { Decimal } from '../numeric/index.js';
import { coherentDickeAmplitudes, decimalField, float64Field, type Cx, type Field } from '../numeric/index.js';
import { mixRealised, stateText, type RealisedIn, type RealisedState, type StateParameters, type StateSpec } from './states.js';

/** How one representation makes vectors of the Dicke basis of the sector j = L/2. */
export interface DickeVectors<T, V> {
  readonly F: Field<T>;
  /** The vector of n amplitudes with amplitude a at index i for each [i, a], zero elsewhere. */
  at(n: number, entries: readonly (readonly [number, T])[]): V;
  /**
   * product(theta, phi), every qubit cos(theta/2)|u> + e^{i phi} sin(theta/2)|d>: at p ups the
   * amplitude sqrt(C(L, p)) cos(theta/2)^p (e^{i phi} sin(theta/2))^(L-p).
   */
  product(L: number, theta: T, phi: T): V;
}

/**
 * A state of the symmetric sector (up, down, ghz, w, dicke(n), product(theta, phi), steady,
 * steady(S), and mixes of them) in the Dicke basis of j = L/2, over the field of `vectors`, its
 * parameters read from `params`; the functions of H_S (ground, top, thermal(T)) as `functions`,
 * which live in every total-spin sector (the float64 symmetric method realises them per sector).
 *
 * @throws RangeError for a state outside the symmetric sector (engine/states `nonSymmetricPart`
 *   names it; the symmetric methods reject those first)
 * @example
 * realiseDickeIn(vectors, params, { kind: 'w' }, 3).vectors[0] // amplitude 1 at p = 1 up spin
 */
export function realiseDickeIn<T, V>(vectors: DickeVectors<T, V>, params: StateParameters<T>, s: StateSpec, L: number, twoJ = L): RealisedIn<T, V> {
  const F = vectors.F;
  const none = { vectors: [], functions: [], steadyWeight: F.zero };
  const pure = (v: V): RealisedIn<T, V> => ({ ...none, vectors: [{ weight: F.one, ...v }] });
  const at = (entries: [number, T][]) => pure(vectors.at(twoJ + 1, entries));
  // The qubit states of the sector j = L/2 (dicke, product, ghz, w) need twoJ = L.
  const qubits = (): void => { if (twoJ !== L) throw new RangeError(`${stateText(s)} is a state of qubits`); };
  switch (s.kind) {
    case 'up': return at([[twoJ, F.one]]);
    case 'down': return at([[0, F.one]]);
    case 'ghz': {
      qubits();
      const a = F.sqrt(F.fromRational(1, 2));
      return L === 0 ? at([[0, F.one]]) : at([[L, a], [0, a]]);
    }
    case 'w': qubits(); return at([[1, F.one]]);
    case 'dicke': qubits(); return at([[s.n, F.one]]);
    case 'product': qubits(); return pure(vectors.product(L, params.real(0, 'theta', s.theta), params.real(1, 'phi', s.phi)));
    case 'steady': return { ...none, steadyWeight: F.one };
    // Functions of H_S over the full space (every total-spin sector): the method realises them per sector.
    case 'ground': case 'top': return { ...none, functions: [{ weight: F.one, f: { kind: s.kind } }] };
    case 'thermal': return { ...none, functions: [{ weight: F.one, f: { kind: 'thermal', T: params.real(0, 'the temperature', s.T) } }] };
    case 'mix': {
      const p = params.real(0, 'the weight p of mix(p, s1, s2)', s.p);
      return mixRealised(F, p, realiseDickeIn(vectors, params.child(1), s.a, L, twoJ), realiseDickeIn(vectors, params.child(2), s.b, L, twoJ));
    }
    case 'steadyFrom':
      return { ...none, steadyFrom: [{ weight: F.one, start: realiseDickeIn(vectors, params.child(0), s.from, L, twoJ) }] };
    default:
      throw new RangeError(`${stateText(s)} is not a state of the symmetric sector`);
  }
}

/**
 * Where plain `steady` starts in the symmetric sector 2j = twoJ (L for L qubits, 2Ls for spins s):
 * `down`, every site at m = -s (p = 0); `steady` there is the steady state reached from it
 * (model-language.md), collective couplings conserving the total spin.
 */
export function steadyStartIn<T, V>(vectors: DickeVectors<T, V>, twoJ: number): V {
  return vectors.at(twoJ + 1, [[0, vectors.F.one]]);
}

/** float64 vectors: re and im as typed arrays; product states by numeric/dicke (log-space magnitudes). */
export const float64Dicke: DickeVectors<number, { re: Float64Array; im: Float64Array }> = Object.freeze({
  F: float64Field,
  at(n: number, entries: readonly (readonly [number, number])[]) {
    const re = new Float64Array(n), im = new Float64Array(n);
    for (const [i, a] of entries) re[i] = a;
    return { re, im };
  },
  product(L: number, theta: number, phi: number) {
    const [re, im] = coherentDickeAmplitudes(L, theta, phi);
    return { re, im };
  },
});

/** The parameters of a float64 realisation: the spec's own values. */
const float64Parameters: StateParameters<number> = { origin: null, node: null, real: (_i, _what, value) => value, child: () => float64Parameters };

/** A state of the symmetric sector in the Dicke basis of j = L/2 (of j = Ls, twoJ = 2Ls, for spins s), in float64 (see {@link realiseDickeIn}). */
export function realiseDickeFloat64(s: StateSpec, L: number, twoJ = L): RealisedState {
  return realiseDickeIn(float64Dicke, float64Parameters, s, L, twoJ);
}

/** Decimal vectors at the precision of D: complex amplitudes; product states from exact binomials. */
export function decimalDicke(D: typeof Decimal): DickeVectors<Decimal, { amp: Cx[] }> {
  const zero = new D(0), one = new D(1);
  return {
    F: decimalField(D.precision),
    at(n, entries) {
      const amp: Cx[] = Array.from({ length: n }, () => ({ re: zero, im: zero }));
      for (const [i, a] of entries) amp[i] = { re: a, im: zero };
      return { amp };
    },
    product(L, theta, phi) {
      const cu = theta.div(2).cos(), sd = theta.div(2).sin();
      const amp: Cx[] = [];
      let binom = 1n;
      let cuP = one;
      const sdP: Decimal[] = [one];
      for (let k = 1; k <= L; k++) sdP.push(sdP[k - 1].times(sd));
      for (let p = 0; p <= L; p++) {
        if (p > 0) { binom = (binom * BigInt(L - p + 1)) / BigInt(p); cuP = cuP.times(cu); }
        const mag = new D(binom.toString()).sqrt().times(cuP).times(sdP[L - p]);
        const ph = phi.times(L - p);
        amp.push(phi.isZero() || p === L ? { re: mag, im: zero } : { re: mag.times(ph.cos()), im: mag.times(ph.sin()) });
      }
      return { amp };
    },
  };
}
