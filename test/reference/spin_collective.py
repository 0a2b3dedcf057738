#!/usr/bin/env python3
"""spin_collective: a brute-force numpy reference for L spins s on the full (2s+1)^L space.

Written from docs/physics.md (the Davies J, Omega, B_state) and the v2 contract (spin-s matrices,
index i <-> m = s - i, site 0 the leftmost Kronecker factor), not from src/:

    python3 test/reference/spin_collective.py JSON

JSON: {"twoS": 2, "L": 3, "w0": 1, "chi": 0.3, "hx": 0, "state": "up" | "down" | "steady",
       "channels": [{"ax": 1, "az": 0, "g": 1, "T": 0.7}, ...]}
H = w0 Jz + chi Jz^2 + hx Jx; channel c: A = ax Jx + az Jz with a flat bath (rate g, temperature T).
`steady`: the steady state reached from down, which the collective generator keeps in the span of
J+^k |down> (found here by Krylov iteration on the full-space J+).
Prints {"J", "normH", "width", "channels": [{"J", "normA", "deltaE", "gammaMax", "omegaGammaMax", "Bstate"}]}.
"""

import json
import math
import sys

import numpy as np


def spin(twoS):
    d = twoS + 1
    s = twoS / 2
    m = np.array([s - i for i in range(d)])
    Sz = np.diag(m).astype(complex)
    Sp = np.zeros((d, d), dtype=complex)
    for i in range(1, d):
        mi = m[i]
        Sp[i - 1, i] = math.sqrt((s - mi) * (s + mi + 1))
    Sm = Sp.conj().T
    return (Sp + Sm) / 2, (Sp - Sm) / 2j, Sz


def collective(op, L, d):
    total = np.zeros((d ** L, d ** L), dtype=complex)
    for k in range(L):
        f = [np.eye(d)] * L
        f[k] = op
        m = f[0]
        for x in f[1:]:
            m = np.kron(m, x)
        total += m
    return total


def groups(E, tol=1e-9):
    out, cur = [], [0]
    for i in range(1, len(E)):
        if E[i] - E[cur[-1]] <= tol:
            cur.append(i)
        else:
            out.append(cur)
            cur = [i]
    out.append(cur)
    return out


def main():
    p = json.loads(sys.argv[1])
    twoS, L = p["twoS"], p["L"]
    d = twoS + 1
    Sx, Sy, Sz = spin(twoS)
    Jx, Jz = collective(Sx, L, d), collective(Sz, L, d)
    H = p["w0"] * Jz + p["chi"] * Jz @ Jz + p.get("hx", 0) * Jx
    chans = []
    for c in p["channels"]:
        A = c.get("ax", 1) * Jx + c.get("az", 0) * Jz
        chans.append((A, flat(c["g"], c["T"])))

    E, U = np.linalg.eigh(H)
    n = len(E)
    down = np.zeros(n, dtype=complex)
    down[n - 1] = 1
    if p["state"] in ("up", "down"):
        v = np.zeros(n, dtype=complex)
        v[0 if p["state"] == "up" else n - 1] = 1
        rho = np.outer(v, v.conj())
    else:
        # The states reached from down: the span of J+^k |down> (Krylov, Gram-Schmidt), which every
        # collective operator keeps (for s > 1/2 it is smaller than the symmetric subspace).
        Jp = collective(Sx + 1j * Sy, L, d)
        vecs = []
        v = down
        while np.linalg.norm(v) > 1e-9:
            for u in vecs:
                v = v - (u.conj() @ v) * u
            if np.linalg.norm(v) <= 1e-9:
                break
            v = v / np.linalg.norm(v)
            vecs.append(v)
            v = Jp @ v
        V = np.array(vecs).T
        Hs = V.conj().T @ H @ V
        gen = None
        for A, gamma in chans:
            Lc = davies_generator(Hs, V.conj().T @ A @ V, gamma)
            gen = Lc if gen is None else gen + Lc
        m = Hs.shape[0]
        ws, vs = np.linalg.eig(gen)
        zero = np.abs(ws) < 1e-9
        if zero.sum() != 1:
            print(json.dumps({"error": "steady state not unique: %d" % zero.sum()}))
            sys.exit(3)
        r = vs[:, zero][:, 0].reshape(m, m)
        r = r / np.trace(r)
        rho = V @ r @ V.conj().T
    out = {"J": 0.0, "normH": float(max(abs(E[0]), abs(E[-1]))), "width": float(E[-1] - E[0]), "channels": []}
    for A, gamma in chans:
        c = channel(E, U, A, gamma, rho)
        out["J"] += c["J"]
        out["channels"].append(c)
    print(json.dumps(out))


def flat(g, T):
    def gamma(w):
        if w >= 0:
            return g
        return 0.0 if T == 0 else g * math.exp(w / T)
    return gamma


def bohr_parts(E, U, A):
    """The blocks of equal energy and A(w) in the eigenbasis for every Bohr frequency w."""
    blocks = groups(E)
    en = [float(np.mean(E[b])) for b in blocks]
    Ae = U.conj().T @ A @ U
    parts = {}
    for a, ba in enumerate(blocks):
        for b, bb in enumerate(blocks):
            w = round(en[b] - en[a], 9)
            X = parts.setdefault(w, np.zeros_like(Ae))
            X[np.ix_(ba, bb)] = Ae[np.ix_(ba, bb)]
    return blocks, Ae, parts


def davies_generator(H, A, gamma):
    """-i[H, .] + D in the eigenbasis of H, on row-major vec(rho) (rho in the original basis)."""
    E, U = np.linalg.eigh(H)
    m = len(E)
    _, _, parts = bohr_parts(E, U, A)
    I = np.eye(m)
    Ll = -1j * (np.kron(H, I) - np.kron(I, H.T))
    for w, Xe in parts.items():
        if abs(w) <= 1e-9:
            continue
        X = U @ Xe @ U.conj().T
        XdX = X.conj().T @ X
        Ll = Ll + gamma(w) * (np.kron(X, X.conj()) - 0.5 * np.kron(XdX, I) - 0.5 * np.kron(I, XdX.T))
    return Ll


def channel(E, U, A, gamma, rho):
    blocks, Ae, parts = bohr_parts(E, U, A)
    rho_e = U.conj().T @ rho @ U
    omega = [w for w, X in parts.items() if abs(w) > 1e-9 and np.abs(X).max() > 1e-10]
    J = sum(-w * gamma(w) * np.trace(parts[w].conj().T @ parts[w] @ rho_e).real for w in omega)
    pinch = np.zeros_like(rho_e)
    for b in blocks:
        pinch[np.ix_(b, b)] = rho_e[np.ix_(b, b)]
    omg = max((abs(w) * gamma(w) for w in omega), default=0.0)
    return {
        "J": float(J),
        "normA": float(np.abs(np.linalg.eigvalsh(A)).max()),
        "deltaE": max((abs(w) for w in omega), default=0.0),
        "gammaMax": max((gamma(w) for w in omega), default=0.0),
        "omegaGammaMax": omg,
        "Bstate": omg * np.trace(Ae @ Ae @ pinch).real,
    }


if __name__ == "__main__":
    main()
