#!/usr/bin/env python3
"""Self-checks of heatref.py by independent routes (run: python3 test/reference/selftest.py).

1. Closed forms of physics.md section 4 (independent, superradiance, all-flip), L = 1..6.
2. For every fixture at L = 2..4: A(w) rebuilt in the product basis literally as
   sum_{e'-e=w} P_e A P_e' with explicit projectors; J_alpha recomputed from it; J_alpha also as
   Tr[H_S D_alpha(rho)] with D_alpha applied to rho directly; the key identity
   sum_w A(w)^+ A(w) = Pinch(A^2); the chain |J_a| <= Bstate_a <= B1_a, B1 <= B1coarse,
   B1 <= B2, W <= 2 ||H_S||.
3. steady fixtures: J_hot = -J_cold, and the per-sector null space equals the full-SVD one.
4. Detailed balance gamma(-w) = exp(-w/T) gamma(w) for the flat and ohmic baths.
"""
import math
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import heatref  # noqa: E402

FIX = os.path.join(HERE, "..", "fixtures", "models")
fails = []


def check(cond, msg):
    if not cond:
        fails.append(msg)
        print("FAIL", msg)


def close(a, b, rel=1e-9, abs_=1e-9):
    return abs(a - b) <= abs_ + rel * max(abs(a), abs(b))


def fixture(name):
    return os.path.join(FIX, name + ".yaml")


# 1. closed forms
print("closed forms (g = w0 = 1, T = 0)")
print("%-14s %2s %12s %12s %12s %12s %12s" % ("family", "L", "J", "J_doc", "B1", "B1_doc", "B2"))
for L in range(1, 7):
    j = L / 2
    n = L // 2
    m = n - L / 2
    cases = [
        ("independent", -L, L, None),
        ("superradiance", -(j + m) * (j - m + 1), L ** 2, L ** 2),
        ("allflip", -L ** 3, L ** 3, None),
    ]
    for fam, Jdoc, B1doc, B2doc in cases:
        r = heatref.run(fixture(fam), L)
        J, B1, B2 = float(r["J"]), float(r["bounds"]["B1"]), float(r["bounds"]["B2"])
        print("%-14s %2d %12.6g %12.6g %12.6g %12.6g %12.6g" % (fam, L, J, Jdoc, B1, B1doc, B2))
        check(close(J, Jdoc), "%s L=%d J=%r doc %r" % (fam, L, J, Jdoc))
        check(close(B1, B1doc), "%s L=%d B1=%r doc %r" % (fam, L, B1, B1doc))
        if B2doc is not None:
            check(close(B2, B2doc), "%s L=%d B2=%r doc %r" % (fam, L, B2, B2doc))
        if fam == "superradiance" and L % 2 == 0:
            check(close(J / -B1, (L + 2) / (4 * L)), "superradiance ratio L=%d" % L)


# 2. independent routes on every fixture
def projectors(spec):
    P = []
    for a in range(spec.nc):
        Va = spec.V[:, spec.c == a]
        P.append(Va @ Va.conj().T)
    return P


def davies_apply(jw, rho):
    out = np.zeros_like(rho)
    for (gw, X) in jw:
        K = X.conj().T @ X
        out += gw * (X @ rho @ X.conj().T - 0.5 * (K @ rho + rho @ K))
    return out


names = sorted(f[:-5] for f in os.listdir(FIX) if f.endswith(".yaml"))
for name in names:
    for L in (2, 3, 4):
        res, ctx = heatref.run(fixture(name), L, internals=True)
        spec, rho, H = ctx["spec"], ctx["rho"], ctx["H"]
        P = projectors(spec)
        pinch = sum(Pe @ rho @ Pe for Pe in P)
        tol = 1e-8 * max(1.0, spec.normH)
        for ai, (ch, cv) in enumerate(zip(ctx["chans"], ctx["channel_values"])):
            A = ch["A"]
            # literal A(w) for every Bohr group, product basis
            Aw = {}
            for a in range(spec.nc):
                for b in range(spec.nc):
                    g = int(spec.gid_pair[a, b])
                    Aw[g] = Aw.get(g, 0) + P[a] @ A @ P[b]
            S = sum(X.conj().T @ X for X in Aw.values())
            check(np.linalg.norm(S - sum(Pe @ A @ A @ Pe for Pe in P)) < 1e-8 * max(1, cv["normA"]) ** 2,
                  "%s L=%d ch%d: sum A(w)^+A(w) != Pinch(A^2)" % (name, L, ai))
            tolA = 1e-9 * max(1.0, cv["normA"])
            J1 = 0.0
            jw = []
            wg = 0.0
            for g, X in Aw.items():
                if np.linalg.norm(X, 2) <= tolA:
                    continue
                w = float(spec.wval[g])
                gw = ch["gamma"](w)
                jw.append((gw, X))
                J1 += -w * gw * np.trace(X.conj().T @ X @ rho).real
                if g != spec.zero_g:
                    wg = max(wg, abs(w) * gw)
            J2 = np.trace(H @ davies_apply(jw, rho)).real
            J3 = -sum(float(spec.wval[g]) * ch["gamma"](float(spec.wval[g])) *
                      np.trace(X.conj().T @ X @ pinch).real
                      for g, X in Aw.items() if np.linalg.norm(X, 2) > tolA)
            for lab, Jx in (("P_e-literal", J1), ("Tr[H D(rho)]", J2), ("pinched", J3)):
                check(close(cv["J"], Jx, 1e-8, tol), "%s L=%d ch%d J %r vs %s %r" % (name, L, ai, cv["J"], lab, Jx))
            check(close(cv["omegaGammaMax"], wg), "%s L=%d ch%d omegaGammaMax" % (name, L, ai))
            check(abs(cv["J"]) <= cv["Bstate"] + tol, "%s L=%d ch%d |J| > Bstate" % (name, L, ai))
            check(cv["Bstate"] <= cv["omegaGammaMax"] * cv["normA"] ** 2 + tol,
                  "%s L=%d ch%d Bstate > B1" % (name, L, ai))
        b = {k: float(v) for k, v in res["bounds"].items()}
        t = {k: float(v) for k, v in res["terms"].items()}
        check(abs(float(res["J"])) <= b["Bstate"] + tol, "%s L=%d |J| > Bstate" % (name, L))
        check(b["Bstate"] <= b["B1"] + tol, "%s L=%d Bstate > B1" % (name, L))
        check(b["B1"] <= b["B1coarse"] + tol, "%s L=%d B1 > B1coarse" % (name, L))
        check(b["B1"] <= b["B2"] + tol, "%s L=%d B1 > B2" % (name, L))
        check(t["width"] <= 2 * t["normH"] + tol, "%s L=%d W > 2||H||" % (name, L))
    print("ok" if not fails else "..", name)

# 3. steady states
for name in ("steady_two_baths", "steady_collective"):
    for L in (2, 3):
        r1 = heatref.run(fixture(name), L)
        r2 = heatref.run(fixture(name), L, full_svd=True)
        Jh, Jc = float(r1["channels"][0]["J"]), float(r1["channels"][1]["J"])
        check(close(Jh, -Jc, 1e-8, 1e-10) and Jh > 0, "%s L=%d J_hot %r J_cold %r" % (name, L, Jh, Jc))
        check(close(Jh, float(r2["channels"][0]["J"]), 1e-8, 1e-10), "%s L=%d full SVD differs" % (name, L))
        print("steady %s L=%d J_hot=%.6g J_cold=%.6g" % (name, L, Jh, Jc))

# 4. detailed balance of the built-in baths
ev = heatref.Evaluator(heatref.Space(1), {})
for bath in ({"spectrum": "flat", "rate": 0.7, "T": 1.3},
             {"spectrum": "ohmic", "rate": 0.7, "T": 1.3, "wc": 2}):
    gam, _ = heatref.make_bath(ev, bath, {}, "bath")
    for w in (0.1, 0.5, 1.0, 3.0):
        check(close(gam(-w), math.exp(-w / 1.3) * gam(w), 1e-12, 0), "detailed balance %s w=%g" % (bath["spectrum"], w))
gam, _ = heatref.make_bath(ev, {"spectrum": "ohmic", "rate": 0.7, "T": 1.3, "wc": 2}, {}, "bath")
check(close(gam(0.0), 0.7 * 1.3) and close(gam(1e-7), 0.7 * 1.3, 1e-6), "ohmic w -> 0 limit")

print("ALL OK" if not fails else "%d FAILURES" % len(fails))
sys.exit(1 if fails else 0)
