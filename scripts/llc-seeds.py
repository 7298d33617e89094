#!/usr/bin/env python3
"""One `rlct llc` command over several seeds: λ̂ ± MCSE, the step size used
and the verdict per seed, then the mean, the standard deviation across seeds and the mean MCSE,
so a page can show an estimator's spread instead of one seed's estimate.

    scripts/llc-seeds.py --seeds 1-5 [--label TEXT] -- rlct llc ARGS...

Each run is `ARGS --seed S --json` (the JSON keys of docs/json.md: llc_mean,
mcse_mean, step_size, verdict.level); ARGS must not contain --seed or --json. Exit 2 on
bad arguments, 1 when a run fails (its standard error is printed).
"""
import json
import statistics
import subprocess
import sys


def seeds(text: str) -> list:
    out = []
    for part in text.split(","):
        lo, _, hi = part.partition("-")
        out += list(range(int(lo), int(hi or lo) + 1))
    return out


def main(argv: list) -> int:
    if "--" not in argv:
        print("error: expected `--seeds LIST [--label TEXT] -- rlct llc ARGS`", file=sys.stderr)
        return 2
    split = argv.index("--")
    options, command = argv[:split], argv[split + 1:]
    values = dict(zip(options[::2], options[1::2]))
    if len(options) % 2 or set(values) - {"--seeds", "--label"} or "--seeds" not in values:
        print("error: options: --seeds LIST (e.g. 1-5 or 1,3,7) and optionally --label TEXT", file=sys.stderr)
        return 2
    if not command or any(a in ("--seed", "--json") for a in command):
        print("error: the command must be given without --seed and --json (they are added per run)", file=sys.stderr)
        return 2
    try:
        runs = seeds(values["--seeds"])
    except ValueError:
        print(f"error: --seeds: expected numbers and ranges like 1-5 or 1,3,7, got '{values['--seeds']}'", file=sys.stderr)
        return 2
    label = values.get("--label")
    if label:
        print(label)
    print(f"{'seed':>4}  {'λ̂':>8}  {'± MCSE':>8}  {'step ε':>9}  verdict")
    means, mcses = [], []
    for s in runs:
        p = subprocess.run(command + ["--seed", str(s), "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if p.returncode != 0:
            print(f"error: seed {s}: exit {p.returncode}\n{p.stderr.strip()}", file=sys.stderr)
            return 1
        result = json.loads(p.stdout)
        means.append(result["llc_mean"])
        mcses.append(result["mcse_mean"])
        print(f"{s:>4}  {result['llc_mean']:>8.4f}  {result['mcse_mean']:>8.4f}  {result['step_size']:>9.3g}  "
              f"{result['verdict']['level']}")
    sd = statistics.stdev(means) if len(means) > 1 else float("nan")
    print(f"mean {statistics.fmean(means):.4f}, sd across seeds {sd:.4f}, mean MCSE {statistics.fmean(mcses):.4f} "
          f"({len(runs)} seeds)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
