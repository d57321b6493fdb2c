#!/usr/bin/env python3
"""The pandas + psycopg2 peer of `lbtrack replay` (issue 19): what a short script would do with
a folder of dated CSV snapshots of one board, for comparing client CPU per row.

For each day's file, in date order: read it (pandas.read_csv), key the model names (trimmed,
case-folded; the first row of a case-duplicate name is kept, as lbtrack refuses none of them
and keeps one), rank by score (highest first, ties share the lower rank), COPY the rows into
peer_entry (one transaction per day) and diff against the day before (new, dropped, moved
models), printing one summary line per day. A file identical to the day before is skipped.

    bench/pandas_peer.py --dsn DSN --model COL[,ALIAS...] --score COL[,ALIAS...] DIR

Needs Debian's python3-pandas and python3-psycopg2. Creates peer_entry when it is missing.
"""
import argparse
import hashlib
import io
import os
import sys

import pandas as pd
import psycopg2


def pick(frame, names):
    """The first of NAMES that is a column of FRAME (a board renames its columns over time)."""
    for name in names:
        if name in frame.columns:
            return name
    raise SystemExit(f"none of the columns {names} in this file")


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dsn", required=True)
    ap.add_argument("--model", required=True)
    ap.add_argument("--score", required=True)
    ap.add_argument("dir")
    args = ap.parse_args()
    model_cols, score_cols = args.model.split(","), args.score.split(",")

    db = psycopg2.connect(args.dsn)
    with db, db.cursor() as cur:
        cur.execute("""CREATE TABLE IF NOT EXISTS peer_entry (
            day date NOT NULL, row_number integer NOT NULL, key text NOT NULL,
            raw_name text NOT NULL, rank integer, score double precision,
            PRIMARY KEY (day, row_number))""")
        cur.execute("CREATE INDEX IF NOT EXISTS peer_entry_key ON peer_entry (key, day)")

    previous_digest, previous = None, None
    rows = 0
    for name in sorted(os.listdir(args.dir)):
        path = os.path.join(args.dir, name)
        data = open(path, "rb").read()
        digest = hashlib.sha256(data).digest()
        if digest == previous_digest:
            continue
        previous_digest = digest
        day = name.split(".")[0]

        frame = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)
        board = pd.DataFrame({
            "raw_name": frame[pick(frame, model_cols)].str.strip(),
            "score": pd.to_numeric(frame[pick(frame, score_cols)], errors="coerce"),
        })
        board = board[board["raw_name"] != ""]
        board["key"] = board["raw_name"].str.casefold()
        board = board.drop_duplicates("key", keep="first")
        board["rank"] = board["score"].rank(method="min", ascending=False).astype("Int64")
        board.insert(0, "row_number", range(1, len(board) + 1))
        board.insert(0, "day", day)

        buffer = io.StringIO()
        board[["day", "row_number", "key", "raw_name", "rank", "score"]].to_csv(
            buffer, sep="\t", header=False, index=False, na_rep="\\N")
        buffer.seek(0)
        with db, db.cursor() as cur:
            cur.copy_expert("COPY peer_entry FROM STDIN", buffer)
        rows += len(board)

        current = board.set_index("key")[["rank", "score"]]
        if previous is not None:
            joined = previous.join(current, how="outer", lsuffix="_was")
            new = joined["rank_was"].isna() & joined["rank"].notna()
            dropped = joined["rank"].isna() & joined["rank_was"].notna()
            moved = (joined["rank"] != joined["rank_was"]) & ~new & ~dropped
            print(f"{day}: {len(current)} rows, {int(new.sum())} new, {int(dropped.sum())} dropped,"
                  f" {int(moved.sum())} moved")
        previous = current
    db.close()
    print(f"stored ({rows} rows)", file=sys.stderr)


if __name__ == "__main__":
    main()
