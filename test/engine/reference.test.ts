/**
 * heatbound against an independent implementation: test/reference/heatref.py (numpy, dense brute
 * force, its own parser of the model language, written from the docs only). Every fixture model at
 * several L: J per channel to 1e-8 relative and every bound term to 1e-6.
 * Skips, saying why, where python3 with numpy and PyYAML is absent.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeCurrent } from '../../src/engine/index.js';
import { expectClose, fixture, root } from '../helpers.js';

const python = process.env.HEATBOUND_PYTHON ?? 'python3';
const probe = spawnSync(python, ['-c', 'import numpy, yaml'], { encoding: 'utf8' });
const available = probe.status === 0;
const why = available ? '' : `python3 with numpy and PyYAML is not available (${(probe.stderr || probe.error?.message || '').trim().split('\n').pop()})`;

const models = readdirSync(join(root, 'test', 'fixtures', 'models')).filter((f) => f.endsWith('.yaml')).sort();
const Ls = [1, 2, 3, 4, 5];

interface Ref {
  J: string;
  channels: Record<string, string>[];
  terms: Record<string, string>;
  bounds: Record<string, string>;
}

/** The reference at every L of Ls in one interpreter start (null where it is unsupported, documented in its README). */
function references(model: string): Record<string, Ref | null> {
  const path = join(root, 'test', 'fixtures', 'models', model);
  const r = spawnSync(python, [join(root, 'test', 'reference', 'heatref.py'), path, '--Ls', Ls.join(',')], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`heatref failed on ${model} L=${Ls.join(',')}: ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, Ref | null>;
}

describe.skipIf(!available)(`against the independent numpy reference${why ? ` (skipped: ${why})` : ''}`, () => {
  for (const model of models) {
    it(`${model}, L = ${Ls.join(', ')}`, () => {
      const spec = fixture(model);
      const refs = references(model);
      for (const L of Ls) {
        const ref = refs[String(L)];
        if (!ref) continue;
        const r = computeCurrent(spec, L);
        const label = `${model} L=${L} (${r.method})`;
        const scaleJ = Math.max(1e-3, ...ref.channels.map((c) => Math.abs(Number(c.J))));
        expect(r.channels.length, label).toBe(ref.channels.length);
        r.channels.forEach((c, i) => {
          expectClose(c.J, Number(ref.channels[i].J), 1e-8, `${label} channel ${i} J`, scaleJ);
          for (const k of ['normA', 'deltaE', 'gammaMax', 'omegaGammaMax', 'Bstate'] as const) {
            expectClose(c[k], Number(ref.channels[i][k]), 1e-6, `${label} channel ${i} ${k}`, 1e-9);
          }
        });
        expectClose(r.J, Number(ref.J), 1e-8, `${label} J`, scaleJ);
        for (const k of ['normH', 'width', 'sumA2', 'gammaMax', 'deltaE'] as const) expectClose(r.terms[k], Number(ref.terms[k]), 1e-6, `${label} ${k}`, 1e-9);
        for (const k of ['Bstate', 'B1', 'B1coarse', 'B2'] as const) expectClose(r.bounds[k], Number(ref.bounds[k]), 1e-6, `${label} ${k}`, 1e-9);
      }
    });
  }
});

it('the reference itself passes its self-test (physics identities, closed forms)', () => {
  if (!available) return;
  const out = execFileSync(python, [join(root, 'test', 'reference', 'selftest.py')], { encoding: 'utf8' });
  expect(out).toMatch(/pass|ok/i);
});
