/**
 * Sizes and dimensions in limitation messages are finite texts at any L (engine/memory-text.ts):
 * a dimension such as 3^1000 never prints as Infinity or NaN. The order of magnitude is checked
 * against the exact integer (BigInt powers, their decimal digits), and the CLI's messages of the
 * methods and of `export` at L = 1000 and 10^6 are read for the text.
 */
import { describe, expect, it } from 'vitest';
import { dimensionText, gibText, log2Dimension } from '../../src/engine/memory-text.js';
import { runCli as cli } from '../cli-run.js';

/** "about M.Me E" of an exact integer, from its decimal digits (rounded to one decimal of the mantissa). */
function aboutOf(n: bigint): string {
  const digits = n.toString();
  let exponent = digits.length - 1;
  let mantissa = Math.round(Number(`${digits[0]}.${digits.slice(1, 6)}`) * 10) / 10;
  if (mantissa >= 10) { mantissa /= 10; exponent += 1; }
  return `about ${mantissa.toFixed(1)}e${exponent}`;
}

describe('dimensionText', () => {
  it('is the integer while the product is exact in float64', () => {
    expect(dimensionText([3, 3, 3])).toBe('27');
    expect(dimensionText([2, 2, 8])).toBe('32');
    expect(dimensionText(Array(20).fill(3))).toBe(String(3n ** 20n));
    expect(dimensionText(Array(52).fill(2))).toBe(String(2n ** 52n));
    // 2^53 is past the safe integers (2^53 + 1 would round to it): powers from there on.
    expect(dimensionText(Array(53).fill(2))).toBe('2^53 (about 9.0e15)');
  });

  it('beyond 2^53: the powers of the sites\' dimensions and the order of the exact integer', () => {
    for (const [dims, powers, exact] of [
      [Array(1000).fill(3), '3^1000', 3n ** 1000n],
      [[...Array(1000).fill(2), 8], '2^1000 x 8', 2n ** 1000n * 8n],
      [Array(40).fill(5), '5^40', 5n ** 40n],
      [[...Array(30).fill(2), ...Array(30).fill(3)], '2^30 x 3^30', 2n ** 30n * 3n ** 30n],
    ] as [number[], string, bigint][]) {
      const text = dimensionText(dims);
      expect(text).toBe(`${powers} (${aboutOf(exact)})`);
      expect(text).not.toMatch(/Infinity|NaN/);
    }
    expect(dimensionText(Array(1_000_000).fill(3))).toMatch(/^3\^1000000 \(about 1\.\de477121\)$/);
  });

  it('log2Dimension is finite where the product overflows; gibText of it too', () => {
    expect(log2Dimension(Array(1000).fill(3))).toBeCloseTo(1000 * Math.log2(3), 9);
    expect(gibText(log2Dimension(Array(1000).fill(3)) + 4)).toBe(`2^${Math.round(1000 * Math.log2(3) + 4 - 30)}`);
  });
});

describe('limitation messages of sites of any dimension, at L = 1000 and 10^6', () => {
  it('the dense and diagonal methods and export --to qutip print 3^L, never Infinity', async () => {
    const M = 'test/fixtures/v2/spin1-chain.yaml';
    for (const method of ['dense', 'diagonal', 'auto']) {
      const r = await cli(['current', M, '--L', '1000', '--method', method]);
      expect(r.code, method).toBe(2);
      expect(r.err, method).toContain('dimension 3^1000 (about 1.3e477)');
      expect(r.err, method).not.toMatch(/Infinity|NaN/);
    }
    const ex = await cli(['export', M, '--L', '1000', '--to', 'qutip']);
    expect(ex.code).toBe(2);
    expect(ex.err).toContain('got 3^1000 (about 1.3e477) at L = 1000');
    const big = await cli(['current', 'test/fixtures/v2/spin1-collective.yaml', '--L', '1000000', '--method', 'dense']);
    expect(big.err).toContain('dimension 3^1000000 (about ');
    expect(big.err).not.toMatch(/Infinity|NaN/);
    const tc = await cli(['current', 'tavis-cummings', '--L', '1000', '--method', 'diagonal']);
    expect(tc.err).toContain(`dimension 2^1000 x 8 (${aboutOf(2n ** 1000n * 8n)}) > 2^24`);
    expect(tc.err).not.toMatch(/Infinity|NaN|e\+/);
  });
});
