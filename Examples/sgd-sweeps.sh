#!/bin/sh
# Figure (seed 003, Fig. 7): escape from the sharp minimum against η, w0 and B.
set -eu
RLCT=${RLCT:-rlct}
$RLCT sgd-sweep --over lr --values 0.01,0.014,0.016,0.018,0.019,0.02,0.021,0.022,0.025 --w0 1.6 --plot sgd-sweep-lr.svg
$RLCT sgd-sweep --over w0 --values 1.4,1.5,1.55,1.6,1.62,1.65,1.7,1.8 --lr 0.02 --plot sgd-sweep-w0.svg
$RLCT sgd-sweep --over batch --values 8,16,32,64,128,256 --w0 1.62 --lr 0.02 --plot sgd-sweep-batch.svg
