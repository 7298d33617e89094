#!/usr/bin/env bash
# rlct at quick settings, for running the Examples in a test:
#
#   RLCT=scripts/rlct-quick.sh RLCT_BINARY=.build/release/rlct sh Examples/sgd-escape.sh
#
# Runs $RLCT_BINARY with the same command line, except that the sizes that set
# a command's cost (steps, trajectories, walkers, draws, ...) are capped, and
# `rlct regress` runs its --quick settings. The example then exercises every
# command, flag and output file it names, in seconds; its numbers are not the
# page's (docs/README.md, "Executable documentation").
set -euo pipefail
BINARY=${RLCT_BINARY:?RLCT_BINARY: the rlct binary to run}
[ $# -gt 0 ] || exec "$BINARY"
command=$1; shift
args=("$@")

# cap FLAG MAX: a value of FLAG above MAX becomes MAX (both `--flag V` and `--flag=V`).
cap() {
    local flag=$1 max=$2 i
    for ((i = 0; i < ${#args[@]}; i++)); do
        case ${args[i]} in
        "$flag")
            if [ $((i + 1)) -lt ${#args[@]} ] && awk -v v="${args[i + 1]}" -v m="$max" 'BEGIN { exit !(v + 0 > m + 0) }'; then
                args[i + 1]=$max
            fi ;;
        "$flag"=*)
            if awk -v v="${args[i]#*=}" -v m="$max" 'BEGIN { exit !(v + 0 > m + 0) }'; then args[i]="$flag=$max"; fi ;;
        esac
    done
}

# ensure FLAG VALUE: sets FLAG to VALUE unless the command line gives it (then caps it).
ensure() {
    local flag=$1 value=$2 a
    for a in "${args[@]}"; do
        case $a in "$flag" | "$flag"=*) cap "$flag" "$value"; return ;; esac
    done
    args+=("$flag" "$value")
}

has() {
    local a
    for a in "${args[@]}"; do [ "$a" = "$1" ] && return 0; done
    return 1
}

case $command in
llc)
    if has --checkpoints; then
        ensure --chains 2; ensure --draws 50; ensure --burn-in 50
    else
        ensure --draws 200; ensure --burn-in 100
    fi
    ensure --target-mcse 0 ;;
calibrate | temperature | wbic | waic)
    ensure --draws 200; ensure --burn-in 100 ;;
train)
    cap --steps 100; cap --checkpoint-every 50 ;;
sgd)
    cap --trajectories 500; cap --steps 500 ;;
sgd-sweep)
    ensure --trajectories 200; cap --steps 300 ;;
langevin)
    cap --steps 20000; cap --burn-in 1000; cap --trajectories 4 ;;
sphere)
    cap --steps 200; cap --walkers 100; cap --shell-samples 200 ;;
walk)
    cap --steps 2000; cap --walkers 100 ;;
regress)
    has --quick || args+=(--quick) ;;
esac
exec "$BINARY" "$command" "${args[@]}"
