#!/bin/sh
# Figure: occupation per node of a random walk on cycles of lengths 3, 5 and 8
# glued at node 0, against the stationary law ∝ degree (node 0 has degree 6).
# Writes walk-glued-cycles.svg; prints the group table and the χ² test.
set -eu
RLCT=${RLCT:-rlct}
$RLCT walk --cycles 3,5,8 --steps 20000 --walkers 2000 --seed 1 --plot walk-glued-cycles.svg
