#!/usr/bin/env python3
"""tc_ref: a numpy reference for L qubits times one cavity mode (Tavis-Cummings, Dicke).

Written from docs/physics.md (the Davies J, Omega, B_state, B_1, B_2) and the physics of the model,
not from src/:

    python3 test/reference/tc_ref.py JSON

JSON: {"L": 3, "n": 8, "wc": 1, "w0": 1, "g": 0.1, "kappa": 0.05, "T": 0.5, "T0": 1, "cr": 0}
H = wc n + w0 Jz + g (J+ a + J- adag) + cr (J+ adag + J- a) on the mode truncated to the Fock
states 0..n-1; one channel A = a + adag with a flat bath (rate kappa for w >= 0, kappa e^{w/T} for
w < 0, w the energy the bath takes), the state thermal(T0) on the full 2^L n space.

The full space is the direct sum over the total-spin sectors j (2j = L, L-2, ...) of (2j+1) x n,
each sector C(L, L/2-j) - C(L, L/2-j-1) times; H and A act in each sector alike, so every
quantity is a sum (J, Tr[A^2 rho]) or a maximum (Omega's statistics, ||H||) over the sectors, the
sums weighted by multiplicity x exp(-E/T0) / Z. Without counter-rotating terms (cr = 0) H conserves
the excitation number p + f (p the Dicke index m + j, f the Fock number), and each sector is
diagonalised block by block (L = 100, n = 50 in seconds); with cr != 0 densely (small L only).
For a state that is a function of H, Tr[A(w)^+ A(w) rho] = sum over eigenpairs (i, k) with
E_k - E_i = w of |A_ik|^2 p_k, so J = sum_{i,k} -(E_k - E_i) gamma(E_k - E_i) |A_ik|^2 p_k.
Omega: the pairs with |A_ik| > 1e-9 and |w| > 1e-9.

Prints {"J", "normA", "deltaE", "gammaMax", "omegaGammaMax", "Bstate", "normH", "width", "B1", "B2"}.
"""

import json
import math
import sys

import numpy as np


def sector_spin(twoJ):
    """Jz and J+ in the Dicke basis of sector j, index p = m + j (p = 0: m = -j)."""
    j = twoJ / 2
    d = twoJ + 1
    m = np.array([p - j for p in range(d)])
    Jz = np.diag(m)
    Jp = np.zeros((d, d))
    for p in range(d - 1):
        # J+ |j, m> = sqrt(j(j+1) - m(m+1)) |j, m+1>
        Jp[p + 1, p] = math.sqrt(j * (j + 1) - m[p] * (m[p] + 1))
    return Jz, Jp


def mode(n):
    a = np.zeros((n, n))
    for f in range(1, n):
        a[f - 1, f] = math.sqrt(f)
    return a


def multiplicity(L, twoJ):
    k = (L - twoJ) // 2
    return math.comb(L, k) - (math.comb(L, k - 1) if k > 0 else 0)


def flat(kappa, T):
    def gamma(w):
        w = np.asarray(w, dtype=float)
        out = np.full(w.shape, float(kappa))
        neg = w < 0
        out[neg] = 0.0 if T == 0 else kappa * np.exp(w[neg] / T)
        return out
    return gamma


def sector(p, L, twoJ):
    n = p["n"]
    Jz, Jp = sector_spin(twoJ)
    Jm = Jp.T
    a = mode(n)
    I_s, I_m = np.eye(twoJ + 1), np.eye(n)
    H = p["wc"] * np.kron(I_s, a.T @ a) + p["w0"] * np.kron(Jz, I_m) + p["g"] * (np.kron(Jp, a) + np.kron(Jm, a.T))
    cr = p.get("cr", 0)
    if cr:
        H = H + cr * (np.kron(Jp, a.T) + np.kron(Jm, a))
    A = np.kron(I_s, a + a.T)
    if cr:
        E, U = np.linalg.eigh(H)
        return [(E, U, np.arange(H.shape[0]))], A, H
    # Blocks of the excitation number p + f (index p n + f).
    exc = np.array([q // n + q % n for q in range(H.shape[0])])
    blocks = []
    for N in range(exc.max() + 1):
        idx = np.nonzero(exc == N)[0]
        E, U = np.linalg.eigh(H[np.ix_(idx, idx)])
        blocks.append((E, U, idx))
    return blocks, A, H


def main():
    p = json.loads(sys.argv[1])
    L, T0 = p["L"], p["T0"]
    gamma = flat(p["kappa"], p["T"])
    sectors = []
    for twoJ in range(L, -1, -2):
        blocks, A, _ = sector(p, L, twoJ)
        sectors.append((twoJ, multiplicity(L, twoJ), blocks, A))
    Emin = min(b[0].min() for s in sectors for b in s[2])
    Emax = max(b[0].max() for s in sectors for b in s[2])
    # Thermal weights over the full space: multiplicity x exp(-(E - Emin)/T0), normalised in log space.
    logZ_terms = []
    for twoJ, mult, blocks, _ in sectors:
        for E, _, _ in blocks:
            logZ_terms.extend(math.log(mult) - (E - Emin) / T0)
    mx = max(logZ_terms)
    logZ = mx + math.log(sum(math.exp(x - mx) for x in logZ_terms))
    J = 0.0
    trA2 = 0.0
    deltaE = gmax = omg = 0.0
    for twoJ, mult, blocks, A in sectors:
        for E_i, U_i, idx_i in blocks:
            for E_k, U_k, idx_k in blocks:
                Aik = U_i.T @ A[np.ix_(idx_i, idx_k)] @ U_k
                a2 = Aik ** 2
                if not np.any(a2):
                    continue
                pk = np.exp(math.log(mult) - (E_k - Emin) / T0 - logZ)
                w = E_k[None, :] - E_i[:, None]
                gw = gamma(w)
                J += float(np.sum(-w * gw * a2 * pk[None, :]))
                trA2 += float(np.sum(a2 * pk[None, :]))
                mask = (np.abs(Aik) > 1e-9) & (np.abs(w) > 1e-9)
                if np.any(mask):
                    deltaE = max(deltaE, float(np.abs(w[mask]).max()))
                    gmax = max(gmax, float(gw[mask].max()))
                    omg = max(omg, float((np.abs(w) * gw)[mask].max()))
    a = mode(p["n"])
    normA = float(np.abs(np.linalg.eigvalsh(a + a.T)).max())
    out = {
        "J": J, "normA": normA, "deltaE": deltaE, "gammaMax": gmax, "omegaGammaMax": omg,
        "Bstate": omg * trA2, "normH": float(max(abs(Emin), abs(Emax))), "width": float(Emax - Emin),
        "B1": omg * normA ** 2, "B2": deltaE * gmax * normA ** 2,
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
