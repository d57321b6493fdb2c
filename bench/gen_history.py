#!/usr/bin/env python3
"""Generates a daily history of an LMArena-style board from one real page.

The rows of the real LMArena page in ../shared/data/pages (209 models, 2025-06-27, names,
scores, CIs, votes, organizations, licenses as published) are the first day. Each later day moves
every score by a small random step (the size of real day-to-day changes: sd 1.5 points, shrinking
with votes), adds votes, lets a new model in now and then (a real name with a new date tag, scored
from the real score distribution) and retires an old low-ranked one, and ranks by score with
competition ranking. Output: DIR/YYYY-MM-DD.csv in the fboulnois export's columns, for
`lbtrack replay --source lmarena-text DIR`. Deterministic for a given --seed.

--models K scales the board up K times: each real row also appears as K-1 replicas named
"<real name>-r2" ... "-rK" (distinct model keys under lbtrack's rules), with the real row's
organization and license and a score drawn around the real one, and newcomers and retirements
are K times as frequent. --models 48 gives a board of ~10,000 rows; --days 365 --models 12 about
a million rows in all. K = 1 (the default) writes exactly what earlier versions wrote.
"""
import argparse
import csv
import datetime
import os
import random
import re


def read_page(path):
    rows = []
    header = None
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if not line.startswith("|"):
            if header and rows:
                break
            continue
        cells = [c.strip() for c in line.strip("|").split("|")]
        if header is None:
            if "模型名" in cells:
                header = cells
            continue
        if set(cells[0]) <= set("-: "):
            continue
        row = dict(zip(header, cells))
        name = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", row["模型名"]).strip()
        try:
            score = float(row["分数"])
        except ValueError:
            continue
        ci = re.findall(r"[\d.]+", row.get("置信区间", "")) or ["5"]
        votes = int(re.sub(r"[^\d]", "", row.get("票数", "")) or 1000)
        rows.append({"name": name, "score": score, "ci": float(ci[0]), "votes": votes,
                     "org": row.get("服务商", ""), "license": row.get("许可协议", "")})
    if not rows:
        raise SystemExit(f"{path}: no table with a 模型名 column")
    return rows


def ranked(models):
    models.sort(key=lambda m: -m["score"])
    out = []
    for i, m in enumerate(models):
        rank = i + 1 if i == 0 or m["score"] != models[i - 1]["score"] else out[-1][0]
        out.append((rank, m))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--page", required=True)
    ap.add_argument("--days", type=int, default=365)
    ap.add_argument("--start", default="2025-06-27")
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--models", type=int, default=1,
                    help="board size multiplier: K-1 replicas of every real row (default 1)")
    args = ap.parse_args()
    if args.models < 1:
        raise SystemExit("--models must be at least 1")

    rnd = random.Random(args.seed)
    models = read_page(args.page)
    scores = [m["score"] for m in models]
    # Replicas draw from their own generator, so K = 1 keeps the original sequence of draws.
    rep = random.Random(args.seed + 1)
    models += [dict(m, name=f"{m['name']}-r{k}", score=round(m["score"] + rep.gauss(0, 8), 2),
                    votes=max(500, int(m["votes"] * rep.uniform(0.3, 1.5))))
               for k in range(2, args.models + 1) for m in models[: len(scores)]]
    os.makedirs(args.out, exist_ok=True)
    day = datetime.date.fromisoformat(args.start)
    serial = 0
    total = 0
    for d in range(args.days):
        if d > 0:
            for m in models:
                m["score"] = round(m["score"] + rnd.gauss(0, 1.5 * (20000 / (m["votes"] + 20000)) ** 0.5), 2)
                m["votes"] += rnd.randint(20, 400)
                m["ci"] = max(2.0, round(m["ci"] * 0.998, 1))
            for _ in range(args.models):
                if rnd.random() < 0.3:  # a newcomer about every three days (per 209 rows)
                    base = rnd.choice(models)
                    serial += 1
                    models.append({"name": f"{base['name']}-{day.strftime('%m%d')}-{serial}",
                                   "score": round(rnd.choice(scores) + rnd.gauss(0, 10), 2),
                                   "ci": 12.0, "votes": 800, "org": base["org"],
                                   "license": base["license"]})
                if rnd.random() < 0.2 and len(models) > 50:  # a low-ranked model retired
                    worst = sorted(models, key=lambda m: m["score"])[: len(models) // 4]
                    models.remove(rnd.choice(worst))
        path = os.path.join(args.out, day.isoformat() + ".csv")
        with open(path, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["model", "rank", "arena_score", "95_pct_ci", "votes", "organization",
                        "license", "knowledge_cutoff", "rank_stylectrl"])
            for rank, m in ranked(models):
                ci = int(round(m["ci"]))
                w.writerow([m["name"], rank, m["score"], f"+{ci}/-{ci}", m["votes"], m["org"],
                            m["license"], "", rank])
                total += 1
        day += datetime.timedelta(days=1)
    print(f"{args.days} days, {total} rows, {len(models)} models on the last day -> {args.out}")


if __name__ == "__main__":
    main()
