/**
 * heatbound as a library: the model language, the engines (float64 and decimal.js), scaling in L.
 * The property-testing kit is `heatbound/properties`.
 */
export * from './lang/index.js';
export * from './engine/index.js';
