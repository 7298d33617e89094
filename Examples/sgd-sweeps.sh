#!/bin/sh
# Figure (seed 003, Fig. 7): escape from the sharp minimum against η, w0 and B
# (2000 trajectories × 3 replicates with fresh datasets per value); B at two sharpness levels.
set -eu
RLCT=${RLCT:-rlct}
$RLCT sgd-sweep --over lr --values 0.016,0.018,0.019,0.02,0.021,0.022,0.025 --w0 1.6 --trajectories 2000 --replicates 3 --seed 1 --plot sgd-sweep-lr.svg
$RLCT sgd-sweep --over w0 --values 1.5,1.55,1.6,1.62,1.65,1.7 --lr 0.02 --trajectories 2000 --replicates 3 --seed 1 --plot sgd-sweep-w0.svg
$RLCT sgd-sweep --over batch --values 8,16,32,64,128,256 --w0 1.62 --lr 0.02 --trajectories 2000 --replicates 3 --seed 1 --plot sgd-sweep-batch-162.svg
$RLCT sgd-sweep --over batch --values 8,16,32,64,128,256 --w0 1.7 --lr 0.02 --trajectories 2000 --replicates 3 --seed 1 --plot sgd-sweep-batch-170.svg
