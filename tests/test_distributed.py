"""toolkit.distributed on a local 2-worker Dask cluster equals the single-process corpus."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from toolkit import schema
from toolkit._paths import ROOT
from toolkit.corpus import Corpus

pytest.importorskip("dask.dataframe", reason="dask is not installed (pip install 'toolkit[distributed]')")
distributed = pytest.importorskip("distributed", reason="dask.distributed is not installed")

from toolkit.distributed import DistributedArgumentError, extract_corpus

TEXTS = [
    ("Lithuania is ready to send troops to Ukraine, Prime Minister Ingrida Simonyte told the Financial "
     "Times on Wednesday. \"We have a parliamentary approval for that,\" Simonyte said. The Kremlin "
     "spokesman Dmitry Peskov said on Tuesday that it was a dangerous escalation, according to Reuters."),
    ("French President Emmanuel Macron told The Economist that he would not rule out sending troops. "
     "\"If the Russians break through the front lines,\" he said, \"we would have to ask the question.\""),
    ("Britain's Foreign Secretary David Cameron said Ukraine could use British weapons to strike inside "
     "Russia, Reuters reported. Moscow summoned the British ambassador, the foreign ministry said."),
    (ROOT / "datasets" / "articles" / "lithuania-troops-2024-05-08.md").read_text(encoding="utf-8"),
]


def make_articles(n: int) -> pd.DataFrame:
    return schema.from_records([
        {"article_id": f"d{i:03d}", "url": f"https://example.org/{i}", "title": f"Report {i}",
         "text": TEXTS[i % len(TEXTS)] + f" Item {i}.", "outlet": "Example", "outlet_domain": "example.org",
         "published": None if i % 7 == 6 else f"2024-0{4 + i % 3}-{1 + i % 28:02d}T12:00:00Z",
         "source": f"https://example.org/{i}"} for i in range(n)], "articles")


@pytest.fixture(scope="module")
def cluster() -> Iterator[object]:
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as local:
        yield local


def by_article(df: pd.DataFrame) -> pd.DataFrame:
    # a stable sort: rows of one article keep the extractor's order
    return df.sort_values("article_id", kind="stable").reset_index(drop=True)


def test_dask_run_equals_single_process_run(tmp_path: Path, cluster: object) -> None:
    from distributed import Client

    arts = make_articles(24)
    repeated = pd.concat([arts, arts.iloc[[3]]], ignore_index=True)  # one article twice, other partition
    src = tmp_path / "articles.parquet"
    repeated.to_parquet(src, index=False, row_group_size=5)  # 5 row groups: 5 partitions

    single = Corpus.open(tmp_path / "single")
    single.add(arts, workers=1)

    with Client(cluster) as client:  # type: ignore[no-untyped-call]
        report = extract_corpus(src, output=tmp_path / "dist", client=client, partitions_per_batch=2)
    assert report.partitions == 5 and len(report.batches) == 3
    assert report.added == 24 and report.statements > 10
    dist = Corpus.open(tmp_path / "dist")
    for name in ("articles", "mentions", "statements", "sources"):
        a, b = by_article(single.table(name)), by_article(dist.table(name))
        assert len(a) > 0, name
        pd.testing.assert_frame_equal(a, b, obj=name)

    # the scheduler's address works too; a re-run adds nothing (all present), and a corpus is
    # a valid source: its articles are re-extracted into another corpus, same result
    again = extract_corpus(src, output=tmp_path / "dist", client=cluster.scheduler_address)  # type: ignore[attr-defined]
    assert (again.added, again.batches) == (0, [])
    copy = extract_corpus(single, output=tmp_path / "copy", client=cluster.scheduler_address,  # type: ignore[attr-defined]
                          articles_per_partition=10)
    assert copy.added == 24 and copy.partitions >= 3
    pd.testing.assert_frame_equal(by_article(Corpus.open(tmp_path / "copy").statements),
                                  by_article(single.statements))


def test_bad_arguments(tmp_path: Path) -> None:
    with pytest.raises(DistributedArgumentError, match="source=42"):
        extract_corpus(42, output=tmp_path / "o")
    with pytest.raises(DistributedArgumentError, match="client=3"):
        make_articles(2).to_parquet(tmp_path / "a.parquet")
        extract_corpus(tmp_path / "a.parquet", output=tmp_path / "o", client=3)
    with pytest.raises(DistributedArgumentError, match="articles_per_partition=0"):
        extract_corpus(tmp_path / "a.parquet", output=tmp_path / "o", articles_per_partition=0)
    pd.DataFrame({"article_id": ["x"]}).to_parquet(tmp_path / "no-text.parquet")
    with pytest.raises(schema.SchemaError, match=r"lack column\(s\) \['text'\]"):
        extract_corpus(tmp_path / "no-text.parquet", output=tmp_path / "o2")
