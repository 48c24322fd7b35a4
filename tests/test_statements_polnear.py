"""Regression floors of extract_statements on PolNeAR dev, scored by ../shared/eval/score_statements.py
(imported, so the figures are exactly the scorer's). Skips when ../shared is absent.

Floors sit just below what the extractor reached when they were set (see the git log of
toolkit/extract/statements/ for the measured figures). No speed floor here: timing belongs to
benchmarks/bench_statements.py.
"""
from __future__ import annotations

import importlib.util

import pandas as pd
import pytest

from toolkit._paths import SHARED
from toolkit.extract.statements import extract_statements

SCORER = SHARED / "eval" / "score_statements.py"
DEV = SHARED / "data" / "polnear" / "dev"

FLOOR_F1 = 0.89  # reached 0.897 (2026-11-27, session 2; held-out train: 0.828)
FLOOR_STRICT_F1 = 0.73  # reached 0.739
FLOOR_SPEAKER = 0.955  # reached 0.965

pytestmark = pytest.mark.skipif(not (SCORER.exists() and DEV.exists()), reason="../shared is absent")


def _scorer():
    spec = importlib.util.spec_from_file_location("score_statements", SCORER)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_polnear_dev_floors():
    ss = _scorer()
    docs = ss.load_set(DEV, None)
    frame = pd.DataFrame([{k: v for k, v in d.items() if k != "gold"} for d in docs])
    frame["published"] = pd.to_datetime(frame["published"], utc=True, errors="coerce")
    got = extract_statements(frame)
    by_doc = dict(iter(got.groupby("article_id")))
    n_pred = n_speech = spk_ok = spk_n = 0
    tp = {0.3: 0, 0.8: 0}
    rec = {0.3: 0, 0.8: 0}
    for d in docs:
        rows = by_doc.get(d["article_id"])
        prows = list(rows.itertuples(index=False)) if rows is not None else []
        preds = [set(range(int(r.quote_start), int(r.quote_end))) for r in prows]
        golds = d["gold"]
        n_pred += len(preds)
        n_speech += sum(g["speech"] for g in golds)
        for th in (0.3, 0.8):
            m = ss.match(preds, golds, th)
            tp[th] += len(m)
            rec[th] += sum(golds[j]["speech"] for _, j in m)
            if th == 0.3:
                for i, j in m:
                    if golds[j]["source"]:
                        spk_n += 1
                        r = prows[i]
                        spk_ok += bool(golds[j]["source"] & set(range(int(r.speaker_start), int(r.speaker_end))))

    def f1(th: float) -> float:
        p, r = tp[th] / n_pred, rec[th] / n_speech
        return 2 * p * r / (p + r)

    assert f1(0.3) >= FLOOR_F1
    assert f1(0.8) >= FLOOR_STRICT_F1
    assert spk_ok / spk_n >= FLOOR_SPEAKER
