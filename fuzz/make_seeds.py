#!/usr/bin/env python3
"""Regenerates the committed seed corpora under fuzz/corpus/ from the repository's own files
(result files trimmed to a few KB, test fixtures, small IDX files). Run from the repository root;
the output is deterministic."""
import gzip
import json
import pathlib
import shutil
import struct

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fuzz" / "corpus"
SEP = "\n#--joulebench-fuzz-next-file--#\n"  # fuzz_support.h's kFileSeparator
MAX_SEED = 6 * 1024


def trimmed(path, rows=4, timeline_points=6):
    """A result file cut down to a few rows (and a short power timeline)."""
    d = json.loads(path.read_text())
    d["benchmarks"] = d.get("benchmarks", [])[:rows]
    for t in d.get("joulebench_power_timelines", [])[:2]:
        for k in ("t_s", "power_W"):
            if k in t:
                t[k] = t[k][:timeline_points]
    if "joulebench_power_timelines" in d:
        d["joulebench_power_timelines"] = d["joulebench_power_timelines"][:2]
    text = json.dumps(d, indent=1)
    while len(text) > MAX_SEED and rows > 1:
        rows -= 1
        return trimmed(path, rows, timeline_points)
    return text


def result_seeds():
    seeds = {}
    for p in sorted((ROOT / "tests" / "app" / "data").glob("*.json")):
        seeds["app-" + p.stem] = p.read_text()
    for p in sorted((ROOT / "tests" / "reporters" / "fixtures").glob("*.json")):
        text = p.read_text()
        seeds["fixture-" + p.stem] = text if len(text) <= MAX_SEED else trimmed(p)
    for p in sorted((ROOT / "results").glob("vm-*.json"))[:1]:
        seeds["results-vm"] = trimmed(p)
    seeds["leaderboard-marker"] = json.dumps({"joulebench_leaderboard": 1, "tasks": []})
    return seeds


def write(target, name, content):
    d = CORPUS / target
    d.mkdir(parents=True, exist_ok=True)
    mode = "wb" if isinstance(content, bytes) else "w"
    with open(d / name, mode) as f:
        f.write(content)


def idx_bytes(dims, data):
    return b"\0\0\x08" + bytes([len(dims)]) + b"".join(struct.pack(">I", n) for n in dims) + data


def main():
    if CORPUS.exists():
        shutil.rmtree(CORPUS)
    results = result_seeds()
    for name, text in results.items():
        write("result_file", name + ".json", text)
        write("report", name + ".json", text)
    app = ROOT / "tests" / "app" / "data"
    fixtures = ROOT / "tests" / "reporters" / "fixtures"
    # Multi-file report seeds: files from different machines and meters, merged.
    write("report", "merge-lab-plain.json",
          results["fixture-lab-measured"] + SEP + results["fixture-plain-user"])
    write("report", "merge-three.json", SEP.join(
        [results["app-base"], results["fixture-plain-user"], results["app-dead_sensor"]]))
    write("report", "merge-with-leaderboard.json",
          results["app-rapl"] + SEP + results["leaderboard-marker"])
    # Compare seeds: the pairs the compare tests use.
    for new in ("same", "faster", "slower", "dead_sensor", "meter_failed", "partly_failed",
                "rapl", "malformed"):
        write("compare", f"base-{new}.json",
              (app / "base.json").read_text() + SEP + (app / f"{new}.json").read_text())
    write("compare", "ci-vs-xeon.json", (fixtures / "ci-runner-dead-perf.json").read_text() + SEP +
          results["fixture-vm-xeon-perf"])
    # Intensity series.
    write("intensity_series", "gap.csv",
          "datetime_utc,gCO2e_per_kWh\n# comment\n2024-05-01T10:00:00Z,100\n"
          "2024-05-01T11:00Z,110.5\n\n2024-05-01 13:00,130\n")
    write("intensity_series", "plain.csv", "2024-05-01T10:00:00Z,100\n2024-05-01T11:00:00Z,90\n")
    write("intensity_series", "crlf.csv", "t,g\r\n2024-12-31T23:00:00Z,0\r\n2025-01-01T00:00Z,1e2\r\n")
    write("intensity_series", "bad-tz.csv", "2024-05-01T10:00:00+02:00,100\n")
    write("intensity_series", "not-hour.csv", "2024-05-01T10:00:00Z,100\n2024-05-01T10:30:00Z,1\n")
    # IDX: tiny labels and images, and the first bytes of a real file (a truncated one).
    write("idx_file", "labels.idx", idx_bytes([10], bytes(range(10))))
    write("idx_file", "images.idx", idx_bytes([2, 4, 4], bytes(range(32))))
    write("idx_file", "empty-dim.idx", idx_bytes([0, 28, 28], b""))
    write("idx_file", "labels.idx.gz", gzip.compress(idx_bytes([5], b"\x01\x02\x03\x04\x05"), mtime=0))
    # --models manifests: the test fixtures, the example, and near misses.
    for p in sorted((ROOT / "tests" / "fixtures" / "torch").glob("models*.json")):
        write("manifest", p.name, p.read_text())
    example = {"task": "fmnist-mlp", "input_shape": [784], "batch_sizes": [1, 64, 256],
               "eval": {"images": "t10k-images-idx3-ubyte.gz",
                        "labels": "t10k-labels-idx1-ubyte.gz"},
               "flops_per_sample": 537600,
               "variants": [{"name": "fp32", "path": "mlp_fp32.pt", "precision": "fp32"},
                            {"name": "int8-dynamic", "path": "mlp_int8.pt", "precision": "int8",
                             "engine": "onednn"}]}
    write("manifest", "issue-example.json", json.dumps(example))
    write("manifest", "threads-no-eval.json", json.dumps(
        {"task": "t", "input_shape": [3, 32, 32], "batch_sizes": [8], "threads": [1, 2],
         "variants": [{"name": "a", "path": "/m.pt", "precision": "bf16"}]}))
    write("manifest", "unknown-key.json", json.dumps(dict(example, batch_size=64)))
    write("manifest", "big-batch.json", json.dumps(
        dict(example, input_shape=[4096, 4096], batch_sizes=[65536])))
    real = ROOT / "data" / "fashion-mnist" / "t10k-labels-idx1-ubyte.gz"
    if real.exists():
        write("idx_file", "t10k-labels-head.idx", gzip.decompress(real.read_bytes())[:200])


if __name__ == "__main__":
    main()
