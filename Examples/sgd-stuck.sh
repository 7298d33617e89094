#!/bin/sh
# Figure (seed 003, Fig. 4): loss (w − w0)⁶ (w + w0)⁴, w0 = 1.6. Trajectories that start
# in the basin of −w0 stay there; the posterior at n puts 74 % of its mass near +w0.
set -eu
RLCT=${RLCT:-rlct}
$RLCT sgd --q "(w-1.6)^3*(w+1.6)^2" --lr 0.005 --batch 32 --trajectories 10000 --steps 2000 --seed 1 --plot sgd-stuck.svg
