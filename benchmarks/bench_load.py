"""Benchmark of toolkit.load_articles: saved HTML pages parsed per second, CSV rows per second.

Method
- HTML: writes ``--pages`` (default 2,000) saved pages to a temporary folder and times one call
  ``load_articles(folder)`` (wall clock, including process-pool start-up, file reading, parsing
  and building the table). Each page looks like a real news page:
  <head> with meta tags, ~25 KB of inline JavaScript, a JSON-LD block, CSS; a header with a
  60-link navigation; the article (h1, byline, <time>, a figure with caption and credit,
  paragraphs, a "Related" aside); a footer with links and a copyright line; ~40-60 KB in all.
  Half the pages have a date only in visible text or the URL, not in meta tags, so the
  htmldate fallback runs on them. Article bodies and titles come from the press releases in
  ../shared/data/press-releases-2021-2022 when present, else from generated sentences.
  The time for 10,000 pages is extrapolated linearly from the measured rate (parsing is
  per page, so the cost is linear once the pool is warm; start-up makes this conservative).
- CSV: times ``load_articles`` on the two press-release CSVs (1,796 rows) when present, and
  on a generated CSV of ``--csv-rows`` rows (default 10,000) in either case.
- --folder DIR: one call ``load_articles(DIR)`` on real saved pages (wall and CPU time).
- --big-page-mb N: one page of N MB (a news page followed by link lists, with and without
  inline scripts) loaded in a fresh process; prints its wall time and peak resident memory (ru_maxrss), the
  length of the text and the load report's note (pages over MAX_PARSE_CHARS are cut).
- The machine is shared: besides wall-clock time the script reports the CPU time of the load
  (this process plus its joined workers, from os.times()) and what it means on idle cores;
  it prints the load average so a reader can judge the wall-clock figure.
Run from the project root:  .venv/bin/python benchmarks/bench_load.py [--pages 2000]
The machine's other load shows in the figures; run it when the machine is quiet.
"""
from __future__ import annotations

import argparse
import html
import os
import random
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from toolkit import load_articles
from toolkit._paths import SHARED

PRESS = SHARED / "data" / "press-releases-2021-2022"
WORDS = ["the", "minister", "said", "government", "talks", "ukraine", "russia", "president", "security", "forces", "week", "agreement", "sanctions", "energy", "border", "city", "officials", "meeting", "support", "military", "aid", "people", "statement", "parliament", "economy", "region", "war", "peace", "report", "according", "to", "on", "monday"]


def _articles(n: int, rng: random.Random) -> list[dict[str, str]]:
    if PRESS.exists():
        df = pd.concat([pd.read_csv(PRESS / "putin.csv"), pd.read_csv(PRESS / "zelenskyy.csv")])
        df = df.dropna(subset=["headline", "body"]).reset_index(drop=True)
        rows = [df.iloc[i % len(df)] for i in range(n)]
        return [{"title": f"{r.headline} ({i})", "body": str(r.body), "date": str(r.date)[:10],
                 "url": f"{r.link}-{i}"} for i, r in enumerate(rows)]
    out = []
    for i in range(n):
        sents = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 25))).capitalize() + "."
                 for _ in range(rng.randint(15, 60))]
        day = pd.Timestamp("2022-01-01") + pd.Timedelta(days=rng.randint(0, 365))
        out.append({"title": f"{' '.join(rng.choice(WORDS) for _ in range(8)).capitalize()} ({i})",
                    "body": " ".join(sents), "date": str(day.date()), "url": f"https://news.example.org/a/{i}"})
    return out


def _page(a: dict[str, str], i: int, rng: random.Random) -> str:
    t = html.escape(a["title"])
    sentences = a["body"].replace("\n", " ").split(". ")
    paras, cur = [], []
    for s in sentences:
        cur.append(s)
        if len(cur) >= rng.randint(2, 4):
            paras.append(". ".join(cur))
            cur = []
    if cur:
        paras.append(". ".join(cur))
    body = "\n".join(f"<p>{html.escape(p.strip())}{'' if p.endswith('.') else '.'}</p>" for p in paras if p.strip())
    nav = "".join(f'<li><a href="/section/{k}">Section {k}</a></li>' for k in range(60))
    js = "window.dataLayer=window.dataLayer||[];" + "".join(
        f"function f{k}(a,b){{return a*{k}+b;}}" for k in range(900))
    css = "".join(f".c{k}{{margin:{k}px;padding:0}}" for k in range(400))
    dated = i % 2 == 0
    meta_date = f'<meta property="article:published_time" content="{a["date"]}T09:00:00+00:00">' if dated else ""
    ld = ('<script type="application/ld+json">{"@type":"NewsArticle","headline":"x"}</script>')
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{t} | Example News</title><meta property="og:title" content="{t}">
<link rel="canonical" href="{a['url']}">{meta_date}{ld}
<script>{js}</script><style>{css}</style></head><body>
<header><a href="/">Example News</a><nav><ul>{nav}</ul></nav></header>
<main><article><h1>{t}</h1><p class="byline">By Staff Reporter</p>
<time datetime="{a['date']}">{pd.Timestamp(a['date']).strftime('%B %d, %Y')}</time>
<figure><img src="/img/{i}.jpg" alt=""><figcaption>Officials at the meeting. Photo: Reuters</figcaption></figure>
{body}
<aside><h3>Related</h3><ul><li><a href="/a/{i + 1}">Another story</a></li></ul></aside>
</article></main><footer><ul>{nav}</ul><p>© 2022 Example News. All rights reserved.</p></footer>
</body></html>"""


def bench_html(n: int, workers: int | None) -> None:
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        arts = _articles(n, rng)
        size = 0
        for i, a in enumerate(arts):
            page = _page(a, i, rng)
            size += len(page)
            (Path(tmp) / f"page-{i:05d}.html").write_text(page, encoding="utf-8")
        before = os.times()
        t0 = time.perf_counter()
        df = load_articles(tmp, workers=workers)
        secs = time.perf_counter() - t0
        after = os.times()
    cpu = sum(after[:4]) - sum(before[:4])  # user+system of this process and its (joined) workers
    rep = df.attrs["load_report"]
    rate = n / secs
    cores = min(workers or os.cpu_count() or 1, os.cpu_count() or 1)
    print(f"HTML: {n} pages (mean {size / n / 1024:.0f} KB) in {secs:.1f} s wall with "
          f"{workers or os.cpu_count()} worker(s): {rate:.0f} pages/s; loaded {rep.loaded}, "
          f"skipped {len(rep.skipped)}, undated {int(df['published'].isna().sum())}")
    print(f"HTML: CPU {cpu:.1f} s = {cpu / n * 1000:.1f} ms per page; on {cores} idle core(s) that is "
          f"{n / cpu * cores:.0f} pages/s")
    print(f"HTML: 10,000 pages extrapolated: {10_000 / rate:.0f} s at the measured wall rate, "
          f"{10_000 * cpu / n / cores:.0f} s on {cores} idle core(s) (target < 120 s)")


def bench_folder(folder: Path, workers: int | None) -> None:
    """load_articles on a folder of real saved pages (e.g. ../shared/data/web-eval/html)."""
    n = sum(1 for p in folder.rglob("*") if p.is_file())
    before = os.times()
    t0 = time.perf_counter()
    df = load_articles(folder, workers=workers, on_error="skip")
    secs = time.perf_counter() - t0
    after = os.times()
    cpu = sum(after[:4]) - sum(before[:4])
    rep = df.attrs["load_report"]
    print(f"folder {folder}: {n} files in {secs:.1f} s wall with {workers or os.cpu_count()} worker(s): "
          f"{n / secs:.1f} pages/s; CPU {cpu:.1f} s = {cpu / n * 1000:.0f} ms per page; loaded {rep.loaded}, "
          f"skipped {len(rep.skipped)}, degraded {len(rep.degraded)}")


BIG_PAGE = """
import resource, sys, time
sys.path.insert(0, {root!r})
from toolkit import load_articles
t0 = time.perf_counter()
df = load_articles({path!r}, workers=1, max_file_mb=1000)
secs = time.perf_counter() - t0
rep = df.attrs["load_report"]
print(f"{{secs:.1f}} {{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}} {{len(df)}} "
      f"{{len(df['text'].iloc[0]) if len(df) else 0}} {{rep.degraded[:1]}}")
"""


def bench_big_page(mb: float, *, scripts: bool) -> None:
    """One page of ``mb`` MB (an article, then link lists, with inline scripts when ``scripts``)
    loaded in a fresh process: wall seconds and the process's peak resident memory (ru_maxrss)."""
    import subprocess

    rng = random.Random(3)
    article = _page(_articles(1, rng)[0], 0, rng)
    unit = "".join(f'<li><a href="/tag/{k}">Tag {k}</a></li>' for k in range(50))
    script = "<script>" + "var x = [1,2,3];" * 2000 + "</script>"
    block = f"<div class='more'><ul>{unit}</ul>{script}</div>" if scripts else f"<div class='more'><ul>{unit}</ul></div>"
    filler = block * max(1, int(mb * 1024 * 1024 / len(block)))
    page = article.replace("</body>", filler + "</body>")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.html"
        path.write_text(page, encoding="utf-8")
        size = path.stat().st_size / 1024 / 1024
        code = BIG_PAGE.format(root=str(Path(__file__).resolve().parent.parent), path=str(path))
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    if out.returncode:
        print(f"big page {size:.0f} MB: failed: {out.stderr.strip()[-300:]}")
        return
    secs, rss, rows, chars, degraded = out.stdout.strip().split(" ", 4)
    kind = "links and scripts" if scripts else "links only"
    print(f"big page {size:.0f} MB ({kind}): {secs} s wall, peak memory {rss} MB, {rows} row(s), "
          f"{chars} characters of text; report: {degraded}")


def bench_csv(rows: int) -> None:
    if PRESS.exists():
        t0 = time.perf_counter()
        df = load_articles(str(PRESS / "*.csv"))
        secs = time.perf_counter() - t0
        print(f"CSV: press releases, {len(df)} rows in {secs:.2f} s: {len(df) / secs:.0f} rows/s")
    rng = random.Random(11)
    arts = _articles(rows, rng)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.csv"
        pd.DataFrame({"link": [a["url"] for a in arts], "headline": [a["title"] for a in arts],
                      "date": [a["date"] for a in arts], "body": [a["body"] for a in arts]}).to_csv(path, index=False)
        nbytes = path.stat().st_size
        t0 = time.perf_counter()
        df = load_articles(path, max_file_mb=1000)  # the generated file may pass the 50 MB default
        secs = time.perf_counter() - t0
    print(f"CSV: generated, {len(df)} rows ({nbytes / 1e6:.0f} MB) in {secs:.2f} s: "
          f"{len(df) / secs:.0f} rows/s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=2000, help="saved HTML pages to write and load (default 2000)")
    ap.add_argument("--csv-rows", type=int, default=10000, help="rows of the generated CSV (default 10000)")
    ap.add_argument("--workers", type=int, default=None, help="parsing processes (default os.cpu_count())")
    ap.add_argument("--skip-html", action="store_true", help="no generated-pages benchmark")
    ap.add_argument("--skip-csv", action="store_true", help="no CSV benchmark")
    ap.add_argument("--folder", type=Path, default=None, help="also load this folder of real saved pages")
    ap.add_argument("--big-page-mb", type=float, action="append", default=[],
                    help="also load one page of this many MB in a fresh process (repeatable)")
    args = ap.parse_args()
    print(f"cpu_count={os.cpu_count()}  load average={os.getloadavg()[0]:.1f}  "
          f"data={'press releases' if PRESS.exists() else 'generated'}")
    if not args.skip_html:
        bench_html(args.pages, args.workers)
    if args.folder:
        bench_folder(args.folder, args.workers)
    for mb in args.big_page_mb:
        bench_big_page(mb, scripts=True)
        bench_big_page(mb, scripts=False)
    if not args.skip_csv:
        bench_csv(args.csv_rows)


if __name__ == "__main__":
    main()
