"""toolkit.demo: the bundled press releases as a cached corpus, rebuilt when the extraction changes.

Built here from a two-article copy of the demo files (a few seconds), in a temporary cache."""
from __future__ import annotations

import pandas as pd
import pytest

from toolkit import Corpus, demo


@pytest.fixture
def small_demo(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    """DEMO_DIR holding two articles of each bundled file, the cache in tmp_path."""
    folder = tmp_path / "demo"
    folder.mkdir()
    for f in sorted(demo.DEMO_DIR.glob("*.parquet")):
        pd.read_parquet(f).head(2).to_parquet(folder / f.name)
    monkeypatch.setattr(demo, "DEMO_DIR", folder)
    monkeypatch.setenv("TOOLKIT_CACHE", str(tmp_path / "cache"))
    return folder


def test_the_bundled_demo_files_hold_the_press_releases() -> None:
    files = sorted(demo.DEMO_DIR.glob("*.parquet"))
    assert [f.name for f in files] == ["kremlin.ru.parquet", "president.gov.ua.parquet"]
    rows = {f.name: pd.read_parquet(f) for f in files}
    assert {n: len(t) for n, t in rows.items()} == {"kremlin.ru.parquet": 816,
                                                   "president.gov.ua.parquet": 980}
    for t in rows.values():
        assert list(t.columns) == ["url", "title", "published", "text"]
        assert t["text"].str.len().gt(0).all() and t["url"].is_unique
    assert sum(f.stat().st_size for f in files) < 2_500_000  # compact: zstd Parquet


def test_demo_corpus_is_built_once_and_then_opened(small_demo, tmp_path) -> None:  # type: ignore[no-untyped-def]
    first = demo.demo_corpus()
    assert isinstance(first, Corpus) and len(first.articles) == 4
    assert first.path.parent == tmp_path / "cache"
    assert first.path.name == f"{demo.PREFIX}{demo.extraction_version()}"
    marker = first.path / "corpus.json"
    stamp = marker.stat().st_mtime_ns
    again = demo.demo_corpus()
    assert again.path == first.path and marker.stat().st_mtime_ns == stamp  # not rebuilt
    assert not list((tmp_path / "cache").glob(".*.tmp"))  # no build folder left behind


def test_a_change_to_the_extraction_gives_a_new_corpus(small_demo, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    old = demo.demo_corpus()
    before = demo.extraction_version()
    pd.read_parquet(next(small_demo.glob("*.parquet"))).head(1).to_parquet(
        next(small_demo.glob("*.parquet")))  # the demo data changed: one article fewer
    assert demo.extraction_version() != before
    new = demo.demo_corpus()
    assert new.path != old.path and len(new.articles) == 3
    assert not old.path.exists()  # the corpus of the earlier version is removed


def test_missing_demo_files_say_so(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(demo, "DEMO_DIR", tmp_path / "nowhere")
    with pytest.raises(FileNotFoundError, match="demo articles are missing"):
        demo.demo_corpus(cache=tmp_path / "cache")
