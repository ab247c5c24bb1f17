#!/usr/bin/python3
"""The MLP workloads of joulebench, in PyTorch, measured the same way: the same architecture,
initial data scaling (pixels / 255), optimizers and hyper-parameters (SGD lr 0.05 momentum 0.9;
Adam lr 1e-3), batch sizes, mini-batches drawn from a per-epoch shuffle with the last partial
batch dropped, inference cycling through 4 fixed test batches, one thread.

Prints one JSON object: samples/s per measurement and the test accuracy after EPOCHS epochs of
Adam at batch 64. Used by scripts/mlp_vs_pytorch.sh; run it alone with
    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 /usr/bin/python3 scripts/mlp_pytorch_reference.py
"""
import argparse
import gzip
import json
import os
import struct
import time

import torch
import torch.nn.functional as F
from torch import nn


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return torch.frombuffer(bytearray(data[4 + 4 * dims:]), dtype=torch.uint8).reshape(shape)


def load(data_dir, split):
    def find(stem):
        for name in (stem + ".gz", stem):
            if os.path.exists(os.path.join(data_dir, name)):
                return os.path.join(data_dir, name)
        raise SystemExit(f"mlp_pytorch_reference: no {stem}(.gz) in {data_dir}")
    x = read_idx(find(f"{split}-images-idx3-ubyte")).reshape(-1, 784).float() / 255.0
    y = read_idx(find(f"{split}-labels-idx1-ubyte")).long()
    return x, y


def mlp(widths):
    layers = []
    for i in range(len(widths) - 1):
        layers.append(nn.Linear(widths[i], widths[i + 1]))
        if i + 2 < len(widths):
            layers.append(nn.ReLU())
    return nn.Sequential(*layers)


def optimizer(kind, model):
    if kind == "adam":
        return torch.optim.Adam(model.parameters(), lr=1e-3)
    return torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)


class Batches:
    """Endless shuffled batches, the last partial batch of each epoch dropped."""

    def __init__(self, x, y, batch, seed):
        self.x, self.y, self.batch = x, y, batch
        self.gen = torch.Generator().manual_seed(seed)
        self.order, self.pos = torch.randperm(len(y), generator=self.gen), 0

    def next(self):
        if self.pos + self.batch > len(self.order):
            self.order, self.pos = torch.randperm(len(self.y), generator=self.gen), 0
        idx = self.order[self.pos:self.pos + self.batch]
        self.pos += self.batch
        return self.x[idx], self.y[idx]


def train_step(model, opt, batches):
    x, y = batches.next()
    opt.zero_grad(set_to_none=True)
    loss = F.cross_entropy(model(x), y)
    loss.backward()
    opt.step()


def rate(fn, samples_per_call, seconds):
    """Samples/s: warm up, then as many calls as fit in `seconds`; best of 3 windows (the machine
    is shared, and the best window is the least disturbed one)."""
    for _ in range(5):
        fn()
    best = 0.0
    for _ in range(3):
        calls, start = 0, time.perf_counter()
        while True:
            fn()
            calls += 1
            elapsed = time.perf_counter() - start
            if elapsed >= seconds / 3:
                break
        best = max(best, calls * samples_per_call / elapsed)
    return best


def accuracy(model, x, y):
    with torch.inference_mode():
        return (model(x).argmax(1) == y).float().mean().item()


def openblas_core():
    """The core PyTorch's OpenBLAS loaded in this process (its GEMMs' code path), or "unknown"."""
    import ctypes
    try:
        lib = ctypes.CDLL("libopenblas.so.0")  # the instance torch already loaded
        lib.openblas_get_corename.restype = ctypes.c_char_p
        return lib.openblas_get_corename().decode()
    except (OSError, AttributeError):
        return "unknown"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data-dir", default="/usr/share/datasets/fashion-mnist")
    ap.add_argument("--arch", default="784-256-256-10")
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--seconds", type=float, default=1.5, help="per measurement")
    ap.add_argument("--skip-accuracy", action="store_true")
    args = ap.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(1)
    widths = [int(w) for w in args.arch.split("-")]
    xtr, ytr = load(args.data_dir, "train")
    xte, yte = load(args.data_dir, "t10k")
    out = {"torch": torch.__version__, "threads": torch.get_num_threads(),
           "quantized_engine": None, "samples_per_s": {}}
    rates = out["samples_per_s"]

    for batch in (64, 256):
        for kind in ("sgd", "adam"):
            model = mlp(widths)
            opt = optimizer(kind, model)
            batches = Batches(xtr, ytr, batch, 1)
            rates[f"train/batch:{batch}/{kind}"] = rate(
                lambda: train_step(model, opt, batches), batch, args.seconds)

    if not args.skip_accuracy:
        model = mlp(widths)
        opt = optimizer("adam", model)
        batches = Batches(xtr, ytr, 64, 1)
        start = time.perf_counter()
        for _ in range(args.epochs * (len(ytr) // 64)):
            train_step(model, opt, batches)
        out["train_seconds"] = time.perf_counter() - start
        out["accuracy"] = {"fp32": accuracy(model, xte, yte)}
    else:
        model = mlp(widths)

    engines = torch.backends.quantized.supported_engines
    torch.backends.quantized.engine = "onednn" if "onednn" in engines else engines[-1]
    out["quantized_engine"] = torch.backends.quantized.engine
    out["openblas_core"] = openblas_core()
    int8 = torch.quantization.quantize_dynamic(model, {nn.Linear}, dtype=torch.qint8)
    if not args.skip_accuracy:
        out["accuracy"]["int8_dynamic"] = accuracy(int8, xte, yte)
    for name, m in (("fp32", model), ("int8_dynamic", int8)):
        for batch in (1, 64, 256):
            inputs = [xte[i * batch:(i + 1) * batch].contiguous() for i in range(4)]
            state = {"i": 0}

            def infer():
                with torch.inference_mode():
                    m(inputs[state["i"] % 4])
                state["i"] += 1
            rates[f"infer/{name}/batch:{batch}"] = rate(infer, batch, args.seconds)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
