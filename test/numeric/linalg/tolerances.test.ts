import { describe, expect, it } from 'vitest';
import { eighReal, linalgTolerances, NotHermitianError } from '../../../src/numeric/linalg/index.js';

describe('linalgTolerances', () => {
  it('is one frozen object with every tolerance of the kernels', () => {
    expect(Object.isFrozen(linalgTolerances)).toBe(true);
    expect(Object.keys(linalgTolerances).sort()).toEqual(
      ['deflation', 'hermiticity', 'invariantSubspace', 'lanczos', 'qlSweepsPerEigenvalue', 'rank', 'roundOff', 'secularIterations'].sort(),
    );
    expect(linalgTolerances.roundOff).toBe(Number.EPSILON);
  });

  it('is overridden per call, field by field', () => {
    const a = Float64Array.of(1, 1, 1 + 1e-10, 1);
    expect(() => eighReal(2, a)).toThrow(NotHermitianError);
    expect(eighReal(2, a, { tolerances: { hermiticity: 1e-9 } }).values.length).toBe(2);
  });
});
