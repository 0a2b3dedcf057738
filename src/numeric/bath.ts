/**
 * Bath spectra gamma(w): the rate at which the bath takes energy w from the system (w > 0), or
 * gives |w| to it (w < 0). Thermal baths obey detailed balance gamma(-w) = exp(-w/T) gamma(w).
 */
export type Spectrum = (w: number) => number;

/** `flat`: rate for w >= 0; rate * exp(-|w|/T) for w < 0, and 0 there at T = 0. */
export function flatSpectrum(rate: number, T: number): Spectrum {
  return (w) => (w >= 0 ? rate : T > 0 ? rate * Math.exp(-Math.abs(w) / T) : 0);
}

/**
 * `ohmic`: rate * w * exp(-w/wc) / (1 - exp(-w/T)) for w > 0, its limit rate * T at w = 0,
 * rate * w * exp(-w/wc) at T = 0, and detailed balance for w < 0.
 */
export function ohmicSpectrum(rate: number, T: number, wc: number): Spectrum {
  const emission = (w: number): number => {
    if (w === 0) return rate * T;
    const cut = Math.exp(-w / wc);
    if (T <= 0) return rate * w * cut;
    // -expm1(-w/T) = 1 - exp(-w/T), accurate for w << T.
    return (rate * w * cut) / -Math.expm1(-w / T);
  };
  return (w) => {
    if (w >= 0) return emission(w);
    if (T <= 0) return 0;
    return Math.exp(-Math.abs(w) / T) * emission(Math.abs(w));
  };
}
