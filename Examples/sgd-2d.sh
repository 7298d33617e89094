#!/bin/sh
# Figures (seed 003, Fig. 3 and 6): distance to the origin and trajectories for
# Q = (w1² + w2²)·w1 (zigzag down the line w1 = 0) and Q = (w1² + w2²)·w1² (stuck on it).
set -eu
RLCT=${RLCT:-rlct}
$RLCT sgd --q "(w1^2+w2^2)*w1" --lr 0.02 --batch 32 --trajectories 10000 --steps 5000 --seed 1 --plot sgd-2d-zigzag.svg
$RLCT sgd --q "(w1^2+w2^2)*w1^2" --lr 0.02 --batch 32 --trajectories 10000 --steps 5000 --seed 1 --plot sgd-2d-stuck.svg
