"""The outlet's own publication day (articles.published_day) beside the UTC ``published``:
month partitions of a corpus, its date ranges and the statement timeline use the outlet's day."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

import toolkit.extract.mentions
import toolkit.extract.sources
import toolkit.extract.statements
from toolkit import schema
from toolkit.analysis import statement_timeline, statements_per_period
from toolkit.corpus import Corpus


def _articles() -> pd.DataFrame:
    # a: 1 June 00:30 in Vilnius (+03:00) is 31 May 21:30 UTC; b: an ordinary UTC date
    return schema.from_records([
        {"article_id": "a", "url": "https://example.lt/a", "outlet": "Example", "title": "A", "authors": [],
         "published": "2024-05-31T21:30:00Z", "published_day": dt.date(2024, 6, 1), "language": "en",
         "text": "Body of a. Lithuania said so.", "source": "a"},
        {"article_id": "b", "url": "https://example.lt/b", "outlet": "Example", "title": "B", "authors": [],
         "published": "2024-05-20T10:00:00Z", "published_day": dt.date(2024, 5, 20), "language": "en",
         "text": "Body of b. Lithuania said so.", "source": "b"},
    ], "articles")


def _statements() -> pd.DataFrame:
    return schema.from_records([
        {"statement_id": f"{a}-s1", "article_id": a, "kind": "indirect", "quote": "so", "quote_start": 1,
         "quote_end": 3, "speaker": "Ingrida Simonyte", "speaker_country": "LTU", "speaker_type": "official",
         "statement_date": None} for a in ("a", "b")], "statements")


@pytest.fixture
def no_extractors(monkeypatch: pytest.MonkeyPatch) -> None:
    empty = {"mentions": schema.empty("mentions"), "statements": schema.empty("statements"),
             "sources": schema.empty("sources")}
    monkeypatch.setattr(toolkit.extract.mentions, "extract_mentions", lambda df: empty["mentions"])
    monkeypatch.setattr(toolkit.extract.statements, "extract_statements", lambda df: empty["statements"])
    monkeypatch.setattr(toolkit.extract.sources, "extract_sources", lambda df: empty["sources"])


def test_corpus_month_partition_is_the_outlets_month(tmp_path: Path, no_extractors: None) -> None:
    corpus = Corpus.open(tmp_path / "c")
    corpus.add(_articles())
    months = sorted(p.parent.name for p in (tmp_path / "c" / "articles").glob("month=*/*.parquet"))
    assert months == ["month=2024-05", "month=2024-06"]
    back = corpus.articles.set_index("article_id")
    assert back.loc["a", "published_day"] == dt.date(2024, 6, 1)
    assert back.loc["a", "published"] == pd.Timestamp("2024-05-31 21:30", tz="UTC")
    june = corpus.table("articles", date_range=("2024-06-01", "2024-06-30"))
    assert list(june["article_id"]) == ["a"]
    may = corpus.table("articles", date_range=("2024-05-01", "2024-05-31"))
    assert list(may["article_id"]) == ["b"]


def test_timeline_dates_an_undated_statement_on_the_outlets_day() -> None:
    tl = statement_timeline(_statements(), _articles())
    dates = dict(zip(tl["statement_id"], tl["statement_date"]))
    assert dates["a-s1"].date() == dt.date(2024, 6, 1)
    assert dates["b-s1"] == pd.Timestamp("2024-05-20 10:00", tz="UTC")
    per_month = statements_per_period(_statements(), _articles(), freq="M")
    assert sorted(str(p.date()) for p in per_month["period"]) == ["2024-05-01", "2024-06-01"]


def test_articles_without_published_day_keep_the_utc_day(tmp_path: Path, no_extractors: None) -> None:
    arts = _articles().drop(columns="published_day")
    tl = statement_timeline(_statements(), arts)
    assert dict(zip(tl["statement_id"], tl["statement_date"]))["a-s1"].date() == dt.date(2024, 5, 31)
    corpus = Corpus.open(tmp_path / "c")
    corpus.add(arts)
    assert sorted(p.parent.name for p in (tmp_path / "c" / "articles").glob("month=*/*.parquet")) == ["month=2024-05"]
