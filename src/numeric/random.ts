/** A small seeded generator (mulberry32): the same seed gives the same numbers on every machine. */
export { mulberry32 } from './linalg/index.js';

/** Standard normal samples by Box-Muller from a uniform generator. */
export function gaussian(uniform: () => number): () => number {
  return () => {
    let u = uniform();
    while (u <= 0) u = uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
  };
}
