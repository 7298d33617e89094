#!/bin/sh
# Figures: ⟨cos θ(t)⟩ of Brownian motion on S^{n−1} (R = 1, D = 1) for n = 3, 10,
# 100 against exp(−D(n−1)t/R²) (sphere-diffusion.svg), and the mean
# displacement tending to √2·R (sphere-diffusion-displacement.svg). Also prints
# the Kaiming shell and the Householder perturbation check for the same n.
set -eu
RLCT=${RLCT:-rlct}
$RLCT sphere --dimensions 3,10,100 --radius 1 --diffusion 1 --steps 1500 --walkers 1000 --seed 1 \
    --plot sphere-diffusion.svg
