/**
 * Where the decimal.js engine stops: a leaf module shared by all its paths.
 */
/** Largest connected block of H_S or of A diagonalised in Decimal. */
export const maxPreciseBlock = 64;

/** The precise engine cannot compute this model here (why). */
export class PreciseNotApplicable extends Error {
  /**
   * @param final true when no other path of the precise engine can do better (the model is
   *   collective, so the product basis would not find a unique steady state either)
   */
  constructor(readonly reason: string, readonly final = false, readonly where: { readonly file: string; readonly L: number } | null = null) {
    super(`the precise engine does not apply: ${reason}`);
    this.name = 'PreciseNotApplicable';
  }

  /** The same limitation, met on the model file `file` at L. */
  at(file: string, L: number): PreciseNotApplicable {
    return new PreciseNotApplicable(this.reason, this.final, { file, L });
  }
}
