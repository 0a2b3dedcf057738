#!/usr/bin/env python3
"""heatref: an independent, brute-force reference for heatbound's heat currents and bounds.

Written from /work/shared/docs/physics.md and model-language.md only (not from src/), so that
the TypeScript implementation can be cross-checked against it.

    python3 test/reference/heatref.py MODEL --L N [--state S] [--param k=v]...

prints one JSON object (see README.md). Exit codes: 0 ok, 2 input/model error, 3 a case this
reference cannot or will not compute (random/mixed states, a non-unique steady state outside the
spin-conserving case, steady with L > 6).

Conventions: hbar = k_B = 1; per-site basis (u, d) with u = excited = Z=+1 first; site 0 is the
leftmost kron factor; J > 0 means heat flows into the system.
"""

import argparse
import cmath
import json
import math
import os
import sys
from fractions import Fraction

import numpy as np
import yaml


class ModelError(Exception):
    """An error in the model or the command line (exit 2)."""


class Unsupported(Exception):
    """Something this reference does not compute (exit 3)."""


# ----------------------------------------------------------------------------------------------
# Tokenizer
# ----------------------------------------------------------------------------------------------

SYMBOLS = set("+-*/^%()[],")


def tokenize(src):
    toks = []
    i, n = 0, len(src)
    while i < n:
        c = src[i]
        if c.isspace():
            i += 1
            continue
        if c.isdigit() or (c == "." and i + 1 < n and src[i + 1].isdigit()):
            j = i
            while j < n and (src[j].isdigit() or src[j] == "."):
                j += 1
            # optional exponent: 1e-3, 2.5E+4
            if j < n and src[j] in "eE":
                k = j + 1
                if k < n and src[k] in "+-":
                    k += 1
                if k < n and src[k].isdigit():
                    j = k
                    while j < n and src[j].isdigit():
                        j += 1
            text = src[i:j]
            try:
                val = Fraction(text)  # decimal literals are exact: 0.1 == 1/10
            except ValueError:
                raise ModelError("bad number %r at column %d in %r" % (text, i + 1, src))
            toks.append(("num", val, i))
            i = j
            continue
        if c.isalpha() or c == "_":
            j = i
            while j < n and (src[j].isalnum() or src[j] == "_"):
                j += 1
            toks.append(("id", src[i:j], i))
            i = j
            continue
        if c in "\"'":
            j = src.find(c, i + 1)
            if j < 0:
                raise ModelError("unterminated string at column %d in %r" % (i + 1, src))
            toks.append(("str", src[i + 1:j], i))
            i = j + 1
            continue
        if c in SYMBOLS:
            toks.append(("op", c, i))
            i += 1
            continue
        raise ModelError("unexpected character %r at column %d in %r" % (c, i + 1, src))
    toks.append(("end", None, n))
    return toks


# ----------------------------------------------------------------------------------------------
# Recursive-descent parser -> AST of tuples
#   ('num', Fraction) ('str', s) ('id', name) ('call', name, [args]) ('index', name, expr)
#   ('bin', op, a, b) ('neg', a)
# Grammar:
#   expr  := mul (('+'|'-') mul)*
#   mul   := unary (('*'|'/'|'%') unary)*
#   unary := ('-'|'+') unary | pow
#   pow   := primary ('^' unary)?          (right associative; -x^2 == -(x^2); 2^-1 ok)
#   primary := NUM | STR | '(' expr ')' | ID [ '[' expr ']' | '(' expr (',' expr)* ')' ]
# ----------------------------------------------------------------------------------------------


class Parser:
    def __init__(self, src):
        self.src = src
        self.toks = tokenize(src)
        self.p = 0

    def peek(self):
        return self.toks[self.p]

    def next(self):
        t = self.toks[self.p]
        self.p += 1
        return t

    def expect(self, val):
        t = self.next()
        if t[0] != "op" or t[1] != val:
            raise ModelError("expected %r at column %d in %r, got %r" % (val, t[2] + 1, self.src, t[1]))
        return t

    def is_op(self, *vals):
        t = self.peek()
        return t[0] == "op" and t[1] in vals

    def parse(self):
        e = self.expr()
        t = self.peek()
        if t[0] != "end":
            raise ModelError("unexpected token %r at column %d in %r" % (t[1], t[2] + 1, self.src))
        return e

    def expr(self):
        a = self.mul()
        while self.is_op("+", "-"):
            op = self.next()[1]
            a = ("bin", op, a, self.mul())
        return a

    def mul(self):
        a = self.unary()
        while self.is_op("*", "/", "%"):
            op = self.next()[1]
            a = ("bin", op, a, self.unary())
        return a

    def unary(self):
        if self.is_op("-"):
            self.next()
            return ("neg", self.unary())
        if self.is_op("+"):
            self.next()
            return self.unary()
        return self.pow()

    def pow(self):
        a = self.primary()
        if self.is_op("^"):
            self.next()
            return ("bin", "^", a, self.unary())
        return a

    def primary(self):
        t = self.next()
        if t[0] == "num":
            return ("num", t[1])
        if t[0] == "str":
            return ("str", t[1])
        if t[0] == "op" and t[1] == "(":
            e = self.expr()
            self.expect(")")
            return e
        if t[0] == "id":
            name = t[1]
            if self.is_op("["):
                self.next()
                idx = self.expr()
                self.expect("]")
                return ("index", name, idx)
            if self.is_op("("):
                self.next()
                args = [self.expr()]
                while self.is_op(","):
                    self.next()
                    args.append(self.expr())
                self.expect(")")
                return ("call", name, args)
            return ("id", name)
        raise ModelError("unexpected token %r at column %d in %r" % (t[1], t[2] + 1, self.src))


def parse(src):
    if isinstance(src, bool):
        raise ModelError("expected an expression, got a boolean")
    if isinstance(src, (int, float)):
        src = repr(src) if isinstance(src, float) else str(src)
    if not isinstance(src, str):
        raise ModelError("expected an expression string, got %r" % (src,))
    return Parser(src).parse()


# ----------------------------------------------------------------------------------------------
# Evaluator: values are scalars (Fraction exact where possible, else float / complex) or
# operators (numpy complex 2^L x 2^L arrays).
# ----------------------------------------------------------------------------------------------

SX = np.array([[0, 1], [1, 0]], dtype=complex)
SY = np.array([[0, -1j], [1j, 0]], dtype=complex)  # in basis (u, d): Y|u> = i|d>
SZ = np.array([[1, 0], [0, -1]], dtype=complex)
SP = np.array([[0, 1], [0, 0]], dtype=complex)  # |u><d|
SM = np.array([[0, 0], [1, 0]], dtype=complex)  # |d><u|
NU = np.array([[1, 0], [0, 0]], dtype=complex)  # |u><u|
SITE_OPS = {"X": SX, "Y": SY, "Z": SZ, "Sp": SP, "Sm": SM, "N": NU}
COLLECTIVE = {"Jx": ("X", 0.5), "Jy": ("Y", 0.5), "Jz": ("Z", 0.5), "Jp": ("Sp", 1.0), "Jm": ("Sm", 1.0)}
SCALAR_FUNCS = {"sqrt", "exp", "log", "sin", "cos", "abs", "floor", "ceil", "min", "max"}


def is_op(v):
    return isinstance(v, np.ndarray)


def to_complex(v):
    return complex(v)


def simplify(v):
    """Keep scalars as Fraction when exact; drop a zero imaginary part of a complex number."""
    if isinstance(v, complex) and v.imag == 0:
        return v.real
    return v


def as_int(v, what):
    if isinstance(v, Fraction):
        if v.denominator != 1:
            raise ModelError("%s must be an integer, got %s" % (what, v))
        return int(v)
    if isinstance(v, int):
        return v
    if isinstance(v, float) and v == math.floor(v):
        return int(v)
    raise ModelError("%s must be an integer, got %r" % (what, v))


def as_real(v, what="value"):
    if is_op(v):
        raise ModelError("%s must be a scalar, got an operator" % what)
    if isinstance(v, complex):
        if abs(v.imag) > 1e-12 * max(1.0, abs(v.real)):
            raise ModelError("%s must be real, got %r" % (what, v))
        return v.real
    return v


class Space:
    def __init__(self, L):
        self.L = L
        self.n = 2 ** L
        self.cache = {}

    def identity(self):
        return np.eye(self.n, dtype=complex)

    def site(self, name, k):
        key = (name, k)
        if key not in self.cache:
            self.cache[key] = np.kron(np.kron(np.eye(2 ** k), SITE_OPS[name]), np.eye(2 ** (self.L - k - 1)))
        return self.cache[key]

    def collective(self, name):
        if name not in self.cache:
            site, c = COLLECTIVE[name]
            m = np.zeros((self.n, self.n), dtype=complex)
            for k in range(self.L):
                m = m + self.site(site, k)
            self.cache[name] = c * m
        return self.cache[name]


class Evaluator:
    def __init__(self, space, params):
        self.space = space
        self.params = params  # name -> scalar

    def lookup(self, name, env):
        if name in env:
            return env[name]
        if name in self.params:
            return self.params[name]
        if name == "L":
            return Fraction(self.space.L)
        if name == "pi":
            return math.pi
        if name == "im":
            return 1j
        if name == "Id":
            return self.space.identity()
        if name in COLLECTIVE:
            return self.space.collective(name)
        raise ModelError("unknown name %r" % name)

    def ev(self, node, env):
        kind = node[0]
        if kind == "num":
            return node[1]
        if kind == "str":
            raise ModelError("a string %r is not a value here" % node[1])
        if kind == "id":
            return self.lookup(node[1], env)
        if kind == "neg":
            v = self.ev(node[1], env)
            return -v
        if kind == "index":
            name = node[1]
            if name not in SITE_OPS:
                raise ModelError("unknown site operator %r" % name)
            k = as_int(self.ev(node[2], env), "index of %s" % name)
            if not 0 <= k < self.space.L:
                raise ModelError("site index %s[%d] out of range 0..%d" % (name, k, self.space.L - 1))
            return self.space.site(name, k)
        if kind == "bin":
            return self.binop(node[1], self.ev(node[2], env), self.ev(node[3], env))
        if kind == "call":
            return self.call(node[1], node[2], env)
        raise AssertionError(node)

    def binop(self, op, a, b):
        oa, ob = is_op(a), is_op(b)
        if op in "+-":
            if oa or ob:  # a scalar added to an operator means scalar * Id
                if not oa:
                    a = to_complex(a) * self.space.identity()
                if not ob:
                    b = to_complex(b) * self.space.identity()
            return a + b if op == "+" else a - b
        if op == "*":
            if oa and ob:
                return a @ b
            if oa:
                return a * to_complex(b)
            if ob:
                return to_complex(a) * b
            return simplify(a * b)
        if op == "/":
            if ob:
                raise ModelError("cannot divide by an operator")
            if b == 0:
                raise ModelError("division by zero")
            if oa:
                return a / to_complex(b)
            return simplify(a / b)
        if op == "%":
            if oa or ob:
                raise ModelError("'%' applies to scalars only")
            a, b = as_real(a), as_real(b)
            if b == 0:
                raise ModelError("modulo by zero")
            return a % b  # floored (mathematical) modulo: (-1) % L == L - 1
        if op == "^":
            if ob:
                raise ModelError("an exponent cannot be an operator")
            if oa:
                e = as_int(as_real(b), "operator power")
                if e < 0:
                    raise ModelError("operator power must be >= 0")
                return np.linalg.matrix_power(a, e)
            if isinstance(a, Fraction) and isinstance(b, Fraction) and b.denominator == 1:
                if a == 0 and b < 0:
                    raise ModelError("0 to a negative power")
                return a ** int(b)
            if isinstance(a, complex) or isinstance(b, complex) or (as_real(a) < 0):
                return simplify(complex(a) ** complex(b))
            return float(a) ** float(b)
        raise AssertionError(op)

    def call(self, name, args, env):
        if name in ("sum", "prod"):
            if len(args) not in (2, 4) or args[0][0] != "id":
                raise ModelError("%s takes (k, e) or (k, a, b, e)" % name)
            var = args[0][1]
            if len(args) == 2:
                lo, hi, body = 0, self.space.L - 1, args[1]
            else:
                lo = as_int(self.ev(args[1], env), "%s lower bound" % name)
                hi = as_int(self.ev(args[2], env), "%s upper bound" % name)
                body = args[3]
            acc = Fraction(0) if name == "sum" else Fraction(1)
            for k in range(lo, hi + 1):
                env2 = dict(env)
                env2[var] = Fraction(k)
                v = self.ev(body, env2)
                acc = self.binop("+" if name == "sum" else "*", acc, v)
            return acc
        if name == "dag":
            if len(args) != 1:
                raise ModelError("dag takes one argument")
            v = self.ev(args[0], env)
            if is_op(v):
                return v.conj().T.copy()
            return simplify(complex(v).conjugate()) if isinstance(v, complex) else v
        if name in SCALAR_FUNCS:
            vals = [self.ev(a, env) for a in args]
            for v in vals:
                if is_op(v):
                    raise ModelError("%s applies to scalars only" % name)
            if name in ("min", "max"):
                if not vals:
                    raise ModelError("%s needs arguments" % name)
                vals = [as_real(v) for v in vals]
                return min(vals) if name == "min" else max(vals)
            if len(vals) != 1:
                raise ModelError("%s takes one argument" % name)
            x = vals[0]
            if name == "abs":
                return abs(x)
            if name in ("floor", "ceil"):
                x = as_real(x)
                return Fraction(math.floor(x) if name == "floor" else math.ceil(x))
            if isinstance(x, complex) or (name in ("sqrt", "log") and as_real(x) < 0):
                f = getattr(cmath, name)
                return simplify(f(complex(x)))
            if name == "log" and x == 0:
                raise ModelError("log(0)")
            try:
                return getattr(math, name)(float(x))
            except OverflowError:
                raise ModelError("overflow in %s(%r)" % (name, x))
        raise ModelError("unknown function %r" % name)

    def scalar(self, src, env=None, what="expression"):
        node = src if isinstance(src, tuple) else parse(src)
        v = self.ev(node, env or {})
        if is_op(v):
            raise ModelError("%s must be a scalar, got an operator" % what)
        return v

    def operator(self, src, env=None, what="operator"):
        v = self.ev(parse(src), env or {})
        if not is_op(v):
            v = to_complex(v) * self.space.identity()
        return v


# ----------------------------------------------------------------------------------------------
# Baths
# ----------------------------------------------------------------------------------------------


def make_bath(ev, bath, env, where):
    if not isinstance(bath, dict):
        raise ModelError("%s: bath must be a mapping" % where)
    spec = bath.get("spectrum", "flat")

    def field(key, default=None):
        if key not in bath:
            if default is None:
                raise ModelError("%s: bath needs %r" % (where, key))
            return default
        return float(as_real(ev.scalar(bath[key], env, "%s.bath.%s" % (where, key))))

    if spec == "flat":
        rate, T = field("rate"), field("T", 0.0)
        if rate < 0 or T < 0:
            raise ModelError("%s: flat bath needs rate >= 0 and T >= 0" % where)

        def gamma(w):
            if w >= 0:
                return rate
            if T == 0:
                return 0.0
            return rate * math.exp(-abs(w) / T)
        return gamma, False
    if spec == "ohmic":
        rate, T, wc = field("rate"), field("T", 0.0), field("wc", math.inf)
        if rate < 0 or T < 0 or wc <= 0:
            raise ModelError("%s: ohmic bath needs rate >= 0, T >= 0, wc > 0" % where)

        def gpos(w):  # w >= 0
            if w == 0:
                return rate * T
            cut = math.exp(-w / wc)
            if T == 0:
                return rate * w * cut
            return rate * w * cut / (-math.expm1(-w / T))

        def gamma(w):
            if w >= 0:
                return gpos(w)
            if T == 0:
                return 0.0
            return math.exp(-abs(w) / T) * gpos(abs(w))
        return gamma, False
    if spec == "custom":
        if "gamma" not in bath:
            raise ModelError("%s: custom bath needs 'gamma'" % where)
        ast = parse(bath["gamma"])

        def gamma(w):
            env2 = dict(env)
            env2["w"] = float(w)
            v = ev.ev(ast, env2)
            if is_op(v):
                raise ModelError("%s: gamma must be a scalar" % where)
            return float(as_real(v, "%s gamma(%r)" % (where, w)))
        return gamma, True
    raise ModelError("%s: unknown spectrum %r (flat, ohmic, custom)" % (where, spec))


# ----------------------------------------------------------------------------------------------
# Spectral analysis: energy clusters, Bohr-frequency groups, A(w)
# ----------------------------------------------------------------------------------------------


def chain_groups(sorted_vals, tol):
    """Labels for a sorted 1-D array: a new group starts where the gap exceeds tol."""
    lab = np.zeros(len(sorted_vals), dtype=np.int64)
    if len(sorted_vals) > 1:
        lab[1:] = np.cumsum(np.diff(sorted_vals) > tol)
    return lab


class Spectrum:
    def __init__(self, H):
        n = H.shape[0]
        self.n = n
        self.H = H
        self.normH = float(np.linalg.norm(H, 2))
        self.tol = 1e-9 * max(1.0, self.normH)
        E, V = np.linalg.eigh(H)
        self.E, self.V = E, V
        self.c = chain_groups(E, self.tol)  # cluster label of each eigenvector (E is sorted)
        nc = int(self.c[-1]) + 1
        self.nc = nc
        self.Ec = np.array([E[self.c == a].mean() for a in range(nc)])
        # Bohr frequencies between clusters: pair (a, b) = (row cluster e, column cluster e'),
        # w = e' - e  (A(w) = sum_{e'-e=w} P_e A P_e' removes w from the system).
        W = self.Ec[None, :] - self.Ec[:, None]
        flat = W.ravel()
        order = np.argsort(flat, kind="stable")
        lab_sorted = chain_groups(flat[order], self.tol)
        gid = np.empty(nc * nc, dtype=np.int64)
        gid[order] = lab_sorted
        ng = int(lab_sorted[-1]) + 1
        wval = np.zeros(ng)
        cnt = np.zeros(ng)
        np.add.at(wval, gid, flat)
        np.add.at(cnt, gid, 1)
        wval /= cnt
        zero_g = gid[0]  # pair (0, 0) has w = 0 exactly
        wval[zero_g] = 0.0
        self.zero_g = int(zero_g)
        self.wval = wval
        self.ng = ng
        self.gid_pair = gid.reshape(nc, nc)
        # group id of each matrix entry (i, j) in the eigenbasis
        self.G = self.gid_pair[self.c[:, None], self.c[None, :]]
        Gf = self.G.ravel()
        self.entry_order = np.argsort(Gf, kind="stable")
        self.entry_bounds = np.searchsorted(Gf[self.entry_order], np.arange(ng + 1))
        self.same = self.c[:, None] == self.c[None, :]

    def to_eig(self, M):
        return self.V.conj().T @ M @ self.V

    def from_eig(self, M):
        return self.V @ M @ self.V.conj().T

    def pinch(self, rho):
        """Pinch(rho) = sum_e P_e rho P_e, built explicitly (P_e = V_e V_e^+)."""
        return self.from_eig(np.where(self.same, self.to_eig(rho), 0))

    def jumps(self, A, tolA):
        """The nonzero A(w): list of (group, w, rows, cols, sub) with A(w) in the eigenbasis equal
        to the matrix that is `sub` on rows x cols and zero elsewhere (so V A(w) V^+ =
        sum_{e'-e=w} P_e A P_e' exactly)."""
        n = self.n
        At = self.to_eig(A)
        Atf = At.ravel()
        out = []
        for g in range(self.ng):
            s, e = self.entry_bounds[g], self.entry_bounds[g + 1]
            if s == e:
                continue
            idx = self.entry_order[s:e]
            vals = Atf[idx]
            if math.sqrt(float(np.sum(np.abs(vals) ** 2))) <= tolA:  # ||.||_2 <= ||.||_F <= tol
                continue
            rows, cols = idx // n, idx % n
            R, ri = np.unique(rows, return_inverse=True)
            C, ci = np.unique(cols, return_inverse=True)
            sub = np.zeros((len(R), len(C)), dtype=complex)
            sub[ri, ci] = vals
            nrm = float(np.linalg.norm(sub, 2))
            if nrm <= tolA:
                continue
            out.append((g, float(self.wval[g]), R, C, sub, nrm))
        return out


# ----------------------------------------------------------------------------------------------
# States
# ----------------------------------------------------------------------------------------------

STATE_NAMES = {"up", "down", "ground", "top", "ghz", "w", "steady"}


def pure(psi):
    psi = psi / np.linalg.norm(psi)
    return np.outer(psi, psi.conj())


def dicke_vec(L, nup):
    n = 2 ** L
    psi = np.zeros(n, dtype=complex)
    for idx in range(n):
        # bit (L-1-k) of idx is 1 when site k is d (u first, site 0 leftmost)
        ups = L - bin(idx).count("1")
        if ups == nup:
            psi[idx] = 1.0
    return psi / np.linalg.norm(psi)


class StateBuilder:
    def __init__(self, ev, spec, steady_fn):
        self.ev = ev
        self.spec = spec
        self.steady_fn = steady_fn
        self.notes = []

    def build(self, src):
        return self.st(parse(src))

    def eigen_mixed(self, cluster):
        sp = self.spec
        d = np.where(sp.c == cluster, 1.0, 0.0)
        return sp.from_eig(np.diag(d / d.sum()).astype(complex))

    def st(self, node):
        L = self.ev.space.L
        n = 2 ** L
        if node[0] == "id":
            name = node[1]
            if name == "up":
                psi = np.zeros(n, dtype=complex)
                psi[0] = 1
                return pure(psi)
            if name == "down":
                psi = np.zeros(n, dtype=complex)
                psi[n - 1] = 1
                return pure(psi)
            if name == "ground":
                return self.eigen_mixed(0)
            if name == "top":
                return self.eigen_mixed(self.spec.nc - 1)
            if name == "ghz":
                psi = np.zeros(n, dtype=complex)
                psi[0] = psi[n - 1] = 1
                return pure(psi)
            if name == "w":
                return pure(dicke_vec(L, 1))
            if name == "steady":
                rho, note = self.steady_fn()
                if note:
                    self.notes.append(note)
                return rho
            raise ModelError("unknown state %r" % name)
        if node[0] == "call":
            name, args = node[1], node[2]
            if name == "basis":
                if len(args) != 1 or args[0][0] != "str":
                    raise ModelError('basis takes one string like basis("uudd")')
                s = args[0][1]
                if len(s) != L or any(ch not in "ud" for ch in s):
                    raise ModelError("basis(%r): need %d characters u/d" % (s, L))
                idx = 0
                for ch in s:
                    idx = 2 * idx + (1 if ch == "d" else 0)
                psi = np.zeros(n, dtype=complex)
                psi[idx] = 1
                return pure(psi)
            if name == "dicke":
                m = as_int(as_real(self.ev.scalar(args[0])), "dicke(n)")
                if not 0 <= m <= L:
                    raise ModelError("dicke(%d) needs 0 <= n <= L = %d" % (m, L))
                return pure(dicke_vec(L, m))
            if name == "product":
                if len(args) != 2:
                    raise ModelError("product(theta, phi)")
                th = float(as_real(self.ev.scalar(args[0])))
                ph = float(as_real(self.ev.scalar(args[1])))
                one = np.array([math.cos(th / 2), cmath.exp(1j * ph) * math.sin(th / 2)], dtype=complex)
                psi = np.array([1.0 + 0j])
                for _ in range(L):
                    psi = np.kron(psi, one)
                return pure(psi)
            if name == "thermal":
                T = float(as_real(self.ev.scalar(args[0])))
                sp = self.spec
                if T == 0:
                    return self.eigen_mixed(0)
                if T < 0:
                    p = np.exp(-(sp.E - sp.E[-1]) / T)  # T < 0: inverted populations
                else:
                    p = np.exp(-(sp.E - sp.E[0]) / T)
                p = p / p.sum()
                return sp.from_eig(np.diag(p).astype(complex))
            if name in ("random", "mixed"):
                raise Unsupported("%s(seed) depends on the implementation's random generator; the "
                                  "reference cannot reproduce it" % name)
            if name == "mix":
                if len(args) != 3:
                    raise ModelError("mix(p, s1, s2)")
                p = float(as_real(self.ev.scalar(args[0])))
                if not 0 <= p <= 1:
                    raise ModelError("mix: p must be in [0, 1]")
                return p * self.st(args[1]) + (1 - p) * self.st(args[2])
            raise ModelError("unknown state %r" % name)
        raise ModelError("not a state: %r" % (node,))


# ----------------------------------------------------------------------------------------------
# Steady state of -i[H, .] + D  (full n^2 x n^2 Liouvillian, row-major vec: vec(X)[i*n+k] = X[i,k])
# ----------------------------------------------------------------------------------------------


def liouvillian_eig(spec, chans):
    """The Liouvillian in the energy eigenbasis as an n^2 x n^2 matrix, rows/cols (i, k).
    Jump part: sum_w gamma(w) A(w) (x) conj(A(w)); since A(w) is Atilde masked to entries of
    Bohr group w, its entry [(i,k),(j,l)] is gamma(w_ij) At_ij conj(At_kl) [g_ij == g_kl]."""
    n = spec.n
    N2 = n * n
    Lv = np.zeros((n, n, n, n), dtype=complex)  # index (i, k, j, l)
    idx = np.arange(n)
    # Hamiltonian part: -i (E_i - E_k) on the diagonal
    E = spec.E
    for i in range(n):
        Lv[i, idx, i, idx] += -1j * (E[i] - E)
    for ch in chans:
        At = np.zeros((n, n), dtype=complex)
        gam = np.zeros((n, n))
        K = np.zeros((n, n), dtype=complex)
        for (g, w, R, C, sub, nrm) in ch["jumps"]:
            gw = ch["gamma"](w)
            m = spec.G == g  # entries of this Bohr group (the R x C rectangle may hold others)
            At[m] = ch["At"][m]
            gam[m] = gw
            X = np.zeros((n, n), dtype=complex)
            X[np.ix_(R, C)] = sub
            K += gw * (X.conj().T @ X)
        Gm = np.where(At != 0, spec.G, -1)
        mask = (Gm[:, None, :, None] == Gm[None, :, None, :]) & (Gm[:, None, :, None] >= 0)
        Lv += np.where(mask, (gam * At)[:, None, :, None] * At.conj()[None, :, None, :], 0)
        # -1/2 {K, rho}: (K rho)_{ik} = K_ij rho_jk ; (rho K)_{ik} = rho_il K_lk
        for k in range(n):
            Lv[:, k, :, k] += -0.5 * K
        for i in range(n):
            Lv[i, :, i, :] += -0.5 * K.T
    return Lv.reshape(N2, N2)


def total_spin_conserved(space, H, As):
    Jx, Jy, Jz = space.collective("Jx"), space.collective("Jy"), space.collective("Jz")
    S2 = Jx @ Jx + Jy @ Jy + Jz @ Jz
    for M in [H] + As:
        if np.linalg.norm(S2 @ M - M @ S2, 2) > 1e-9 * max(1.0, np.linalg.norm(M, 2)) * len(H):
            return False
    return True


def steady_state(space, spec, chans, full_svd=False):
    n = spec.n
    if space.L > 6:
        raise Unsupported("steady: the dense reference builds an n^2 x n^2 Liouvillian; L <= 6 only")
    Lm = liouvillian_eig(spec, chans)
    # The Davies Liouvillian is block diagonal in the Bohr sectors nu = E_i - E_k (covariance);
    # we verify that on the full matrix, then take the null space block by block (exactly the
    # null space of the full matrix, much cheaper). --full-svd does one SVD of the whole matrix.
    sec = spec.G.ravel()
    off = sec[:, None] != sec[None, :]
    offnorm = float(np.max(np.abs(Lm[off]))) if off.any() else 0.0
    scale = max(1.0, float(np.max(np.abs(Lm))))
    if offnorm > 1e-9 * scale:
        raise AssertionError("Liouvillian not block diagonal in Bohr sectors (%g)" % offnorm)
    blocks = [np.arange(n * n)] if full_svd else [np.nonzero(sec == g)[0] for g in np.unique(sec)]
    svds = []
    smax = 0.0
    for b in blocks:
        U, s, Vh = np.linalg.svd(Lm[np.ix_(b, b)])
        svds.append((b, U, s, Vh))
        smax = max(smax, float(s[0]))
    tolL = 1e-10 * max(1.0, smax)
    Rs, Ls = [], []
    for (b, U, s, Vh) in svds:
        for j in np.nonzero(s <= tolL)[0]:
            r = np.zeros(n * n, dtype=complex)
            r[b] = Vh[j].conj()
            lft = np.zeros(n * n, dtype=complex)
            lft[b] = U[:, j]
            Rs.append(r)
            Ls.append(lft)
    d = len(Rs)
    if d == 0:
        raise AssertionError("Liouvillian has no null space")
    R = np.array(Rs).T
    Lf = np.array(Ls).T
    note = None
    if d == 1:
        rt = R[:, 0].reshape(n, n)
    else:
        if not total_spin_conserved(space, spec.H, [c["A"] for c in chans]):
            raise Unsupported("steady state not unique (null space of the Liouvillian has dimension %d) "
                              "and the couplings do not conserve total spin" % d)
        # spectral projector onto the kernel, applied to |d..d><d..d| (long-time average from down)
        psi = np.zeros(n, dtype=complex)
        psi[n - 1] = 1
        r0 = spec.to_eig(np.outer(psi, psi.conj())).ravel()
        coef = np.linalg.solve(Lf.conj().T @ R, Lf.conj().T @ r0)
        rt = (R @ coef).reshape(n, n)
        note = ("steady: null space of dimension %d; total spin conserved, so took the steady "
                "state reached from down (the symmetric sector)" % d)
    tr = np.trace(rt)
    rt = rt / tr
    rt = 0.5 * (rt + rt.conj().T)
    resid = np.linalg.norm(Lm @ rt.ravel())
    if resid > 1e-8 * scale:
        raise AssertionError("steady state residual %g" % resid)
    return spec.from_eig(rt), note


# ----------------------------------------------------------------------------------------------
# Model loading and the main computation
# ----------------------------------------------------------------------------------------------


def to_scalar_param(v, name, ev=None):
    if isinstance(v, bool):
        raise ModelError("param %s: expected a number" % name)
    if isinstance(v, int):
        return Fraction(v)
    if isinstance(v, float):
        return Fraction(repr(v)) if math.isfinite(v) else v
    if isinstance(v, str):
        if ev is None:
            raise ModelError("param %s: expected a number" % name)
        return ev.scalar(v, what="param %s" % name)
    raise ModelError("param %s: expected a number, got %r" % (name, v))


def fmt(x):
    x = float(np.real(x)) + 0.0  # -0.0 -> 0.0
    return repr(x)


def hermitian_check(M, what):
    r = float(np.linalg.norm(M - M.conj().T, 2))
    if r > 1e-10:
        raise ModelError("%s is not Hermitian: ||M - M^+||_2 = %g for M = %s" % (what, r, what))


def run(path, L, state_override=None, overrides=(), full_svd=False, internals=False):
    with open(path) as f:
        model = yaml.safe_load(f)
    if not isinstance(model, dict):
        raise ModelError("%s: expected a mapping at the top level" % path)
    if L < 1:
        raise ModelError("--L must be >= 1")
    space = Space(L)
    ev = Evaluator(space, {})
    params = model.get("params") or {}
    if not isinstance(params, dict):
        raise ModelError("%s: params must be a mapping" % path)
    for k, v in params.items():
        ev.params[str(k)] = to_scalar_param(v, k, ev)
    for ov in overrides:
        if "=" not in ov:
            raise ModelError("--param expects name=value, got %r" % ov)
        k, v = ov.split("=", 1)
        ev.params[k.strip()] = ev.scalar(v, what="--param %s" % k)
    name = model.get("name") or os.path.splitext(os.path.basename(path))[0]
    if "H" not in model:
        raise ModelError("%s: missing H" % path)
    H = ev.operator(model["H"], what="H")
    hermitian_check(H, "H")
    H = 0.5 * (H + H.conj().T)
    chans_spec = model.get("channels") or []
    if not isinstance(chans_spec, list):
        raise ModelError("%s: channels must be a list" % path)
    chans = []
    for ci, c in enumerate(chans_spec):
        where = "channels[%d]" % ci
        if not isinstance(c, dict) or "A" not in c or "bath" not in c:
            raise ModelError("%s: needs A and bath" % where)
        envs = [{}]
        if "each" in c:
            var = c["each"]
            if not isinstance(var, str) or not var.isidentifier():
                raise ModelError("%s: each must name an index" % where)
            envs = [{var: Fraction(k)} for k in range(L)]
        for env in envs:
            w2 = where + ("" if not env else "[%s=%d]" % tuple(list(env.items())[0]))
            A = ev.operator(c["A"], env, what=w2 + ".A")
            hermitian_check(A, w2 + ".A")
            A = 0.5 * (A + A.conj().T)
            gamma, is_custom = make_bath(ev, c["bath"], env, w2)
            chans.append({"A": A, "gamma": gamma, "custom": is_custom, "where": w2})

    spec = Spectrum(H)
    for ch in chans:
        ch["normA"] = float(np.linalg.norm(ch["A"], 2))
        ch["jumps"] = spec.jumps(ch["A"], 1e-9 * max(1.0, ch["normA"]))
        ch["At"] = spec.to_eig(ch["A"])
        if ch["custom"]:
            for (g, w, R, C, sub, nrm) in ch["jumps"]:
                gv = ch["gamma"](w)
                if gv < 0:
                    raise ModelError("%s: custom gamma(%r) = %r < 0 at a Bohr frequency in use"
                                     % (ch["where"], w, gv))

    sb = StateBuilder(ev, spec, lambda: steady_state(space, spec, chans, full_svd))
    st_src = state_override if state_override is not None else model.get("state")
    if st_src is None:
        raise ModelError("%s: no state (give state: or --state)" % path)
    rho = sb.build(st_src)
    rho = 0.5 * (rho + rho.conj().T)
    rho = rho / np.trace(rho).real
    rho_t = spec.to_eig(rho)
    rho_p = spec.pinch(rho)

    out_ch = []
    Jtot = 0.0
    for ch in chans:
        J = 0.0
        dE = gmax = wgmax = 0.0
        for (g, w, R, C, sub, nrm) in ch["jumps"]:
            gw = ch["gamma"](w)
            # Tr[A(w)^+ A(w) rho] = sum_{i,j,l} conj(X_il) X_ij rho_jl  with X = A(w) (eigenbasis)
            t = np.sum(np.conj(sub) * (sub @ rho_t[np.ix_(C, C)]))
            J += -w * gw * t.real
            if g != spec.zero_g:
                dE = max(dE, abs(w))
                gmax = max(gmax, gw)
                wgmax = max(wgmax, abs(w) * gw)
        A = ch["A"]
        trA2 = float(np.trace(A @ A @ rho_p).real)
        bstate = wgmax * trA2
        Jtot += J
        out_ch.append({"J": J, "normA": ch["normA"], "deltaE": dE, "gammaMax": gmax,
                       "omegaGammaMax": wgmax, "Bstate": bstate})
    width = float(spec.E[-1] - spec.E[0])
    sumA2 = sum(c["normA"] ** 2 for c in out_ch)
    Gmax = max([c["gammaMax"] for c in out_ch], default=0.0)
    dEmax = max([c["deltaE"] for c in out_ch], default=0.0)
    res = {
        "model": name,
        "L": L,
        "J": fmt(Jtot),
        "channels": [{k: fmt(v) for k, v in c.items()} for c in out_ch],
        "terms": {"normH": fmt(spec.normH), "width": fmt(width), "sumA2": fmt(sumA2),
                  "gammaMax": fmt(Gmax), "deltaE": fmt(dEmax)},
        "bounds": {"Bstate": fmt(sum(c["Bstate"] for c in out_ch)),
                   "B1": fmt(sum(c["omegaGammaMax"] * c["normA"] ** 2 for c in out_ch)),
                   "B1coarse": fmt(width * Gmax * sumA2),
                   "B2": fmt(dEmax * Gmax * sumA2)},
    }
    if sb.notes:
        res["notes"] = sb.notes
    if internals:
        return res, {"space": space, "spec": spec, "chans": chans, "rho": rho, "H": H,
                     "channel_values": out_ch}
    return res


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("model")
    ap.add_argument("--L", type=int)
    ap.add_argument("--Ls", help="several L, comma-separated: one JSON object {L: result or null if unsupported} (one interpreter start for all)")
    ap.add_argument("--state")
    ap.add_argument("--param", action="append", default=[])
    ap.add_argument("--full-svd", action="store_true",
                    help="steady: SVD of the whole Liouvillian instead of per Bohr sector")
    a = ap.parse_args(argv)
    if (a.L is None) == (a.Ls is None):
        ap.error("give exactly one of --L and --Ls")
    if a.Ls is not None:
        out = {}
        try:
            for L in [int(x) for x in a.Ls.split(",")]:
                try:
                    out[str(L)] = run(a.model, L, a.state, a.param, a.full_svd)
                except Unsupported:
                    out[str(L)] = None
        except (ModelError, OSError, yaml.YAMLError) as e:
            print("heatref: %s: %s" % (a.model, e), file=sys.stderr)
            return 2
        print(json.dumps(out))
        return 0
    try:
        res = run(a.model, a.L, a.state, a.param, a.full_svd)
    except ModelError as e:
        print("heatref: %s: %s" % (a.model, e), file=sys.stderr)
        return 2
    except Unsupported as e:
        print("heatref: %s: unsupported: %s" % (a.model, e), file=sys.stderr)
        return 3
    except (OSError, yaml.YAMLError) as e:
        print("heatref: %s: %s" % (a.model, e), file=sys.stderr)
        return 2
    print(json.dumps(res))
    return 0


if __name__ == "__main__":
    sys.exit(main())
