"""Corpus at scale: month partitions, column/partition pruning, parallel extraction, upgrade."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pyarrow.dataset as ds
import pytest

import toolkit.corpus
import toolkit.extract.mentions
import toolkit.extract.sources
import toolkit.extract.statements
from toolkit import schema
from toolkit._paths import ROOT
from toolkit.corpus import Corpus, CorpusError

DATES = {"a": "2024-04-30T23:00:00Z", "b": "2024-05-02T10:00:00Z", "c": "2024-05-20T10:00:00Z",
         "d": "2024-06-01T00:30:00Z", "e": None}


def articles(dates: dict[str, str | None] = DATES) -> pd.DataFrame:
    return schema.from_records([
        {"article_id": i, "url": f"https://example.org/{i}", "outlet": "Example",
         "outlet_domain": "example.org", "title": f"Title {i}", "published": d,
         "text": f"Body of {i}. Lithuania said so.", "source": f"https://example.org/{i}"}
        for i, d in dates.items()], "articles")


def fake_extractors(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two mentions per article (a country and an official), one source; records the pid."""
    def mentions(df: pd.DataFrame) -> pd.DataFrame:
        rows = []
        for a in df["article_id"]:
            rows.append({"article_id": a, "field": "text", "entity_type": "country", "entity_id": "LTU",
                         "name": "Lithuania", "country": "LTU", "surface": "Lithuania", "start": 10,
                         "end": 19, "in_quote": False, "pid": os.getpid()})
            rows.append({"article_id": a, "field": "text", "entity_type": "official", "entity_id": "Q1",
                         "name": "Someone", "country": "LTU", "surface": "Someone", "start": 0,
                         "end": 4, "in_quote": False, "pid": os.getpid()})
        return schema.from_records(rows, "mentions")

    def statements(df: pd.DataFrame) -> pd.DataFrame:
        return schema.empty("statements")

    def sources(df: pd.DataFrame) -> pd.DataFrame:
        return schema.from_records([
            {"article_id": a, "source": "Reuters", "source_type": "agency", "surface": "Reuters",
             "start": 0, "end": 7} for a in df["article_id"]], "sources")

    monkeypatch.setattr(toolkit.extract.mentions, "extract_mentions", mentions)
    monkeypatch.setattr(toolkit.extract.statements, "extract_statements", statements)
    monkeypatch.setattr(toolkit.extract.sources, "extract_sources", sources)


def test_tables_are_partitioned_by_month_of_the_article(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    fake_extractors(monkeypatch)
    corpus = Corpus.open(tmp_path / "c")
    corpus.add(articles())
    months = {p.parent.name for p in (tmp_path / "c" / "articles").rglob("*.parquet")}
    assert months == {"month=2024-04", "month=2024-05", "month=2024-06", "month=undated"}
    for table in ("mentions", "sources"):  # derived rows sit with their article
        found = ds.dataset(tmp_path / "c" / table, format="parquet", partitioning="hive").to_table(
            columns=["article_id", "month"]).to_pandas()
        assert dict(zip(found["article_id"], found["month"], strict=False)) == {
            "a": "2024-04", "b": "2024-05", "c": "2024-05", "d": "2024-06", "e": "undated"}
    assert corpus.months() == ["2024-04", "2024-05", "2024-06", "undated"]
    commit = json.loads((tmp_path / "c" / "commits" / "00001.json").read_text())
    assert commit["rows"] == {"mentions": 10, "statements": 0, "sources": 5, "articles": 5}
    assert sorted(corpus.articles["article_id"]) == list("abcde")
    assert "month" not in corpus.articles.columns  # the partition key is not a table column


def test_date_range_reads_only_the_months_it_needs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_extractors(monkeypatch)
    corpus = Corpus.open(tmp_path / "c")
    corpus.add(articles())
    # damage the April and June files: a view of May must not even open them
    for month in ("2024-04", "2024-06"):
        for p in (tmp_path / "c").glob(f"*/month={month}/*.parquet"):
            p.write_bytes(b"not parquet")
    may = corpus.table("articles", columns=["article_id", "published"], date_range=("2024-05-01", "2024-05-31"))
    assert sorted(may["article_id"]) == ["b", "c"] and list(may.columns) == ["article_id", "published"]
    # a range cutting a month keeps only the rows of articles published inside it
    late = corpus.table("mentions", columns=["article_id", "entity_id"], date_range=("2024-05-10", "2024-05-31"))
    assert sorted(late["article_id"]) == ["c", "c"]
    whole = corpus.table("sources", date_range=(pd.Timestamp("2024-05-01", tz="UTC"), "2024-05-31"))
    assert sorted(whole["article_id"]) == ["b", "c"] and list(whole.columns) == list(schema.SOURCES)
    with pytest.raises(CorpusError, match="damaged part file articles/month=2024-04/part-00001.parquet "):  # the damage is real
        corpus.table("articles", columns=["article_id"])


def test_open_ended_ranges_filters_and_empty_results(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_extractors(monkeypatch)
    corpus = Corpus.open(tmp_path / "c")
    corpus.add(articles())
    assert sorted(corpus.table("articles", date_range=(None, "2024-05-02"))["article_id"]) == ["a", "b"]
    assert sorted(corpus.table("articles", date_range=("2024-05-21", None))["article_id"]) == ["d"]
    assert sorted(corpus.table("articles", date_range=(None, None))["article_id"]) == list("abcde")
    officials = corpus.table("mentions", filters=[("entity_type", "==", "official")])
    assert len(officials) == 5 and set(officials["entity_id"]) == {"Q1"}
    both = corpus.table("mentions", columns=["article_id"], date_range=("2024-05-01", "2024-05-31"),
                        filters=ds.field("entity_type") == "country")
    assert sorted(both["article_id"]) == ["b", "c"]
    undated = corpus.table("articles", columns=["article_id"], filters=[("month", "==", "undated")])
    assert list(undated["article_id"]) == ["e"]
    none = corpus.table("statements", date_range=("2030-01-01", None))
    assert none.empty and list(none.columns) == list(schema.STATEMENTS)
    nothing = corpus.table("articles", columns=["article_id", "title"], date_range=("2030-01-01", None))
    assert nothing.empty and list(nothing.columns) == ["article_id", "title"]


def test_table_argument_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_extractors(monkeypatch)
    corpus = Corpus.open(tmp_path / "c")
    corpus.add(articles())
    with pytest.raises(ValueError, match="date_range must be a"):
        corpus.table("articles", date_range="2024-05")
    with pytest.raises(ValueError, match="cannot read 'soon' as a date"):
        corpus.table("articles", date_range=("soon", None))
    with pytest.raises(ValueError, match=r"\['nope'\] not in the articles table"):
        corpus.table("articles", columns=["article_id", "nope"])
    with pytest.raises(TypeError, match="columns must be a list"):
        corpus.table("articles", columns="text")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="filters must be"):
        corpus.table("articles", filters="outlet == 'x'")
    with pytest.raises(ValueError, match="filters="):
        corpus.table("articles", filters=[("outlet", "~~", "x")])


def test_text_columns_are_plain_str_or_none_and_repeats_share_objects(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_extractors(monkeypatch)
    corpus = Corpus.open(tmp_path / "c")
    corpus.add(articles())
    arts = corpus.articles
    assert arts["outlet"].dtype == object and arts["language"].tolist() == [None] * 5
    assert arts["outlet"].iloc[0] is arts["outlet"].iloc[3]  # one Python object for a repeated value
    m = corpus.mentions
    assert m["role"].tolist() == [None] * 10 and m["name"].iloc[0] is m["name"].iloc[2]
    assert m["start"].dtype == "int64" and m["in_quote"].dtype == bool
    assert "pid" in m.columns  # extra columns kept


def test_workers_run_in_other_processes_and_keep_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_extractors(monkeypatch)
    monkeypatch.setattr(toolkit.corpus, "_MIN_CHUNK", 1)
    dates = {f"x{i:02d}": f"2024-0{1 + i % 3}-1{i % 10}T00:00:00Z" for i in range(12)}
    corpus = Corpus.open(tmp_path / "c")
    report = corpus.add(articles(dates), workers=2)
    assert (report.added, report.mentions, report.sources) == (12, 24, 12)
    m = corpus.mentions
    assert os.getpid() not in set(m["pid"])  # extraction ran in the pool's processes
    by_batch = pd.concat([corpus.table("articles", columns=["article_id"], filters=[("month", "==", f"2024-0{k}")])
                          for k in (1, 2, 3)])
    assert sorted(by_batch["article_id"]) == sorted(dates)
    with pytest.raises(ValueError, match="workers=0: must be an int >= 1"):
        corpus.add(articles(dates), workers=0)


REAL = [
    ("Lithuania is ready to send troops to Ukraine, Prime Minister Ingrida Simonyte told the Financial "
     "Times on Wednesday. \"We have a parliamentary approval for that,\" Simonyte said. The Kremlin "
     "spokesman Dmitry Peskov said on Tuesday that it was a dangerous escalation, according to Reuters."),
    ("French President Emmanuel Macron told The Economist that he would not rule out sending troops. "
     "\"If the Russians break through the front lines,\" he said, \"we would have to ask the question.\""),
    ("Britain's Foreign Secretary David Cameron said Ukraine could use British weapons to strike inside "
     "Russia, Reuters reported. Moscow summoned the British ambassador, the foreign ministry said."),
]


def test_workers_give_the_same_tables_as_one_worker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The real extractors, 1 worker vs 2 processes: same rows, same order, every table."""
    seed = (ROOT / "datasets" / "articles" / "lithuania-troops-2024-05-08.md").read_text(encoding="utf-8")
    texts = [*REAL, seed]
    arts = schema.from_records([
        {"article_id": f"r{i:02d}", "title": f"Report {i}", "text": texts[i % len(texts)] + f" Item {i}.",
         "published": f"2024-0{4 + i % 3}-0{1 + i % 9}T12:00:00Z", "outlet": "Example",
         "outlet_domain": "example.org"} for i in range(16)], "articles")
    monkeypatch.setattr(toolkit.corpus, "_MIN_CHUNK", 2)
    one = Corpus.open(tmp_path / "one")
    two = Corpus.open(tmp_path / "two")
    r1 = one.add(arts, workers=1)
    r2 = two.add(arts, workers=2)
    assert r1.mentions > 16 and r1.statements > 4  # the extractors did find things
    assert (r1.mentions, r1.statements, r1.sources) == (r2.mentions, r2.statements, r2.sources)
    for name in ("articles", "mentions", "statements", "sources"):
        pd.testing.assert_frame_equal(one.table(name), two.table(name), obj=name)


def test_version_1_corpus_is_converted_on_open(tmp_path: Path) -> None:
    root = tmp_path / "old"
    for table in ("articles", "mentions", "statements", "sources"):
        (root / table).mkdir(parents=True)
    (root / "corpus.json").write_text(json.dumps({"format": "toolkit-corpus", "version": 1}))
    arts = articles({"a": "2024-05-02T10:00:00Z", "b": None})
    arts.to_parquet(root / "articles" / "part-00001.parquet", index=False)
    ments = schema.from_records([{"article_id": "a", "field": "text", "entity_type": "country",
                                  "entity_id": "LTU", "start": 1, "end": 2, "in_quote": False}], "mentions")
    ments.to_parquet(root / "mentions" / "part-00001.parquet", index=False)
    ments.to_parquet(root / "mentions" / "part-00002.parquet", index=False)  # uncommitted leftover

    corpus = Corpus.open(root)
    assert sorted(corpus.articles["article_id"]) == ["a", "b"]
    assert list(corpus.mentions["article_id"]) == ["a"] and corpus.statements.empty
    assert json.loads((root / "corpus.json").read_text())["version"] == toolkit.corpus.VERSION
    assert not list(root.glob("*/part-*.parquet"))  # old files gone
    assert (root / "mentions" / "month=2024-05" / "part-00001.parquet").exists()
    assert corpus.add(articles({"c": "2024-06-01T00:00:00Z"})).batch == 2
    assert sorted(Corpus.open(root).articles["article_id"]) == ["a", "b", "c"]


def test_add_extracted_keeps_only_rows_of_articles_added_now(tmp_path: Path) -> None:
    corpus = Corpus.open(tmp_path / "c")
    corpus.add_extracted(articles({"a": "2024-05-02T10:00:00Z"}), mentions=schema.empty("mentions"),
                         statements=schema.empty("statements"), sources=schema.empty("sources"))
    src = schema.from_records([{"article_id": a, "source": "Reuters", "start": 0, "end": 7}
                               for a in ("a", "b", "zz")], "sources")
    report = corpus.add_extracted(articles({"a": "2024-05-02T10:00:00Z", "b": None}),
                                  mentions=schema.empty("mentions"), statements=schema.empty("statements"),
                                  sources=src)
    assert (report.added, report.already_present, report.sources) == (1, 1, 1)
    assert list(corpus.sources["article_id"]) == ["b"]  # "a" was stored before, "zz" is unknown
    with pytest.raises(schema.SchemaError, match="sources lacks column"):
        corpus.add_extracted(articles({"c": None}), mentions=schema.empty("mentions"),
                             statements=schema.empty("statements"), sources=pd.DataFrame({"x": [1]}))
