/**
 * heatbound's property-based testing kit, public API: fast-check arbitraries of random models
 * (each a model file), engines as functions, and the limits as properties.
 */
export * from './arbitraries.js';
export * from './engine.js';
export * from './properties.js';
export * from './two-bath.js';
export * from './campaign.js';
export * from './claims.js';
export * from './claims-exact.js';
export * from './claims-classes.js';
export * from './claims-names.js';
