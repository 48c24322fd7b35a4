"""compact() (categorical key columns) changes speed, never results; inputs stay untouched."""
from __future__ import annotations

import pandas as pd
import pytest
from test_analysis_diversity import ARTICLES as D_ARTICLES
from test_analysis_diversity import SOURCES, STATEMENTS
from test_analysis_mentions import ARTICLES as M_ARTICLES
from test_analysis_mentions import MENTIONS
from test_analysis_timeline import founding_tables

from toolkit import analysis


def same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True),
                                  check_dtype=False, check_categorical=False)


def test_mentions_functions_same_on_compact_tables() -> None:
    m, a = MENTIONS, M_ARTICLES
    mc, ac = analysis.compact(m, "mentions"), analysis.compact(a, "articles")
    assert isinstance(mc["entity_id"].dtype, pd.CategoricalDtype)
    for kw in ({"by": "country", "freq": "M"},
               {"by": "entity", "freq": "W", "per_outlet": True, "normalize": "articles"},
               {"by": "outlet", "freq": "Y", "unit": "articles", "top": 1}):
        same(analysis.mention_counts(m, a, **kw), analysis.mention_counts(mc, ac, **kw))
    same(analysis.top_entities(m, a), analysis.top_entities(mc, ac))
    same(analysis.co_mentions(m), analysis.co_mentions(mc))
    assert list(analysis.co_mentions(mc).index) == list(analysis.co_mentions(m).index)


def test_diversity_and_timeline_same_on_compact_tables() -> None:
    s, c, a = STATEMENTS, SOURCES, D_ARTICLES
    sc, cc, ac = (analysis.compact(s, "statements"), analysis.compact(c, "sources"),
                  analysis.compact(a, "articles"))
    for by in ("article", "outlet", ["outlet", "period"]):
        same(analysis.source_diversity(s, c, a, by=by), analysis.source_diversity(sc, cc, ac,
                                                                                 by=by))
    same(analysis.voice_shares(s, a), analysis.voice_shares(sc, ac))
    arts, st, men = founding_tables()
    stc, menc = analysis.compact(st, "statements"), analysis.compact(men, "mentions")
    same(analysis.statement_timeline(st, arts, mentioning=["RUS"], mentions=men),
         analysis.statement_timeline(stc, arts, mentioning=["RUS"], mentions=menc))
    same(analysis.first_last(st, arts), analysis.first_last(stc, arts))
    same(analysis.who_mentions_whom(st, men), analysis.who_mentions_whom(stc, menc))


def test_compact_copies_and_checks_kind() -> None:
    before = MENTIONS.copy(deep=True)
    out = analysis.compact(MENTIONS, "mentions")
    pd.testing.assert_frame_equal(MENTIONS, before)
    assert out is not MENTIONS
    with pytest.raises(ValueError, match=r"kind='mention'"):
        analysis.compact(MENTIONS, "mention")


def test_compact_on_the_articles_ids() -> None:
    m, a = MENTIONS, M_ARTICLES
    mc = analysis.compact(m, "mentions", articles=a)
    assert list(mc["article_id"].cat.categories) == list(a["article_id"])
    for by in ("country", "outlet"):
        same(analysis.mention_counts(m, a, by=by, freq="M", normalize="articles"),
             analysis.mention_counts(mc, a, by=by, freq="M", normalize="articles"))
    # A date filter makes the articles a subset: the ordinary lookup must still be right.
    same(analysis.mention_counts(m, a, date_range=("2024-06-01", None)),
         analysis.mention_counts(mc, a, date_range=("2024-06-01", None)))
    s, c, da = STATEMENTS, SOURCES, D_ARTICLES
    same(analysis.source_diversity(s, c, da),
         analysis.source_diversity(analysis.compact(s, "statements", articles=da),
                                   analysis.compact(c, "sources", articles=da), da))
    with pytest.raises(ValueError, match="unique"):
        analysis.compact(m, "mentions", articles=pd.concat([a, a]))


def test_categoricals_with_the_same_ids_in_another_order_are_matched_by_id() -> None:
    """Unordered categorical dtypes compare equal whatever the order of their categories; the
    articles of a timeline must still be found by id, not by code."""
    articles, statements, _ = founding_tables()
    two = pd.concat([articles, articles.assign(article_id="zzz", outlet="Other Daily")],
                    ignore_index=True)
    ids = list(two["article_id"])
    arts = two.assign(article_id=pd.Categorical(ids, categories=ids))
    st = statements.assign(article_id=pd.Categorical(statements["article_id"], categories=ids[::-1]))
    assert arts["article_id"].dtype == st["article_id"].dtype  # what pandas says
    tl = analysis.statement_timeline(st, arts)
    assert set(tl["outlet"]) == {"The Moscow Times"} and len(tl) == len(statements)
