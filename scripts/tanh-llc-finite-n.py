#!/usr/bin/env python3
"""The finite-n value of the LLC of a one-hidden-layer tanh network at the
truth 0, by quadrature: what `rlct llc --spec Fixtures/tanh/...` estimates at
n, before its asymptote λ (2/3 for H = 2, 1/2 with m = 2 for H = 1).

The model is f(x) = Σ_{h≤H} a_h tanh(b_h x), x ~ N(0, 1), noise N(0, 1), so
K(w) = ½ E_x f(x)² = ½ aᵀ G(b) a with G_ij = E_x tanh(b_i x) tanh(b_j x)
(Gauss–Hermite, 120 nodes). The LLC estimator's target at n is the
population version of nβ E[L_n(w) − L_n(w*)]:

    λ(n) = E[nβ K(w)] under exp(−nβ K(w) − (γ/2)|w|²) on the prior box [−1, 1]^d,

nβ = n / log n, γ = 1: the settings `rlct llc` uses by default on these
fixtures (the data's fluctuation changes this by O(1/log n)). For H = 2 the
integral over a2 given (a1, b1, b2) is a truncated normal one, in closed form;
a1 is by a Gauss–Legendre rule on intervals that grade geometrically towards
0 (the posterior's scales run from 1 down to 1/√nβ), and so is b1 with
b2 = b1(1 − u), u graded towards 0 (the mass sits on a ridge along b1 = b2,
where G is nearly singular, which narrows as nβ grows). Only
(a_h, b_h) → (−a_h, −b_h) and the exchange of units are symmetries, so b ≥ 0,
b2 ≤ b1 and a spans [−1, 1]. The error column is the change from a rule with
2 intervals per decade instead of 3. H = 1 (d = 2) is a plain tensor rule.

    python3 scripts/tanh-llc-finite-n.py [--hidden 1|2] [--n 1e3,1e4,...]
"""
import argparse
import math
import sys

import numpy as np
from scipy.special import log_ndtr

GAMMA = 1.0


def nodes(per_decade: int, points: int, smallest: float) -> tuple:
    """Gauss–Legendre nodes and weights on [0, 1], graded geometrically towards 0."""
    decades = int(round(-math.log10(smallest)))
    edges = [0.0] + list(np.logspace(-decades, 0, decades * per_decade + 1))
    x, w = np.polynomial.legendre.leggauss(points)
    xs, ws = [], []
    for lo, hi in zip(edges[:-1], edges[1:]):
        xs.append(lo + (hi - lo) * (x + 1) / 2)
        ws.append((hi - lo) / 2 * w)
    return np.concatenate(xs), np.concatenate(ws)


def gram(b: np.ndarray) -> np.ndarray:
    """G[i, j] = E tanh(b_i x) tanh(b_j x), x ~ N(0, 1)."""
    x, w = np.polynomial.hermite_e.hermegauss(120)
    w = w / math.sqrt(2 * math.pi)
    t = np.tanh(np.outer(b, x))
    return (t * w) @ t.T


def gram_pairs(b1: np.ndarray, b2: np.ndarray) -> tuple:
    """G_11, G_12, G_22 and det G for each pair (b1, b2); det by Cauchy–Binet,
    ½ E_{x,y} (t_1(x) t_2(y) − t_2(x) t_1(y))², which does not cancel when b1 ≈ b2."""
    x, w = np.polynomial.hermite_e.hermegauss(120)
    w = w / math.sqrt(2 * math.pi)
    t1, t2 = np.tanh(np.outer(b1, x)), np.tanh(np.outer(b2, x))
    g11, g12, g22 = (t1 * t1) @ w, (t1 * t2) @ w, (t2 * t2) @ w
    det = np.empty(len(b1))
    for k in range(0, len(b1), 256):
        m = t1[k:k + 256, :, None] * t2[k:k + 256, None, :]
        d = m - m.transpose(0, 2, 1)
        det[k:k + 256] = 0.5 * np.einsum("pkl,k,l->p", d * d, w, w)
    return g11, g12, g22, det


def llc(n: float, hidden: int, per_decade: int) -> float:
    nbeta = n / math.log(n)
    smallest = 10.0 ** -math.ceil(math.log10(math.sqrt(nbeta)) + 4)
    r, wr = nodes(per_decade, 6, smallest)
    b, wb = r, wr                                     # b ≥ 0 (the sign symmetry)
    a = np.concatenate([-r[::-1], r])                 # a over [−1, 1]
    wa = np.concatenate([wr[::-1], wr])
    g = gram(b)
    if hidden == 1:
        k = 0.5 * np.einsum("i,a->ia", np.diag(g), a * a)        # [b, a]
        weight = np.outer(wb * np.exp(-GAMMA * b * b / 2), wa * np.exp(-GAMMA * a * a / 2))
        e = nbeta * k
        m = e.min()
        p = weight * np.exp(-(e - m))
        return float((p * e).sum() / p.sum())
    if hidden != 2:
        raise SystemExit("error: --hidden: 1 or 2 (d = 2H; the quadrature is a tensor rule in d dimensions)")
    # The integral over a2 given (b, a1) is a truncated normal one, in closed form;
    # a1 and b are by quadrature. A = nβ G + γ I.
    # b2 = b1 (1 − u), u ∈ [0, 1] graded towards 0: the mass sits on a ridge along b1 = b2
    # (where G is nearly singular) that narrows as nβ grows. b2 > b1 is the same by the
    # symmetry (a1, b1) ↔ (a2, b2): twice the half b2 ≤ b1.
    u, wu = nodes(per_decade, 6, smallest * 1e-2)
    bb1, uu = np.repeat(b, len(u)), np.tile(u, len(b))
    bb2 = bb1 * (1 - uu)
    pair = 2 * np.repeat(wb, len(u)) * np.tile(wu, len(b)) * bb1 * np.exp(-GAMMA * (bb1 ** 2 + bb2 ** 2) / 2)
    g11, g12, g22, det = gram_pairs(bb1, bb2)
    g11, g12, g22 = (nbeta * g11)[:, None], (nbeta * g12)[:, None], (nbeta * g22)[:, None]
    det = (nbeta * nbeta * det)[:, None]
    a22 = g22 + GAMMA
    x = a[None, :]
    sigma = 1 / np.sqrt(a22)
    mu = -g12 * x / a22
    lo, hi = (-1 - mu) / sigma, (1 - mu) / sigma
    right = lo + hi > 0                              # the interval lies in the right tail: use 1 − Φ there
    la, lb = np.where(right, log_ndtr(-hi), log_ndtr(lo)), np.where(right, log_ndtr(-lo), log_ndtr(hi))
    log_z = lb + np.log1p(-np.exp(la - lb))          # log(Φ(hi) − Φ(lo))
    phi_lo = np.exp(-lo * lo / 2 - 0.5 * math.log(2 * math.pi) - log_z)
    phi_hi = np.exp(-hi * hi / 2 - 0.5 * math.log(2 * math.pi) - log_z)
    m1 = phi_lo - phi_hi
    m2 = 1 + lo * phi_lo - hi * phi_hi
    e1 = mu + sigma * m1
    e2 = mu * mu + 2 * mu * sigma * m1 + sigma * sigma * m2
    # ½(g11 a1² + 2 g12 a1 E a2 + g22 E a2²) and the Schur complement A11 − A12²/A22, both
    # written through det so that nothing cancels where G is nearly singular (b1 ≈ b2, or b small).
    energy = 0.5 * (x * x * ((g22 + 2 * GAMMA) * det + g11 * GAMMA ** 2) / a22 ** 2
                    + 2 * sigma * m1 * g12 * x * GAMMA / a22 + g22 * sigma * sigma * m2)
    schur = (det + GAMMA * (g11 + g22) + GAMMA ** 2) / a22
    log_mass = -0.5 * schur * x * x + np.log(sigma) + log_z
    top = log_mass.max()
    mass = pair[:, None] * wa[None, :] * np.exp(log_mass - top)
    return float((mass * energy).sum() / mass.sum())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hidden", type=int, default=2)
    parser.add_argument("--n", default="1e3,1e4,1e5,1e6,1e8,1e10,1e12")
    args = parser.parse_args()
    try:
        ns = [float(v) for v in args.n.split(",")]
    except ValueError:
        print(f"error: --n: expected numbers separated by commas, got '{args.n}'", file=sys.stderr)
        return 2
    if args.hidden not in (1, 2):
        print("error: --hidden: 1 or 2 (d = 2H; beyond d = 4 the quadrature is out of reach)", file=sys.stderr)
        return 2
    if any(v <= 3 for v in ns):
        print("error: --n: every n must be above 3 (nβ = n / log n)", file=sys.stderr)
        return 2
    print(f"tanh network H = {args.hidden} (d = {2 * args.hidden}), truth 0, prior uniform on [-1, 1]^d, γ = {GAMMA:g}")
    print(f"{'n':>8}  {'nβ':>10}  {'λ(n)':>8}  {'error':>8}")
    for n in ns:
        fine = llc(n, args.hidden, 3)
        coarse = llc(n, args.hidden, 2)
        print(f"{n:>8.0e}  {n / math.log(n):>10.4g}  {fine:>8.4f}  {abs(fine - coarse):>8.1e}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
