#!/usr/bin/env bash
# docs/cluster.md's "a rank that dies" transcript: runs `rlct regress Fixtures
# --filter potential-` on 2 MPI ranks with --json-file out/partial.json, kills
# rank 1 with SIGKILL after KILL_AFTER seconds (default 60), shows what the
# file kept (finished checks, and finished pieces of unfinished ones), then
# completes the run with --resume and counts the checks again. The file as the
# kill left it is kept as out/partial-killed.json.
# Needs the MPI build (make build-mpi; RLCT=path picks another). Usage:
#   scripts/mpi-kill-resume.sh
set -uo pipefail
cd "$(dirname "$0")/.."
RLCT=${RLCT:-.build-mpi/release/rlct}
[ -x "$RLCT" ] || { echo "mpi-kill-resume: no MPI build at $RLCT; run make build-mpi" >&2; exit 2; }
command -v mpirun >/dev/null || { echo "mpi-kill-resume: no mpirun on PATH; run scripts/setup.sh --mpi" >&2; exit 2; }
root=()
[ "$(id -u)" -eq 0 ] && root=(--allow-run-as-root)
mkdir -p out
rm -f out/partial.json
mpirun "${root[@]}" -n 2 "$RLCT" regress Fixtures --quiet --filter potential- --json-file out/partial.json > /dev/null 2> out/partial-stderr.txt &
launcher=$!
sleep "${KILL_AFTER:-60}"
# Rank 1: the rlct process whose environment says OMPI_COMM_WORLD_RANK=1.
rank1=
for p in $(pgrep -f "$RLCT regress"); do
    tr '\0' '\n' < "/proc/$p/environ" 2>/dev/null | grep -qx 'OMPI_COMM_WORLD_RANK=1' && rank1=$p
done
[ -n "$rank1" ] || { echo "mpi-kill-resume: the run ended before rank 1 was killed; lower KILL_AFTER" >&2; wait "$launcher"; exit 1; }
echo "\$ kill -9 $rank1        # rank 1, ${KILL_AFTER:-60} s in"
kill -9 "$rank1"
wait "$launcher"
cat out/partial-stderr.txt
echo "\$ grep -c '\"method\"' out/partial.json"; grep -c '"method"' out/partial.json
echo "\$ grep -c '\"piece\"' out/partial.json"; grep -c '"piece"' out/partial.json
cp out/partial.json out/partial-killed.json   # what the kill left, for a look afterwards
mpirun "${root[@]}" -n 2 "$RLCT" regress Fixtures --filter potential- --resume out/partial.json --json-file out/partial.json > /dev/null
echo "\$ grep -c '\"method\"' out/partial.json"; grep -c '"method"' out/partial.json
