/**
 * Log axes for vega-lite: labels at whole decades as powers of ten (10³, 10⁻²), the ticks between
 * them unlabelled, when an axis spans three decades or more; plain numbers on shorter ones.
 */

/** Decades between lo and hi. */
export function decades(lo: number, hi: number): number {
  return Math.log10(hi / lo);
}

/** A vega expression: the tick value as 10 with a superscript exponent at whole decades, else ''. */
export function powerOfTenLabel(): string {
  const e = 'round(log(datum.value) / LN10)';
  const sup: [string, string][] = [['-', '⁻'], ['0', '⁰'], ['1', '¹'], ['2', '²'], ['3', '³'], ['4', '⁴'], ['5', '⁵'], ['6', '⁶'], ['7', '⁷'], ['8', '⁸'], ['9', '⁹']];
  const exponent = sup.reduce((acc, [d, s]) => `replace(${acc}, regexp('${d}', 'g'), '${s}')`, `toString(${e})`);
  return `abs(log(datum.value) / LN10 - ${e}) > 1e-6 ? '' : ${e} == 0 ? '1' : ${e} == 1 ? '10' : '10' + ${exponent}`;
}

/**
 * The axis of a log scale over [lo, hi].
 *
 * @example logAxis('L (number of particles)', 1, 1e5).labelExpr // powers of ten
 */
export function logAxis(title: string, lo: number, hi: number): Record<string, unknown> {
  return {
    title, grid: true, gridColor: '#ececec', tickColor: '#888', domainColor: '#888',
    labelFontSize: 12, titleFontSize: 14, titleFontWeight: 'normal',
    ...(decades(lo, hi) >= 3 ? { labelExpr: powerOfTenLabel() } : { format: '~g' }),
  };
}
