import { sharedFloat64Array } from './sharedFloat64Array.js';

/**
 * Scratch of the divide-and-conquer tridiagonal eigensolver, sized once for the whole problem so
 * that no merge allocates. `big` holds the compressed eigenvector columns of a merge (LAPACK's Q2
 * and the deflated columns), `ut` the eigenvectors of the rank-one modified diagonal matrix.
 */
export interface DcWorkspace {
  /** Updating vector z of the current merge, then its deflated/kept parts. */
  readonly z: Float64Array;
  /** Poles (sorted, non-deflated eigenvalues) and weights of the secular equation. */
  readonly poles: Float64Array;
  readonly weights: Float64Array;
  /** Roots of the secular equation, ascending; then the merged eigenvalues. */
  readonly roots: Float64Array;
  /** Gu-Eisenstat weights, then one row of the merge's final column order. */
  readonly rowTmp: Float64Array;
  /** One eigenvector of the rank-one problem before it is stored permuted. */
  readonly stage: Float64Array;
  /** Merged ascending order of the two halves' eigenvalues (block-local column indices). */
  readonly order: Int32Array;
  /** Kept columns (block-local) in pole order, and deflated ones. */
  readonly kept: Int32Array;
  readonly deflated: Int32Array;
  /** Row pattern of each block-local column: 1 top half only, 2 both, 3 bottom half only. */
  readonly kind: Int8Array;
  /** Position of pole i among the kept columns grouped by kind, and the inverse map. */
  readonly group: Int32Array;
  readonly groupInv: Int32Array;
  /** Source of each final column: root j as j, deflated column t as -1 - t. */
  readonly source: Int32Array;
  /** n·n scratch for gathered columns. */
  readonly big: Float64Array;
  /** n·n scratch for the rank-one eigenvectors (row j = vector of root j). */
  readonly ut: Float64Array;
  /** Diagonal and off-diagonal of a leaf, and its QL eigenvectors (rows). */
  readonly leafE: Float64Array;
  readonly leafZ: Float64Array;
}

/** Allocates the scratch for problems up to order n with leaves up to order `leaf`. */
export function dcWorkspace(n: number, leaf: number): DcWorkspace {
  return {
    z: new Float64Array(n),
    poles: new Float64Array(n),
    weights: new Float64Array(n),
    roots: new Float64Array(n),
    rowTmp: new Float64Array(n),
    stage: new Float64Array(n),
    order: new Int32Array(n),
    kept: new Int32Array(n),
    deflated: new Int32Array(n),
    kind: new Int8Array(n),
    group: new Int32Array(n),
    groupInv: new Int32Array(n),
    source: new Int32Array(n),
    big: sharedFloat64Array(n * n),
    ut: sharedFloat64Array(n * n),
    leafE: new Float64Array(leaf),
    leafZ: new Float64Array(leaf * leaf),
  };
}
