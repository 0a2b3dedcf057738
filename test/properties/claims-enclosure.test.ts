/**
 * Claims and properties judge an enclosed quantity (an Omega statistic whose elements the zero
 * threshold cannot all decide, `current`'s `upper`) as the whole enclosure, not as its lower end:
 * tfim-zp at L = 8 in the product basis has deltaE in [16.26, 18.03]; the exact value, 18.0289, is
 * numpy's (test/reference/tfim_deltae.py, from the symmetry sectors). Judged on the lower end alone,
 * `deltaE >= 17` was refuted at L = 8 by "engine confirmation" (a false refutation of a true claim).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { float64Engine } from '../../properties/index.js';
import { claimScope, evaluateClaim, parseClaim } from '../../properties/claims.js';
import { loadModelFile } from '../../src/lang/index.js';
import { root } from '../helpers.js';

const python = process.env.HEATBOUND_PYTHON ?? 'python3';
const probe = spawnSync(python, ['-c', 'import numpy'], { encoding: 'utf8' });
const why = probe.status === 0 ? '' : 'python3 with numpy is not available';
const model = loadModelFile(join(root, 'bench', 'models', 'tfim-zp.yaml'));

describe('claims on enclosed Omega statistics (tfim-zp, L = 8)', () => {
  const report = float64Engine()({ model, L: 8 });
  const scope = claimScope(report, 8, model);

  it.skipIf(why !== '')(`the exact deltaE (numpy) lies in the value the claims see, and a true claim is not refuted${why ? ` (skipped: ${why})` : ''}`, () => {
    const out = spawnSync(python, [join(root, 'test', 'reference', 'tfim_deltae.py'), '8', '1', '0.7'], { encoding: 'utf8' });
    expect(out.status, out.stderr).toBe(0);
    const exact = (JSON.parse(out.stdout) as { deltaE: number }).deltaE;
    const d = scope.get('deltaE')!;
    expect(d.value.minus(d.error).toNumber()).toBeLessThanOrEqual(exact);
    expect(d.value.plus(d.error).toNumber()).toBeGreaterThanOrEqual(exact);
    // True at L = 8 (exact 18.03 >= 17): not 'fails'.
    expect(evaluateClaim(parseClaim(`deltaE >= ${Math.floor(exact) - 1}`), scope).verdict).not.toBe('fails');
    // False at L = 8 (exact 18.03 > 17.5) but not decidable from the enclosure: not 'fails' either,
    // and a claim beyond the whole enclosure fails.
    expect(evaluateClaim(parseClaim('deltaE >= 25'), scope).verdict).toBe('fails');
  });

  it('the enclosure is wider than the lower end (the run has upper ends): deltaE and B2 are widened', () => {
    const cur = report as unknown as { inexact: readonly string[] };
    expect(cur.inexact.some((s) => /enclos/i.test(s))).toBe(true);
    for (const k of ['deltaE', 'B2'] as const) {
      const v = scope.get(k)!;
      expect(v.error.toNumber(), k).toBeGreaterThan(1e-3 * v.value.toNumber());
    }
  });
});
