#!/usr/bin/env python3
"""Builds data/hardware/cpu_tdp.tsv from CodeCarbon's cpu_power.csv (MIT).

Usage: scripts/convert_cpu_tdp.py SOURCE_CSV [OUT_TSV]

Output columns: name, tdp_watts, source_row (the line number in the source file, so every TDP
the estimate uses can be traced to its row). Tab-separated because several source names contain
commas. Rows dropped, each reported on stderr:
  - TDP that is not a number (e.g. '27.29.5': two figures run together, the intended one is
    unknowable);
  - TDP of 0 W or less (a part that draws no power cannot be right);
  - a second row with the same name, ignoring case and whitespace, and the same TDP (the first
    is kept);
  - every row of a name whose rows give different TDPs (the source does not say which is right).
"""

import csv
import sys


def convert(source_path, out_path):
    kept, dropped, seen, conflicting = [], [], {}, set()
    with open(source_path, newline="", encoding="utf-8") as source:
        reader = csv.reader(source)
        header = next(reader)
        if [h.strip() for h in header] != ["Name", "TDP"]:
            sys.exit(f"{source_path}: expected columns Name,TDP, got {header}")
        for line, row in enumerate(reader, start=2):
            if len(row) != 2:
                dropped.append((line, row, "not two columns"))
                continue
            name = " ".join(row[0].split())
            try:
                watts = float(row[1])
            except ValueError:
                dropped.append((line, row, "TDP is not a number"))
                continue
            if watts <= 0:
                dropped.append((line, row, "TDP is not positive"))
                continue
            if not name or any(c in name for c in "\t;\\[]\""):
                dropped.append((line, row, "name empty or holds a character the table cannot"))
                continue
            key = name.lower()
            if key in seen:
                first = seen[key]
                if first[1] == watts:
                    dropped.append((line, row, "duplicate name, same TDP"))
                else:
                    dropped.append((line, row, f"duplicate name, TDP differs from row {first[2]}"))
                    conflicting.add(key)
                continue
            seen[key] = (name, watts, line)
            kept.append((name, watts, line))
    for name, watts, line in [k for k in kept if k[0].lower() in conflicting]:
        dropped.append((line, [name, watts], "another row of this name gives a different TDP"))
    kept = [k for k in kept if k[0].lower() not in conflicting]
    with open(out_path, "w", encoding="utf-8", newline="\n") as out:
        out.write("name\ttdp_watts\tsource_row\n")
        for name, watts, line in kept:
            out.write(f"{name}\t{watts:g}\t{line}\n")
    for line, row, why in dropped:
        print(f"dropped row {line} {row}: {why}", file=sys.stderr)
    print(f"{len(kept)} rows written to {out_path}, {len(dropped)} dropped", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    convert(sys.argv[1], sys.argv[2] if len(sys.argv) == 3 else "data/hardware/cpu_tdp.tsv")
