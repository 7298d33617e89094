#!/usr/bin/env python3
"""The devinterp column of docs/benchmarks.md (`make bench-peer`).

Runs the devinterp-shaped LLC job of `rlct bench` through devinterp 2.0.1's
`devinterp.slt.llc.llc` (2.0 replaced `estimate_learning_coeff_with_summary`
by `sample` + `compute_llc`) on one torch thread: the same two MLP shapes
(20-64-64-1 regression, 784-128-10 softmax classifier) at n = 10,000, batch
100, 4 chains x 200 draws, no burn-in, a draw every step, the minibatch loss
at draws, step size 1e-7, localization 1, n*beta = n / log n.

devinterp 2 is built for language models: a dataset row is a sequence of
"input_ids" and the loss function returns one loss per next-token position.
Here each row is the sample's index twice ([i, i], one position), and the
loss function looks the sample up (x_i, y_i) and returns its loss as that
position's: the same minibatch loss, with devinterp's own data loader,
shuffling, SGLD optimiser and zarr bookkeeping around it. The networks are
torch's float32 defaults with their own random weights (only the job's shape
matters for the time). Then writes rlct's and devinterp's numbers side by
side between the peer markers of the page.

Output format (fixed): the Markdown section, and on standard output one line
per model: `<name>\t<seconds>\t<steps per second>\t<llc>`.

usage: bench_peer.py RLCT_BENCH_JSON DOC_MARKDOWN
"""
import json
import math
import os
import platform
import sys
import tempfile
import time
from importlib.metadata import version

import torch
from torch import nn

from devinterp.slt.llc import llc

N, BATCH, CHAINS, DRAWS, STEP = 10_000, 100, 4, 200, 1e-7
BEGIN, END = "<!-- bench-peer: begin -->", "<!-- bench-peer: end -->"


class Indices(torch.utils.data.Dataset):
    """Row i is the sequence [i, i]: devinterp reads one "input_ids" row per sample."""

    def __len__(self):
        return N

    def __getitem__(self, i):
        return {"input_ids": torch.tensor([i, i], dtype=torch.long)}


def job(name, model, x, y, per_sample_loss):
    """Seconds and CPU seconds of one devinterp LLC job, its steps per second and λ̂."""
    nbeta = N / math.log(N)

    def loss_fn(m, ids):
        i = ids[:, 0]
        return per_sample_loss(m(x[i]), y[i]).unsqueeze(1)  # (batch, seq - 1 = 1)

    with tempfile.TemporaryDirectory() as out:
        start, cpu = time.perf_counter(), time.process_time()
        result = llc(model, Indices(), {}, lr=STEP, n_beta=nbeta, loss_fn=loss_fn, num_chains=CHAINS, num_draws=DRAWS,
                     batch_size=BATCH, num_burnin_steps=0, num_steps_bw_draws=1, localization=1.0, device="cpu",
                     output_path=f"{out}/samples.zarr")
        value = float(result["llc_mean"].values)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    return dict(name=name, seconds=seconds, cpu_seconds=cpu, steps_per_second=CHAINS * DRAWS / seconds, llc=value)


def main():
    ours_path, doc_path = sys.argv[1], sys.argv[2]
    torch.set_num_threads(1)
    torch.manual_seed(1)
    results = []

    x = torch.randn(N, 20)
    teacher = nn.Sequential(nn.Linear(20, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 1))
    with torch.no_grad():
        y = teacher(x).squeeze(1) + torch.randn(N)
    student = nn.Sequential(nn.Linear(20, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 1))
    results.append(job("MLP 20-64-64-1", student, x, y, lambda f, y: 0.5 * (f.squeeze(1) - y) ** 2))

    x = torch.randn(N, 784)
    teacher = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))
    with torch.no_grad():
        y = torch.distributions.Categorical(logits=teacher(x)).sample()
    student = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))
    results.append(job("MLP 784-128-10", student, x, y,
                       lambda f, y: nn.functional.cross_entropy(f, y, reduction="none")))

    with open(ours_path) as f:
        bench = json.load(f)
    ours = [r for r in bench["results"] if r.get("llc_job")]
    lines = [BEGIN, "", f"## rlct against devinterp {version('devinterp')}", "",
             "Written by `make bench-peer` (`scripts/bench-peer.sh`, which runs "
             f"`{os.environ.get('BENCH_PEER_COMMAND', 'rlct bench --filter MLP --json')}` and `scripts/bench_peer.py`) on {time.strftime('%Y-%m-%d', time.gmtime())}: "
             f"the devinterp-shaped LLC job ({CHAINS} chains x {DRAWS} draws, no burn-in, a draw every step, minibatch loss at draws, "
             f"batch {BATCH}, n = {N}) through rlct on one thread and through `devinterp.slt.llc.llc` with `torch.set_num_threads(1)` "
             f"(devinterp {version('devinterp')}, torch {torch.__version__}, float32, Python {platform.python_version()}; devinterp also "
             "writes every step's batch losses and indices to its zarr store, as it always does). Seconds of the whole job, wall "
             "and CPU (user + system; the CPU time is what other load on the machine does not inflate).", "",
             f"Machine: {bench.get('machine', platform.processor())}.", "",
             "| model | d | rlct s | rlct CPU s | rlct steps/s | devinterp s | devinterp CPU s | devinterp steps/s | ratio (CPU time) |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for peer in results:
        # rlct's float64 row and its float32 row (the precision devinterp runs in), each against the same devinterp run.
        for mine in [r for r in ours if r["name"].startswith(peer["name"])]:
            j = mine["llc_job"]
            ratio = peer["cpu_seconds"] / j["cpu_seconds"] if j.get("cpu_seconds") else float("nan")
            lines.append(f"| {mine['name']} | {mine['parameters']} | {j['seconds']:.3f} | {j.get('cpu_seconds', float('nan')):.3f} | "
                         f"{j['steps_per_second']:.0f} | {peer['seconds']:.3f} | {peer['cpu_seconds']:.3f} | "
                         f"{peer['steps_per_second']:.0f} | {ratio:.1f}x |")
    lines += ["", END]
    section = "\n".join(lines)
    try:
        with open(doc_path) as f:
            doc = f.read()
    except FileNotFoundError:
        doc = "# Benchmarks\n"
    if BEGIN in doc and END in doc:
        doc = doc[:doc.index(BEGIN)] + section + doc[doc.index(END) + len(END):]
    else:
        doc = doc.rstrip("\n") + "\n\n" + section + "\n"
    with open(doc_path, "w") as f:
        f.write(doc)
    for r in results:
        print(f"{r['name']}\t{r['seconds']:.3f}\t{r['steps_per_second']:.1f}\t{r['llc']:.4g}")


if __name__ == "__main__":
    main()
