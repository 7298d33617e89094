#!/bin/sh
# Figure: the article's two polygons crossing at one point (two 40-cycles):
# the crossing is visited twice as often as any other node. Both cycles are
# even, so the walk is lazy (stays put with probability 1/2).
set -eu
RLCT=${RLCT:-rlct}
$RLCT walk --cycles 40,40 --steps 200000 --walkers 1000 --seed 1 --plot walk-two-polygons.svg
