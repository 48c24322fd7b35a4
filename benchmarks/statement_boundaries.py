"""Statements that match a PolNeAR attribution leniently (IoU >= 0.3) but not strictly (< 0.8):
each with the predicted and gold content spans and a boundary class, and the count per class.

    .venv/bin/python benchmarks/statement_boundaries.py ../shared/data/polnear/train [--show N] [--kind direct]

Classes: "split" (the gold content is in pieces, e.g. a quote split around "he said": one
contiguous span cannot match it strictly), else the side that differs and the first word of the
difference ("right+pred: , but" = the prediction runs on past the gold end into ", but ...").
Matching is the scorer's (../shared/eval/score_statements.py). Skips (exit 0) when ../shared is
absent."""
from __future__ import annotations

import argparse
import collections
import importlib.util
import re
import sys
from pathlib import Path

import pandas as pd

import toolkit as tk
from toolkit._paths import SHARED

SCORER = SHARED / "eval" / "score_statements.py"


def _scorer():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("score_statements", SCORER)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _word(text: str) -> str:
    m = re.match(r"\W*\w*", text)
    return re.sub(r"\s+", " ", m.group() if m else "").strip()[:14]


def boundary_class(text: str, ps: int, pe: int, gold: set[int]) -> str:
    gs, ge = min(gold), max(gold) + 1
    if len(gold) != ge - gs:
        return "split"
    parts = []
    if ps < gs:
        parts.append("left+pred: " + _word(text[ps:gs][::-1])[::-1])
    elif ps > gs:
        parts.append("left+gold: " + _word(text[gs:ps]))
    if pe > ge:
        parts.append("right+pred: " + _word(text[ge:pe]))
    elif pe < ge:
        parts.append("right+gold: " + _word(text[pe:ge]))
    return " | ".join(parts) or "same"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold_dir", type=Path)
    ap.add_argument("--show", type=int, default=20, help="print N examples")
    ap.add_argument("--kind", default="", help="only statements of this kind (direct, indirect, mixed)")
    args = ap.parse_args()
    if not SCORER.exists() or not args.gold_dir.exists():
        print("statement_boundaries: ../shared is absent; skipped")
        return 0
    sc = _scorer()
    docs = sc.load_set(args.gold_dir, None)
    frame = pd.DataFrame([{k: v for k, v in d.items() if k != "gold"} for d in docs])
    frame["published"] = pd.to_datetime(frame["published"], utc=True, errors="coerce")
    got = tk.extract_statements(frame)
    by_doc = {aid: rows for aid, rows in got.groupby("article_id")}
    counts: collections.Counter[str] = collections.Counter()
    shown = 0
    for d in docs:
        rows = by_doc.get(d["article_id"])
        if rows is None:
            continue
        recs = list(rows.itertuples(index=False))
        preds = [set(range(int(r.quote_start), int(r.quote_end))) for r in recs]
        for i, j in sc.match(preds, d["gold"], 0.3):
            p, g = preds[i], d["gold"][j]["content"]
            iou = len(p & g) / len(p | g)
            if iou >= 0.8 or args.kind and recs[i].kind != args.kind:
                continue
            cls = boundary_class(d["text"], min(p), max(p) + 1, g)
            counts[f"{recs[i].kind}: {cls.split(':')[0] if cls != 'split' else cls}"] += 1
            if shown < args.show:
                shown += 1
                t = d["text"]
                print(f"--- {d['article_id']} {recs[i].kind} iou={iou:.2f} {cls}")
                print("  pred:", repr(t[min(p):max(p) + 1][:300]))
                print("  gold:", repr(t[min(g):max(g) + 1][:300]))
    for cls, n in counts.most_common():
        print(f"{n:6d}  {cls}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
