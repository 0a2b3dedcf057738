/**
 * The numeric layer: Hilbert spaces of L qubits, operators (product-term sums, sparse, collective
 * sectors), eigen-structure, the Davies decomposition and the heat current. Knows nothing of the
 * model language.
 */
export * from './tolerances.js';
export * from './local.js';
export * from './sparse.js';
export * from './opsum.js';
export * from './dicke.js';
export * from './bath.js';
export * from './eigenspaces.js';
export * from './exact-levels.js';
export * from './columns.js';
export * from './davies.js';
export * from './heat-error.js';
export * from './tail.js';
export * from './bounds.js';
export * from './blocks.js';
export * from './extremes.js';
export * from './opextremes.js';
export * from './random.js';
export * from './linalg/index.js';

export * from './steady.js';
export * from './eigensystem.js';
export * from './fit.js';
export * from './precise/index.js';
