#!/usr/bin/env python3
"""The exact finite-n value the LLC estimator targets on a potential K(w) in
one or two dimensions, by adaptive quadrature (scipy):

    E[nβ K(w)] under exp(−nβ K(w) − (γ/2)|w|²) on the prior box [−1, 1]^d,

nβ = n / log n: what `rlct llc --polynomial K` estimates at --n n with the
default uniform prior and localization γ (Tests/EstimatorsTests/
LLCAccuracyTests.swift computes the same with GSL).

    scripts/exact-llc.py [--n 10000] [--localization 1] K [K ...]

K is a polynomial in w (one dimension) or w1, w2, written as for rlct
("w1^2*w2^4"). Exit 2 on a potential it cannot read.
"""
import argparse
import math
import re
import sys

from scipy import integrate


def potential(text: str):
    names = sorted(set(re.findall(r"\bw\d*\b", text)))
    if not names or len(names) > 2 or not re.fullmatch(r"[\sw0-9.+\-*^()]+", text):
        raise ValueError(f"expected a polynomial in w, or in w1 and w2, got '{text}'")
    code = compile(text.replace("^", "**"), "<potential>", "eval")
    if len(names) == 1:
        return 1, lambda w: eval(code, {"__builtins__": {}}, {names[0]: w})
    return 2, lambda w1, w2: eval(code, {"__builtins__": {}}, {names[0]: w1, names[1]: w2})


def exact(text: str, n: float, gamma: float) -> float:
    nbeta = n / math.log(n)
    d, k = potential(text)
    opts = dict(epsabs=1e-13, epsrel=1e-10, limit=200)
    if d == 1:
        weight = lambda w: math.exp(-nbeta * k(w) - gamma * w * w / 2)
        num = integrate.quad(lambda w: nbeta * k(w) * weight(w), -1, 1, points=[0], **opts)[0]
        den = integrate.quad(weight, -1, 1, points=[0], **opts)[0]
        return num / den
    weight = lambda w2, w1: math.exp(-nbeta * k(w1, w2) - gamma * (w1 * w1 + w2 * w2) / 2)
    inner = dict(epsabs=1e-13, epsrel=1e-10)
    num = integrate.dblquad(lambda w2, w1: nbeta * k(w1, w2) * weight(w2, w1), -1, 1, -1, 1, **inner)[0]
    den = integrate.dblquad(weight, -1, 1, -1, 1, **inner)[0]
    return num / den


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=float, default=1e4)
    parser.add_argument("--localization", type=float, default=1.0)
    parser.add_argument("potentials", nargs="+")
    args = parser.parse_args()
    if args.n <= 3:
        print("error: --n: must be above 3 (nβ = n / log n)", file=sys.stderr)
        return 2
    print(f"exact E[nβ K] at n = {args.n:g} (nβ = {args.n / math.log(args.n):.6g}), γ = {args.localization:g}, "
          f"uniform prior on [-1, 1]^d")
    for text in args.potentials:
        try:
            value = exact(text, args.n, args.localization)
        except ValueError as e:
            print(f"error: {e}", file=sys.stderr)
            return 2
        print(f"{text}: {value:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
