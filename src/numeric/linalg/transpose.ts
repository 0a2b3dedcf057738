/** Transposes a row-major n×n matrix in place, tile by tile so both sides stay in cache. */
export function transposeSquare(n: number, z: Float64Array): void {
  const tile = 32;
  for (let ib = 0; ib < n; ib += tile) {
    const iEnd = Math.min(ib + tile, n);
    for (let jb = ib; jb < n; jb += tile) {
      const jEnd = Math.min(jb + tile, n);
      for (let i = ib; i < iEnd; i++) {
        for (let j = Math.max(jb, i + 1); j < jEnd; j++) {
          const a = z[i * n + j];
          z[i * n + j] = z[j * n + i];
          z[j * n + i] = a;
        }
      }
    }
  }
}
