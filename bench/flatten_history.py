#!/usr/bin/env python3
"""Flattens a folder of dated LMArena-style CSV files (bench/gen_history.py) into one TSV in
PostgreSQL's COPY text format, one line per entry, in the columns of lbtrack's `entry` table:

    snapshot_id row_number model_id variant raw_name organization rank score ci_plus ci_minus
    votes license knowledge_cutoff metrics metric_units

These are the rows `lbtrack replay --source lmarena-text DIR` stores (a file identical to the one
before it is skipped, as replay records it as unchanged), for timing a plain COPY of the same
rows. With --ids (a TSV of "date<TAB>snapshot_id" and "name<TAB>raw_name<TAB>model_id" lines,
exported from the database replay filled) the ids are the ones replay stored, so the TSV also
loads into a table with entry's foreign keys; without it they are numbered here.

    bench/flatten_history.py DIR OUT.tsv [--ids IDS.tsv]
"""
import argparse
import csv
import hashlib
import json
import os


def text(s):
    """A COPY text field; empty means NULL, as lbtrack stores absent text."""
    if s == "":
        return r"\N"
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir")
    ap.add_argument("out")
    ap.add_argument("--ids")
    args = ap.parse_args()

    snapshot_of_date, model_of_name = {}, {}
    if args.ids:
        for line in open(args.ids, encoding="utf-8"):
            cells = line.rstrip("\n").split("\t")
            if cells[0] == "name":
                model_of_name[cells[1]] = cells[2]
            else:
                snapshot_of_date[cells[0]] = cells[1]

    previous = None
    snapshots = rows = 0
    with open(args.out, "w", encoding="utf-8") as out:
        for name in sorted(os.listdir(args.dir)):
            data = open(os.path.join(args.dir, name), "rb").read()
            digest = hashlib.sha256(data).digest()
            if digest == previous:
                continue
            previous = digest
            snapshots += 1
            day = name.split(".")[0]
            snapshot = snapshot_of_date.get(day, str(snapshots))
            for number, r in enumerate(csv.DictReader(data.decode("utf-8").splitlines()), 1):
                model = model_of_name.setdefault(r["model"], str(len(model_of_name) + 1))
                plus, minus = r["95_pct_ci"].lstrip("+").split("/-")
                metrics = json.dumps({"rank_stylectrl": int(r["rank_stylectrl"])})
                out.write("\t".join([
                    snapshot, str(number), model, "", text(r["model"]), text(r["organization"]),
                    r["rank"], r["arena_score"], plus, minus, r["votes"], text(r["license"]),
                    text(r["knowledge_cutoff"]), metrics, "{}"]) + "\n")
                rows += 1
    print(f"{rows} rows of {snapshots} snapshots -> {args.out}")


if __name__ == "__main__":
    main()
