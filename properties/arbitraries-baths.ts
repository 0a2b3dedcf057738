/**
 * Baths of random models (model-language.md, "Baths") with a bound on their rates over all
 * frequencies, sup_w gamma(w) <= rateMax (the Gamma of the L^3 limit, physics.md section 2).
 */
import fc from 'fast-check';
import { integerToward, numberText } from './arbitraries-coefficients.js';

/** The bath spectra a model file can name. */
export type BathKind = 'flat' | 'ohmic' | 'custom';

/** Every bath kind, the simplest first. */
export const BATH_KINDS: readonly BathKind[] = ['flat', 'ohmic', 'custom'];

/**
 * Custom spectra in `w` with a rate parameter `g` (written `{g}`), all positive for every real w and
 * bounded by g: sup_w gamma(w) = g (reached at w = 0 or approached as w -> infinity).
 */
export const CUSTOM_SPECTRA: readonly string[] = [
  '{g}/(1 + w^2)',
  '{g}*exp(-w^2/4)',
  '{g}*exp(-abs(w))',
  '{g}/(1 + exp(-2*w))',
  '{g}*(2 + sin(w))/3',
];

/** A bath: its parameters and the bound sup_w gamma(w) <= rateMax. */
export type BathSample =
  | { readonly kind: 'flat'; readonly rate: number; readonly T: number; readonly rateMax: number }
  | { readonly kind: 'ohmic'; readonly rate: number; readonly T: number; readonly wc: number; readonly rateMax: number }
  | { readonly kind: 'custom'; readonly shape: number; readonly rate: number; readonly rateMax: number };

/**
 * sup over all w of the ohmic spectrum rate * w exp(-w/wc) / (1 - exp(-w/T)) (w < 0 by detailed
 * balance is smaller): since x / (1 - e^-x) <= 1 + x, gamma(w) <= rate (w + T) exp(-w/wc), whose
 * maximum over w >= 0 is rate * T when T >= wc and rate * wc exp(T/wc - 1) otherwise (attained
 * exactly at T = 0: rate * wc / e at w = wc).
 *
 * @example
 * ohmicRateMax(1, 0, 2) // 2 / e
 */
export function ohmicRateMax(rate: number, T: number, wc: number): number {
  return rate * (T >= wc ? T : wc * Math.exp(T / wc - 1));
}

/** Options of {@link bathArbitrary}. */
export interface BathOptions {
  readonly kinds?: readonly BathKind[];
}

/**
 * Random baths: flat (rate, T), ohmic (rate, T, wc) and custom spectra ({@link CUSTOM_SPECTRA}).
 * rate = n/4 in [0, 2] (shrinks toward 1), T = n/4 in [0, 2] (toward 0), wc = n/2 in [1/2, 4]
 * (toward 1). rateMax: rate for flat and custom, {@link ohmicRateMax} for ohmic.
 *
 * @example
 * fc.sample(bathArbitrary({ kinds: ['ohmic'] }), 1)[0] // { kind: 'ohmic', rate: 2, T: 0.5, wc: 1, rateMax: 2 * exp(-1/2) }
 */
export function bathArbitrary(opts: BathOptions = {}): fc.Arbitrary<BathSample> {
  const kinds = BATH_KINDS.filter((k) => !opts.kinds || opts.kinds.includes(k));
  if (kinds.length === 0) throw new RangeError('bathArbitrary: no bath kinds to draw from');
  const rate = integerToward(4, 0, 8).map((n) => n / 4);
  const T = fc.integer({ min: 0, max: 8 }).map((n) => n / 4);
  const byKind: Record<BathKind, fc.Arbitrary<BathSample>> = {
    flat: fc.record({ rate, T }).map(({ rate, T }) => ({ kind: 'flat' as const, rate, T, rateMax: rate })),
    ohmic: fc.record({ rate, T, wc: integerToward(2, 1, 8).map((n) => n / 2) }).map(({ rate, T, wc }) => ({
      kind: 'ohmic' as const, rate, T, wc, rateMax: ohmicRateMax(rate, T, wc),
    })),
    custom: fc.record({ shape: fc.integer({ min: 0, max: CUSTOM_SPECTRA.length - 1 }), rate }).map(({ shape, rate }) => ({
      kind: 'custom' as const, shape, rate, rateMax: rate,
    })),
  };
  return fc.oneof({ withCrossShrink: true }, ...kinds.map((k) => byKind[k]));
}

/**
 * The bath as a flow mapping whose fields refer to params suffixed with `suffix` (g0, T0, wc0),
 * and those params.
 *
 * @example
 * bathText({ kind: 'flat', rate: 1, T: 0, rateMax: 1 }, '0') // { yaml: '{ spectrum: flat, rate: g0, T: T0 }', params: [['g0', 1], ['T0', 0]] }
 */
export function bathText(b: BathSample, suffix: string): { readonly yaml: string; readonly params: readonly (readonly [string, number])[] } {
  const g = `g${suffix}`, T = `T${suffix}`, wc = `wc${suffix}`;
  switch (b.kind) {
    case 'flat': return { yaml: `{ spectrum: flat, rate: ${g}, T: ${T} }`, params: [[g, b.rate], [T, b.T]] };
    case 'ohmic': return { yaml: `{ spectrum: ohmic, rate: ${g}, T: ${T}, wc: ${wc} }`, params: [[g, b.rate], [T, b.T], [wc, b.wc]] };
    case 'custom': return { yaml: `{ spectrum: custom, gamma: "${CUSTOM_SPECTRA[b.shape].replaceAll('{g}', g)}" }`, params: [[g, b.rate]] };
  }
}

/**
 * The params of a bath as YAML flow-mapping entries.
 *
 * @example
 * paramEntries([['g0', 1], ['T0', 0.25]]) // ['g0: 1', 'T0: 0.25']
 */
export function paramEntries(params: readonly (readonly [string, number])[]): string[] {
  return params.map(([name, value]) => `${name}: ${numberText(value)}`);
}
