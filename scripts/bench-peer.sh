#!/usr/bin/env bash
# `make bench-peer` (optional, never part of `make test`): the devinterp
# column of docs/benchmarks.md. Creates .venv-peer/ with devinterp 2.0.1 and
# CPU torch (a local wheel from pip's find-links if there is one, else
# PyPI), times rlct's devinterp-shaped LLC job (`rlct bench --filter MLP`)
# and the same job through devinterp on one torch thread, and writes both
# side by side between the bench-peer markers of docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
RLCT=${RLCT:-.build/release/rlct}
VENV=${VENV:-.venv-peer}
PYTHON=${PYTHON:-python3}
DOC=${DOC:-docs/benchmarks.md}

if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c "import torch" 2>/dev/null; then
    # CPU-only torch: pip's find-links may hold a +cpu wheel; PyPI's default build pulls CUDA.
    "$VENV/bin/pip" install torch
fi
if ! "$VENV/bin/python" -c "import devinterp" 2>/dev/null; then
    "$VENV/bin/pip" install "devinterp==2.0.1"
fi

mkdir -p out
"$RLCT" bench --filter MLP --steps 200000 --json --quiet > out/bench-mlp.json
OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 "$VENV/bin/python" scripts/bench_peer.py out/bench-mlp.json "$DOC"
echo "wrote the devinterp column into $DOC"
