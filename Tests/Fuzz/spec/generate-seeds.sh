#!/usr/bin/env bash
# Seeds too large to commit, written into $1 by scripts/fuzz.sh: deep JSON
# nesting and a deeply nested polynomial inside an otherwise valid spec.
set -euo pipefail
out=$1
{ printf '{"model":'; printf "%100000s" '' | tr ' ' '['; } > "$out/bad-nested-arrays-100000.json"
{ printf '{"model":{"kind":"potential","n":10,"k":"'; printf "%7000s" '' | tr ' ' '('; printf 'w'; printf "%7000s" '' | tr ' ' ')'; printf '"}}'; } > "$out/bad-nested-polynomial-7000.json"
