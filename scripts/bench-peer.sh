#!/usr/bin/env bash
# `make bench-peer` (optional, never part of `make test`): the devinterp
# column of docs/benchmarks.md. Creates .venv-peer/ with CPU-only torch and
# devinterp 2.0.1, times rlct's devinterp-shaped LLC job
# (`rlct bench --filter MLP --job-only`) and the same job through devinterp on one torch
# thread, and writes both side by side between the bench-peer markers of
# docs/benchmarks.md (which `make bench` keeps when it rewrites the page).
#
# CPU torch: a local wheel when WHEELS (default /opt/wheels) holds a
# torch-*+cpu wheel, else PyTorch's CPU index (PyPI's default torch build
# pulls several GB of CUDA libraries). devinterp and its other dependencies
# come from PyPI; without network access the script stops with pip's error.
set -euo pipefail
cd "$(dirname "$0")/.."
RLCT=${RLCT:-.build/release/rlct}
VENV=${VENV:-.venv-peer}
PYTHON=${PYTHON:-python3}
DOC=${DOC:-docs/benchmarks.md}
WHEELS=${WHEELS:-/opt/wheels}

if [ ! -x "$RLCT" ]; then
    echo "bench-peer: no rlct binary at $RLCT (run swift build -c release, or make bench-peer)" >&2
    exit 2
fi
if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c "import torch" 2>/dev/null; then
    wheel=$(ls "$WHEELS"/torch-*+cpu-*.whl 2>/dev/null | sort | tail -n 1 || true)
    if [ -n "$wheel" ]; then
        "$VENV/bin/pip" install --find-links "$WHEELS" "$wheel"
    else
        "$VENV/bin/pip" install --index-url https://download.pytorch.org/whl/cpu torch
    fi
fi
if ! "$VENV/bin/python" -c "import devinterp" 2>/dev/null; then
    # torch is already installed, so pip keeps it (devinterp asks for torch>=2.0.1).
    "$VENV/bin/pip" install --find-links "$WHEELS" "devinterp==2.0.1"
fi

mkdir -p out
export BENCH_PEER_COMMAND="rlct bench --filter MLP --job-only --json --quiet"
"$RLCT" bench --filter MLP --job-only --json --quiet > out/bench-mlp.json
OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 TQDM_DISABLE=1 "$VENV/bin/python" scripts/bench_peer.py out/bench-mlp.json "$DOC"
echo "wrote the devinterp column into $DOC"
