/**
 * The four float64 methods (dense, diagonal, symmetric, product), entered by engine/current.ts.
 */
export { runDense } from './dense.js';
export { runDiagonal } from './diagonal.js';
export { runSymmetric } from './symmetric.js';
export { runProduct } from './product.js';
