#!/usr/bin/env python3
"""The devinterp column of docs/benchmarks.md (`make bench-peer`).

Runs the devinterp-shaped LLC job of `rlct bench` through devinterp 2.0.1's
`devinterp.slt.llc.llc` (2.0 replaced `estimate_learning_coeff_with_summary`
by `sample` + `compute_llc`) on one torch thread: the same two MLP shapes
(20-64-64-1 regression, 784-128-10 softmax classifier) at n = 10,000, batch
100, 4 chains x 200 draws, no burn-in, a draw every step, the minibatch loss
at draws. devinterp 2 is built for language models: a sample is a row of
"input_ids" whose per-token loss it averages, so each (x, y) is packed as
one float row [x, y] and the loss function returns the sample's loss spread
over the row's m positions (the same mean). The weights are not rlct's
(only the job's shape matters for the time). Then writes rlct's and
devinterp's numbers side by side between the peer markers of the page.

usage: bench_peer.py RLCT_BENCH_JSON DOC_MARKDOWN
"""
import json
import platform
import sys
import tempfile
import time
from importlib.metadata import version

import torch
from torch import nn

from devinterp.slt.llc import llc

N, BATCH, CHAINS, DRAWS = 10_000, 100, 4, 200
BEGIN, END = "<!-- bench-peer: begin -->", "<!-- bench-peer: end -->"


class Rows(torch.utils.data.Dataset):
    """(x, y) packed as one "input_ids" row [x, y], as devinterp 2 reads a dataset."""

    def __init__(self, x, y):
        self.rows = torch.cat([x, y.reshape(-1, 1).to(x.dtype)], dim=1)

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, i):
        return {"input_ids": self.rows[i]}


def job(name, model, rows, per_sample_loss):
    """Seconds of one devinterp LLC job, and its steps per second."""
    nbeta = N / torch.log(torch.tensor(float(N))).item()

    def loss_fn(m, ids):
        x, y = ids[:, :-1], ids[:, -1]
        per_sample = per_sample_loss(m(x), y)  # (batch,)
        return per_sample.unsqueeze(1).expand(-1, x.shape[1])  # (batch, seq - 1), same mean

    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        result = llc(model, rows, {}, lr=1e-7, n_beta=nbeta, loss_fn=loss_fn, num_chains=CHAINS, num_draws=DRAWS,
                     batch_size=BATCH, num_burnin_steps=0, num_steps_bw_draws=1, localization=1.0, device="cpu",
                     output_path=f"{out}/samples.zarr")
        seconds = time.perf_counter() - start
    return dict(name=name, seconds=seconds, steps_per_second=CHAINS * DRAWS / seconds,
                llc=float(result["llc_mean"].values))


def main():
    ours_path, doc_path = sys.argv[1], sys.argv[2]
    torch.set_num_threads(1)
    torch.manual_seed(1)
    results = []

    x = torch.randn(N, 20)
    teacher = nn.Sequential(nn.Linear(20, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 1))
    with torch.no_grad():
        y = teacher(x) + torch.randn(N, 1)
    student = nn.Sequential(nn.Linear(20, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 1))
    results.append(job("MLP 20-64-64-1", student, Rows(x, y), lambda f, y: 0.5 * (f.squeeze(1) - y) ** 2))

    x = torch.randn(N, 784)
    teacher = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))
    with torch.no_grad():
        y = torch.distributions.Categorical(logits=teacher(x)).sample()
    student = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))
    results.append(job("MLP 784-128-10", student, Rows(x, y),
                       lambda f, y: nn.functional.cross_entropy(f, y.long(), reduction="none")))

    with open(ours_path) as f:
        ours = {r["name"]: r for r in json.load(f)["results"] if r.get("llc_job")}
    lines = [BEGIN, "", f"## rlct against devinterp {version('devinterp')}", "",
             "Measured with `make bench-peer` (`scripts/bench-peer.sh`): the devinterp-shaped LLC job "
             f"({CHAINS} chains x {DRAWS} draws, no burn-in, a draw every step, minibatch loss at draws, batch {BATCH}, n = {N}) "
             f"through `devinterp.slt.llc.llc` (which also writes every step's batch to a zarr store, as it always does) with `torch.set_num_threads(1)` (torch {torch.__version__}, "
             f"Python {platform.python_version()}), and through rlct on one thread. End-to-end seconds of the whole job.", "",
             "| model | d | rlct s | rlct steps/s | devinterp s | devinterp steps/s | ratio |", "|---|---:|---:|---:|---:|---:|---:|"]
    for peer in results:
        mine = next((r for k, r in ours.items() if k.startswith(peer["name"])), None)
        if mine is None:
            continue
        j = mine["llc_job"]
        lines.append(f"| {mine['name']} | {mine['parameters']} | {j['seconds']:.3f} | {j['steps_per_second']:.0f} | "
                     f"{peer['seconds']:.3f} | {peer['steps_per_second']:.0f} | {j['steps_per_second'] / peer['steps_per_second']:.1f}x |")
    lines += ["", END, ""]
    section = "\n".join(lines)
    try:
        with open(doc_path) as f:
            doc = f.read()
    except FileNotFoundError:
        doc = "# Benchmarks\n"
    if BEGIN in doc and END in doc:
        doc = doc[:doc.index(BEGIN)] + section + doc[doc.index(END) + len(END) + 1:]
    else:
        doc = doc.rstrip("\n") + "\n\n" + section
    with open(doc_path, "w") as f:
        f.write(doc)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
