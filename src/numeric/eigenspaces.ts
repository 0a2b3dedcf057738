/**
 * Grouping of eigenvalues into degenerate eigenspaces. Coherences inside a degenerate eigenspace
 * carry the superradiant enhancement, so this grouping decides which terms of the Davies generator
 * survive the secular approximation.
 */

/** Eigenspaces of H_S: for each eigen-index its eigenspace, and for each eigenspace its energy and members. */
export interface Eigenspaces {
  /** Energies per eigen-index. */
  readonly energies: Float64Array;
  /** Eigenspace of each eigen-index. */
  readonly space: Int32Array;
  /** Energy of each eigenspace (the mean of its members), ascending. */
  readonly spaceEnergy: Float64Array;
  /** Members of eigenspace s are `members[start[s] .. start[s+1]-1]`. */
  readonly start: Int32Array;
  readonly members: Int32Array;
  /** The tolerance (absolute) used to decide degeneracy. */
  readonly tolerance: number;
  /** The smallest gap between distinct eigenspaces, Infinity if there is one eigenspace. */
  readonly smallestGap: number;
}

/**
 * Groups energies whose consecutive gaps are at most `tolerance` (absolute).
 *
 * @example
 * groupEigenspaces(Float64Array.of(1, -1, 1), 1e-9).spaceEnergy // Float64Array [-1, 1]
 */
export function groupEigenspaces(energies: Float64Array, tolerance: number): Eigenspaces {
  const n = energies.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => energies[a] - energies[b]);
  const space = new Int32Array(n);
  const starts: number[] = [];
  const means: number[] = [];
  let smallestGap = Infinity;
  let sum = 0;
  let count = 0;
  for (let r = 0; r < n; r++) {
    const i = order[r];
    if (r > 0) {
      const gap = energies[i] - energies[order[r - 1]];
      if (gap > tolerance) {
        means.push(sum / count);
        smallestGap = Math.min(smallestGap, gap);
        sum = 0;
        count = 0;
      }
    }
    if (count === 0) starts.push(r);
    space[i] = starts.length - 1;
    sum += energies[i];
    count++;
  }
  if (count > 0) means.push(sum / count);
  starts.push(n);
  return {
    energies,
    space,
    spaceEnergy: Float64Array.from(means),
    start: Int32Array.from(starts),
    members: order,
    tolerance,
    smallestGap,
  };
}
