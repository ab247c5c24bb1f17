#!/usr/bin/env python3
"""Prints the table of scripts/mlp_vs_pytorch_cpp.sh from its result file (run the script).

    python3 scripts/mlp_vs_pytorch_cpp.py RESULT.json

Pairs every mlp/infer/<precision>/<arch>/batch:<B> row (ours) with its
mlp/infer/<precision>/pytorch/<arch>/batch:<B> peer and prints, per pair, the medians over the
repetitions of joules and microseconds per inference (a row's figures divided by its batch), their
ratio ours / PyTorch (below 1: ours spends less), and both test accuracies. Standard library only.
"""
import json
import re
import statistics
import sys
from collections import defaultdict

ROW = re.compile(r"^mlp/infer/(?P<p>[a-z0-9]+)/(?:(?P<backend>pytorch)/)?"
                 r"(?P<arch>[0-9-]+)/batch:(?P<batch>[0-9]+)$")
TIME_UNIT_US = {"ns": 1e-3, "us": 1.0, "ms": 1e3, "s": 1e6}


def fail(message):
    sys.exit(f"mlp_vs_pytorch_cpp: {message}")


def rows(result):
    """{(arch, batch, precision, backend): {'J': [...], 'us': [...], 'accuracy': a}}"""
    found = defaultdict(lambda: {"J": [], "us": [], "accuracy": None})
    for b in result.get("benchmarks", []):
        if b.get("run_type") != "iteration":
            continue
        name = b["run_name"].removesuffix("/real_time")
        m = ROW.match(name)
        if not m:
            continue
        if b.get("error_occurred"):
            fail(f"{name}: {b.get('error_message')}")
        batch = int(m["batch"])
        entry = found[(m["arch"], batch, m["p"], m["backend"] or "ours")]
        entry["J"].append(b["energy_J"] / batch)
        entry["us"].append(b["real_time"] * TIME_UNIT_US[b["time_unit"]] / batch)
        entry["accuracy"] = b.get("accuracy")
    return found


def main():
    if len(sys.argv) != 2:
        fail("usage: mlp_vs_pytorch_cpp.py RESULT.json")
    with open(sys.argv[1], encoding="utf-8") as f:
        result = json.load(f)
    context = result.get("context", {})
    found = rows(result)
    provenance = context.get("joulebench_provenance", "?")
    print(f"Energy: {provenance} ({context.get('joulebench_meter', '?')} meter"
          f"{'; CPU ' + repr(context.get('joulebench_cpu_model')) if provenance == 'estimated' else ''}"
          f"), {context.get('joulebench_energy_domains', '')}")
    if provenance == "estimated":
        print(f"Estimate: {context.get('joulebench_meter_method', '?')}")
    # PyTorch's fp32 products run in Debian's OpenBLAS: its core decides them (README, "OpenBLAS's
    # core"). A core the user chose with OPENBLAS_CORETYPE may be slower than OpenBLAS's own
    # choice (Haswell ran LibTorch's batch-1 fp32 row 5x slower than Cooperlake on a Zen 5).
    peers = context.get("joulebench_peer_libraries", "")
    openblas = next((p.strip() for p in peers.split(";") if p.strip().startswith("openblas")),
                    "openblas: not recorded")
    print(f"PyTorch's OpenBLAS: {openblas}")
    if "set by the user" in openblas:
        print("  (a core set by the user with OPENBLAS_CORETYPE, not necessarily the best for "
              "this CPU: unset it for a fair comparison)")
    print(f"Load average at the start: {context.get('load_avg')}; "
          f"medians of {max((len(e['J']) for e in found.values()), default=0)} repetitions; "
          "one thread on both sides.\n")
    energy = "J/inference (estimated)" if provenance == "estimated" else "J/inference"
    print(f"| architecture | batch | precision | ours {energy} | PyTorch {energy} | ratio | "
          "ours us/inference | PyTorch us/inference | ours accuracy | PyTorch accuracy |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    widths = lambda arch: [int(w) for w in arch.split("-")]
    keys = sorted({k[:3] for k in found}, key=lambda k: (widths(k[0]), k[2], k[1]))
    at_or_below = []
    for arch, batch, precision in keys:
        ours = found.get((arch, batch, precision, "ours"))
        torch = found.get((arch, batch, precision, "pytorch"))
        if not ours or not torch:
            continue
        oj, tj = statistics.median(ours["J"]), statistics.median(torch["J"])
        ou, tu = statistics.median(ours["us"]), statistics.median(torch["us"])
        ratio = oj / tj if tj > 0 else float("nan")
        at_or_below.append(ratio <= 1.0)
        accuracy = lambda e: "-" if e["accuracy"] is None else f"{100 * e['accuracy']:.2f}%"
        print(f"| {arch} | {batch} | {precision} | {oj:.3e} | {tj:.3e} | {ratio:.2f}x | "
              f"{ou:.2f} | {tu:.2f} | {accuracy(ours)} | {accuracy(torch)} |")
    if not at_or_below:
        fail("no pair of ours and PyTorch rows in the file")
    print(f"\nOurs at or below PyTorch's energy per inference in {sum(at_or_below)} of "
          f"{len(at_or_below)} pairs (target: all).")


if __name__ == "__main__":
    main()
