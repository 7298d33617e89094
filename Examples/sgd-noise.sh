#!/bin/sh
# Table (seed 003, appendix): minibatch-gradient covariance against the formula and the Hessian.
set -eu
RLCT=${RLCT:-rlct}
$RLCT sgd-noise --q "(w+1.6)*(w-1.6)^2" --points="-1.6;-1.59;-1.5;1.6;1.61;1.7;0" --batch 32 --plot sgd-noise-1d.svg
$RLCT sgd-noise --q "(w1^2+w2^2)*w1" --points "0.01,1;0.001,0.5;0.05,0.05;0.5,0.5;0,0" --batch 32 --plot sgd-noise-2d.svg
