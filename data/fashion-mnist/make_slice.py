#!/usr/bin/env python3
"""Writes the committed Fashion-MNIST slice: the first TRAIN training and the first TEST test
items of the full set, as gzip IDX files with the original names, so the same reader loads both.

    python3 data/fashion-mnist/make_slice.py [SOURCE_DIR] [TRAIN] [TEST]

SOURCE_DIR defaults to /usr/share/datasets/fashion-mnist (Debian package dataset-fashion-mnist).
Standard library only; gzip headers carry no time stamp, so reruns give identical files.
"""
import gzip
import os
import struct
import sys

source = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/datasets/fashion-mnist"
counts = {"train": int(sys.argv[2]) if len(sys.argv) > 2 else 3000,
          "t10k": int(sys.argv[3]) if len(sys.argv) > 3 else 1000}
here = os.path.dirname(os.path.abspath(__file__))

for split, count in counts.items():
    for kind, item_bytes in (("images-idx3", 28 * 28), ("labels-idx1", 1)):
        name = f"{split}-{kind}-ubyte.gz"
        with gzip.open(os.path.join(source, name), "rb") as f:
            data = f.read()
        magic, total = struct.unpack(">II", data[:8])
        header_len = 4 + 4 * (magic & 0xFF)
        header = bytearray(data[:header_len])
        struct.pack_into(">I", header, 4, count)
        body = data[header_len:header_len + count * item_bytes]
        assert count <= total and len(body) == count * item_bytes
        with open(os.path.join(here, name), "wb") as out:
            with gzip.GzipFile(filename="", fileobj=out, mode="wb", mtime=0) as z:
                z.write(bytes(header) + body)
        print(f"{name}: {count} of {total} items")
