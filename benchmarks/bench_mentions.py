"""Benchmark of toolkit.extract_mentions: words per second on one core, and KB load time.

Method
- KB load: in a fresh subprocess, after importing pandas (timed apart), the time to
  import toolkit.kb and load the four KB tables
  (countries, officials, organizations, outlets; shipped CSVs plus the user folder), then the
  time to build the compiled surface index used by the extractor (once per process).
- Extraction: the press releases in ../shared/data/press-releases-2021-2022 (putin.csv and
  zelenskyy.csv: headline -> title, body -> text, date -> published), read with pandas
  directly. The index is built before timing (single-threaded code: one core); the timed call is one extract_mentions() over
  all rows (title and text). Words are whitespace-separated tokens of title + text. Best of
  ``--repeat`` runs (default 3) to damp the noise of a shared machine; wall-clock and
  CPU time (time.process_time, which a busy machine inflates less) are both printed.
Run from the project root:  .venv/bin/python benchmarks/bench_mentions.py [--repeat 3]
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit._paths import SHARED
from toolkit.extract.mentions import extract_mentions
from toolkit.kb.surfaces import surface_index

PRESS = SHARED / "data" / "press-releases-2021-2022"

KB_LOAD = """
import time
t = time.perf_counter()
import pandas
t0, c0 = time.perf_counter(), time.process_time()
from toolkit import kb
for f in (kb.countries, kb.officials, kb.organizations, kb.outlets):
    f()
kb.country_code("Lithuanian")
t1, c1 = time.perf_counter(), time.process_time()
from toolkit.kb.surfaces import surface_index
surface_index()
t2, c2 = time.perf_counter(), time.process_time()
print(f"{t1 - t0:.3f} {t2 - t1:.3f} {t0 - t:.3f} {c1 - c0:.3f} {c2 - c1:.3f}")
"""


def press_releases() -> pd.DataFrame:
    frames = []
    for name in ("putin.csv", "zelenskyy.csv"):
        df = pd.read_csv(PRESS / name)
        frames.append(pd.DataFrame({
            "article_id": name + ":" + df.index.astype(str),
            "title": df["headline"].fillna("").astype(str),
            "text": df["body"].fillna("").astype(str),
            "published": pd.to_datetime(df["date"], utc=True, errors="coerce"),
        }))
    return pd.concat(frames, ignore_index=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    out = subprocess.run([sys.executable, "-c", KB_LOAD], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout.split()
    print(f"KB load (import toolkit.kb + 4 tables, after pandas): {float(out[0]):.3f} s wall, "
          f"{float(out[3]):.3f} s CPU; surface index build: {float(out[1]):.3f} s wall, "
          f"{float(out[4]):.3f} s CPU; import pandas: {float(out[2]):.3f} s")
    if not PRESS.exists():
        print(f"no press releases at {PRESS}; extraction not measured")
        return 0
    articles = press_releases()
    words = int(articles["text"].str.split().str.len().sum()
                + articles["title"].str.split().str.len().sum())
    surface_index()
    best = cpu = float("inf")
    mentions = None
    for _ in range(max(1, args.repeat)):
        t0, c0 = time.perf_counter(), time.process_time()
        mentions = extract_mentions(articles)
        best = min(best, time.perf_counter() - t0)
        cpu = min(cpu, time.process_time() - c0)
    assert mentions is not None
    print(f"articles={len(articles)} words={words:,} mentions={len(mentions):,} "
          f"({mentions['entity_type'].value_counts().to_dict()})")
    print(f"extract_mentions: {best:.2f} s wall, {words / best:,.0f} words/s; "
          f"{cpu:.2f} s CPU, {words / cpu:,.0f} words per CPU-second (one core)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
