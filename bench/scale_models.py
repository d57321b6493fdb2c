#!/usr/bin/env python3
"""The model universe of bench/scale_db.sh: every model the generated boards will ever list, with
its canonical key as lbtrack resolves it, written as a TSV for bench/scale_gen.sql.

Built from the real LMArena page in ../shared/data (209 rows: names, organizations, licenses,
scores, CIs, votes as published), scaled up like bench/gen_history.py --models: the real rows plus
replicas named "<real name>-r2", "-r3", ... (distinct keys under lbtrack's rules) with the real
row's organization and license and a score drawn around the real one, about 1.25 x ROWS models
in all. Every board lists the real rows and a random ROWS - 209 of the replicas, so the boards
overlap the way public boards do (most well-known models on most boards). Each later day brings
ROWS/1000 newcomers on average (a real name with a date tag and a serial, scored from the real
score distribution, as gen_history.py does), each joining a random 70% of the boards.

Output columns (tab-separated, no header):
    gid name key variant provisional organization license score votes ci born_day board_mask
born_day 0 is the first day; board_mask has bit b-1 set for board b. Keys come from `lbtrack
resolve --format tsv` (run in batches), so `lbtrack history NAME` finds the model by its key.

    bench/scale_models.py --page PAGE --lbtrack BIN --out FILE [--boards 10] [--rows 10000]
                          [--days 365] [--seed 7]
"""
import argparse
import datetime
import math
import os
import random
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_history import read_page  # noqa: E402


def resolve(lbtrack, names, batch=2000):
    """name -> (key, variant, provisional) through `lbtrack resolve --format tsv`."""
    out = {}
    for i in range(0, len(names), batch):
        chunk = names[i:i + batch]
        text = subprocess.run([lbtrack, "-q", "resolve", "--format", "tsv", "--", *chunk],
                              check=True, capture_output=True, text=True).stdout
        for line, name in zip(text.splitlines(), chunk):
            cells = line.split("\t")
            out[name] = (cells[1], cells[2], cells[3] == "provisional")
    return out


def clean(s):
    return s.replace("\t", " ").replace("\n", " ").replace("\\", "/")


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--page", required=True)
    ap.add_argument("--lbtrack", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--boards", type=int, default=10)
    ap.add_argument("--rows", type=int, default=10000)
    ap.add_argument("--days", type=int, default=365)
    ap.add_argument("--start", default="2025-06-27", help="first day (names of newcomers)")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    if not 1 <= args.boards <= 30:
        raise SystemExit("--boards must be 1..30")

    rnd = random.Random(args.seed)
    real = read_page(args.page)
    if args.rows < len(real):
        raise SystemExit(f"--rows must be at least the real page's {len(real)}")
    scores = [m["score"] for m in real]
    replicas = math.ceil(args.rows * 1.25 / len(real))
    models = []  # [name, org, license, score, votes, ci, born_day, mask]
    for m in real:
        models.append([m["name"], m["org"], m["license"], m["score"], m["votes"], m["ci"], 0,
                       (1 << args.boards) - 1])
    pool = []
    for k in range(2, replicas + 1):
        for m in real:
            pool.append(len(models))
            models.append([f"{m['name']}-r{k}", m["org"], m["license"],
                           round(m["score"] + rnd.gauss(0, 8), 2),
                           max(500, int(m["votes"] * rnd.uniform(0.3, 1.5))), m["ci"], 0, 0])
    for b in range(args.boards):
        for i in rnd.sample(pool, args.rows - len(real)):
            models[i][7] |= 1 << b
    models = [m for m in models if m[7]]

    day = datetime.date.fromisoformat(args.start)
    serial = 0
    for d in range(1, args.days):
        day += datetime.timedelta(days=1)
        for _ in range(sum(rnd.random() < 0.5 for _ in range(2 * args.rows // 1000))):
            base = rnd.choice(real)
            serial += 1
            mask = 0
            while not mask:
                mask = sum(1 << b for b in range(args.boards) if rnd.random() < 0.7)
            models.append([f"{base['name']}-{day.strftime('%m%d')}-{serial}", base["org"],
                           base["license"], round(rnd.choice(scores) + rnd.gauss(0, 10), 2), 800,
                           12.0, d, mask])

    keys = resolve(args.lbtrack, [m[0] for m in models])
    with open(args.out, "w", encoding="utf-8") as f:
        for gid, (name, org, lic, score, votes, ci, born, mask) in enumerate(models, 1):
            key, variant, provisional = keys[name]
            f.write("\t".join(map(str, [gid, clean(name), clean(key), clean(variant),
                                        "t" if provisional else "f", clean(org), clean(lic), score,
                                        votes, ci, born, mask])) + "\n")
    print(f"{len(models)} models ({len(set(k for k, _, _ in keys.values()))} keys), "
          f"{serial} newcomers over {args.days} days -> {args.out}")


if __name__ == "__main__":
    main()
