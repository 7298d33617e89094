#!/usr/bin/env bash
# Seeds too large to commit, written into $1 by scripts/fuzz.sh:
# deep nesting (the parser recursed once per parenthesis) and long sums.
set -euo pipefail
out=$1
nest() { printf "%${1}s" '' | tr ' ' '('; printf 'w'; printf "%${1}s" '' | tr ' ' ')'; }
nest 7000 > "$out/bad-nested-7000"
nest 100000 > "$out/bad-nested-100000"
printf "%7000s" '' | tr ' ' '-' > "$out/bad-unary-7000"; printf 'w' >> "$out/bad-unary-7000"
for i in $(seq 1 3000); do printf 'w%d^2+' "$i"; done > "$out/bad-many-variables"; printf '1' >> "$out/bad-many-variables"
