"""mention_counts, top_entities, co_mentions, who_mentions_whom on a small hand-made corpus."""
from __future__ import annotations

import pandas as pd
import pytest

from toolkit import schema
from toolkit.analysis import (
    AnalysisArgumentError,
    co_mentions,
    mention_counts,
    top_entities,
    who_mentions_whom,
)


def art(aid: str, outlet: str, published: str, country: str = "GBR") -> dict:
    return {"article_id": aid, "url": f"https://x/{aid}", "outlet": outlet,
            "outlet_country": country, "published": published, "text": "x" * 200}


def men(aid: str, etype: str, eid: str, start: int, *, name: str | None = None,
        country: str | None = None, field: str = "text") -> dict:
    return {"article_id": aid, "field": field, "entity_type": etype, "entity_id": eid,
            "name": name or eid, "country": country if country else
            (eid if etype == "country" else None), "surface": name or eid,
            "start": start, "end": start + 5, "in_quote": False}


# Four articles: a1, a2 in May 2024 (A, A), a3 in June (B), a4 in June (A, no mentions).
ARTICLES = schema.from_records([
    art("a1", "A", "2024-05-06T09:00:00Z"),
    art("a2", "A", "2024-05-20T09:00:00Z"),
    art("a3", "B", "2024-06-03T09:00:00Z", "FRA"),
    art("a4", "A", "2024-06-10T09:00:00Z"),
], "articles")
MENTIONS = schema.from_records([
    men("a1", "country", "UKR", 0), men("a1", "country", "UKR", 10),
    men("a1", "country", "RUS", 20),
    men("a1", "official", "Q1", 30, name="Emmanuel Macron", country="FRA"),
    men("a2", "country", "UKR", 0), men("a2", "country", "LTU", 10),
    men("a3", "country", "RUS", 0), men("a3", "country", "UKR", 10),
    men("a3", "official", "Q2", 20, name="Ingrida Simonyte", country="LTU"),
    men("a3", "country", "LTU", 40),
], "mentions")


def as_dict(df: pd.DataFrame, *cols: str, value: str = "count") -> dict:
    def cell(r: object, c: str) -> str:
        v = getattr(r, c)
        return v.strftime("%Y-%m-%d") if isinstance(v, pd.Timestamp) else str(v)

    return {tuple(cell(r, c) for c in cols): getattr(r, value)
            for r in df.itertuples(index=False)}


def test_counts_by_country_month() -> None:
    before = MENTIONS.copy(deep=True)
    out = mention_counts(MENTIONS, ARTICLES, by="country", freq="M")
    # May: UKR 2 (a1) + 1 (a2) = 3; RUS 1; FRA 1 (Macron serves FRA); LTU 1.
    # June: RUS 1, UKR 1, LTU 1 (Simonyte) + 1 = 2.
    assert as_dict(out, "period", "key") == {
        ("2024-05-01", "UKR"): 3, ("2024-05-01", "RUS"): 1, ("2024-05-01", "FRA"): 1,
        ("2024-05-01", "LTU"): 1, ("2024-06-01", "RUS"): 1, ("2024-06-01", "UKR"): 1,
        ("2024-06-01", "LTU"): 2}
    assert list(out.columns) == ["period", "key", "label", "count"]
    pd.testing.assert_frame_equal(MENTIONS, before)


def test_counts_by_entity_filters_and_articles_unit() -> None:
    out = mention_counts(MENTIONS, ARTICLES, by="entity", freq="Y", entity_types=["country"],
                         unit="articles")
    # Articles mentioning: UKR a1 a2 a3 = 3; RUS a1 a3 = 2; LTU a2 a3 = 2.
    assert as_dict(out, "key") == {("UKR",): 3, ("RUS",): 2, ("LTU",): 2}
    out = mention_counts(MENTIONS, ARTICLES, by="entity", freq="M", entities=["Ingrida Simonyte"])
    assert as_dict(out, "period", "label") == {("2024-06-01", "Ingrida Simonyte"): 1}
    out = mention_counts(MENTIONS, ARTICLES, by="entity", freq="M", outlets=["B"])
    assert out["count"].sum() == 4  # a3 only
    out = mention_counts(MENTIONS, ARTICLES, by="entity", freq="D",
                         date_range=("2024-05-20", "2024-06-03"))
    assert out["count"].sum() == 2 + 4  # a2 and a3; date-only end includes 3 June


def test_per_outlet_normalize_and_top() -> None:
    out = mention_counts(MENTIONS, ARTICLES, by="country", freq="M", per_outlet=True,
                         normalize="articles", top=1)
    # Top country overall: UKR (4 mentions). Articles per (month, outlet): May/A 2, June/A 1
    # (a4, no mentions), June/B 1. UKR: May/A 3 -> 3/2*1000 = 1500; June/B 1 -> 1/1*1000.
    assert list(out.columns) == ["period", "outlet", "key", "label", "count", "n_articles",
                                 "per_1000_articles"]
    assert as_dict(out, "period", "outlet", "key", value="per_1000_articles") == {
        ("2024-05-01", "A", "UKR"): 1500.0, ("2024-06-01", "B", "UKR"): 1000.0}
    out = mention_counts(MENTIONS, ARTICLES, by="outlet", freq="M", normalize="articles")
    # June: 4 mentions from B over 2 articles in June (a3, a4) -> 2000 per 1000 articles.
    assert as_dict(out, "period", "key", value="per_1000_articles") == {
        ("2024-05-01", "A"): 3000.0, ("2024-06-01", "B"): 2000.0}


def test_top_entities() -> None:
    out = top_entities(MENTIONS, ARTICLES, n=2, entity_types=["country"])
    # country mentions: UKR 4, RUS 2, LTU 2 -> total 8; ties by key: LTU before RUS.
    assert list(out["key"]) == ["UKR", "LTU"]
    assert out.iloc[0]["share"] == pytest.approx(4 / 8)
    assert out.iloc[0]["n_articles"] == 3


def test_co_mentions_countries_and_officials() -> None:
    mat = co_mentions(MENTIONS, rows="country", cols="country", label="id")
    # Articles per country: UKR {a1,a2,a3}, RUS {a1,a3}, LTU {a2,a3}.
    # UKR&RUS: a1,a3 = 2; UKR&LTU: a2,a3 = 2; RUS&LTU: a3 = 1.
    assert mat.loc["UKR", "UKR"] == 3 and mat.loc["UKR", "RUS"] == 2
    assert mat.loc["RUS", "LTU"] == 1 and mat.loc["LTU", "RUS"] == 1
    assert (mat.to_numpy() == mat.to_numpy().T).all()
    off = co_mentions(MENTIONS, rows="official", cols="country")
    # Macron (a1) with UKR, RUS; Simonyte (a3) with RUS, UKR, LTU.
    assert off.loc["Emmanuel Macron", "UKR"] == 1 and off.loc["Emmanuel Macron", "LTU"] == 0
    assert off.loc["Ingrida Simonyte", "LTU"] == 1
    assert co_mentions(schema.empty("mentions")).shape == (0, 0)


def test_who_mentions_whom() -> None:
    st = schema.from_records([
        # Quote [0, 25) in a1 holds UKR@0, UKR@10 (end 15) and RUS@20 (end 25).
        {"statement_id": "s1", "article_id": "a1", "quote": "q", "quote_start": 0,
         "quote_end": 25, "speaker": "Emmanuel Macron", "speaker_country": "FRA"},
        # Quote [5, 16) in a2 holds LTU@10 only (UKR@0 starts before the quote).
        {"statement_id": "s2", "article_id": "a2", "quote": "q", "quote_start": 5,
         "quote_end": 16, "speaker": "Emmanuel Macron", "speaker_country": "FRA"},
        # Quote in a3 [0, 50): RUS, UKR, LTU; the official mention is not a country.
        {"statement_id": "s3", "article_id": "a3", "quote": "q", "quote_start": 0,
         "quote_end": 50, "speaker": "Ingrida Simonyte", "speaker_country": "LTU"},
    ], "statements")
    out = who_mentions_whom(st, MENTIONS)
    got = {(r.speaker, r.entity_id): (r.n_statements, r.n_mentions)
           for r in out.itertuples(index=False)}
    assert got == {("Emmanuel Macron", "UKR"): (1, 2), ("Emmanuel Macron", "RUS"): (1, 1),
                   ("Emmanuel Macron", "LTU"): (1, 1), ("Ingrida Simonyte", "RUS"): (1, 1),
                   ("Ingrida Simonyte", "UKR"): (1, 1), ("Ingrida Simonyte", "LTU"): (1, 1)}
    # by count, not by name: Macron's two mentions of Ukraine first
    assert (out["speaker"].iloc[0], out["entity_id"].iloc[0]) == ("Emmanuel Macron", "UKR")
    own = who_mentions_whom(st, MENTIONS, exclude_own=True, by="country")
    assert ("LTU", "LTU") not in {(r.speaker_country, r.entity_id)
                                  for r in own.itertuples(index=False)}


def test_bad_arguments_and_missing_columns() -> None:
    with pytest.raises(AnalysisArgumentError, match=r"by='person'.*entity"):
        mention_counts(MENTIONS, ARTICLES, by="person")
    with pytest.raises(ValueError, match=r"freq='H'.*'D'"):
        mention_counts(MENTIONS, ARTICLES, freq="H")
    with pytest.raises(ValueError, match="normalize"):
        mention_counts(MENTIONS, ARTICLES, normalize="words")
    with pytest.raises(schema.SchemaError, match="entity_id"):
        mention_counts(MENTIONS.drop(columns="entity_id"), ARTICLES)
    with pytest.raises(TypeError, match="mentions must be a pandas DataFrame"):
        mention_counts([], ARTICLES)  # type: ignore[arg-type]


def test_empty_inputs_keep_columns() -> None:
    out = mention_counts(schema.empty("mentions"), ARTICLES, normalize="articles")
    assert out.empty and list(out.columns) == ["period", "key", "label", "count", "n_articles",
                                               "per_1000_articles"]
    assert who_mentions_whom(schema.empty("statements"), MENTIONS).empty


def test_containment_matches_brute_force_with_nested_quotes() -> None:
    import numpy as np

    from toolkit.analysis._common import containing

    rng = np.random.default_rng(3)
    st_rows, m_rows = [], []
    for a in range(30):
        for i in range(int(rng.integers(0, 6))):  # overlapping and nested quotes
            qs = int(rng.integers(0, 200))
            st_rows.append({"article_id": f"x{a}", "quote_start": qs,
                            "quote_end": qs + int(rng.integers(0, 120)), "sid": f"{a}-{i}"})
        for _ in range(int(rng.integers(0, 12))):
            ms = int(rng.integers(0, 320))
            m_rows.append({"article_id": f"x{a}", "field": "text", "start": ms,
                           "end": ms + int(rng.integers(1, 12))})
    st = pd.DataFrame(st_rows).sample(frac=1.0, random_state=1).reset_index(drop=True)
    mm = pd.DataFrame(m_rows)
    got = {(int(s), int(m)) for s, m in containing(st, mm).itertuples(index=False)}
    want = {(i, j) for i, s in st.iterrows() for j, m in mm.iterrows()
            if s.article_id == m.article_id and s.quote_start <= m.start
            and m.end <= s.quote_end}
    assert got == want and len(want) > 20
