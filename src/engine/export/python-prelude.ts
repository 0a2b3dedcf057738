/**
 * The fixed parts of the exported QuTiP script: the one-qubit operators in heatbound's basis, the
 * eigenspace grouping, helpers for spectra and states, and the Bloch-Redfield computation of J.
 * Kept as Python text (String.raw, so backslashes stay Python's).
 */

/** Imports and the one-qubit operators; `L` is defined just before. */
export const pyQubit = String.raw`# One qubit in heatbound's basis: |u> = basis(2,0) (excited, Z = +1), |d> = basis(2,1) (ground,
# Z = -1). Site 0 is the leftmost factor of qt.tensor, so the product-basis index has site k at bit
# L-1-k (0 = u), as in heatbound.
u, d = qt.basis(2, 0), qt.basis(2, 1)
I2 = qt.qeye(2)
X, Y, Z = qt.sigmax(), qt.sigmay(), qt.sigmaz()
Sp = u * d.dag()  # |u><d| raises (QuTiP's sigmap(); it is destroy(2), since basis(2,1) is Fock state 1)
Sm = d * u.dag()  # |d><u| lowers (QuTiP's sigmam() = create(2))
N = u * u.dag()  # |u><u|
Nd = d * d.dag()  # |d><d| = 1 - N
Id = qt.tensor([I2] * L)


def ket(letters):
    """The product state of a word of u's and d's, one letter per site, site 0 first."""
    return qt.tensor([u if c == 'u' else d for c in letters])


def dm(psi):
    return qt.ket2dm(psi)


notes = []`;

/**
 * heatbound's grouping of eigenvalues into eigenspaces (numeric/eigenspaces.ts groupByError over
 * the dense method's a-posteriori bounds, numeric/eigensystem.ts): the script defines H_INPUT_ERROR
 * (engine/methods/errors.ts opInputError of H_S) before it.
 */
export const pyEigenspaces = String.raw`# Eigenspaces of H_S as heatbound groups them (its dense method): not by a fixed tolerance but by
# error bounds. H_S is diagonalised in the connected blocks of its matrix; every eigenvalue of a
# block b carries Kahan's bound ||H_b V_b - V_b Lambda_b||_F / sqrt(1 - ||V_b^+ V_b - I||_F) (both
# with the round-off of computing them) plus H_INPUT_ERROR, heatbound's bound on the rounding of H_S's
# coefficients and sums. Sorted eigenvalues are one eigenspace when each gap to the previous one is
# at most the sum of their two bounds (equal values always are; about 1e-15 ||H_S||, so levels 1e-11
# apart stay apart), and its energy is their mean.
def gamma_n(k):
    """Higham's gamma_k = k u / (1 - k u) for float64 (u = 2^-53; k u < 1e-12 at the sizes exported)."""
    x = k * 2.0 ** -53
    return x / (1 - x)


def blocks(M):
    """The connected blocks of the pattern of M (its graph components), each as sorted indices."""
    n = M.shape[0]
    linked = M != 0
    seen = np.zeros(n, dtype=bool)
    out = []
    for s in range(n):
        if seen[s]:
            continue
        seen[s] = True
        comp = [s]
        k = 0
        while k < len(comp):
            new = np.flatnonzero(linked[comp[k]] & ~seen)
            seen[new] = True
            comp.extend(new.tolist())
            k += 1
        out.append(np.array(sorted(comp)))
    return out


def eigenspaces(H):
    M = H.full()
    n = M.shape[0]
    E = np.zeros(n)
    V = np.zeros((n, n), dtype=complex)
    err = np.zeros(n)
    col = 0
    for idx in blocks(M):
        Hb = M[np.ix_(idx, idx)]
        d = len(idx)
        Eb, Vb = np.linalg.eigh(Hb)
        rows = float(np.abs(Hb).sum(axis=1).max())
        k = int((Hb != 0).sum(axis=1).max())
        residual = np.linalg.norm(Hb @ Vb - Vb * Eb) * (1 + gamma_n(d + 2)) + gamma_n(2 * k + 4) * (rows + float(np.abs(Eb).max())) * math.sqrt(d)
        gram = np.linalg.norm(Vb.conj().T @ Vb - np.eye(d)) + gamma_n(2 * d) * d
        if gram >= 1:
            raise SystemExit('numpy.linalg.eigh gave eigenvectors far from orthonormal: no error bound for the grouping')
        kahan = residual * (1 + gamma_n(d + 2)) / math.sqrt(1 - gram)
        E[col:col + d] = Eb
        V[idx, col:col + d] = Vb
        err[col:col + d] = kahan + H_INPUT_ERROR
        col += d
    order = np.argsort(E, kind='stable')
    E, V, err = E[order], V[:, order], err[order]
    grouped = E.copy()
    start = 0
    for i in range(1, n + 1):
        if i == n or (E[i] != E[i - 1] and E[i] - E[i - 1] > err[i] + err[i - 1]):
            grouped[start:i] = E[start:i].mean()
            start = i
    return grouped, V`;

/** The flat spectrum (numeric/bath.ts). */
export const pyFlat = String.raw`def flat(rate, T):
    """heatbound's flat bath: rate for w >= 0; rate exp(-|w|/T) for w < 0, and 0 there at T = 0."""
    def gamma(w):
        if w >= 0:
            return rate
        return rate * math.exp(-abs(w) / T) if T > 0 else 0.0
    return gamma`;

/** The ohmic spectrum (numeric/bath.ts). */
export const pyOhmic = String.raw`def ohmic(rate, T, wc):
    """heatbound's ohmic bath: rate w exp(-w/wc) / (1 - exp(-w/T)) for w > 0 (rate T at w = 0;
    rate w exp(-w/wc) at T = 0), detailed balance exp(-|w|/T) gamma(|w|) for w < 0 (0 at T = 0)."""
    def emission(w):
        if w == 0:
            return rate * T
        cut = math.exp(-w / wc)
        if T <= 0:
            return rate * w * cut
        return (rate * w * cut) / -math.expm1(-w / T)

    def gamma(w):
        if w >= 0:
            return emission(w)
        if T <= 0:
            return 0.0
        return math.exp(-abs(w) / T) * emission(abs(w))
    return gamma`;

/** Real part of a complex spectrum value, as heatbound requires gamma(w) to be real. */
export const pyRealPart = String.raw`def real_part(z):
    """gamma(w) must be real (heatbound: |Im| <= 1e-12 max(1, |Re|))."""
    z = complex(z)
    if abs(z.imag) > 1e-12 * max(1.0, abs(z.real)):
        raise ValueError('gamma(w) must be real, got %r' % z)
    return z.real`;

/** State helpers by name. */
export const pyStateHelpers: Readonly<Record<'dicke' | 'product' | 'functionsOfH' | 'mixedState', string>> = {
  dicke: String.raw`def dicke(n):
    """The symmetric state with n up spins: the normalised sum of the product states with n u's."""
    words = [format(i, '0%db' % L).replace('0', 'u').replace('1', 'd') for i in range(2 ** L)]
    return sum((ket(w) for w in words if w.count('u') == n), 0 * ket('u' * L)).unit()`,
  product: String.raw`def product(theta, phi):
    """Every qubit in cos(theta/2)|u> + exp(i phi) sin(theta/2)|d>."""
    one = math.cos(theta / 2) * u + np.exp(1j * phi) * math.sin(theta / 2) * d
    return qt.tensor([one] * L)`,
  functionsOfH: String.raw`def function_of_H(weights):
    """sum_e p_e P_e / Tr over the eigenspaces of H_S (grouped as above), p = weights(energies)."""
    E, V = eigenspaces(H)
    p = weights(E)
    return qt.Qobj((V * (p / p.sum())) @ V.conj().T, dims=H.dims)


def ground():
    """Maximally mixed over the lowest eigenspace of H_S."""
    return function_of_H(lambda E: (E == E.min()).astype(float))


def top():
    """Maximally mixed over the highest eigenspace of H_S."""
    return function_of_H(lambda E: (E == E.max()).astype(float))


def thermal(T):
    """exp(-H_S/T) / Z."""
    return function_of_H(lambda E: np.exp(-(E - E.min()) / T))`,
  mixedState: String.raw`def mixed_state(p, G):
    """sum_k p_k |g_k><g_k| with g_k the rows of G."""
    return qt.Qobj((G.T * p) @ G.conj(), dims=H.dims)`,
};

/** The Bloch-Redfield tensors, one per bath, with the unitary part subtracted. */
export const pyTensors = String.raw`# ---------------------------------------------------------------------------------------------------
# QuTiP: one Bloch-Redfield tensor per bath, in the secular approximation (use_secular=True with the
# default sec_cutoff=0.1): heatbound's Davies generator.
#
# Spectrum convention. QuTiP evaluates S(w) of a_ops=[[A, S]] at w = E_initial - E_final of each
# transition (qutip/cy/br_tensor.pyx, _br_term: spectral(skew[c, a]), skew[i, j] = E_i - E_j, for the
# term taking rho_cd to rho_ab, i.e. the jump c -> a). So S(w > 0) is the rate at which the bath takes
# energy w from the system: exactly heatbound's gamma(w). S = gamma: no sign flip, no factor 2 or 2 pi.
#
# Degenerate levels. QuTiP keeps a term when |w_ab - w_cd| < sec_cutoff * (the smallest nonzero
# difference of two eigenvalues). Round-off splits degenerate eigenvalues by ~1e-16, which would shrink
# that cutoff to ~1e-17 and drop the coherences inside degenerate eigenspaces (they carry
# superradiance). So QuTiP gets H_S in its eigenbasis with heatbound's grouped energies, and every A and
# rho in that basis. Set GROUP_DEGENERATE = False to hand QuTiP the operators as built above instead.
#
# QuTiP 4.7's tensor has no Lamb shift (it commutes with H_S and carries no heat) and includes
# -i[H_S, .], which is subtracted: D_alpha = R(H_S, [[A_alpha, S_alpha]]) - R(H_S, []).
# ---------------------------------------------------------------------------------------------------
GROUP_DEGENERATE = True

energies, V = eigenspaces(H)
if GROUP_DEGENERATE:
    H_br = qt.Qobj(np.diag(energies), dims=H.dims)

    def to_br(O):
        return qt.Qobj(V.conj().T @ O.full() @ V, dims=O.dims)

    def from_br(O):
        return qt.Qobj(V @ O.full() @ V.conj().T, dims=O.dims)
else:
    H_br = H

    def to_br(O):
        return O

    def from_br(O):
        return O

unevaluated = []


def spectrum(gamma):
    """gamma as QuTiP's S(w). QuTiP evaluates S at every difference of two eigenvalues, also at w = 0
    and where A connects no levels, where heatbound never evaluates gamma for J; a domain error there
    (such as 0/0 at w = 0) is noted and counted as 0."""
    def S(w):
        try:
            return float(gamma(w))
        except (ArithmeticError, ValueError, TypeError):
            unevaluated.append(w)
            return 0.0
    return S


def hermitian(O):
    return (O + O.dag()) / 2


R_H, ekets = qt.bloch_redfield_tensor(H_br, [])  # -i[H_S, .] alone
D = [qt.bloch_redfield_tensor(H_br, [[hermitian(to_br(A)), spectrum(gamma)]])[0] - R_H for _, A, gamma in channels]
H_eig = H_br.transform(ekets)  # H_S in the basis of the tensors (diagonal)


def eig(rho):
    """rho (product basis) in the basis of the tensors."""
    return to_br(rho).transform(ekets)


def heat(Dk, rho_eig):
    """Tr[H_S D(rho)]."""
    return float((H_eig * qt.vector_to_operator(Dk * qt.operator_to_vector(rho_eig))).tr().real)`;

/** `steady()`: QuTiP's steadystate when unique, else the long-time limit from down (heatbound's convention). */
export const pySteady = String.raw`def steady(start=None, label='down'):
    """steady(start): the long-time limit from the density matrix start (the language's steady(S));
    steady(): the steady state of -i[H_S, .] + sum_alpha D_alpha. When it is unique: qutip.steadystate of the
    Bloch-Redfield Liouvillian. When it is not (collective couplings conserve the total spin, so every
    spin sector has its own): the long-time limit from down, the projection of |d..d><d..d| onto the
    steady states along the conserved quantities (left null vectors). That is heatbound's convention
    for collective couplings, the steady state of the symmetric sector reached from down; heatbound
    reports a steady state that is not unique as an error for other couplings."""
    R = R_H + sum(D)
    n = H_eig.shape[0]
    E = np.real(np.diag(H_eig.full()))
    # Levels of one eigenspace (the grouped energies, equal) against levels of two: the eigenspaces
    # are apart by more than their error bounds, their energies in H_eig within round-off of them.
    levels = np.unique(energies)
    tol = float(np.diff(levels).min()) / 2 if len(levels) > 1 else 1 + float(np.abs(E).max())
    # QuTiP stacks columns: vector index c * n + r is rho[r, c]. Populations and coherences inside
    # eigenspaces (w = 0) form a closed block of the secular tensor, which holds every steady state.
    sector = [c * n + r for c in range(n) for r in range(n) if abs(E[r] - E[c]) <= tol]
    M = R.full()[np.ix_(sector, sector)]
    right = scipy.linalg.null_space(M, rcond=1e-10)
    if right.shape[1] == 1:
        notes.append('steady: unique; qutip.steadystate of the Bloch-Redfield Liouvillian')
        return from_br(qt.steadystate(R).transform(ekets, True))
    left = scipy.linalg.null_space(M.conj().T, rcond=1e-10)
    start = eig(dm(ket('d' * L)) if start is None else start).full().flatten('F')[sector]
    x = right @ np.linalg.solve(left.conj().T @ right, left.conj().T @ start)
    full = np.zeros(n * n, dtype=complex)
    full[sector] = x
    rho = qt.Qobj(full.reshape((n, n), order='F'), dims=H.dims)
    rho = hermitian(rho) / rho.tr()
    note = ('steady: not unique (%d independent steady states); used the long-time limit from %s '
            '(heatbound: steady(S) is the limit from S; steady the one reached from down, for collective couplings)'
            % (right.shape[1], label))
    try:
        other = qt.steadystate(R)
        note += ('; qutip.steadystate(R) returns another one (it depends on the solver), with J[alpha] = %s'
                 % ', '.join('%r' % heat(Dk, other) for Dk in D))
    except Exception as err:  # QuTiP's solvers may fail on a singular system
        note += '; qutip.steadystate(R) fails here (%s)' % str(err).splitlines()[0]
    notes.append(note)
    return from_br(rho.transform(ekets, True))`;

/** Evaluating J and printing it: readable lines, then one JSON line. */
export const pyReport = String.raw`def json_string(s):
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"').replace('\n', '\\n') + '"'


rho = make_state()
rho_eig = eig(rho)
J_alpha = [heat(Dk, rho_eig) for Dk in D]
J = sum(J_alpha)
if unevaluated:
    notes.append('gamma(w) raised a domain error at w = %s, where QuTiP evaluates S but A connects no levels '
                 'or w = 0 (no heat); counted as 0 there' % ', '.join(sorted(set('%r' % w for w in unevaluated))))

print('# heatbound export: %s at L = %d, state %s; J by QuTiP %s (Bloch-Redfield, secular)'
      % (MODEL, L, STATE, qt.__version__))
for note in notes:
    print('# note: ' + note)
for i, ((label, _, _), j) in enumerate(zip(channels, J_alpha)):
    print('J[%d] = %r  # %s' % (i, j, label))
print('J = %r' % J)
print('{"model": %s, "L": %d, "state": %s, "J": "%r", "channels": [%s], "qutip": %s, "notes": [%s]}' % (
    json_string(MODEL), L, json_string(STATE), J,
    ', '.join('{"label": %s, "J": "%r"}' % (json_string(label), j) for (label, _, _), j in zip(channels, J_alpha)),
    json_string(qt.__version__), ', '.join(json_string(s) for s in notes)))`;
