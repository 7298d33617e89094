#!/bin/sh
# Estimating a learning coefficient, the way we would check one:
# 1. calibrate the step size (λ̂ should not depend on it),
# 2. the LLC with diagnostics at the recommended step, with a plot of the running λ̂,
# 3. two independent estimates to compare against: the volume-scaling fit (λ and m)
#    and the multi-temperature fit, and the exact λ where a theorem gives it.
# The model is the seeds' regression y = Q(w)·x + ε with Q = w1·w2², so K = Q²/2 and λ = 1/4.
# What to expect (seed 1; the numbers, checked by `make docs-check`, are in docs/estimators.md,
# "Finite-n bias from a nearby pole"): the LLC and the multi-temperature fit come out below 1/4
# at n = 10⁴, because K ∝ w1²w2⁴ has a second pole (1/2) close by and the estimand converges
# like nβ^(−1/4); the volume fit, which looks at ε down to 1e-10, is slightly above 1/4 with m̂
# rounding to 1.
set -eu
RLCT=${RLCT:-rlct}
mkdir -p out
$RLCT analytic --q "w1*w2^2"
$RLCT calibrate --q "w1*w2^2" --sampler mala --step-sizes 1e-4,3e-4,1e-3,3e-3 --quiet
$RLCT llc --q "w1*w2^2" --sampler mala --step-size 1e-3 --plot out/llc-w1w2sq.svg --quiet
$RLCT temperature --q "w1*w2^2" --sampler mala --step-size 1e-3 --quiet
# Volume scaling on the population K = Q²/2 itself (a potential): the data's noise
# would otherwise set a floor near ε ≈ 1/n.
$RLCT volume --polynomial "0.5*(w1*w2^2)^2" --plot out/volume-w1w2sq.svg --quiet
