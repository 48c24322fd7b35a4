"""Benchmark of toolkit.analysis and toolkit.plots on a 100,000-article corpus.

Method
- Corpus: when ../shared exists, the press releases (../shared/data/press-releases-2021-2022,
  loaded with toolkit.load_articles) are repeated with new ids ("<id>~<copy>") and dates
  shifted by whole weeks (copy c moves by c % 104 weeks, so the corpus spans ~4 years) until
  there are ``--articles`` rows (default 100,000). Without ../shared the articles are synthetic
  (two outlets, dates spread over 2021-2024).
- Tables: by default the real extractors (toolkit.extract_mentions / extract_statements /
  extract_sources) run on ``--sample`` press releases (default 200) and their rows are
  repeated along with the articles, then sampled down (or topped up with synthetic rows for
  sources, which press releases rarely cite) to the realistic sizes of the brief: about
  ``--mentions`` (20), ``--statements`` (3) and ``--sources`` (2) rows per article.
  ``--synthetic`` skips the extractors and synthesises every table (Zipf-distributed
  countries, officials and speakers). Tables keep the dtypes the extractors produce (text as
  object columns).
- Timing: each analysis function and each plot (on its analysis output, drawn on an Agg
  figure, PNG written to benchmarks/_out/ outside the timing) is run ``--repeat`` times
  (default 3); the best time is printed with the target (< 0.5 s analysis, < 1 s plot),
  on the tables as given ("raw") and after ``toolkit.analysis.compact(table, kind,
  articles=articles)`` (categoricals; article_id coded on the articles' own ids).
  ``--cpu`` reports CPU seconds of this process instead of wall seconds: on a shared
  machine wall time mostly measures the other processes.
  Setup (corpus, extraction, replication) is not timed.

Run from the project root:  .venv/bin/python benchmarks/bench_analysis.py [--synthetic]
"""
from __future__ import annotations

import argparse
import glob
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit import analysis, plots, schema
from toolkit._paths import SHARED

PRESS = SHARED / "data" / "press-releases-2021-2022"
OUT = ROOT / "benchmarks" / "_out"
COUNTRIES = ["UKR", "RUS", "USA", "DEU", "FRA", "GBR", "POL", "LTU", "CHN", "BLR", "ITA", "TUR",
             "KAZ", "IND", "JPN", "ISR", "IRN", "SYR", "MDA", "GEO", "EST", "LVA", "CAN", "ESP"]


def base_articles(rng: np.random.Generator) -> pd.DataFrame:
    if PRESS.exists():
        import toolkit as tk

        return tk.load_articles(sorted(glob.glob(str(PRESS / "*.csv"))))
    n = 2000
    recs = [{"article_id": f"syn{i}", "url": f"https://example.org/{i}",
             "outlet": ["Kremlin", "President of Ukraine"][i % 2],
             "outlet_country": ["RUS", "UKR"][i % 2], "title": f"t{i}", "text": "x " * 500,
             "published": pd.Timestamp("2021-10-24", tz="UTC")
             + pd.Timedelta(hours=int(rng.integers(0, 24 * 240)))} for i in range(n)]
    return schema.from_records(recs, "articles")


def replicate(base: pd.DataFrame, n: int) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """n articles from ``base`` repeated: returns (articles, base row of each, copy number)."""
    reps = -(-n // len(base))
    src = np.tile(np.arange(len(base)), reps)[:n]
    copy = np.repeat(np.arange(reps), len(base))[:n]
    arts = base.iloc[src].reset_index(drop=True)
    arts["article_id"] = (arts["article_id"].astype(str) + "~" + pd.Series(copy).astype(str)
                          ).astype(object)
    arts["published"] = arts["published"] + pd.to_timedelta((copy % 104) * 7, unit="D")
    return arts, src, copy


def replicate_rows(table: pd.DataFrame, base_ids: pd.Series, src: np.ndarray,
                   copy: np.ndarray, per_article: float, rng: np.random.Generator,
                   date_cols: tuple[str, ...] = ()) -> pd.DataFrame:
    """Rows of ``table`` (keyed by base article_id) for every replicated article, sampled to
    about ``per_article`` rows per article."""
    if table.empty:
        return table
    base_pos = pd.Index(base_ids).get_indexer(table["article_id"])
    table = table[base_pos >= 0].reset_index(drop=True)
    base_pos = base_pos[base_pos >= 0]
    order = np.argsort(base_pos, kind="stable")
    table, base_pos = table.iloc[order].reset_index(drop=True), base_pos[order]
    starts = np.searchsorted(base_pos, np.arange(len(base_ids)))
    counts = np.bincount(base_pos, minlength=len(base_ids))
    # For each replicated article, the row range of its base article.
    rows = np.repeat(starts[src], counts[src]) + (
        np.arange(counts[src].sum()) - np.repeat(np.cumsum(counts[src]) - counts[src],
                                                 counts[src]))
    art_of_row = np.repeat(np.arange(len(src)), counts[src])
    keep_p = min(1.0, per_article * len(src) / max(len(rows), 1))
    keep = rng.random(len(rows)) < keep_p
    rows, art_of_row = rows[keep], art_of_row[keep]
    out = table.iloc[rows].reset_index(drop=True)
    new_ids = (pd.Series(table["article_id"].to_numpy()[rows]).astype(str) + "~"
               + pd.Series(copy[art_of_row]).astype(str))
    out["article_id"] = new_ids.astype(object).to_numpy()
    for c in date_cols:
        out[c] = out[c] + pd.to_timedelta((copy[art_of_row] % 104) * 7, unit="D")
    return out


def synthetic_tables(arts: pd.DataFrame, rng: np.random.Generator, n_m: float, n_s: float,
                     n_src: float) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    n = len(arts)
    ids = arts["article_id"].to_numpy()
    pub = arts["published"].to_numpy()
    z = lambda k, size: np.minimum(rng.zipf(1.6, size) - 1, k - 1)
    m = int(n * n_m)
    ma = rng.integers(0, n, m)
    is_official = rng.random(m) < 0.25
    ctry = np.array(COUNTRIES)[z(len(COUNTRIES), m)]
    off = np.array([f"Official {i}" for i in range(300)])[z(300, m)]
    start = rng.integers(0, 6000, m)
    mentions = pd.DataFrame({
        "article_id": ids[ma], "field": "text",
        "entity_type": np.where(is_official, "official", "country"),
        "entity_id": np.where(is_official, np.char.replace(off, "Official ", "Q"), ctry),
        "name": np.where(is_official, off, ctry), "country": ctry,
        "role": np.where(is_official, "Minister", None), "surface": "x",
        "start": start, "end": start + 7, "in_quote": rng.random(m) < 0.2})
    s = int(n * n_s)
    sa = rng.integers(0, n, s)
    spk = z(500, s)
    qs = rng.integers(0, 5000, s)
    statements = pd.DataFrame({
        "statement_id": [f"st{i}" for i in range(s)], "article_id": ids[sa],
        "kind": "direct", "quote": "a quote of some words", "quote_start": qs,
        "quote_end": qs + rng.integers(40, 400, s),
        "speaker": np.array([f"Speaker {i}" for i in range(500)])[spk],
        "speaker_id": np.array([f"Q{i}" for i in range(500)])[spk],
        "speaker_type": np.array(["official", "person", "organization", "media",
                                  "document", "unknown"])[z(6, s)],
        "speaker_role": "Minister",
        "speaker_country": np.array(COUNTRIES)[spk % len(COUNTRIES)],
        "statement_date": pd.to_datetime(pub[sa], utc=True)
        - pd.to_timedelta(rng.integers(0, 7, s), unit="D"),
        "date_basis": "relative"})
    sources = synthetic_sources(ids, rng, n_src)
    return as_extracted(mentions), as_extracted(statements), as_extracted(sources)


def as_extracted(table: pd.DataFrame) -> pd.DataFrame:
    """Like the extractors' output: rows grouped by article, text as object columns."""
    table = table.sort_values("article_id", kind="stable").reset_index(drop=True)
    for c in table.columns:
        if table[c].dtype != object and not pd.api.types.is_numeric_dtype(table[c]) \
                and not pd.api.types.is_datetime64_any_dtype(table[c]):
            table[c] = table[c].astype(object)
    return table


def synthetic_sources(ids: np.ndarray, rng: np.random.Generator, per: float) -> pd.DataFrame:
    k = int(len(ids) * per)
    names = np.array(["Reuters", "AFP", "TASS", "Interfax", "Ukrinform", "Financial Times",
                      "BBC", "RIA Novosti", "The Economist", "Kommersant", "AP", "Bloomberg"])
    pick = np.minimum(rng.zipf(1.5, k) - 1, len(names) - 1)
    return as_extracted(pd.DataFrame({"article_id": ids[rng.integers(0, len(ids), k)],
                                      "source": names[pick], "source_type": "media",
                                      "source_country": "GBR", "surface": names[pick],
                                      "start": 0, "end": 5}))


def build(args: argparse.Namespace) -> dict[str, pd.DataFrame]:
    rng = np.random.default_rng(7)
    base = base_articles(rng)
    arts, src, copy = replicate(base, args.articles)
    if args.synthetic or not PRESS.exists():
        mentions, statements, sources = synthetic_tables(arts, rng, args.mentions,
                                                         args.statements, args.sources)
        how = "synthetic tables"
    else:
        import toolkit as tk

        sample = base.sample(min(args.sample, len(base)), random_state=7)
        t = time.perf_counter()
        m0, s0, c0 = (tk.extract_mentions(sample), tk.extract_statements(sample),
                      tk.extract_sources(sample))
        print(f"extractors on {len(sample)} press releases: {time.perf_counter() - t:.1f} s "
              f"({len(m0) / len(sample):.1f} mentions, {len(s0) / len(sample):.1f} statements,"
              f" {len(c0) / len(sample):.2f} sources per article)")
        # Only the sampled base articles have tables: replicate those.
        keep = base["article_id"].isin(sample["article_id"]).to_numpy()
        base = base[keep].reset_index(drop=True)
        arts, src, copy = replicate(base, args.articles)
        mentions = replicate_rows(m0, base["article_id"], src, copy, args.mentions, rng)
        statements = replicate_rows(s0, base["article_id"], src, copy, args.statements, rng,
                                    date_cols=("statement_date",))
        sources = replicate_rows(c0, base["article_id"], src, copy, args.sources, rng)
        short = args.sources * len(arts) - len(sources)
        if short > 0:  # press releases cite few sources: top up to the brief's size
            sources = pd.concat([sources, synthetic_sources(
                arts["article_id"].to_numpy(), rng, short / len(arts))], ignore_index=True)
        how = f"real extractor output of {len(sample)} press releases, repeated"
    print(f"corpus: {len(arts):,} articles, {len(mentions):,} mentions, "
          f"{len(statements):,} statements, {len(sources):,} sources ({how}); "
          f"{arts['published'].min():%Y-%m-%d} .. {arts['published'].max():%Y-%m-%d}")
    return {"articles": arts, "mentions": mentions, "statements": statements,
            "sources": sources}


def best(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Best wall time of ``repeat`` runs (or best CPU time of this process with --cpu)."""
    times, result = [], None
    clock = time.process_time if CPU else time.perf_counter
    for _ in range(repeat):
        t = clock()
        result = fn()
        times.append(clock() - t)
    return min(times), result


CPU = False


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--sample", type=int, default=200)
    ap.add_argument("--mentions", type=float, default=20.0)
    ap.add_argument("--statements", type=float, default=3.0)
    ap.add_argument("--sources", type=float, default=2.0)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--synthetic", action="store_true")
    ap.add_argument("--cpu", action="store_true",
                    help="time CPU seconds of this process instead of wall seconds (on a "
                         "shared machine wall time mostly measures the other processes)")
    args = ap.parse_args()
    global CPU
    CPU = args.cpu
    print(f"timing: {'CPU' if CPU else 'wall'} seconds; load average "
          f"{' '.join(f'{x:.1f}' for x in __import__('os').getloadavg())} on "
          f"{__import__('os').cpu_count()} cores")
    t = build(args)
    t0 = time.perf_counter()
    tc = {k: analysis.compact(v, k, articles=None if k == "articles" else t["articles"])
          for k, v in t.items()}
    print(f"compact() of the four tables (once per session): {time.perf_counter() - t0:.2f} s")

    def jobs_for(tb: dict[str, pd.DataFrame]) -> list[tuple[str, Callable[[], Any]]]:
        a, m, s, c = tb["articles"], tb["mentions"], tb["statements"], tb["sources"]
        top_speaker = str(s["speaker"].value_counts().index[0])
        top_country = str(m.loc[m["entity_type"] == "country", "entity_id"].value_counts()
                          .index[0])
        return [
            ("mention_counts(by=country, freq=W)",
             lambda: analysis.mention_counts(m, a, by="country", freq="W")),
            ("mention_counts(entity, M, per_outlet, normalize, top=10)",
             lambda: analysis.mention_counts(m, a, by="entity", freq="M", per_outlet=True,
                                             normalize="articles", top=10)),
            ("top_entities(n=20)", lambda: analysis.top_entities(m, a, n=20)),
            ("co_mentions(country x country)", lambda: analysis.co_mentions(m)),
            ("co_mentions(official x country)",
             lambda: analysis.co_mentions(m, rows="official", cols="country")),
            ("who_mentions_whom(countries)", lambda: analysis.who_mentions_whom(s, m)),
            ("source_diversity(by=article)", lambda: analysis.source_diversity(s, c, a)),
            ("source_diversity(by=[outlet, period], M)",
             lambda: analysis.source_diversity(s, c, a, by=["outlet", "period"], freq="M")),
            ("voice_shares(speaker_country, by=outlet)",
             lambda: analysis.voice_shares(s, a, dimension="speaker_country")),
            ("statement_timeline(all)", lambda: analysis.statement_timeline(s, a)),
            ("statement_timeline(speakers=[top], mentioning=[top country])",
             lambda: analysis.statement_timeline(s, a, speakers=[top_speaker],
                                                 mentioning=[top_country], mentions=m)),
            ("statements_per_period(by=speaker, W)",
             lambda: analysis.statements_per_period(s, a, by="speaker", freq="W")),
            ("first_last", lambda: analysis.first_last(s, a)),
        ]

    results: dict[str, Any] = {}
    print(f"\n{'analysis (target < 0.5 s), best of ' + str(args.repeat):<64} {'raw s':>7}"
          f" {'compact s':>9}  rows")
    slow = 0
    for (name, fn), (_n, fn_c) in zip(jobs_for(t), jobs_for(tc), strict=True):
        sec, res = best(fn, args.repeat)
        sec_c, _res_c = best(fn_c, args.repeat)
        results[name] = res
        slow += sec_c >= 0.5
        print(f"{name:<64} {sec:7.3f} {sec_c:9.3f}  {len(res):,}"
              f"{'  SLOW' if min(sec, sec_c) >= 0.5 else ''}")

    a, m, s, c = t["articles"], t["mentions"], t["statements"], t["sources"]
    counts = analysis.mention_counts(m, a, by="country", freq="W", top=8)
    div_outlet = analysis.source_diversity(s, c, a, by="outlet")
    speakers = s["speaker"].value_counts().index[:8].tolist()
    tl_few = analysis.statement_timeline(s, a, speakers=speakers[:3])
    tl_few = tl_few.iloc[np.linspace(0, len(tl_few) - 1, min(10, len(tl_few))).astype(int)] \
        if len(tl_few) else tl_few
    plot_jobs: list[tuple[str, Callable[..., Any], pd.DataFrame, dict[str, Any]]] = [
        ("plot_mention_trends(countries, weekly)", plots.plot_mention_trends, counts, {}),
        ("plot_diversity(by=article: 100k rows)", plots.plot_diversity,
         results["source_diversity(by=article)"], {}),
        ("plot_diversity(outlets, stacked type shares)", plots.plot_diversity, div_outlet,
         {"kind": "shares"}),
        ("plot_statement_timeline(all statements)", plots.plot_statement_timeline,
         results["statement_timeline(all)"], {}),
        ("plot_statement_timeline(10 statements, labels)", plots.plot_statement_timeline,
         tl_few, {}),
        ("plot_co_mentions(top 20 countries)", plots.plot_co_mentions,
         results["co_mentions(country x country)"], {}),
    ]
    OUT.mkdir(parents=True, exist_ok=True)
    print(f"\n{'plots (target < 1 s; drawing to an Agg canvas included)':<64} {'best s':>7}")
    for i, (name, draw, data, kw) in enumerate(plot_jobs):
        def run(draw=draw, data=data, kw=kw) -> Figure:
            fig = Figure(figsize=(10, 4.5), dpi=100)
            FigureCanvasAgg(fig)
            draw(data, ax=fig.subplots(), **kw)
            fig.canvas.draw()  # the drawing itself, not only the artists' creation
            return fig

        sec, fig = best(run, args.repeat)
        slow += sec >= 1.0
        fig.savefig(OUT / f"bench_{i}_{draw.__name__}.png", bbox_inches="tight")
        print(f"{name:<64} {sec:7.3f}{'  SLOW' if sec >= 1.0 else ''}")
    print(f"\nPNGs in {OUT}; {slow} over target (analysis counted on compact tables)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
