/**
 * Progress of long computations, for a caller to show (the CLI draws a bar on a terminal): the
 * engine reports through an optional callback and never imports the CLI. Events come once per L
 * of a sweep, per block of H_S the dense method diagonalises and per sector the symmetric method
 * visits, never per element, so a callback costs nothing in the hot loops.
 */

/** One L of a sweep begins: the `index`-th (from 0) of `count`. */
export interface LProgress {
  readonly kind: 'L';
  readonly L: number;
  readonly index: number;
  readonly count: number;
}

/**
 * One part of a single-L computation begins: the dense method diagonalises the `index`-th block
 * of H_S (from 1) of `count`, of dimension `size`; or the symmetric method builds the `index`-th
 * sector of `count`, of dimension `size` (the lower sectors 2j = L-2, L-4, ... when every one is
 * visited; the top sector j = L/2 is the first and reported by none).
 */
export interface PartProgress {
  readonly kind: 'block' | 'sector';
  readonly index: number;
  readonly count: number;
  readonly size: number;
}

/** What a progress callback is told. */
export type ProgressEvent = LProgress | PartProgress;

/** A progress callback: called synchronously from the computation; it must not throw. */
export type ProgressCallback = (event: ProgressEvent) => void;
