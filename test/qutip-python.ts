/**
 * The Python that runs exported QuTiP scripts in the tests: HEATBOUND_PYTHON when set (and only
 * that one), else `python3`, then Debian's /usr/bin/python3 (python3-qutip); QuTiP 4.x with numpy
 * and scipy, or why there is none (the tests then skip, saying so).
 */
import { spawnSync } from 'node:child_process';

/** The first interpreter that imports QuTiP 4.x, numpy and scipy, or null and why there is none. */
export function findQutipPython(): { python: string | null; why: string } {
  const probe = 'import numpy, scipy, qutip; assert qutip.__version__.startswith("4."), "QuTiP " + qutip.__version__ + " is not 4.x"';
  const candidates = process.env.HEATBOUND_PYTHON ? [process.env.HEATBOUND_PYTHON] : ['python3', '/usr/bin/python3'];
  const reasons: string[] = [];
  for (const python of candidates) {
    const r = spawnSync(python, ['-c', probe], { encoding: 'utf8' });
    if (r.status === 0) return { python, why: '' };
    reasons.push(`${python}: ${(r.stderr || r.error?.message || '').trim().split('\n').pop()}`);
  }
  return { python: null, why: `no Python with QuTiP 4.x (${reasons.join('; ')})` };
}
