/**
 * The four float64 methods (dense, diagonal, symmetric, product), entered by engine/current.ts.
 */
export { runDense, denseSystem } from './dense.js';
export { runDiagonal, diagonalSystem } from './diagonal.js';
export { runSymmetric } from './symmetric.js';
export { runProduct, productSystem, maxManySiteTermsOfH } from './product.js';
