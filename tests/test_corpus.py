"""Corpus: a folder of Parquet tables with atomic, resumable adds."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pandas as pd
import pytest

import toolkit.extract.mentions
import toolkit.extract.sources
import toolkit.extract.statements
from toolkit import schema
from toolkit.corpus import AddReport, Corpus, CorpusError, CorpusNotFoundError
from toolkit.io import LoadReport


def make_articles(ids: list[str]) -> pd.DataFrame:
    return schema.from_records([
        {"article_id": i, "url": f"https://example.org/{i}", "outlet": "Example",
         "outlet_domain": "example.org", "outlet_country": "USA", "title": f"Title {i}",
         "authors": [f"Author {i}", "Second Writer"], "published": "2024-05-08T10:30:00Z",
         "language": "en", "text": f"Body of {i}. Lithuania said so.", "source": f"https://example.org/{i}"}
        for i in ids
    ], "articles")


def fake_extractors(monkeypatch: pytest.MonkeyPatch) -> None:
    """Extractors that return one row per article, so derived tables are non-empty."""
    def mentions(df: pd.DataFrame) -> pd.DataFrame:
        return schema.from_records([
            {"article_id": a, "field": "text", "entity_type": "country", "entity_id": "LTU",
             "name": "Lithuania", "country": "LTU", "role": None, "surface": "Lithuania",
             "start": 10, "end": 19, "in_quote": False} for a in df["article_id"]], "mentions")

    def statements(df: pd.DataFrame) -> pd.DataFrame:
        return schema.from_records([
            {"statement_id": f"{a}-s1", "article_id": a, "kind": "indirect", "quote": "so",
             "quote_start": 1, "quote_end": 3, "speaker": "Lithuania", "confidence": 0.5,
             "statement_date": "2024-05-06T00:00:00Z"} for a in df["article_id"]], "statements")

    def sources(df: pd.DataFrame) -> pd.DataFrame:
        return schema.from_records([
            {"article_id": a, "source": "Reuters", "source_type": "agency", "source_country": "GBR",
             "surface": "Reuters", "start": 0, "end": 7} for a in df["article_id"]], "sources")

    monkeypatch.setattr(toolkit.extract.mentions, "extract_mentions", mentions)
    monkeypatch.setattr(toolkit.extract.statements, "extract_statements", statements)
    monkeypatch.setattr(toolkit.extract.sources, "extract_sources", sources)


def test_open_creates_and_empty_tables_have_every_column(tmp_path: Path) -> None:
    corpus = Corpus.open(tmp_path / "new" / "corpus")
    assert (tmp_path / "new" / "corpus" / "corpus.json").is_file()
    for name in ("articles", "mentions", "statements", "sources"):
        df = getattr(corpus, name)
        assert df.empty and list(df.columns) == list(schema.TABLES[name])
    assert len(corpus) == 0
    assert Corpus.open(tmp_path / "new" / "corpus").path == corpus.path  # reopening works


def test_open_refuses_files_foreign_folders_and_missing_without_create(tmp_path: Path) -> None:
    f = tmp_path / "file.txt"
    f.write_text("x")
    with pytest.raises(CorpusError, match="is a file"):
        Corpus.open(f)
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "notes.md").write_text("mine")
    with pytest.raises(CorpusError, match="non-empty folder that is not a corpus"):
        Corpus.open(foreign)
    with pytest.raises(CorpusNotFoundError, match="no corpus"):
        Corpus.open(tmp_path / "absent", create=False)
    assert not (tmp_path / "absent").exists()
    with pytest.raises(TypeError, match="path must be"):
        Corpus.open(42)  # type: ignore[arg-type]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert Corpus.open(empty).articles.empty  # an empty folder is fine
    cached = tmp_path / "cached"
    (cached / "http-cache").mkdir(parents=True)  # left by a first ingest that loaded nothing
    (cached / "http-cache" / "x.html").write_text("<html></html>")
    assert Corpus.open(cached).cache_dir == cached / "http-cache"
    assert (cached / "http-cache" / "x.html").exists()


def test_add_roundtrips_articles_and_skips_present(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_extractors(monkeypatch)
    corpus = Corpus.open(tmp_path / "c")
    arts = make_articles(["a", "b"])
    original = arts.copy()
    report = corpus.add(arts)
    pd.testing.assert_frame_equal(arts, original)  # input untouched
    assert isinstance(report, AddReport)
    assert (report.added, report.already_present, report.mentions, report.statements, report.sources) == (
        2, 0, 2, 2, 2)

    stored = Corpus.open(tmp_path / "c").articles
    assert list(stored["article_id"]) == ["a", "b"]
    assert stored["authors"].tolist() == [["Author a", "Second Writer"], ["Author b", "Second Writer"]]
    assert all(isinstance(v, list) for v in stored["authors"])
    assert str(stored["published"].dtype) == "datetime64[ns, UTC]"
    assert stored["published"].iloc[0] == pd.Timestamp("2024-05-08T10:30:00Z")
    assert stored["text"].iloc[1] == "Body of b. Lithuania said so."
    assert list(stored.columns[: len(schema.ARTICLES)]) == list(schema.ARTICLES)

    again = corpus.add(make_articles(["b", "c", "c"]))
    assert (again.added, again.already_present, again.repeated) == (1, 1, 1)
    assert sorted(corpus.articles["article_id"]) == ["a", "b", "c"]
    assert sorted(corpus.mentions["article_id"]) == ["a", "b", "c"]
    assert corpus.statements["statement_id"].is_unique and len(corpus.statements) == 3
    assert str(corpus.statements["statement_date"].dtype) == "datetime64[ns, UTC]"
    assert list(corpus.sources["source"]) == ["Reuters"] * 3

    ids = corpus.table("mentions", columns=["article_id", "start"])  # a subset, as `info` reads
    assert list(ids.columns) == ["article_id", "start"] and str(ids["start"].dtype) == "int64"
    assert len(ids) == 3
    part = tmp_path / "c" / "articles" / "month=2024-05" / "part-00001.parquet"
    assert part.stat().st_mode & 0o777 == 0o644  # readable by others, like any data file

    nothing = corpus.add(make_articles(["a"]))
    assert (nothing.added, nothing.batch) == (0, None)
    assert len(corpus) == 3


def test_add_drops_rows_without_id_and_checks_input(tmp_path: Path) -> None:
    corpus = Corpus.open(tmp_path / "c")
    arts = make_articles(["a", "b"])
    arts.loc[1, "article_id"] = pd.NA
    report = corpus.add(arts)
    assert (report.added, report.no_id) == (1, 1)
    with pytest.raises(schema.SchemaError, match="article_id"):
        corpus.add(pd.DataFrame({"text": ["x"]}))
    with pytest.raises(TypeError, match="articles must be a pandas DataFrame"):
        corpus.add([{"article_id": "x"}])  # type: ignore[arg-type]


def test_minimal_columns_are_completed(tmp_path: Path) -> None:
    corpus = Corpus.open(tmp_path / "c")
    corpus.add(pd.DataFrame({"article_id": ["x"], "text": ["Some text."], "authors": [None],
                             "extra": [7]}))
    stored = corpus.articles
    assert list(stored.columns) == [*schema.ARTICLES, "extra"]
    assert stored["authors"].iloc[0] == [] and stored["extra"].iloc[0] == 7
    assert pd.isna(stored["published"].iloc[0])


@pytest.mark.parametrize("die_at", ["commit", "articles"])
def test_crash_before_commit_keeps_previous_state_and_rerun_completes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, die_at: str) -> None:
    fake_extractors(monkeypatch)
    path = tmp_path / "c"
    corpus = Corpus.open(path)
    corpus.add(make_articles(["a", "b"]))

    real_replace = os.replace
    written: list[str] = []

    def crash(src: str, dst: str) -> None:
        table = Path(dst).parent.parent.name if Path(dst).parent.name.startswith("month=") \
            else Path(dst).parent.name
        # "articles": killed after the first of the batch's articles files landed
        if (die_at == "commit" and table == "commits") or (die_at == "articles" and "articles" in written):
            raise OSError("simulated crash: killed before the batch was committed")
        written.append(table)
        real_replace(src, dst)

    arts = make_articles(["b", "c", "d"])
    arts.loc[2, "published"] = pd.Timestamp("2024-06-01T00:00:00Z")  # the batch spans two months
    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="simulated crash"):
        corpus.add(arts)
    monkeypatch.setattr(os, "replace", real_replace)
    expected = ["mentions"] * 2 + ["statements"] * 2 + ["sources"] * 2 + ["articles"] * (
        2 if die_at == "commit" else 1)
    assert written == expected  # derived parts did land on disk, then articles parts
    assert (path / "mentions" / "month=2024-06" / "part-00002.parquet").exists()
    assert (path / "articles" / "month=2024-05" / "part-00002.parquet").exists()
    assert not (path / "commits" / "00002.json").exists()

    # the previous state is what a reader sees
    reopened = Corpus.open(path)
    assert sorted(reopened.articles["article_id"]) == ["a", "b"]
    assert len(reopened) == 2
    for name in ("mentions", "statements", "sources"):
        assert sorted(getattr(reopened, name)["article_id"]) == ["a", "b"], name
    assert not list(path.rglob("*.tmp"))

    # running the same add again completes it, with no duplicated rows
    report = reopened.add(arts)
    assert (report.added, report.already_present) == (2, 1)
    assert sorted(reopened.articles["article_id"]) == ["a", "b", "c", "d"]
    for name in ("mentions", "statements", "sources"):
        assert sorted(getattr(reopened, name)["article_id"]) == ["a", "b", "c", "d"], name
    assert (path / "commits" / "00002.json").exists()


def test_crash_then_different_batch_leaves_no_orphans(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_extractors(monkeypatch)
    corpus = Corpus.open(tmp_path / "c")
    corpus.add(make_articles(["a"]))

    real_replace = os.replace

    def crash_on_sources(src: str, dst: str) -> None:
        if Path(dst).parent.parent.name == "sources":
            raise OSError("simulated crash")
        real_replace(src, dst)

    # mentions and statements parts land, then the run dies: nothing committed
    monkeypatch.setattr(os, "replace", crash_on_sources)
    with pytest.raises(OSError):
        corpus.add(make_articles(["x", "y"]))
    monkeypatch.setattr(os, "replace", real_replace)
    leftover = tmp_path / "c" / "mentions" / "month=2024-05" / "part-00002.parquet"
    assert leftover.exists()
    assert sorted(corpus.mentions["article_id"]) == ["a"]  # ignored: not committed
    corpus.add(make_articles([]))  # an add with nothing new still tidies leftovers
    assert sorted(corpus.mentions["article_id"]) == ["a"]
    assert not leftover.exists()
    corpus.add(make_articles(["z"]))
    assert sorted(corpus.mentions["article_id"]) == ["a", "z"]
    assert sorted(corpus.articles["article_id"]) == ["a", "z"]


def test_skipped_inputs_are_logged_until_loaded(tmp_path: Path) -> None:
    corpus = Corpus.open(tmp_path / "c")
    arts = make_articles(["a"])
    arts.attrs["load_report"] = LoadReport(loaded=1, skipped=[("bad.bin", "binary file"),
                                                               ("https://example.org/b", "HTTP 404")],
                                           duplicates=2)
    report = corpus.add(arts)
    assert report.skipped == [("bad.bin", "binary file"), ("https://example.org/b", "HTTP 404")]
    assert (report.loaded, report.duplicates) == (1, 2)
    skipped = Corpus.open(tmp_path / "c").skipped
    assert list(skipped.columns) == ["input", "reason", "recorded"]
    assert sorted(skipped["input"]) == ["bad.bin", "https://example.org/b"]

    corpus.add(make_articles(["b"]))  # its source is the URL that failed before
    assert list(corpus.skipped["input"]) == ["bad.bin"]
    history = corpus.history
    assert [h["added"] for h in history] == [1, 1] and history[0]["skipped"] == 2


def test_table_rejects_unknown_name(tmp_path: Path) -> None:
    corpus = Corpus.open(tmp_path / "c")
    assert list(corpus.table("sources", columns=["source", "start"]).columns) == ["source", "start"]
    with pytest.raises(ValueError, match="'quotes' is not a corpus table"):
        corpus.table("quotes")


@pytest.mark.skipif(sys.platform == "win32", reason="advisory lock is POSIX-only")
def test_concurrent_add_is_refused(tmp_path: Path) -> None:
    import fcntl

    corpus = Corpus.open(tmp_path / "c")
    with open(tmp_path / "c" / ".lock", "a") as fh:  # another writer holds the lock
        fcntl.flock(fh, fcntl.LOCK_EX)
        with pytest.raises(CorpusError, match="being written by another process"):
            corpus.add(make_articles(["a"]))
        fcntl.flock(fh, fcntl.LOCK_UN)
    assert corpus.add(make_articles(["a"])).added == 1


@pytest.mark.parametrize("left", ["marker temp file", "folders only", "marker temp file and lock"])
def test_crash_while_creating_before_corpus_json_is_in_place_is_recovered_by_the_next_open(
        tmp_path: Path, left: str) -> None:
    # what a SIGKILL during Corpus.open(path) leaves: the folders, and when it came while the
    # marker was being written, its temp file (write_atomic writes aside, then renames)
    path = tmp_path / "c"
    for sub in ("articles", "mentions", "statements", "sources", "commits"):
        (path / sub).mkdir(parents=True)
    if "temp" in left:
        (path / ".corpus.json.k2x9_q.tmp").write_text('{"format": "toolk')
    if "lock" in left:
        (path / ".lock").write_text("")
    corpus = Corpus.open(path)  # recovered: created as if the first attempt never happened
    assert corpus.articles.empty and (path / "corpus.json").is_file()
    assert not list(path.glob(".*.tmp"))
    assert corpus.add(make_articles(["a"])).added == 1


def test_crash_while_creating_then_foreign_file_says_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "c"
    (path / "articles").mkdir(parents=True)
    (path / ".corpus.json.k2x9_q.tmp").write_text("")
    (path / "notes.md").write_text("mine")
    with pytest.raises(CorpusError, match="not a corpus") as info:
        Corpus.open(path)
    assert "notes.md" in str(info.value) and "choose a new or empty folder" in str(info.value)


def test_deleted_part_file_is_named_not_read_as_an_empty_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_extractors(monkeypatch)
    corpus = Corpus.open(tmp_path / "c")
    corpus.add(make_articles(["a", "b"]))
    part = tmp_path / "c" / "mentions" / "month=2024-05" / "part-00001.parquet"
    part.unlink()
    with pytest.raises(CorpusError, match="missing") as info:
        corpus.table("mentions")
    assert str(part.relative_to(tmp_path / "c")) in str(info.value) and "--verify" in str(info.value)
    assert len(corpus.articles) == 2  # the other tables still read
    problems = corpus.verify()
    assert [(p, why) for p, why in problems] == [("mentions/month=2024-05/part-00001.parquet",
                                                   "missing (listed in commits/00001.json)")]


def test_damaged_part_file_is_named_not_a_bare_arrow_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_extractors(monkeypatch)
    corpus = Corpus.open(tmp_path / "c")
    corpus.add(make_articles(["a", "b"]))
    part = tmp_path / "c" / "statements" / "month=2024-05" / "part-00001.parquet"
    data = part.read_bytes()
    part.write_bytes(data[: len(data) // 2])  # cut in the middle: no footer
    with pytest.raises(CorpusError) as info:
        corpus.table("statements")
    message = str(info.value)
    assert "damaged" in message and "statements/month=2024-05/part-00001.parquet" in message
    assert str(tmp_path / "c") in message
    [(where, why)] = corpus.verify()
    assert where == "statements/month=2024-05/part-00001.parquet" and "damaged" in why
    assert corpus.verify(quick=True) == corpus.verify()


def test_verify_finds_a_part_file_with_wrong_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_extractors(monkeypatch)
    corpus = Corpus.open(tmp_path / "c")
    corpus.add(make_articles(["a", "b"]))
    assert corpus.verify() == []
    part = tmp_path / "c" / "sources" / "month=2024-05" / "part-00001.parquet"
    pd.read_parquet(part).iloc[:1].to_parquet(part)  # a valid file, one row short
    [(where, why)] = corpus.verify()
    assert where == "sources" and "1 row(s)" in why and "2" in why


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc to find the pool workers")
@pytest.mark.parametrize("workers", [2, 1])
def test_sigkill_during_add_with_workers_leaves_no_worker_holding_the_lock(tmp_path: Path, workers: int) -> None:
    import kill_during_add as kill

    base = kill.base_corpus(tmp_path / "base", 5)
    ref = kill.reference(tmp_path / "ref", base, 120)
    # the extractors sleep 2 s a call in the child, so the kill lands while the workers run
    trial = kill.kill_trial(base, tmp_path / "killed", ref, workers=workers,
                            delay=None if workers > 1 else 1.0, n=120, slow=2.0, wait_for_pool=workers > 1)
    assert not trial.finished
    assert trial.pool_seen == (workers if workers > 1 else 0)
    assert trial.orphans == 0  # the pool workers died with their parent
    assert not trial.locked and trial.exact
