/**
 * A rectangular window on a row-major Float64Array: element (i, j) sits at
 * `data[offset + i * stride + j]`, or at `data[offset + j * stride + i]` when `trans` is set (the
 * view is then the transpose of the stored window). Views copy nothing.
 *
 * @example
 * // the 3x2 block of a 10x10 matrix m starting at row 4, column 7, and its transpose
 * const blk: MatrixView = { data: m, offset: 4 * 10 + 7, stride: 10 }
 * const blkT: MatrixView = { ...blk, trans: true }
 */
export interface MatrixView {
  readonly data: Float64Array;
  readonly offset: number;
  /** Length of a stored row (the leading dimension). */
  readonly stride: number;
  /** View the transpose of the stored window. Default false. */
  readonly trans?: boolean;
}

/** The view of a whole row-major matrix with rows `stride` long. */
export function matrixView(data: Float64Array, stride: number, offset = 0, trans = false): MatrixView {
  return { data, offset, stride, trans };
}
