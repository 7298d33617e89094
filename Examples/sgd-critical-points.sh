#!/bin/sh
# Figure (seed 004): P(a random critical point is a minimum) against d, for GOE Hessians
# and for Newton-found critical points of a small tanh network.
set -eu
RLCT=${RLCT:-rlct}
$RLCT critical-points --dimensions 1,2,3,4,5,6 --samples 2000000 --hidden 1,2,3,4 --starts 400 --seed 1 --plot minima.svg
