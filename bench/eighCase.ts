/**
 * One eigh timing in a fresh process (`npm run bench -- eigh` runs it): a seeded random dense real
 * symmetric (`real`) or complex Hermitian (`complex`) matrix of order n, entries uniform in
 * [-1/2, 1/2), decomposed with eigenvectors; prints {seconds, cpuSeconds, residual, orthogonality}
 * as JSON. The threads come from HEATBOUND_THREADS as in the CLI. The residual max|AV - VΛ| and
 * max|V^H V - I| are checked on a few columns only (O(n^2) each), so a fast wrong answer fails.
 */
import { eighHermitian, eighReal, mulberry32 } from '../src/numeric/index.js';

const [kind, nText] = process.argv.slice(2);
const n = Number(nText);
const rnd = mulberry32(20_260_014 + n);
const re = new Float64Array(n * n);
const im = new Float64Array(n * n);
for (let i = 0; i < n; i++) {
  for (let j = 0; j <= i; j++) {
    const x = rnd() - 0.5;
    re[i * n + j] = x;
    re[j * n + i] = x;
    if (kind === 'complex' && j < i) {
      const y = rnd() - 0.5;
      im[i * n + j] = y;
      im[j * n + i] = -y;
    }
  }
}
// Warm-up (the JIT, the helper threads) on a small matrix, as numpy's run warms up too.
const m = Math.min(64, n);
eighReal(m, new Float64Array(m * m).map((_, k) => re[Math.floor(k / m) * n + (k % m)]), { vectors: true });
const t0 = performance.now();
const c0 = process.cpuUsage();
const r = kind === 'complex'
  ? eighHermitian(n, re, im, { vectors: true })
  : (({ values, vectors }) => ({ values, vre: vectors, vim: new Float64Array(n * n) }))(eighReal(n, re, { vectors: true }));
const cu = process.cpuUsage(c0);
const seconds = (performance.now() - t0) / 1000;
const cols = [0, 1, n >> 1, n - 1];
let residual = 0;
let orthogonality = 0;
for (const c of cols) {
  for (let i = 0; i < n; i++) {
    let sr = 0;
    let si = 0;
    for (let k = 0; k < n; k++) {
      const ar = re[i * n + k], ai = im[i * n + k], vr = r.vre[k * n + c], vi = r.vim[k * n + c];
      sr += ar * vr - ai * vi;
      si += ar * vi + ai * vr;
    }
    residual = Math.max(residual, Math.hypot(sr - r.values[c] * r.vre[i * n + c], si - r.values[c] * r.vim[i * n + c]));
  }
  for (const d of cols) {
    let sr = 0;
    let si = 0;
    for (let k = 0; k < n; k++) {
      sr += r.vre[k * n + c] * r.vre[k * n + d] + r.vim[k * n + c] * r.vim[k * n + d];
      si += r.vre[k * n + c] * r.vim[k * n + d] - r.vim[k * n + c] * r.vre[k * n + d];
    }
    orthogonality = Math.max(orthogonality, Math.hypot(sr - (c === d ? 1 : 0), si));
  }
}
process.stdout.write(JSON.stringify({ seconds, cpuSeconds: (cu.user + cu.system) / 1e6, residual, orthogonality }) + '\n');
