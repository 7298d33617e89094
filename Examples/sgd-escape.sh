#!/bin/sh
# Figure (seed 003, Fig. 1): 10⁴ SGD trajectories on Q = (w + w0)(w − w0)², w0 = 1.7,
# started uniformly in [−w0, w0]; η = 0.02 in the (1/2B) loss convention (0.01 in the
# article's MSE convention), B = 32, 500 steps, one epoch of n = 16 000 samples, ten
# replicates with fresh datasets (the error of the rate is their spread).
# Writes sgd-escape.svg (fraction in the regular basin, log scale, with the fitted
# exponential) and sgd-escape-hist.svg (final positions against the posterior at n).
set -eu
RLCT=${RLCT:-rlct}
$RLCT sgd --q "(w+1.7)*(w-1.7)^2" --lr 0.02 --batch 32 --trajectories 10000 --steps 500 --seed 1 --replicates 10 --plot sgd-escape.svg
