"""Run the extractors on a Dask cluster and write a corpus (needs ``pip install 'toolkit[distributed]'``).

    from dask.distributed import Client
    from toolkit.distributed import extract_corpus

    client = Client("tcp://scheduler:8786")            # any dask.distributed cluster
    report = extract_corpus("articles/*.parquet", output="my-corpus/", client=client)
    report.corpus.statements                           # a toolkit.Corpus, as after corpus.add

The articles are read with ``dask.dataframe.read_parquet`` (a Parquet file, folder, glob or list
of them holding the articles table's columns, or an existing ``Corpus`` whose articles are
used); ``map_partitions`` runs the same extract functions as ``Corpus.add`` (``extract_mentions``,
``extract_statements``, ``extract_sources``) on each partition, on the workers, with ``meta``
from ``toolkit.schema``. The client process gathers a few partitions at a time and writes each
group as one committed batch of the output corpus (``Corpus.add_extracted``), so the output has
the layout, crash safety and resumability of any corpus: killed half-way, running it again adds
the rest. Articles already in the output corpus are skipped before extraction.

The workers need the same toolkit installed (its knowledge base and lexicons ship in the
package's ``datasets/``); the output folder only needs to be reachable from the client.
Partitions: one per Parquet row group; ``articles_per_partition`` splits them further so that
every worker gets work (write the articles with ``row_group_size`` of a few thousand for big
inputs).
"""
from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from toolkit import schema
from toolkit.corpus import DERIVED, PARTITION, Corpus, _conform, committed_files
from toolkit.extract import mentions as _mentions
from toolkit.extract import sources as _sources
from toolkit.extract import statements as _statements

log = logging.getLogger(__name__)

_EXTRACTORS = {"mentions": "extract_mentions", "statements": "extract_statements",
               "sources": "extract_sources"}


@dataclass
class DistributedReport:
    """What ``extract_corpus`` did: the output corpus, the batches it committed and the counts."""

    corpus: Corpus
    partitions: int = 0
    batches: list[int] = field(default_factory=list)
    added: int = 0
    already_present: int = 0
    repeated: int = 0
    mentions: int = 0
    statements: int = 0
    sources: int = 0


class DistributedArgumentError(ValueError):
    """A bad argument to ``extract_corpus``."""


def _dask() -> tuple[Any, Any]:
    try:
        import dask
        import dask.dataframe as dd
    except ImportError as exc:  # the optional extra
        raise ImportError("toolkit.distributed needs Dask: pip install 'toolkit[distributed]' "
                          "(dask[distributed])") from exc
    return dask, dd


def _extract_partition(df: pd.DataFrame, table: str) -> pd.DataFrame:
    """One extractor over one partition (runs on a worker). Repeated article_ids in the
    partition are extracted once, as ``Corpus.add`` does."""
    df = df.drop_duplicates("article_id").reset_index(drop=True)
    module = {"mentions": _mentions, "statements": _statements, "sources": _sources}[table]
    out = getattr(module, _EXTRACTORS[table])(df)
    out.attrs = {}
    return _conform(out, table)


def _meta(table: str) -> pd.DataFrame:
    return _conform(schema.empty(table), table)


def _article_paths(source: object) -> list[str] | str:
    """Parquet paths (or one path/glob) of the articles of ``source``."""
    if isinstance(source, Corpus) or (isinstance(source, (str, Path)) and Corpus.is_corpus(source)):
        corpus = source if isinstance(source, Corpus) else Corpus.open(source, create=False)
        return [str(p) for p in committed_files(corpus.path, "articles")]
    if isinstance(source, (str, Path)):
        return str(source)
    if isinstance(source, Sequence) and source and all(isinstance(s, (str, Path)) for s in source):
        return [str(s) for s in source]
    raise DistributedArgumentError(
        f"source={source!r}: give a Parquet file, folder, glob or list of them holding articles, "
        "or a toolkit Corpus (or its folder)")


def _client_of(client: object) -> tuple[Any, bool]:
    """(client or None, whether we opened it and must close it)."""
    if client is None:
        try:
            from distributed import default_client

            return default_client(), False
        except (ImportError, ValueError):  # no active client: Dask's local scheduler
            return None, False
    if isinstance(client, str):
        from distributed import Client

        return Client(client), True
    if hasattr(client, "compute") and hasattr(client, "gather"):
        return client, False
    raise DistributedArgumentError(f"client={client!r}: give a dask.distributed Client, a scheduler "
                                   "address such as 'tcp://scheduler:8786', or None")


def extract_corpus(source: object, *, output: str | Path, client: object = None,
                   articles_per_partition: int | None = None,
                   partitions_per_batch: int | None = None) -> DistributedReport:
    """Extract mentions, statements and sources of the articles in ``source`` on Dask and write
    all four tables into the corpus at ``output`` (created when missing).

    ``source``: Parquet file/folder/glob/list of articles, or a Corpus (or its folder).
    ``client``: a ``dask.distributed.Client``, a scheduler address ("tcp://host:8786", opened
    and closed here), or None for the active client (else Dask's local scheduler).
    ``articles_per_partition``: split the input into partitions of about this many articles.
    ``partitions_per_batch``: partitions gathered and committed together (default: the
    cluster's thread count, at least 2). Returns a DistributedReport."""
    dask, dd = _dask()
    for name, value in (("articles_per_partition", articles_per_partition),
                        ("partitions_per_batch", partitions_per_batch)):
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
            raise DistributedArgumentError(f"{name}={value!r}: must be None or an int >= 1")
    paths = _article_paths(source)
    out = Corpus.open(output)
    report = DistributedReport(corpus=out)
    if not paths:  # a corpus without articles
        log.info("extract_corpus: no articles in %r", source)
        return report

    dclient, opened = _client_of(client)
    try:
        with dask.config.set({"dataframe.convert-string": False}):
            # paths may be local or any URL Dask reads (s3://...): the workers read them
            articles = dd.read_parquet(paths, split_row_groups=True)
            columns = [c for c in articles.columns if c != PARTITION]
            missing = [c for c in ("article_id", "text") if c not in columns]
            if missing:
                raise schema.SchemaError(f"source={source!r}: the articles lack column(s) {missing}; "
                                         f"they have {columns}")
            articles = articles[columns]
            present = out.table("articles", columns=["article_id"])["article_id"]
            if len(present):  # resuming: do not extract again what is stored
                articles = articles[~articles["article_id"].isin(list(present))]
            if articles_per_partition:
                total = int(articles.shape[0].compute()) if dclient is None else int(
                    dclient.compute(articles.shape[0]).result())
                articles = articles.repartition(npartitions=max(1, math.ceil(total / articles_per_partition)))
            # enforce_metadata=False: extractors may add extra columns (welcome); meta has the spec's
            tables = {t: articles.map_partitions(_extract_partition, t, meta=_meta(t),
                                                 enforce_metadata=False) for t in DERIVED}
            parts = [articles.to_delayed(), *(tables[t].to_delayed() for t in DERIVED)]
            n = len(parts[0])
            report.partitions = n
            step = partitions_per_batch or max(2, _threads(dclient))
            for lo in range(0, n, step):
                wanted = [p[i] for i in range(lo, min(n, lo + step)) for p in parts]
                if dclient is not None:
                    done = dclient.gather(dclient.compute(wanted))
                else:
                    done = list(dask.compute(*wanted))
                frames = _fresh_rows([done[i:i + 4] for i in range(0, len(done), 4)])
                added = out.add_extracted(frames[0], mentions=frames[1], statements=frames[2],
                                          sources=frames[3])
                if added.batch is not None:
                    report.batches.append(added.batch)
                for name in ("added", "already_present", "repeated", *DERIVED):
                    setattr(report, name, getattr(report, name) + getattr(added, name))
                log.info("extract_corpus: partitions %d-%d of %d committed (%d article(s))",
                         lo + 1, min(n, lo + step), n, added.added)
    finally:
        if opened:
            dclient.close()
    return report


def _fresh_rows(groups: list[list[pd.DataFrame]]) -> list[pd.DataFrame]:
    """Concatenate the (articles, mentions, statements, sources) of several partitions, keeping
    an article repeated in two partitions (and its rows) only where it first appears."""
    seen: set[Any] = set()
    kept: list[list[pd.DataFrame]] = []
    for group in groups:
        ids = [i for i in pd.unique(group[0]["article_id"]) if i not in seen]
        seen.update(ids)
        fresh = set(ids)
        kept.append([df[df["article_id"].isin(fresh)] for df in group])
    return [pd.concat([g[k] for g in kept], ignore_index=True) for k in range(4)]


def _threads(client: Any) -> int:
    if client is None:
        return 2
    try:
        return int(sum(client.nthreads().values()))
    except Exception:  # noqa: BLE001  a client that cannot say: a small default
        return 2
