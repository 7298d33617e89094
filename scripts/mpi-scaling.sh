#!/usr/bin/env bash
# The MPI queue's scaling on this machine, written into docs/cluster.md
# (between the mpi-scaling markers) and printed:
#   1. `rlct regress Fixtures` (what `make regress` runs: the full suite, with
#      its Markdown, JUnit, JSON and plot, here under out/mpi-scaling/) on 1 and
#      2 ranks: wall times and the speed-up (target ≥ 1.8×);
#   2. the same on 8 oversubscribed ranks: the idle tail (last rank out of jobs
#      minus first) as a share of the wall time (target < 10%);
#   3. a simulated schedule on 64 ranks (and 2, 8, 16) from the 1-rank run's
#      measured job durations, handed out largest estimated cost first as the
#      queue does: its speed-up against the ideal.
# Needs the MPI build (make build-mpi; RLCT=path picks another rlct built with
# the MPI trait). Usage:
#   scripts/mpi-scaling.sh [--quick] [--no-doc] [--filter PATTERN]
# --quick runs `regress --quick` (shorter jobs; the table then says so);
# --no-doc prints without rewriting docs/cluster.md; --filter PATTERN runs only
# the matching fixtures (regress --filter: a check of the script, never written
# into the page). Takes about 3.5 × the
# 1-rank regress time; run it on an otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."

RLCT=${RLCT:-.build-mpi/release/rlct}
MPIRUN=${MPIRUN:-mpirun}
quick=()
filter=()
write_doc=1
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) quick=(--quick) ;;
        --no-doc) write_doc=0 ;;
        --filter)
            [ $# -ge 2 ] || { echo "mpi-scaling: --filter needs a pattern" >&2; exit 2; }
            filter=(--filter "$2"); write_doc=0; shift ;;
        *) echo "mpi-scaling: unknown argument '$1'; expected --quick, --no-doc or --filter PATTERN" >&2; exit 2 ;;
    esac
    shift
done
[ -x "$RLCT" ] || { echo "mpi-scaling: no MPI build at $RLCT; run make build-mpi" >&2; exit 2; }
command -v "$MPIRUN" >/dev/null || { echo "mpi-scaling: no mpirun on PATH; run scripts/setup.sh --mpi" >&2; exit 2; }
root=()
[ "$(id -u)" -eq 0 ] && root=(--allow-run-as-root)
mkdir -p out/mpi-scaling
out=out/mpi-scaling

run() {  # ranks, extra mpirun flags…
    local n=$1; shift
    local start end
    start=$(date +%s.%N)
    RLCT_MPI_SCHEDULE="$out/schedule-$n.json" "$MPIRUN" "${root[@]}" "$@" -n "$n" "$RLCT" regress Fixtures "${quick[@]}" "${filter[@]}" \
        --quiet --markdown "$out/regression-$n.md" --junit "$out/regression-$n.xml" --json-file "$out/regress-$n.json" \
        --plot "$out/regression-$n.svg" > /dev/null 2> "$out/stderr-$n.txt" || {
        echo "mpi-scaling: the $n-rank run failed:" >&2; cat "$out/stderr-$n.txt" >&2; exit 1; }
    end=$(date +%s.%N)
    echo "$start $end" > "$out/wall-$n.txt"
}

# 1 and 2 ranks: mpirun binds each rank to a core (its default for ≤ 2 ranks),
# so 1 rank uses one core and 2 ranks two.
run 1
run 2
run 8 --oversubscribe

table=$(python3 - "$out" "${quick[*]:-}" "${filter[*]:-}" <<'PY'
import json, os, sys
out, quick, filt = sys.argv[1], sys.argv[2], sys.argv[3]
def wall(n):
    a, b = open(f"{out}/wall-{n}.txt").read().split()
    return float(b) - float(a)
def schedule(n):
    return json.load(open(f"{out}/schedule-{n}.json"))
def strip(path):
    r = json.load(open(path))
    for o in r["outcomes"]: o.pop("seconds", None)
    r.pop("seconds", None); r.pop("date", None)
    return r
same = all(strip(f"{out}/regress-{n}.json") == strip(f"{out}/regress-1.json") for n in (2, 8))
w1, w2, w8 = wall(1), wall(2), wall(8)
cores = os.cpu_count()
s8 = schedule(8)
jobs = schedule(1)["jobs"]
durations = [j["job_seconds"] for j in jobs]
order = sorted(range(len(jobs)), key=lambda k: (-jobs[k]["cost"], k))
total = sum(durations)
def simulate(p):
    free = [0.0] * p
    for k in order:
        r = min(range(p), key=lambda i: (free[i], i))
        free[r] += durations[k]
    return max(free), max(free) - min(free)
cmd = "regress Fixtures" + (" --quick" if quick else "") + (" " + filt if filt else "")
print(f"`rlct {cmd}`: {len(jobs)} jobs, {total:.1f} s of work in the 1-rank run (longest job {max(durations):.1f} s); same JSON on 1, 2 and 8 ranks (timings aside): {'yes' if same else 'NO'}")
print()
print("| ranks | wall s | speed-up vs 1 rank | idle tail s (share of wall) |")
print("|---:|---:|---:|---:|")
print(f"| 1 | {w1:.1f} | 1.00× | 0 |")
s2 = schedule(2)
print(f"| 2 | {w2:.1f} | {w1 / w2:.2f}× | {s2['idle_seconds']:.1f} ({100 * s2['idle_seconds'] / s2['wall_seconds']:.1f}%) |")
print(f"| 8 (oversubscribed, {cores} cores) | {w8:.1f} | {w1 / w8:.2f}× | {s8['idle_seconds']:.1f} ({100 * s8['idle_seconds'] / s8['wall_seconds']:.1f}%) |")
print()
print("Simulated from the 1-rank job durations, largest estimated cost first:")
print()
print("| ranks | makespan s | speed-up | ideal | efficiency | idle tail s |")
print("|---:|---:|---:|---:|---:|---:|")
for p in (2, 8, 16, 64):
    m, idle = simulate(p)
    print(f"| {p} | {m:.1f} | {total / m:.2f}× | {min(p, total / max(durations)):.2f}× | {100 * total / m / p:.0f}% | {idle:.1f} |")
m64, idle64 = simulate(64)
print()
print(f"Targets: 2 ranks {w1 / w2:.2f}× (≥ 1.8×: {'met' if w1 / w2 >= 1.8 else 'NOT met'}); "
      f"8-rank idle tail {100 * s8['idle_seconds'] / s8['wall_seconds']:.1f}% of the wall time "
      f"(< 10%: {'met' if s8['idle_seconds'] < 0.1 * s8['wall_seconds'] else 'NOT met'}); "
      f"simulated 64 ranks: makespan {m64:.1f} s, idle tail {idle64:.1f} s ({100 * idle64 / m64:.0f}% of it).")
PY
)
echo "$table"
if [ "$write_doc" -eq 1 ]; then
    python3 - "$table" <<'PY'
import sys, re
table = sys.argv[1]
path = "docs/cluster.md"
text = open(path).read()
command = "scripts/mpi-scaling.sh" + (" --quick" if "--quick" in table.split("\n")[0] else "")
block = ("<!-- mpi-scaling:begin -->\n<!-- docs-check: skip: a measurement of this machine's timings "
         "(scripts/mpi-scaling.sh rewrites it) -->\n```console\n$ " + command) + "\n" + table + "\n```\n<!-- mpi-scaling:end -->"
text = re.sub(r"<!-- mpi-scaling:begin -->.*?<!-- mpi-scaling:end -->", lambda m: block, text, flags=re.S)
open(path, "w").write(text)
PY
    echo "mpi-scaling: docs/cluster.md updated"
fi
