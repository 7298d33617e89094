#!/bin/sh
# Table: the Kaiming shell of a whole 100 × 100 layer (fan-in 100, D = 10⁴):
# relative thickness sd|w|/⟨|w|⟩ ≈ 1/√(2D) = 0.0071, not the article's √2σ = 0.2.
# Few walkers: the diffusion part is not the point here.
set -eu
RLCT=${RLCT:-rlct}
$RLCT sphere --dimensions 100 --fan-out 100 --shell-samples 2000 --walkers 20 --steps 100 --seed 1
