"""The exact effective band deltaE = max |E_a - E_b| over pairs of eigenspaces of H_S with
P_a A P_b != 0, for the periodic transverse-field Ising chain of bench/models/tfim-zp.yaml
(H = Jzz sum_k Z_k Z_{k+1} + h sum_k X_k, periodic; A = sum_k Z_k), independent of heatbound.

H commutes with the spin flip F = prod_k X_k, the translation T and (in the momentum-0 sector) the
reflection R; A anticommutes with F and commutes with T and R. So P_a A P_b can be nonzero only
between eigenvectors of opposite flip parity, equal momentum and (at momentum 0) equal reflection
parity: every other element is an exact zero by symmetry, and is never computed here. Each
(flip, momentum) sector is built as the range of its projector, H is diagonalised in it with numpy
(at momentum 0 together with a small multiple of R, whose eigenvectors are then joint eigenvectors;
energies are <v|H|v>), and A's elements between the allowed sectors are computed in those bases.
An element is certified nonzero when its modulus is above `certified` (1e-12, about 100 times the
float64 error of these elements: eps ||A|| over the smallest relevant gap, far below it here).
Prints JSON: the exact deltaE (the largest |w| over the allowed pairs with a certified element),
the largest |w| over every allowed pair, and the top pairs with their moduli.

Usage: python3 tfim_deltae.py L [Jzz h]
"""
import json
import sys

import numpy as np


def main() -> None:
    L = int(sys.argv[1])
    Jzz = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
    h = float(sys.argv[3]) if len(sys.argv) > 3 else 0.7
    n = 2 ** L
    # Site k is bit (L-1-k) of a basis index, 0 = up (Z = +1).
    z = np.array([[1 - 2 * ((s >> (L - 1 - k)) & 1) for s in range(n)] for k in range(L)], dtype=float)
    H = np.diag(Jzz * sum(z[k] * z[(k + 1) % L] for k in range(L)))
    for k in range(L):
        for s in range(n):
            H[s ^ (1 << (L - 1 - k)), s] += h
    A = np.diag(z.sum(axis=0))

    def perm(f):
        P = np.zeros((n, n))
        for s in range(n):
            P[f(s), s] = 1
        return P

    def site_map(m):
        # The permutation moving site k to site m(k).
        def f(s):
            t = 0
            for k in range(L):
                if (s >> (L - 1 - k)) & 1:
                    t |= 1 << (L - 1 - m(k))
            return t
        return perm(f)

    F = perm(lambda s: s ^ (n - 1))
    T = site_map(lambda k: (k + 1) % L)
    R = site_map(lambda k: (L - k) % L)
    for X in (F, T, R):
        assert np.allclose(X @ H, H @ X)
    sectors = []
    Tp = [np.linalg.matrix_power(T, m) for m in range(L)]
    for f in (1, -1):
        Pf = (np.eye(n) + f * F) / 2
        for m in range(L):
            Pk = sum(np.exp(-2j * np.pi * m * q / L) * Tp[q] for q in range(L)) / L
            Pr = Pf @ Pk
            w, V = np.linalg.eigh((Pr + Pr.conj().T) / 2)
            B = V[:, w > 0.5]
            if B.shape[1] == 0:
                continue
            Hs = B.conj().T @ H @ B
            self_conjugate = (2 * m) % L == 0
            Ms = Hs + (1e-3 * (B.conj().T @ R @ B) if self_conjugate else 0)
            _, U = np.linalg.eigh((Ms + Ms.conj().T) / 2)
            vecs = B @ U
            E = np.real(np.einsum('ij,ij->j', vecs.conj(), H @ vecs))
            r = np.real(np.einsum('ij,ij->j', vecs.conj(), R @ vecs)) if self_conjugate else np.zeros(len(E))
            sectors.append({'f': f, 'm': m, 'vecs': vecs, 'E': E, 'r': np.round(r).astype(int)})
    pairs = []
    for a in sectors:
        for b in sectors:
            if a['f'] != 1 or b['f'] != -1 or a['m'] != b['m']:
                continue
            M = np.abs(a['vecs'].conj().T @ A @ b['vecs'])
            for i in range(len(a['E'])):
                for j in range(len(b['E'])):
                    if a['r'][i] != b['r'][j]:
                        continue
                    pairs.append((abs(a['E'][i] - b['E'][j]), float(M[i, j])))
    pairs.sort(key=lambda p: -p[0])
    certified = 1e-12
    exact = max(w for w, m in pairs if m > certified)
    top = max(w for w, _ in pairs)
    print(json.dumps({
        'L': L, 'deltaE': exact, 'allowedMax': top, 'certified': certified,
        'top': [{'w': w, 'modulus': m} for w, m in pairs[:8]],
        'uncertifiedAbove': [w for w, m in pairs if m <= certified and w > exact],
    }))


main()
