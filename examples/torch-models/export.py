#!/usr/bin/python3
"""Compare your own model variants with joulebench: train (or load) a PyTorch model, export it as
fp32, bf16 and dynamically quantized int8 TorchScript files, and write the manifest that
`joulebench run --models` reads.

    python3 examples/torch-models/export.py                       # writes torch-models/
    build/release/app/joulebench run --models torch-models/models.json --out results/my-models.json
    build/release/app/joulebench report results/my-models.json

Needs python3-torch (scripts/setup.sh --with-torch). The model here is a 784-128-10 MLP trained
for --epochs on Fashion-MNIST (the Debian package's files in /usr/share/datasets/fashion-mnist,
else the slice committed in data/fashion-mnist); pass --state-dict to export weights you
trained yourself instead. To export your own architecture, replace build_model() and
INPUT_SHAPE, and keep the rest: trace, save, write the manifest.
"""
import argparse
import copy
import gzip
import json
import os
import struct

import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
DATA_DIRS = ["/usr/share/datasets/fashion-mnist",
             os.path.join(HERE, "..", "..", "data", "fashion-mnist")]
INPUT_SHAPE = [784]
WIDTHS = (784, 128, 10)


def build_model():
    return nn.Sequential(nn.Linear(WIDTHS[0], WIDTHS[1]), nn.ReLU(), nn.Linear(WIDTHS[1], WIDTHS[2]))


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return torch.frombuffer(bytearray(data[4 + 4 * dims:]), dtype=torch.uint8).reshape(shape)


def find_data(data_dir):
    for d in ([data_dir] if data_dir else DATA_DIRS):
        if os.path.exists(os.path.join(d, "train-images-idx3-ubyte.gz")):
            return os.path.abspath(d)
    raise SystemExit("export.py: no Fashion-MNIST (train-images-idx3-ubyte.gz) in " +
                     ", ".join([data_dir] if data_dir else DATA_DIRS))


def load(data_dir, split):
    x = read_idx(os.path.join(data_dir, f"{split}-images-idx3-ubyte.gz")).reshape(-1, 784)
    y = read_idx(os.path.join(data_dir, f"{split}-labels-idx1-ubyte.gz")).long()
    return x.float() / 255.0, y  # scaled to [0, 1], as joulebench scales IDX eval images


def train(model, x, y, epochs):
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for _ in range(epochs):
        order = torch.randperm(len(x))
        for first in range(0, len(x) - 63, 64):
            idx = order[first:first + 64]
            loss = nn.functional.cross_entropy(model(x[idx]), y[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()


def accuracy(model, x, y, dtype):
    with torch.inference_mode():
        return float((model(x.to(dtype)).argmax(1) == y).float().mean())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default="torch-models", help="output folder (default: torch-models)")
    parser.add_argument("--data-dir", help="folder of the Fashion-MNIST .gz IDX files")
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--state-dict", help="load these weights instead of training")
    args = parser.parse_args()

    torch.manual_seed(0)
    torch.backends.quantized.engine = "onednn"
    data_dir = find_data(args.data_dir)
    model = build_model()
    if args.state_dict:
        model.load_state_dict(torch.load(args.state_dict))
    else:
        train(model, *load(data_dir, "train"), args.epochs)
    model.eval()

    os.makedirs(args.out, exist_ok=True)
    example = torch.rand(1, *INPUT_SHAPE)
    variants = [  # name, file, precision, engine, module, input dtype
        ("fp32", "model_fp32.pt", "fp32", None, model, torch.float32),
        ("bf16", "model_bf16.pt", "bf16", None, copy.deepcopy(model).to(torch.bfloat16),
         torch.bfloat16),
        ("int8-dynamic", "model_int8.pt", "int8", "onednn",
         torch.quantization.quantize_dynamic(model, {nn.Linear}, dtype=torch.qint8), torch.float32),
    ]
    test_x, test_y = load(data_dir, "t10k")
    entries = []
    with torch.no_grad():
        for name, file, precision, engine, module, dtype in variants:
            torch.jit.trace(module, example.to(dtype)).save(os.path.join(args.out, file))
            entry = {"name": name, "path": file, "precision": precision}
            if engine:
                entry["engine"] = engine
            entries.append(entry)
            print(f"{name:13s} {file:14s} test accuracy {accuracy(module, test_x, test_y, dtype):.4f}")

    manifest = {
        "task": "fmnist-mlp",
        "input_shape": INPUT_SHAPE,
        "batch_sizes": [1, 64, 256],
        # Relative paths in a manifest are relative to its folder; absolute ones are kept.
        "eval": {"images": os.path.join(data_dir, "t10k-images-idx3-ubyte.gz"),
                 "labels": os.path.join(data_dir, "t10k-labels-idx1-ubyte.gz")},
        "flops_per_sample": 2 * sum(a * b for a, b in zip(WIDTHS, WIDTHS[1:])),
        "variants": entries,
    }
    with open(os.path.join(args.out, "models.json"), "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    print(f"wrote {os.path.join(args.out, 'models.json')}: run "
          f"joulebench run --models {os.path.join(args.out, 'models.json')}")


if __name__ == "__main__":
    main()
