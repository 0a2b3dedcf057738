/**
 * The four float64 methods (dense, diagonal, symmetric, product), entered by engine/current.ts.
 */
export { runDense, denseSystem } from './dense.js';
export { runDiagonal, diagonalSystem } from './diagonal.js';
export { runSymmetric } from './symmetric.js';
export { runProduct, productSystem, maxManySiteTermsOfH } from './product.js';
// For the QuTiP script (engine/export): the input error of H_S in its eigenspace grouping.
export { opInputError } from './errors.js';
