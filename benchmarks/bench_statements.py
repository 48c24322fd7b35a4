"""Words per second of toolkit.extract_statements on the press releases in ../shared.

    .venv/bin/python benchmarks/bench_statements.py [--limit N] [--repeat R]

Method: ../shared/data/press-releases-2021-2022/*.csv are read with toolkit.load_articles (the
toolkit's CSV loader: text = body, title = headline, published = date, outlet from the KB), so
the title-based rules (first-person texts) run as they do for a user. Words are whitespace-separated tokens of the bodies. One warm-up call
on 5 articles loads the lexicons and the knowledge base, then ``extract_statements`` runs once
over all articles in this single process (one core), ``--repeat`` times; the best run and its
CPU time (time.process_time, less sensitive to other processes on a shared machine) are
printed, with words/s for both. Skips (exit 0) when ../shared is absent.
"""
from __future__ import annotations

import argparse
import sys
import time

import pandas as pd

import toolkit as tk
from toolkit._paths import SHARED
from toolkit.extract.statements import extract_statements

DATA = SHARED / "data" / "press-releases-2021-2022"


def load(limit: int | None) -> pd.DataFrame:
    arts = tk.load_articles(sorted(str(p) for p in DATA.glob("*.csv")))
    return arts.head(limit) if limit else arts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--repeat", type=int, default=1, help="runs; the best is reported")
    args = parser.parse_args()
    if not DATA.exists():
        print(f"skipped: {DATA} is absent")
        return 0
    arts = load(args.limit)
    words = int(arts["text"].fillna("").astype(str).str.split().str.len().sum())
    extract_statements(arts.head(5))  # warm the lexicon and KB caches
    best_wall = best_cpu = float("inf")
    out = None
    for _ in range(max(1, args.repeat)):
        w0, c0 = time.perf_counter(), time.process_time()
        out = extract_statements(arts)
        best_wall = min(best_wall, time.perf_counter() - w0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    assert out is not None
    print(f"statements: {len(arts)} articles, {words:,} words, {len(out):,} statements")
    print(f"wall {best_wall:.2f}s = {words / best_wall:,.0f} words/s; "
          f"cpu {best_cpu:.2f}s = {words / best_cpu:,.0f} words/s")
    print(out["kind"].value_counts().to_string())
    print(out["speaker"].value_counts().head(10).to_string())
    return 0


if __name__ == "__main__":
    sys.exit(main())
