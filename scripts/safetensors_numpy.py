"""A safetensors writer in plain numpy (the format: an 8-byte little-endian
header length N, N bytes of JSON naming each tensor's dtype, shape and byte
range, then the little-endian data), so the example scripts need numpy only.
The `safetensors` package's `save_file` writes files RLCTKit reads the same way."""
import json
import struct

import numpy as np


def save_safetensors(tensors, path, metadata=None):
    """tensors: an ordered dict of name -> float64 array (written as F64, in that order)."""
    header, offset, blobs = {}, 0, []
    for name, array in tensors.items():
        data = np.ascontiguousarray(array, dtype="<f8").tobytes()
        header[name] = {"dtype": "F64", "shape": list(array.shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    if metadata:
        header["__metadata__"] = {str(k): str(v) for k, v in metadata.items()}
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)
