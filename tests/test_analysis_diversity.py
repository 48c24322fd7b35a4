"""source_diversity and voice_shares against numbers computed by hand on a small table."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from toolkit import schema
from toolkit.analysis import distribution_metrics, source_diversity, voice_shares

ARTICLES = schema.from_records([
    {"article_id": "a1", "outlet": "A", "outlet_country": "GBR", "url": "u1",
     "published": "2024-05-06T09:00:00Z"},
    {"article_id": "a2", "outlet": "A", "outlet_country": "GBR", "url": "u2",
     "published": "2024-05-20T09:00:00Z"},
    {"article_id": "a3", "outlet": "B", "outlet_country": "FRA", "url": "u3",
     "published": "2024-06-03T09:00:00Z"},
    {"article_id": "a4", "outlet": "B", "outlet_country": "FRA", "url": "u4",
     "published": "2024-06-10T09:00:00Z"},  # no statements, no sources
], "articles")


def st(sid: str, aid: str, speaker: str | None, stype: str | None, country: str | None,
       speaker_id: str | None = None) -> dict:
    return {"statement_id": sid, "article_id": aid, "quote": "q", "quote_start": 0,
            "quote_end": 1, "speaker": speaker, "speaker_type": stype,
            "speaker_country": country, "speaker_id": speaker_id}


STATEMENTS = schema.from_records([
    st("s1", "a1", "Emmanuel Macron", "official", "FRA", "test:macron"),
    st("s2", "a1", "Emmanuel Macron", "official", "FRA", "test:macron"),
    st("s3", "a1", "Ingrida Šimonytė", "official", "LTU", "test:simonyte"),
    st("s4", "a1", "a resident", "person", None),
    st("s5", "a1", None, None, None),  # unattributed: counted in n_statements only
    st("s6", "a2", "Dmitry Peskov", "official", "RUS"),
    st("s7", "a3", "emmanuel macron", "official", "FRA"),  # same voice, other spelling
    st("s8", "a3", "Corriere Della Sera", "media", "ITA"),
], "statements")

SOURCES = schema.from_records([
    {"article_id": "a1", "source": "Financial Times", "source_type": "media",
     "source_country": "GBR", "start": 0, "end": 1},
    {"article_id": "a1", "source": "financial times", "source_type": "media",
     "source_country": "GBR", "start": 5, "end": 6},
    {"article_id": "a1", "source": "Reuters", "source_type": "agency",
     "source_country": "GBR", "start": 9, "end": 10},
    {"article_id": "a3", "source": "AFP", "source_type": "agency", "source_country": "FRA",
     "start": 0, "end": 1},
], "sources")

OFFICIALS = pd.DataFrame({"official_id": ["test:macron", "test:simonyte"],
                          "name": ["Emmanuel Macron", "Ingrida Simonyte"],
                          "gender": ["male", "female"], "wikidata": ["", ""]})


@pytest.fixture()
def kb_officials(monkeypatch: pytest.MonkeyPatch) -> None:
    from toolkit import kb

    genders = dict(zip(OFFICIALS["official_id"], OFFICIALS["gender"], strict=True))
    monkeypatch.setattr(kb, "official_genders", lambda: genders)


def test_per_article_hand_computed(kb_officials: None) -> None:
    before = (STATEMENTS.copy(deep=True), SOURCES.copy(deep=True), ARTICLES.copy(deep=True))
    d = source_diversity(STATEMENTS, SOURCES, ARTICLES, by="article").set_index("article_id")
    assert list(d.index) == ["a1", "a2", "a3", "a4"]  # a4 has a row although it quotes no one

    a1 = d.loc["a1"]
    # a1: 5 statements, 4 voices: Macron 2, Simonyte 1, resident 1 -> p = .5, .25, .25.
    # H = -(.5 ln .5 + 2 * .25 ln .25) = 1.5 ln 2 = 1.0397; norm = H / ln 3 = 0.9464.
    # Gini-Simpson = 1 - (.25 + .0625 + .0625) = .625; top voice .5; officials 3/4.
    # Foreign (outlet GBR): known countries FRA, FRA, LTU -> 3 of 3 -> 1.0.
    assert a1["n_statements"] == 5 and a1["n_speakers"] == 3
    assert a1["speaker_entropy"] == pytest.approx(1.5 * math.log(2))
    assert a1["speaker_entropy_norm"] == pytest.approx(1.5 * math.log(2) / math.log(3))
    assert a1["speaker_gini_simpson"] == pytest.approx(0.625)
    assert a1["top_voice_share"] == pytest.approx(0.5)
    assert a1["official_share"] == pytest.approx(0.75)
    assert a1["foreign_share"] == pytest.approx(1.0)
    # types: official 3/4, person 1/4; gender (KB): male 2/4, female 1/4, unknown 1/4.
    assert a1["type_official_share"] == pytest.approx(0.75)
    assert a1["type_person_share"] == pytest.approx(0.25)
    assert a1["type_media_share"] == 0.0
    assert (a1["gender_male_share"], a1["gender_female_share"],
            a1["gender_unknown_share"]) == pytest.approx((0.5, 0.25, 0.25))
    # Sources a1: FT twice (case differs), Reuters once -> M = 3, q = 2/3, 1/3.
    # H = -(2/3 ln 2/3 + 1/3 ln 1/3) = 0.6365; norm = H / ln 2 = 0.9183;
    # Gini-Simpson = 1 - (4/9 + 1/9) = 4/9; top 2/3.
    h = -(2 / 3 * math.log(2 / 3) + 1 / 3 * math.log(1 / 3))
    assert a1["n_citations"] == 3 and a1["n_sources"] == 2
    assert a1["source_entropy"] == pytest.approx(h)
    assert a1["source_entropy_norm"] == pytest.approx(h / math.log(2))
    assert a1["source_gini_simpson"] == pytest.approx(4 / 9)
    assert a1["top_source_share"] == pytest.approx(2 / 3)

    a2 = d.loc["a2"]
    # a2: Peskov alone: H 0, norm 0 (n <= 1), GS 0, top 1; RUS vs GBR -> foreign 1.
    assert (a2["speaker_entropy"], a2["speaker_entropy_norm"], a2["speaker_gini_simpson"],
            a2["top_voice_share"], a2["foreign_share"]) == (0.0, 0.0, 0.0, 1.0, 1.0)
    assert a2["n_sources"] == 0 and np.isnan(a2["top_source_share"])

    a3 = d.loc["a3"]
    # a3 (outlet FRA): Macron, Corriere -> H = ln 2, norm 1, GS .5, top .5, officials .5;
    # foreign: FRA == FRA no, ITA yes -> .5. One source -> H 0, GS 0, top 1.
    assert a3["speaker_entropy"] == pytest.approx(math.log(2))
    assert a3["speaker_entropy_norm"] == pytest.approx(1.0)
    assert a3["speaker_gini_simpson"] == pytest.approx(0.5)
    assert a3["foreign_share"] == pytest.approx(0.5)
    assert a3["source_gini_simpson"] == 0.0 and a3["top_source_share"] == 1.0

    a4 = d.loc["a4"]
    # Empty group: counts 0, entropies and Gini-Simpson 0.0, shares NaN.
    assert (a4["n_statements"], a4["n_speakers"], a4["n_sources"]) == (0, 0, 0)
    assert (a4["speaker_entropy"], a4["speaker_entropy_norm"], a4["speaker_gini_simpson"]) \
        == (0.0, 0.0, 0.0)
    for col in ("top_voice_share", "official_share", "foreign_share", "type_official_share",
                "gender_unknown_share"):
        assert np.isnan(a4[col]), col
    for frame, orig in zip((STATEMENTS, SOURCES, ARTICLES), before, strict=True):
        pd.testing.assert_frame_equal(frame, orig)


def test_per_outlet_side_by_side() -> None:
    d = source_diversity(STATEMENTS, SOURCES, ARTICLES, by="outlet").set_index("outlet")
    a = d.loc["A"]
    # Outlet A (a1 + a2): voices Macron 2, Simonyte 1, resident 1, Peskov 1 -> N = 5,
    # p = .4, .2, .2, .2. H = -(.4 ln .4 + 3 * .2 ln .2) = 1.3322; norm = H / ln 4 = 0.9610;
    # GS = 1 - (.16 + 3 * .04) = .72; top .4; officials 4/5; foreign 4 of 4 known = 1.
    h = -(0.4 * math.log(0.4) + 3 * 0.2 * math.log(0.2))
    assert a["n_statements"] == 6 and a["n_speakers"] == 4
    assert a["speaker_entropy"] == pytest.approx(h)
    assert a["speaker_entropy_norm"] == pytest.approx(h / math.log(4))
    assert a["speaker_gini_simpson"] == pytest.approx(0.72)
    assert a["top_voice_share"] == pytest.approx(0.4)
    assert a["official_share"] == pytest.approx(0.8)
    assert a["foreign_share"] == pytest.approx(1.0)
    b = d.loc["B"]
    # s7 has no speaker_id but the same (folded) name as s1's id: one voice overall.
    assert source_diversity(STATEMENTS, SOURCES, ARTICLES, by="period", freq="Y").loc[
        0, "n_speakers"] == 5
    assert b["speaker_entropy"] == pytest.approx(math.log(2)) and b["n_statements"] == 2
    both = source_diversity(STATEMENTS, SOURCES, ARTICLES, by=["outlet", "period"])
    assert list(both.columns[:2]) == ["outlet", "period"] and len(both) == 2
    per = source_diversity(STATEMENTS, SOURCES, ARTICLES, by="period", freq="M")
    assert list(per["period"].dt.strftime("%Y-%m")) == ["2024-05", "2024-06"]
    assert per["speaker_gini_simpson"].iloc[0] == pytest.approx(0.72)


def test_gender_without_kb_is_unknown(monkeypatch: pytest.MonkeyPatch) -> None:
    from toolkit import kb

    def broken() -> dict[str, str]:
        raise OSError("no officials.csv")

    monkeypatch.setattr(kb, "official_genders", broken)
    d = source_diversity(STATEMENTS, SOURCES, ARTICLES, by="outlet").set_index("outlet")
    assert d.loc["A", "gender_unknown_share"] == 1.0


def test_voice_shares_by_country(kb_officials: None) -> None:
    out = voice_shares(STATEMENTS, ARTICLES, dimension="speaker_country", by="outlet")
    got = {(r.outlet, r.value): r.share for r in out.itertuples(index=False)}
    # A: FRA 2, LTU 1, RUS 1, unknown 1 of 5 voices; B: FRA 1, ITA 1 of 2.
    assert got == pytest.approx({("A", "FRA"): 0.4, ("A", "LTU"): 0.2, ("A", "RUS"): 0.2,
                                 ("A", "unknown"): 0.2, ("B", "FRA"): 0.5, ("B", "ITA"): 0.5})
    g = voice_shares(STATEMENTS, ARTICLES, dimension="gender", by="outlet")
    got = {(r.outlet, r.value): r.count for r in g.itertuples(index=False)}
    assert got[("A", "male")] == 2 and got[("A", "female")] == 1
    src = voice_shares(STATEMENTS, ARTICLES, dimension="source_type", sources=SOURCES,
                       by="article")
    got = {(r.article_id, r.value): r.share for r in src.itertuples(index=False)}
    assert got == pytest.approx({("a1", "media"): 2 / 3, ("a1", "agency"): 1 / 3,
                                 ("a3", "agency"): 1.0})


def test_distribution_metrics_direct() -> None:
    # group 0: items 0,0,1 -> p 2/3, 1/3; group 1: nothing; item -1 ignored.
    m = distribution_metrics(np.array([0, 0, 0, 0]), np.array([0, 0, 1, -1]), 2)
    assert m.loc[0, "n"] == 3 and m.loc[0, "gini_simpson"] == pytest.approx(4 / 9)
    assert m.loc[1, "entropy"] == 0.0 and np.isnan(m.loc[1, "top_share"])


def test_empty_inputs_and_errors() -> None:
    d = source_diversity(schema.empty("statements"), schema.empty("sources"), ARTICLES,
                         by="outlet")
    assert list(d["n_statements"]) == [0, 0] and d["official_share"].isna().all()
    d = source_diversity(schema.empty("statements"), schema.empty("sources"),
                         schema.empty("articles"))
    assert d.empty and "speaker_entropy" in d.columns
    with pytest.raises(ValueError, match=r"by='speaker'.*'article'"):
        source_diversity(STATEMENTS, SOURCES, ARTICLES, by="speaker")
    with pytest.raises(ValueError, match="freq"):
        source_diversity(STATEMENTS, SOURCES, ARTICLES, by="period", freq="hourly")
    with pytest.raises(schema.SchemaError, match="speaker_type"):
        source_diversity(STATEMENTS.drop(columns="speaker_type"), SOURCES, ARTICLES)
    with pytest.raises(ValueError, match="dimension"):
        voice_shares(STATEMENTS, ARTICLES, dimension="age")
    with pytest.raises(ValueError, match="sources"):
        voice_shares(STATEMENTS, ARTICLES, dimension="source_country")
