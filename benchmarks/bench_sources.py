"""Words per second of toolkit.extract_sources on the press releases in ../shared (skips when absent).

    .venv/bin/python benchmarks/bench_sources.py [--limit N]
"""
from __future__ import annotations

import argparse
import sys
import time

import pandas as pd

from toolkit._paths import SHARED
from toolkit.extract.sources import extract_sources

DATA = SHARED / "data" / "press-releases-2021-2022"


def load(limit: int | None) -> pd.DataFrame:
    frames = []
    for name, outlet, domain in (("putin.csv", "Kremlin", "en.kremlin.ru"),
                                 ("zelenskyy.csv", "President of Ukraine", "president.gov.ua")):
        df = pd.read_csv(DATA / name)
        frames.append(pd.DataFrame({"article_id": name + ":" + df.index.astype(str), "text": df["body"],
                                    "outlet": outlet, "outlet_domain": domain}))
    arts = pd.concat(frames, ignore_index=True)
    return arts.head(limit) if limit else arts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    args = parser.parse_args()
    if not DATA.exists():
        print(f"skipped: {DATA} is absent")
        return 0
    arts = load(args.limit)
    words = int(arts["text"].fillna("").str.split().str.len().sum())
    extract_sources(arts.head(5))  # warm the lexicon and KB caches
    t0 = time.perf_counter()
    sources = extract_sources(arts)
    dt = time.perf_counter() - t0
    print(f"sources: {len(arts)} articles, {words} words, {len(sources)} sources in {dt:.2f}s "
          f"= {words / dt:,.0f} words/s")
    print(sources.groupby("source_type").size().to_string())
    print(sources["source"].value_counts().head(15).to_string())
    return 0


if __name__ == "__main__":
    sys.exit(main())
