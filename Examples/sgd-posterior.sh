#!/bin/sh
# Figure (seed 003, Figs. 2 and 5): posterior mass near the origin against the SGD ensemble
# after the same n samples, for Q = (w1² + w2²)·w1 and Q = (w1² + w2²)·w1².
set -eu
RLCT=${RLCT:-rlct}
$RLCT sgd-posterior --n 2000,16000,160000 --trajectories 2000 --seed 1 --plot sgd-posterior.svg
