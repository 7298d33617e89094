#!/bin/sh
# Seed 004: SGD against isotropic Langevin (matched noise across the valley) along a valley
# of minima: constant curvature (Q = w1) and flat at w2 = 0 (Q = w1(1 + w2²)).
set -eu
RLCT=${RLCT:-rlct}
$RLCT sgd-langevin --q "w1" --start=0,0 --steps 20000 --trajectories 500 --seed 1
$RLCT sgd-langevin --q "w1*(1+w2^2)" --start=0,1.5 --steps 20000 --trajectories 500 --seed 1 --plot sgd-langevin.svg
