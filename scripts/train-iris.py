#!/usr/bin/env python3
"""Trains the Iris example's network and writes its data and weights (numpy only):

- Examples/data/iris.npz: x [150, 4] float64, the four measurements of
  Examples/data/iris.csv standardised column by column (mean 0, population
  standard deviation 1), and y [150] int64, the class labels 0, 1, 2;
- Examples/data/iris-mlp.safetensors: the weights of a 4-8-3 tanh MLP with a
  softmax head, nn.Sequential(Linear(4, 8), Tanh(), Linear(8, 3)) names
  (0.weight [8, 4], 0.bias [8], 2.weight [3, 8], 2.bias [3]).

Training: full-batch gradient descent, fixed step, from a seeded start, to the
minimum of L_n(w) + |w|²/(2nσ²) with σ = 3 (the spec's normal prior): the MAP.
L_n alone has no minimum on Iris (setosa is linearly separable, so the
weights would grow without bound); the prior term gives one, where
∇L_n = −w/(nσ²) is small. Deterministic: the same numbers on every run.

Run from the repository root: python3 scripts/train-iris.py
"""
import csv
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from safetensors_numpy import save_safetensors  # noqa: E402

DATA = "Examples/data"
SIGMA = 3.0          # the spec's prior: normal, σ = 3
HIDDEN = 8
STEP = 0.5           # gradient-descent step on the per-sample objective
MAX_STEPS = 400_000
TOLERANCE = 1e-7     # stop when the objective's gradient norm is below this


def load():
    with open(os.path.join(DATA, "iris.csv")) as f:
        rows = list(csv.DictReader(f))
    raw = np.array([[float(r[c]) for c in ("sepal_length", "sepal_width", "petal_length", "petal_width")] for r in rows])
    y = np.array([int(r["label"]) for r in rows], dtype=np.int64)
    x = (raw - raw.mean(axis=0)) / raw.std(axis=0)
    return x, y


def objective(params, x, y):
    """L_n + |w|²/(2nσ²) and its gradient (w1 [H, 4], b1 [H], w2 [3, H], b2 [3])."""
    w1, b1, w2, b2 = params
    n = len(y)
    h = np.tanh(x @ w1.T + b1)
    f = h @ w2.T + b2
    f = f - f.max(axis=1, keepdims=True)
    logz = np.log(np.exp(f).sum(axis=1))
    loss = np.mean(logz - f[np.arange(n), y])
    p = np.exp(f - logz[:, None])
    p[np.arange(n), y] -= 1
    d2 = p / n
    g_w2, g_b2 = d2.T @ h, d2.sum(axis=0)
    d1 = (d2 @ w2) * (1 - h * h)
    g_w1, g_b1 = d1.T @ x, d1.sum(axis=0)
    decay = 1 / (n * SIGMA * SIGMA)
    penalty = 0.5 * decay * sum(float(np.sum(q * q)) for q in params)
    grads = [g + decay * q for g, q in zip((g_w1, g_b1, g_w2, g_b2), params)]
    return loss, loss + penalty, grads


def main():
    x, y = load()
    np.savez(os.path.join(DATA, "iris.npz"), x=x, y=y)
    rng = np.random.default_rng(2024)
    params = [rng.standard_normal((HIDDEN, 4)) / 2, np.zeros(HIDDEN), rng.standard_normal((3, HIDDEN)) / np.sqrt(HIDDEN), np.zeros(3)]
    for step in range(MAX_STEPS):
        loss, total, grads = objective(params, x, y)
        norm = np.sqrt(sum(float(np.sum(g * g)) for g in grads))
        if norm < TOLERANCE:
            break
        params = [q - STEP * g for q, g in zip(params, grads)]
    h = np.tanh(x @ params[0].T + params[1])
    accuracy = np.mean(np.argmax(h @ params[2].T + params[3], axis=1) == y)
    print(f"steps {step}, L_n {loss:.6f}, objective {total:.6f}, |grad| {norm:.2e}, training accuracy {accuracy:.3f}")
    tensors = {"0.weight": params[0], "0.bias": params[1], "2.weight": params[2], "2.bias": params[3]}
    save_safetensors(tensors, os.path.join(DATA, "iris-mlp.safetensors"),
                     metadata={"source": "scripts/train-iris.py", "objective": f"{total:.10g}", "L_n": f"{loss:.10g}"})


if __name__ == "__main__":
    main()
