#!/usr/bin/env python3
"""sites_ref: an independent numpy reference for models on sites of any dimension (model language
v2: spins s, d-level sites, truncated bosonic modes), for heatbound's dense method.

Reads one JSON object on stdin, describing the model as plain data (not in the model language):

    {"dims": [[kind, param], ...]            one entry per global site, in Kronecker order:
                                             ["spin", twoS], ["levels", d], ["boson", cutoff]
     "H": [[re, im, [[g, op], ...]], ...]    sum of coefficient * product of one-site operators
     "channels": [{"A": <terms>, "rate": r, "T": t}, ...]   flat baths
     "state": "ground" | "top" | {"thermal": T} | {"levels": [i_0, i_1, ...]}}

op is one of Sx Sy Sz Sp Sm (spin s, basis m = s..-s), "P i j" (|i><j|), a adag n (the mode
truncated to Fock states 0..cutoff-1). The operators are Kronecker products of these matrices
(site 0 leftmost); J and the bound terms follow /work/shared/docs/physics.md through heatref's
Spectrum (eigenspaces, A(w) as blocks between them). Prints the JSON of heatref.py.
"""

import json
import math
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import heatref  # noqa: E402


def jmat(two_s):
    d = two_s + 1
    s = two_s / 2
    m = np.array([s - i for i in range(d)])
    sp = np.zeros((d, d), dtype=complex)
    for i in range(1, d):  # <m+1|S+|m>: row i-1, column i
        sp[i - 1, i] = math.sqrt(s * (s + 1) - m[i] * (m[i] + 1))
    sm = sp.conj().T
    return {"Sx": (sp + sm) / 2, "Sy": (sp - sm) / 2j, "Sz": np.diag(m).astype(complex), "Sp": sp, "Sm": sm}


def destroy(n):
    a = np.zeros((n, n), dtype=complex)
    for k in range(1, n):
        a[k - 1, k] = math.sqrt(k)
    return a


def local(kind, param, op):
    d = param + 1 if kind == "spin" else param
    if op.startswith("P "):
        _, i, j = op.split()
        m = np.zeros((d, d), dtype=complex)
        m[int(i), int(j)] = 1
        return m
    if kind == "spin":
        return jmat(param)[op]
    if kind == "boson":
        a = destroy(param)
        return {"a": a, "adag": a.conj().T, "n": a.conj().T @ a}[op]
    raise ValueError("operator %s on a %s site" % (op, kind))


def operator(sites, terms):
    dims = [p + 1 if k == "spin" else p for k, p in sites]
    n = int(np.prod(dims))
    M = np.zeros((n, n), dtype=complex)
    for re, im, factors in terms:
        mats = [np.eye(d, dtype=complex) for d in dims]
        for g, op in factors:
            mats[g] = mats[g] @ local(sites[g][0], sites[g][1], op)
        P = np.ones((1, 1), dtype=complex)
        for m in mats:
            P = np.kron(P, m)
        M += complex(re, im) * P
    return M


def flat(rate, T):
    def gamma(w):
        if w >= 0:
            return rate
        if T == 0:
            return 0.0
        return rate * math.exp(-abs(w) / T)
    return gamma


def main():
    spec = json.load(sys.stdin)
    sites = [tuple(x) for x in spec["dims"]]
    dims = [p + 1 if k == "spin" else p for k, p in sites]
    H = operator(sites, spec["H"])
    H = 0.5 * (H + H.conj().T)
    sp = heatref.Spectrum(H)
    chans = []
    for c in spec["channels"]:
        A = operator(sites, c["A"])
        A = 0.5 * (A + A.conj().T)
        nA = float(np.linalg.norm(A, 2))
        chans.append({"A": A, "gamma": flat(c["rate"], c.get("T", 0.0)), "normA": nA, "jumps": sp.jumps(A, 1e-9 * max(1.0, nA))})
    st = spec["state"]
    n = H.shape[0]
    if st == "ground" or st == "top":
        E = sp.E
        target = E[0] if st == "ground" else E[-1]
        idx = [i for i in range(n) if abs(E[i] - target) <= sp.tol]
        rho = sp.V[:, idx] @ sp.V[:, idx].conj().T / len(idx)
    elif "thermal" in st:
        T = st["thermal"]
        w = np.exp(-(sp.E - sp.E[0]) / T)
        rho = (sp.V * (w / w.sum())) @ sp.V.conj().T
    else:
        idx = 0
        for g, lv in enumerate(st["levels"]):
            idx = idx * dims[g] + lv
        psi = np.zeros(n, dtype=complex)
        psi[idx] = 1
        rho = np.outer(psi, psi.conj())
    rho_t = sp.to_eig(rho)
    rho_p = sp.pinch(rho)
    out = []
    Jtot = 0.0
    for ch in chans:
        J = dE = gmax = wgmax = 0.0
        for (g, w, R, C, sub, nrm) in ch["jumps"]:
            gw = ch["gamma"](w)
            t = np.sum(np.conj(sub) * (sub @ rho_t[np.ix_(C, C)]))
            J += -w * gw * t.real
            if g != sp.zero_g:
                dE = max(dE, abs(w))
                gmax = max(gmax, gw)
                wgmax = max(wgmax, abs(w) * gw)
        trA2 = float(np.trace(ch["A"] @ ch["A"] @ rho_p).real)
        Jtot += J
        out.append({"J": J, "normA": ch["normA"], "deltaE": dE, "gammaMax": gmax, "omegaGammaMax": wgmax,
                    "Bstate": wgmax * trA2, "pinchedA2": trA2})
    width = float(sp.E[-1] - sp.E[0])
    sumA2 = sum(c["normA"] ** 2 for c in out)
    G = max([c["gammaMax"] for c in out], default=0.0)
    D = max([c["deltaE"] for c in out], default=0.0)
    print(json.dumps({
        "dimension": n,
        "J": Jtot,
        "channels": out,
        "terms": {"normH": sp.normH, "width": width, "sumA2": sumA2, "gammaMax": G, "deltaE": D},
        "bounds": {"Bstate": sum(c["Bstate"] for c in out), "B1": sum(c["omegaGammaMax"] * c["normA"] ** 2 for c in out),
                   "B1coarse": width * G * sumA2, "B2": D * G * sumA2},
    }))


if __name__ == "__main__":
    main()
