/**
 * The operator identities of the derivation checked on small symbolic matrices: H = diag(e1, e2, e3)
 * (non-degenerate, and with e2 = e1), A a real symmetric 3 x 3 matrix of symbols. A(w) is built
 * from the eigenspace pairs; every entry of
 *
 *     [H, A(w)] + w A(w)                  (commutator identity)
 *     sum_w A(w)^+ A(w) - Pinch(A^2)      (pinching identity)
 *
 * is handed to the CAS, which must reduce it to 0.
 */
import { checkEquivalent } from '../src/symbolic/index.js';

export interface SymbolicIdentityEvidence {
  readonly identity: 'commutator' | 'bohr-pinching';
  /** The spectra tried. */
  readonly cases: readonly string[];
  /** Entries checked, and those the CAS did not reduce to 0 (with the entry). */
  readonly entries: number;
  readonly failures: readonly string[];
}

const spectra: readonly (readonly string[])[] = [['e1', 'e2', 'e3'], ['e1', 'e1', 'e3']];
const a = (i: number, j: number): string => (i <= j ? `a${i + 1}${j + 1}` : `a${j + 1}${i + 1}`);

/** Eigenspace of each index: indices with the same symbolic energy share one. */
function spacesOf(E: readonly string[]): number[] {
  const seen: string[] = [];
  return E.map((e) => { const k = seen.indexOf(e); if (k >= 0) return k; seen.push(e); return seen.length - 1; });
}

/**
 * Checks an identity on the symbolic cases.
 *
 * @param buildLhs the left side's entry (i, j) for a spectrum; the right side is `0` or `buildRhs`
 */
function run(identity: SymbolicIdentityEvidence['identity'], entry: (E: readonly string[], i: number, j: number) => [string, string]): SymbolicIdentityEvidence {
  const failures: string[] = [];
  let entries = 0;
  for (const E of spectra) {
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) {
      const [l, r] = entry(E, i, j);
      entries++;
      const c = checkEquivalent(l, r);
      if (!c.equivalent) failures.push(`H = diag(${E.join(', ')}), entry (${i + 1},${j + 1}): ${l} != ${r}`);
    }
  }
  return { identity, cases: spectra.map((E) => `H = diag(${E.join(', ')})`), entries, failures };
}

/** [H, A(w)] = -w A(w) for every Bohr frequency w, entry by entry. */
export function symbolicCommutator(): SymbolicIdentityEvidence {
  return run('commutator', (E, i, j) => {
    // A(w) with w = E_j - E_i holds the entry (i, j); ([H, A(w)])_ij = (E_i - E_j) a_ij.
    const w = `((${E[j]}) - (${E[i]}))`;
    return [`(${E[i]} - ${E[j]})*${a(i, j)} + ${w}*${a(i, j)}`, '0'];
  });
}

/** sum_w A(w)^+ A(w) = Pinch(A^2), entry by entry. */
export function symbolicPinching(): SymbolicIdentityEvidence {
  return run('bohr-pinching', (E, k, l) => {
    const sp = spacesOf(E);
    // A(w) for w = E_b - E_a holds the entries (i, j) with i in space a and j in space b.
    // (sum_w A(w)^+ A(w))_kl = sum over pairs (a, b) of sum_{i in a} A_ik A_il [k, l in b].
    const terms: string[] = [];
    for (let i = 0; i < 3; i++) if (sp[k] === sp[l]) terms.push(`${a(i, k)}*${a(i, l)}`);
    const lhs = terms.length ? terms.join(' + ') : '0';
    const rhs = sp[k] === sp[l] ? [0, 1, 2].map((i) => `${a(k, i)}*${a(i, l)}`).join(' + ') : '0';
    return [lhs, rhs];
  });
}
