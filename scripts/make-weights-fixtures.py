#!/usr/bin/env python3
"""Writes the weights fixtures of Tests/ExperimentsTests (numpy only):
the true weights of a deep linear network with widths [4, 2, 4, 4] whose
product W3 W2 W1 has rank 1 (Aoyagi's λ = 5), as nn.Sequential of three
Linear(bias=False) names them (0.weight [2, 4], 1.weight [4, 2], 2.weight [4, 4]),
once as safetensors and once as .npz (np.savez, the same arrays).

Run from the repository root: python3 scripts/make-weights-fixtures.py
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from safetensors_numpy import save_safetensors  # noqa: E402

OUT = "Tests/ExperimentsTests/Fixtures"


def unit(v):
    return v / np.linalg.norm(v)


def main():
    rng = np.random.default_rng(7)
    # Rank 1: W1 = e0 a^T (only row 0 nonzero), W2 = b e0^T (only column 0),
    # W3 = a generic 4x4 matrix; W3 W2 W1 = (W3 b) a^T, singular value |W3 b|·|a|.
    a, b = unit(rng.standard_normal(4)), unit(rng.standard_normal(4))
    w1 = np.zeros((2, 4)); w1[0] = a
    w2 = np.zeros((4, 2)); w2[:, 0] = b
    w3 = np.eye(4) + 0.3 * rng.standard_normal((4, 4))
    tensors = {"0.weight": w1, "1.weight": w2, "2.weight": w3}
    os.makedirs(OUT, exist_ok=True)
    save_safetensors(tensors, os.path.join(OUT, "dln-4-2-4-4-rank-1.safetensors"),
                     metadata={"source": "scripts/make-weights-fixtures.py"})
    np.savez(os.path.join(OUT, "dln-4-2-4-4-rank-1.npz"), **tensors)
    p = w3 @ w2 @ w1
    print("product singular values:", np.round(np.linalg.svd(p, compute_uv=False), 6))


if __name__ == "__main__":
    main()
