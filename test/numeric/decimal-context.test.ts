/**
 * decimal.js lives behind one module: `Decimal.clone` is called in src/numeric/precise/context.ts
 * only, and every constructor is cached per (precision, rounding) with the settings the former
 * call sites had.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { decimalContext, precision } from '../../src/numeric/index.js';
import { root } from '../helpers.js';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('decimalContext', () => {
  it('is the one Decimal.clone site', () => {
    const sites = ['src', 'properties', 'proofs'].flatMap((d) => files(join(root, d)))
      .flatMap((f) => readFileSync(f, 'utf8').split('\n').map((line, i) => ({ f, i, line })))
      .filter(({ line }) => /\.clone\(/.test(line) && !/^\s*(\*|\/\/)/.test(line))
      .map(({ f, i }) => `${relative(root, f)}:${i + 1}`);
    expect(sites).toHaveLength(1);
    expect(sites[0]).toMatch(/^src\/numeric\/precise\/context\.ts:/);
  });
  it('keeps the former settings and caches per precision and rounding', () => {
    const D = decimalContext(60);
    const ref = Decimal.clone({ precision: 60 });
    expect(D.precision).toBe(60);
    expect(D.rounding).toBe(ref.rounding);
    expect([D.toExpNeg, D.toExpPos, D.minE, D.maxE, D.modulo]).toEqual([ref.toExpNeg, ref.toExpPos, ref.minE, ref.maxE, ref.modulo]);
    expect(decimalContext(60)).toBe(D);
    expect(decimalContext(60, Decimal.ROUND_HALF_EVEN)).not.toBe(D);
    expect(precision(30).D).toBe(decimalContext(40, Decimal.ROUND_HALF_EVEN));
    expect(new D(1).div(3).toString()).toBe(new ref(1).div(3).toString());
  });
});
