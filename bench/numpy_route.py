"""The numpy route for bench/models/tfim-z.yaml and tfim-zp.yaml (issue 14): what a user without
heatbound writes. Dense H_S by Kronecker products, LAPACK eigh with vectors, A in the eigenbasis by
two matrix products, the thermal populations, and J = -sum_{m,n} w gamma(w) |A_mn|^2 p_n with
w = E_n - E_m (A(w) removes energy w), with deltaE and gammaMax over the elements above 1e-12.
Prints one JSON line: L, seconds (inside Python, after the imports), J, deltaE.

usage: python3 bench/numpy_route.py L [periodic]
"""
import json
import sys
import time

import numpy as np

L = int(sys.argv[1])
periodic = len(sys.argv) > 2 and sys.argv[2] == 'periodic'
Jzz, h, g, T, wc, Ts = 1.0, 0.7, 0.5, 2.0, 4.0, 0.5
t0 = time.perf_counter()
n = 2 ** L
# Site k is bit L-1-k of the index (site 0 leftmost, as np.kron and heatbound); 0 = up, Z = +1.
idx = np.arange(n)
z = np.array([1.0 - 2.0 * ((idx >> (L - 1 - k)) & 1) for k in range(L)])
H = np.zeros((n, n))
bonds = L if periodic else L - 1
H[idx, idx] = Jzz * sum(z[k] * z[(k + 1) % L] for k in range(bonds))
for k in range(L):
    H[idx, idx ^ (1 << (L - 1 - k))] += h
E, V = np.linalg.eigh(H)
a = z.sum(axis=0)
At = V.T @ (a[:, None] * V)
w = E[None, :] - E[:, None]


def gamma(x):
    """ohmic: rate * w * exp(-w/wc) / (1 - exp(-w/T)) for w > 0, detailed balance below, rate * T at 0."""
    ax = np.abs(x)
    with np.errstate(divide='ignore', invalid='ignore'):
        up = np.where(ax > 0, g * ax * np.exp(-ax / wc) / -np.expm1(-ax / T), g * T)
    return np.where(x >= 0, up, np.exp(-ax / T) * up)


p = np.exp(-(E - E[0]) / Ts)
p /= p.sum()
A2 = At * At
gw = gamma(w)
J = -np.sum(w * gw * A2 * p[None, :])
mask = (np.abs(At) > 1e-12) & (np.abs(w) > 1e-9)
deltaE = float(np.abs(w[mask]).max())
print(json.dumps({'L': L, 'seconds': time.perf_counter() - t0, 'J': float(J), 'deltaE': deltaE}))
