#!/usr/bin/env python3
"""Writes the small weight and data files the TensorFiles tests and fuzz seeds read.

    python3 scripts/make-tensor-fixtures.py

Needs numpy and safetensors (pip install safetensors); the tests themselves
need no Python: the files are committed. Outputs:

  Tests/TensorFilesTests/Fixtures/   the files the tests read
  Tests/Fuzz/{safetensors,npy,npz}/corpus/   the fuzzers' seeds (valid-* copies, bad-* variants)

Every value is a multiple of 1/8 in [-4, 4], exact in F16, BF16, F32 and F64,
so a test can compare the decoded Doubles with ==. The MLP is PyTorch's
nn.Sequential(Linear(3, 4), Tanh(), Linear(4, 1)) layout: "0.weight" [4, 3],
"0.bias" [4], "2.weight" [1, 4], "2.bias" [1].
"""
import io
import json
import os
import shutil
import struct
import zipfile

import numpy as np
from safetensors.numpy import save_file

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
FIX = os.path.join(ROOT, "Tests", "TensorFilesTests", "Fixtures")
FUZZ = os.path.join(ROOT, "Tests", "Fuzz")


def ramp(shape, start):
    """(start + k) / 8 for k = 0, 1, …, wrapped into [-4, 4)."""
    n = int(np.prod(shape))
    return (((np.arange(n) + start) % 64) - 32).reshape(shape).astype(np.float64) / 8


def mlp():
    return {
        "0.weight": ramp((4, 3), 0),
        "0.bias": ramp((4,), 12),
        "2.weight": ramp((1, 4), 16),
        "2.bias": ramp((1,), 20),
    }


def bf16_bytes(a):
    """float64 → bfloat16 bits (the values are exact, so truncating the float32 bits is exact)."""
    bits = a.astype("<f4").view("<u4") >> 16
    return bits.astype("<u2").tobytes()


def hand_safetensors(path, tensors, dtype, encode, metadata=None):
    """A safetensors file written by hand, tensors in the given order, header keys sorted
    (so the header's key order differs from the data order)."""
    header, body = {}, b""
    for name, a in tensors:
        raw = encode(a)
        header[name] = {"dtype": dtype, "shape": list(a.shape), "data_offsets": [len(body), len(body) + len(raw)]}
        body += raw
    if metadata:
        header["__metadata__"] = metadata
    text = json.dumps(header, sort_keys=True, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + body)


def main():
    os.makedirs(FIX, exist_ok=True)
    for name in os.listdir(FIX):
        os.remove(os.path.join(FIX, name))
    weights = mlp()
    meta = {"format": "pt", "source": "make-tensor-fixtures"}
    save_file(weights, os.path.join(FIX, "mlp-f64.safetensors"), metadata=meta)
    save_file({k: v.astype(np.float32) for k, v in weights.items()}, os.path.join(FIX, "mlp-f32.safetensors"))
    save_file({k: v.astype(np.float16) for k, v in weights.items()}, os.path.join(FIX, "mlp-f16.safetensors"))
    # Data order 0.weight, 0.bias, 2.weight, 2.bias (module order), header keys sorted.
    hand_safetensors(os.path.join(FIX, "mlp-bf16.safetensors"), list(weights.items()), "BF16", bf16_bytes)
    save_file({"labels": np.array([0, 1, 2, 1, 0], dtype=np.int32), "mask": np.array([True, False, True])},
              os.path.join(FIX, "labels-i32.safetensors"))

    x = ramp((3, 2), 3)
    y = np.array([0, 1, 2, 1, 0, 2], dtype=np.int64)
    np.save(os.path.join(FIX, "x-v1.npy"), x)
    np.save(os.path.join(FIX, "labels-i64.npy"), y)
    np.save(os.path.join(FIX, "x-big-endian.npy"), ramp((2, 3), 5).astype(">f4"))
    np.save(os.path.join(FIX, "x-fortran.npy"), np.asfortranarray(ramp((2, 3, 2), 7)))
    for version in [(2, 0), (3, 0)]:
        with open(os.path.join(FIX, "x-v%d.npy" % version[0]), "wb") as f:
            np.lib.format.write_array(f, x, version=version)
    np.save(os.path.join(FIX, "scalar-f2.npy"), np.array(1.5, dtype=np.float16))
    arrays = {"x": x, "y": y, "w": ramp((2, 2), 9).astype(np.float32), "flags": np.array([1, 0, 1], dtype=np.uint8)}
    np.savez(os.path.join(FIX, "data-stored.npz"), **arrays)
    np.savez_compressed(os.path.join(FIX, "data-compressed.npz"), **arrays)

    # Fuzz seeds: copies of the fixtures, plus a few broken variants.
    seeds = {"safetensors": [], "npy": [], "npz": []}
    for name in sorted(os.listdir(FIX)):
        kind = name.rsplit(".", 1)[1]
        seeds[kind].append(("valid-" + name, open(os.path.join(FIX, name), "rb").read()))
    st = open(os.path.join(FIX, "mlp-f64.safetensors"), "rb").read()
    seeds["safetensors"] += [
        ("bad-truncated.safetensors", st[:-5]),
        ("bad-header-length.safetensors", struct.pack("<Q", 1 << 40) + st[8:]),
        ("bad-overlap.safetensors", st.replace(b'"data_offsets":[0,32]', b'"data_offsets":[8,40]', 1)),
    ]
    npy = open(os.path.join(FIX, "x-v1.npy"), "rb").read()
    seeds["npy"] += [
        ("bad-truncated.npy", npy[:-3]),
        ("bad-shape.npy", npy.replace(b"(3, 2)", b"(3, 9)")),
        ("bad-descr.npy", npy.replace(b"<f8", b"<c8")),
    ]
    npz = open(os.path.join(FIX, "data-compressed.npz"), "rb").read()
    seeds["npz"] += [
        ("bad-truncated.npz", npz[: len(npz) // 2]),
        ("bad-not-npy.npz", zip_bytes({"readme.txt": b"hello"})),
    ]
    for kind, files in seeds.items():
        corpus = os.path.join(FUZZ, kind, "corpus")
        shutil.rmtree(corpus, ignore_errors=True)
        os.makedirs(corpus)
        for name, data in files:
            with open(os.path.join(corpus, name), "wb") as f:
                f.write(data)
    total = sum(os.path.getsize(os.path.join(FIX, n)) for n in os.listdir(FIX))
    print("fixtures: %d files, %d bytes" % (len(os.listdir(FIX)), total))


def zip_bytes(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, data in members.items():
            z.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data)
    return buffer.getvalue()


if __name__ == "__main__":
    main()
