"""Compare page extractors on a web-eval set: trafilatura, newspaper3k, htmldate and the toolkit,
alone and combined, scored by the same functions as ../shared/eval/score_web.py.

Method
- Each page of DATA_DIR (evaldata.json + html/) is read as bytes and decoded once with the
  toolkit's page decoder (toolkit.io.encoding), then given to every extractor as the same str:
  trafilatura.bare_extraction (with_metadata, no comments), newspaper3k Article.parse
  (input_html, no images), htmldate.find_date (original_date, extensive_search) and, with
  --toolkit, toolkit.load_articles on the file (as score_web.py runs it). No network.
- Each extractor's fields (text, title, date, authors) are kept per page; a combination takes
  each field from one extractor ("body=trafilatura title=newspaper ..."), so every combination
  costs nothing more to score. Scoring calls score_web.score_page / prf / date_stats; the
  printed figures mean what they mean there (body P/R/F1 from snippets, exact title, UTC day of
  the date, exact author sets, dropped = no text and no title and no date).
- Seconds are the per-page CPU time of each extractor alone (time.process_time), summed.
Run from the project root:
  PYTHONPATH=$PWD .venv/bin/python benchmarks/compare_web.py ../shared/data/web-eval [--limit N]
"""
from __future__ import annotations

import argparse
import importlib.util
import logging
import sys
import time
import warnings
from pathlib import Path
from typing import Any

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from toolkit.io.encoding import decode_page
from toolkit.io.records import BadInput

Fields = dict[str, Any]


def _scorer(path: Path) -> Any:
    spec = importlib.util.spec_from_file_location("score_web", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot import the scorer at {path}")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def run_trafilatura(html: str) -> Fields:
    from trafilatura import bare_extraction

    doc = bare_extraction(html, with_metadata=True, include_comments=False)
    if doc is None:
        return {}
    authors = [a.strip() for a in (doc.author or "").split(";") if a.strip()]
    return {"text": doc.text or "", "title": doc.title, "date": doc.date, "authors": authors}


def run_trafilatura_fast(html: str) -> Fields:
    from trafilatura import bare_extraction

    doc = bare_extraction(html, fast=True, with_metadata=True, include_comments=False)
    return {"text": doc.text or ""} if doc is not None else {}


def run_newspaper(html: str) -> Fields:
    from newspaper import Article, Config

    cfg = Config()
    cfg.fetch_images = False
    cfg.memoize_articles = False
    cfg.MAX_TEXT = 10_000_000
    art = Article("", config=cfg)
    art.download(input_html=html)
    art.parse()
    return {"text": art.text or "", "title": art.title, "date": art.publish_date, "authors": list(art.authors)}


def run_htmldate(html: str) -> Fields:
    from htmldate import find_date

    return {"date": find_date(html, original_date=True, extensive_search=True)}


def run_toolkit(path: Path) -> Fields:
    import toolkit

    df = toolkit.load_articles(str(path), workers=1, on_error="skip")
    if not len(df):
        return {}
    row = df.iloc[0]
    out = {"text": row["text"], "title": row["title"], "date": row["published"], "authors": row["authors"]}
    for col in ("published_day",):
        if col in df.columns:
            out["day"] = row[col]
    return out


EXTRACTORS = {"trafilatura": run_trafilatura, "trafilatura_fast": run_trafilatura_fast, "newspaper": run_newspaper, "htmldate": run_htmldate}
# (label, extractor of the body, of the title, of the date, of the authors)
COMBOS = [
    ("trafilatura alone", "trafilatura", "trafilatura", "trafilatura", "trafilatura"),
    ("newspaper3k alone", "newspaper", "newspaper", "newspaper", "newspaper"),
    ("newspaper3k + htmldate", "newspaper", "newspaper", "htmldate", "newspaper"),
    ("trafilatura + newspaper title", "trafilatura", "newspaper", "trafilatura", "trafilatura"),
    ("trafilatura + newspaper title/authors", "trafilatura", "newspaper", "trafilatura", "newspaper"),
    ("trafilatura + htmldate date", "trafilatura", "trafilatura", "htmldate", "trafilatura"),
    ("trafilatura fast (no fallback) body", "trafilatura_fast", "trafilatura", "trafilatura", "trafilatura"),
    ("toolkit", "toolkit", "toolkit", "toolkit", "toolkit"),
]


def score(sw: Any, pages: list[dict[str, Any]], got: list[dict[str, Fields]], combo: tuple[str, ...]) -> str:
    body, title, date, authors = combo
    results = []
    for p, g in zip(pages, got):
        f = {"text": g.get(body, {}).get("text") or "", "title": g.get(title, {}).get("title"),
             "published": g.get(date, {}).get("date"), "authors": g.get(authors, {}).get("authors") or []}
        if isinstance(f["published"], str):
            f["published"] = pd.Timestamp(f["published"][:10])
        dropped = not (f["text"] or f["title"] or f["published"] is not None)
        row = None if dropped else pd.Series(f)
        r = sw.score_page(p, row, [])
        results.append(r)
    tp, fp, fn = (sum(r[k] for r in results) for k in ("tp", "fp", "fn"))
    _, _, f1 = sw.prf(tp, fp, fn)
    n_title = sum("title_ok" in r for r in results)
    title_ok = sum(bool(r.get("title_ok")) for r in results)
    d = sw.date_stats(pages, results, "published")
    n_auth = sum(r.get("authors_ok") is not None for r in results)
    auth_ok = sum(bool(r.get("authors_ok")) for r in results)
    n_noauth = sum(r.get("spurious") is not None for r in results)
    spur = sum(bool(r.get("spurious")) for r in results)
    dropped = sum(not r["row"] for r in results)
    return (f"body_f1={f1:.3f} title={sw.fig(title_ok, n_title)} date_acc={sw.fig(d['right'], d['gold'])} "
            f"authors={sw.fig(auth_ok, n_auth)} spurious_authors={sw.fig(spur, n_noauth)} dropped={dropped}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data_dir", type=Path)
    ap.add_argument("--scorer", type=Path, default=Path("../shared/eval/score_web.py"))
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--toolkit", action="store_true", help="also run toolkit.load_articles on each file")
    args = ap.parse_args()
    logging.basicConfig(level=logging.CRITICAL)
    warnings.simplefilter("ignore")
    sw = _scorer(args.scorer)
    pages, _ = sw.load_set(args.data_dir, args.limit)
    names = [*EXTRACTORS, *(["toolkit"] if args.toolkit else [])]
    cpu = dict.fromkeys(names, 0.0)
    got: list[dict[str, Fields]] = []
    for p in pages:
        fields: dict[str, Fields] = {}
        try:
            html, _note = decode_page(Path(p["path"]).read_bytes())
        except BadInput:  # binary: no extractor gets it (the toolkit skips it with its reason)
            got.append(fields)
            continue
        for name in names:
            t0 = time.process_time()
            try:
                fields[name] = run_toolkit(p["path"]) if name == "toolkit" else EXTRACTORS[name](html)
            except Exception:  # noqa: BLE001  an extractor's failure on one page is a dropped page
                fields[name] = {}
            cpu[name] += time.process_time() - t0
        got.append(fields)
    print(f"pages={len(pages)}; CPU seconds: " + ", ".join(f"{k} {v:.1f}" for k, v in cpu.items()))
    for label, *combo in COMBOS:
        if set(combo) <= set(names):
            print(f"{label:42s} {score(sw, pages, got, tuple(combo))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
