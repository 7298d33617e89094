#!/usr/bin/env bash
# Seeds too large to commit, written into $1 by scripts/fuzz.sh: many rows,
# a very wide header and one very long line.
set -euo pipefail
out=$1
{ echo "x,y"; for i in $(seq 1 5000); do echo "$i,0.$i"; done; } > "$out/valid-5000-rows.csv"
{ for i in $(seq 1 3000); do printf 'c%d,' "$i"; done; echo "y"; for i in $(seq 1 3000); do printf '1,'; done; echo "2"; } > "$out/valid-wide.csv"
{ echo "x,y"; printf "%100000s" '' | tr ' ' '1'; echo ",2"; } > "$out/valid-long-number.csv"
