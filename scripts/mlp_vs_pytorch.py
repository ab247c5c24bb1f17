#!/usr/bin/python3
"""Driver of scripts/mlp_vs_pytorch.sh (run that: it sets the thread variables and builds).

Alternates `joulebench run` on the MLP rows and scripts/mlp_pytorch_reference.py, keeps each
figure's best round, and prints a Markdown table of samples/s and ratios against the targets.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def joulebench_round(binary, arch, data_dir, epochs):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "mlp.json")
        pattern = f"^mlp/(train/fp32/{arch}/|infer/(fp32|int8)/{arch}/)"
        cmd = [binary, "run", "--filter", pattern, "--mlp-epochs", str(epochs),
               "--idle-baseline", "0", "--out", out]
        if data_dir:
            cmd += ["--data-dir", data_dir]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        with open(out) as f:
            result = json.load(f)
    rates, accuracy = {}, {}
    for b in result["benchmarks"]:
        if b.get("error_occurred"):
            sys.exit(f"mlp_vs_pytorch: {b['name']}: {b.get('error_message')}")
        name = b["run_name"] if "run_name" in b else b["name"]
        parts = name.split("/")  # mlp, task, precision, arch, batch:B[, optimizer][, real_time]
        batch = int(parts[4].split(":")[1])
        seconds = b["real_time"] * {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[b["time_unit"]]
        if parts[1] == "train":
            key = f"train/batch:{batch}/{parts[5]}"
        else:
            key = f"infer/{parts[2]}/batch:{batch}"
            accuracy[parts[2]] = b["accuracy"]
        rates[key] = batch / seconds
    return rates, accuracy


def pytorch_round(arch, data_dir, epochs, with_accuracy):
    cmd = ["/usr/bin/python3", os.path.join(HERE, "mlp_pytorch_reference.py"), "--arch", arch,
           "--epochs", str(epochs)]
    if data_dir:
        cmd += ["--data-dir", data_dir]
    if not with_accuracy:
        cmd.append("--skip-accuracy")
    return json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)


def best(into, rates):
    for k, v in rates.items():
        into[k] = max(into.get(k, 0.0), v)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--joulebench", required=True)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--arch", default="784-256-256-10")
    ap.add_argument("--data-dir", default="")
    ap.add_argument("--epochs", type=int, default=5, help="of Adam, batch 64, for the accuracy")
    args = ap.parse_args()

    load_before = loadavg()
    ours, theirs, our_acc, torch_info = {}, {}, {}, {}
    for r in range(args.rounds):
        print(f"round {r + 1}/{args.rounds}: joulebench", file=sys.stderr)
        rates, acc = joulebench_round(args.joulebench, args.arch, args.data_dir, args.epochs)
        best(ours, rates)
        our_acc = acc
        print(f"round {r + 1}/{args.rounds}: PyTorch", file=sys.stderr)
        info = pytorch_round(args.arch, args.data_dir, args.epochs, with_accuracy=(r == 0))
        best(theirs, info["samples_per_s"])
        if r == 0:
            torch_info = info
    load_after = loadavg()

    def row(label, our_key, their_key, target=None):
        o, t = ours[our_key], theirs[their_key]
        ratio = o / t
        verdict = "" if target is None else (" (target >= {:g}x: {})".format(
            target, "met" if ratio >= target else "NOT met"))
        print(f"| {label} | {o:,.0f} | {t:,.0f} | {ratio:.2f}x{verdict} |")

    print(f"\nMLP {args.arch}, Fashion-MNIST, one thread; best of {args.rounds} rounds; "
          f"PyTorch {torch_info['torch']} (int8: dynamic quantization, "
          f"{torch_info['quantized_engine']} engine); PyTorch's OpenBLAS core "
          f"{torch_info.get('openblas_core', 'unknown')} (OPENBLAS_CORETYPE="
          f"{os.environ.get('OPENBLAS_CORETYPE', 'unset')})")
    print(f"load average before: {load_before}; after: {load_after}; CPUs: {os.cpu_count()}\n")
    print("| samples/s | joulebench | PyTorch | ratio |")
    print("|---|---|---|---|")
    for batch in (64, 256):
        for opt in ("sgd", "adam"):
            k = f"train/batch:{batch}/{opt}"
            row(f"training, batch {batch}, {opt}", k, k, 1.2)
    row("inference fp32, batch 1", "infer/fp32/batch:1", "infer/fp32/batch:1", 3.0)
    row("inference fp32, batch 64", "infer/fp32/batch:64", "infer/fp32/batch:64")
    row("inference fp32, batch 256", "infer/fp32/batch:256", "infer/fp32/batch:256", 1.0)
    for batch in (1, 64, 256):
        row(f"inference int8 (ours static, theirs dynamic), batch {batch}",
            f"infer/int8/batch:{batch}", f"infer/int8_dynamic/batch:{batch}")

    print("\n| our int8 against our fp32 | int8 samples/s | fp32 samples/s | ratio |")
    print("|---|---|---|---|")
    for batch in (1, 64, 256):
        o, f = ours[f"infer/int8/batch:{batch}"], ours[f"infer/fp32/batch:{batch}"]
        print(f"| batch {batch} | {o:,.0f} | {f:,.0f} | {o / f:.2f}x (target > 1: "
              f"{'met' if o > f else 'NOT met'}) |")

    ta, oa = torch_info["accuracy"]["fp32"], our_acc["fp32"]
    print(f"\n| test accuracy after {args.epochs} epochs of Adam, batch 64 | joulebench | PyTorch |"
          " difference |")
    print("|---|---|---|---|")
    diff = 100 * (oa - ta)
    print(f"| fp32 | {100 * oa:.2f}% | {100 * ta:.2f}% | {diff:+.2f} points (target within 1: "
          f"{'met' if abs(diff) <= 1.0 else 'NOT met'}) |")
    print(f"| int8 | {100 * our_acc['int8']:.2f}% | "
          f"{100 * torch_info['accuracy']['int8_dynamic']:.2f}% | "
          f"{100 * (our_acc['int8'] - torch_info['accuracy']['int8_dynamic']):+.2f} points |")


if __name__ == "__main__":
    main()
