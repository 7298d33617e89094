#!/bin/sh
# Figure: Brownian motion in U = 2·min((x0−2)², (x1−2)²) on the torus [0, 4)²
# at T = 0.5. Writes langevin-torus.svg (simulated occupation density) and
# langevin-torus-boltzmann.svg (exp(−U/T)/Z integrated over the same cells).
set -eu
RLCT=${RLCT:-rlct}
$RLCT langevin --a 2 --b 2 --length 4 --temperature 0.5 --dt 0.001 --steps 1000000 \
    --burn-in 20000 --trajectories 16 --seed 1 --plot langevin-torus.svg
