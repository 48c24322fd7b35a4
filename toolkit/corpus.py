"""A corpus: a folder holding the four tables (articles, mentions, statements, sources) as
partitioned Parquet.

    corpus = Corpus.open("my-corpus/")          # created when missing
    report = corpus.add(tk.load_articles("saved-pages/"), workers=2)
    corpus.articles, corpus.mentions, corpus.statements, corpus.sources
    corpus.table("mentions", columns=["article_id", "entity_id"],
                 date_range=("2024-05-01", "2024-05-31"), filters=[("entity_type", "==", "country")])

Layout (format version 2)::

    corpus.json                                   marks the folder as a corpus
    <table>/month=YYYY-MM/part-NNNNN.parquet      rows of batch NNNNN whose article was published
    <table>/month=undated/part-NNNNN.parquet      ... in that month (the outlet's day), or has no date
    commits/NNNNN.json                            commit record of batch NNNNN (files, row counts)
    log.json                                      inputs the loader skipped, history of adds
    http-cache/                                   raw pages downloaded for it (``Corpus.cache_dir``)

Every table is partitioned by the month of the day its article's outlet published it
(``published_day``, else the UTC day of ``published``; mentions,
statements and sources rows go to the partition of their article), so a view over a period
reads only those months' files, and a view of some columns reads only those columns (Parquet is
columnar): ``corpus.table("articles", columns=[...])`` without ``"text"`` never loads the text,
by far the heaviest column. ``corpus.articles`` does load everything; over a large corpus ask
``table()`` for what the view needs.

Crash safety: every file is written aside and renamed into place (atomic on POSIX). A batch
writes its mentions, statements and sources parts first, then its articles parts, and last its
commit record: the commit record makes the batch visible. (The articles of a batch span several
month files, so no single articles file can serve as the commit marker any more; the articles
still land after the derived parts.) Parts of a batch without a commit record are ignored when
reading and removed by the next ``add``, so a run killed half-way leaves the previous state
readable and running ``add`` again completes it without duplicates. A corpus of format version 1
(``<table>/part-NNNNN.parquet``, unpartitioned) is converted to this layout when opened.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import json
import logging
import multiprocessing
import os
import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from toolkit import identity, schema
from toolkit.extract import mentions as _mentions
from toolkit.extract import sources as _sources
from toolkit.extract import statements as _statements
from toolkit.io.atomic import write_atomic

try:  # advisory lock against two concurrent adds; released by the OS if the process dies
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

MARKER = "corpus.json"
LOG = "log.json"
CACHE = "http-cache"  # raw pages downloaded for this corpus (toolkit.io.fetch's cache)
COMMITS = "commits"
FORMAT = "toolkit-corpus"
VERSION = 2
TABLE_NAMES = ("articles", "mentions", "statements", "sources")
DERIVED = ("mentions", "statements", "sources")
PARTITION = "month"  # hive-style partition key: month=YYYY-MM or month=undated
UNDATED = "undated"
_PART = re.compile(r"^part-(\d+)\.parquet$")
_MONTH_DIR = re.compile(r"^month=(\d{4}-\d{2}|undated)$")
_COMMIT = re.compile(r"^(\d+)\.json$")
_OWN_TEMP = re.compile(r"^\.(?:corpus|log)\.json\..+\.tmp$")  # write_atomic's, left by a kill
_DEDUP_SKIP = {"text"}  # long unique strings: not worth hashing to share Python objects
_MEMO = object()  # key of the last dictionary converted, in a column's shared-values dict
_EXTRACTOR_INPUTS = ("article_id", "text", "title", "published", "outlet", "outlet_domain",
                     "outlet_country")
_MIN_CHUNK = 50  # articles per process-pool task at least: smaller chunks cost more than they gain


class CorpusError(ValueError):
    """The path is not usable as a corpus (a file, a foreign folder, a damaged corpus)."""


class CorpusNotFoundError(CorpusError):
    """No corpus at the path (and ``create=False``)."""


@dataclass
class AddReport:
    """What one ``Corpus.add`` did. ``loaded``/``skipped``/``duplicates`` come from the loader's
    report when the articles carry one in ``attrs["load_report"]``."""

    batch: int | None = None
    received: int = 0
    added: int = 0
    already_present: int = 0
    repeated: int = 0  # same article_id twice in the input
    no_id: int = 0  # rows without an article_id: dropped
    mentions: int = 0
    statements: int = 0
    sources: int = 0
    loaded: int | None = None
    skipped: list[tuple[str, str]] = field(default_factory=list)
    duplicates: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


# -- arrow types of the table specs ----------------------------------------------------------

def _arrow_type(column: str, dtype: str) -> pa.DataType:
    if column == "authors":
        return pa.list_(pa.string())
    if dtype.startswith("datetime64"):
        return pa.timestamp("ns", tz="UTC")
    if column == "published_day":
        return pa.date32()
    return {"string": pa.string(), "int64": pa.int64(), "Int64": pa.int64(), "bool": pa.bool_(),
            "float64": pa.float64()}.get(dtype, pa.string())


def arrow_schema(table: str) -> pa.Schema:
    """The Parquet (arrow) schema of the spec columns of ``table``."""
    return pa.schema([pa.field(c, _arrow_type(c, t)) for c, t in schema.TABLES[table].items()])


# -- low-level storage: the only functions that know the on-disk layout -----------------------

def _write_json(path: Path, data: object) -> None:
    payload = json.dumps(data, ensure_ascii=False, indent=1, default=str).encode("utf-8")
    write_atomic(path, lambda fh: fh.write(payload))


def _part_path(root: Path, table: str, month: str, batch: int) -> Path:
    return root / table / f"{PARTITION}={month}" / f"part-{batch:05d}.parquet"


def _committed(root: Path) -> set[int]:
    folder = root / COMMITS
    if not folder.is_dir():
        return set()
    return {int(m.group(1)) for p in folder.iterdir() if (m := _COMMIT.match(p.name))}


def _files(root: Path, table: str) -> list[tuple[int, str, Path]]:
    """Every part file of ``table`` as (batch, month, path), committed or not, sorted."""
    folder = root / table
    if not folder.is_dir():
        return []
    found = []
    for sub in folder.iterdir():
        m = _MONTH_DIR.match(sub.name)
        if not (m and sub.is_dir()):
            continue
        for p in sub.iterdir():
            n = _PART.match(p.name)
            if n:
                found.append((int(n.group(1)), m.group(1), p))
    return sorted(found, key=lambda f: (f[0], f[1]))


def committed_files(root: str | Path, table: str, *, months: set[str] | None = None) -> list[Path]:
    """Paths of the committed part files of ``table`` (optionally only those ``months``), in
    batch order; what ``Corpus.table`` reads and what toolkit.distributed hands to Dask."""
    root = Path(root)
    done = _committed(root)
    return [p for n, m, p in _files(root, table) if n in done and (months is None or m in months)]


def _to_arrow(df: pd.DataFrame, table: str) -> pa.Table:
    """Spec columns at their arrow types; extra columns as arrow infers them."""
    spec = arrow_schema(table)
    extras = [c for c in df.columns if c not in spec.names]
    fields = list(spec)
    if extras:
        fields += list(pa.Table.from_pandas(df[extras], preserve_index=False).schema)
    return pa.Table.from_pandas(df, schema=pa.schema(fields), preserve_index=False)


def _write_part(path: Path, df: pd.DataFrame, table: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = _to_arrow(df, table)
    write_atomic(path, lambda fh: pq.write_table(data, fh, compression="zstd"))


def _outlet_days(articles: pd.DataFrame) -> pd.Series:
    """Each article's day as its outlet published it: ``published_day``, else the UTC day of
    ``published`` (articles loaded before the column existed)."""
    published = pd.to_datetime(articles["published"], utc=True, errors="coerce")
    if "published_day" not in articles.columns:
        return published
    day = pd.to_datetime(articles["published_day"], utc=True, errors="coerce")
    return day.where(day.notna(), published)


def _months(published: pd.Series) -> np.ndarray:
    """The partition value of each date: "YYYY-MM" or "undated"."""
    d = pd.to_datetime(published, utc=True, errors="coerce")
    out = np.full(len(d), UNDATED, dtype=object)
    ok = d.notna().to_numpy()
    if ok.any():
        years = d.dt.year.to_numpy()[ok].astype(int)
        months = d.dt.month.to_numpy()[ok].astype(int)
        out[ok] = [f"{y:04d}-{m:02d}" for y, m in zip(years, months, strict=True)]
    return out


def _is_text(t: pa.DataType) -> bool:
    return pa.types.is_string(t) or pa.types.is_large_string(t) or (
        pa.types.is_dictionary(t) and pa.types.is_string(t.value_type))


def _fill(arr: pa.Array, shared: dict[Any, Any] | None, target: np.ndarray) -> None:
    """Write a string array (plain or dictionary) into the object array ``target`` as str/None.
    With ``shared``, equal values are one Python object across every batch of the column, which
    keeps low-cardinality columns of millions of rows small (8 bytes a row)."""
    if shared is None and not pa.types.is_dictionary(arr.type):
        target[:] = arr.to_numpy(zero_copy_only=False)
        return
    if not pa.types.is_dictionary(arr.type):
        arr = pc.dictionary_encode(arr)
    d = arr.dictionary
    # the batches of one row group share its dictionary: convert it once, not once a batch
    key = (d.buffers()[-1].address if d.buffers()[-1] is not None else 0, d.offset, len(d))
    memo = shared.get(_MEMO) if shared is not None else None
    if memo is not None and memo[0] == key:
        uniques = memo[1]
    else:
        values = d.to_pylist()
        uniques = np.empty(len(values) + 1, dtype=object)
        uniques[:-1] = values if shared is None else [shared.setdefault(v, v) for v in values]
        uniques[-1] = None  # index of nulls
        if shared is not None:
            shared[_MEMO] = (key, uniques)
    np.take(uniques, arr.indices.fill_null(len(uniques) - 1).to_numpy(zero_copy_only=False), out=target)


def _read_frame(dataset: ds.Dataset, columns: list[str], expr: ds.Expression | None) -> pd.DataFrame:
    """Scan ``columns`` of the rows matching ``expr`` batch by batch into a DataFrame. Strings
    go straight into preallocated object columns of str/None, so the table never sits in memory
    twice (as arrow and as pandas) and no per-batch pieces fragment the heap: the peak is about
    the size of the result."""
    types = {c: dataset.schema.field(c).type for c in columns}
    rows = dataset.count_rows(filter=expr) if expr is not None else dataset.count_rows()
    texts = {c: np.empty(rows, dtype=object) for c in columns if _is_text(types[c])}
    shared: dict[str, dict[Any, Any] | None] = {c: None if c in _DEDUP_SKIP else {} for c in texts}
    pieces: dict[str, list[pa.Array]] = {c: [] for c in columns if c not in texts}
    at = 0
    # modest read-ahead: the default keeps many decoded batches in flight, a large share of the peak
    scanner = dataset.scanner(columns=columns, filter=expr, batch_readahead=4, fragment_readahead=2)
    for batch in scanner.to_batches():
        n = batch.num_rows
        if at + n > rows:  # cannot happen with committed (immutable) files; be loud if it does
            raise CorpusError(f"rows changed while reading {columns}: more than the {rows} counted")
        for c, arr in zip(columns, batch.columns, strict=True):
            if c in texts:
                _fill(arr, shared[c], texts[c][at:at + n])
            else:
                pieces[c].append(arr)
        at += n
    out: dict[str, pd.Series] = {}
    for c in columns:
        if c in texts:
            # an explicit object Series: pandas 3 would infer its "str" dtype from an array
            out[c] = pd.Series(texts.pop(c)[:at], dtype=object, copy=False)
        else:
            out[c] = pa.chunked_array(pieces.pop(c), type=types[c]).to_pandas()
    return pd.DataFrame(out, index=pd.RangeIndex(at), copy=False)


# -- helpers ---------------------------------------------------------------------------------

def _as_str_list(value: object) -> list[str]:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return []
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, (list, tuple, np.ndarray)):
        return [str(v) for v in value if v is not None and str(v)]
    return [str(value)]


def _as_text(values: pd.Series) -> pd.Series:
    # the house rule (schema.py): text columns are object columns of str or None, never pd.NA
    if values.dtype == object and not values.isna().any():
        return values
    out = values.astype(object)
    return out.where(out.notna(), None)


def _conform(df: pd.DataFrame, table: str, *, complete: bool = True, copy: bool = True) -> pd.DataFrame:
    """Spec columns first at their dtypes (missing ones added empty when ``complete``);
    extra columns kept. ``copy=False`` for a frame nobody else holds (saves its size)."""
    spec: dict[str, Any] = schema.TABLES[table]  # Any: pandas-stubs wants literal dtypes
    if copy:
        df = df.copy()
    for col in spec:
        if complete and col not in df.columns:
            df[col] = None
    df = df[[c for c in spec if c in df.columns] + [c for c in df.columns if c not in spec]]
    for col, dtype in spec.items():
        if col not in df.columns:
            continue
        if dtype.startswith("datetime64"):
            df[col] = pd.to_datetime(df[col], utc=True, errors="coerce").astype(dtype)
        elif col == "authors":
            df[col] = [_as_str_list(v) for v in df[col]]
        elif col == "published_day":
            days = pd.to_datetime(df[col], errors="coerce")
            df[col] = pd.Series([d.date() if pd.notna(d) else None for d in days], index=df.index, dtype=object)
        elif dtype == "string":
            df[col] = _as_text(df[col])
        elif dtype != "object" and str(df[col].dtype) != dtype:
            try:
                df[col] = df[col].astype(dtype)
            except (TypeError, ValueError) as exc:
                log.warning("%s.%s: cannot convert to %s (%s); kept as %s",
                            table, col, dtype, exc, df[col].dtype)
    return df


def _empty(table: str, columns: list[str] | None) -> pd.DataFrame:
    out = _conform(schema.empty(table), table)
    if columns is None:
        return out
    return pd.DataFrame({c: out[c] if c in out else pd.Series(dtype=object) for c in columns})


def _load_report_of(articles: pd.DataFrame) -> Any:
    return articles.attrs.get("load_report")


def _report_field(report: Any, name: str) -> Any:
    if report is None:
        return None
    if isinstance(report, dict):
        return report.get(name)
    return getattr(report, name, None)


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def _bound(value: object, *, end: bool) -> pd.Timestamp | None:
    if value is None:
        return None
    try:
        ts = pd.Timestamp(value)  # type: ignore[arg-type]
    except (TypeError, ValueError) as exc:
        raise ValueError(f"date_range: cannot read {value!r} as a date; give (start, end) as "
                         "dates, ISO strings or None") from exc
    if ts is pd.NaT:
        return None
    ts = ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")
    date_only = isinstance(value, dt.date) and not isinstance(value, dt.datetime)
    date_only = date_only or (isinstance(value, str) and len(value.strip()) <= 10)
    if end and date_only:
        ts = ts + pd.Timedelta(days=1)  # a date-only end includes that whole day
    return ts


def _range(date_range: object) -> tuple[pd.Timestamp | None, pd.Timestamp | None] | None:
    """(start, stop) with stop exclusive, or None for no date restriction."""
    if date_range is None:
        return None
    if isinstance(date_range, (str, bytes)) or not isinstance(date_range, Sequence) \
            or len(date_range) != 2:
        raise ValueError(f"date_range must be a (start, end) pair (either may be None), "
                         f"got {date_range!r}")
    start, stop = _bound(date_range[0], end=False), _bound(date_range[1], end=True)
    if start is None and stop is None:
        return None
    return start, stop


def _month_in(month: str, start: pd.Timestamp | None, stop: pd.Timestamp | None) -> bool:
    if month == UNDATED:
        return False  # no date is outside any bounded range
    first = pd.Timestamp(f"{month}-01", tz="UTC")
    after = first + pd.offsets.MonthBegin(1)
    return (start is None or after > start) and (stop is None or first < stop)


def _expression(filters: object) -> ds.Expression | None:
    if filters is None:
        return None
    if isinstance(filters, ds.Expression):
        return filters
    if isinstance(filters, list) and filters:
        try:
            return pq.filters_to_expression(filters)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"filters={filters!r}: {exc}") from exc
    raise TypeError("filters must be a pyarrow.dataset expression or a non-empty list of "
                    f"(column, op, value) tuples, got {filters!r}")


# -- extraction ------------------------------------------------------------------------------

def extract_tables(articles: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(mentions, statements, sources) of ``articles``: the three extractors, in one process.
    Module-level (picklable) so that process pools and Dask workers can run it."""
    return (_mentions.extract_mentions(articles), _statements.extract_statements(articles),
            _sources.extract_sources(articles))


def _chunks(n: int, workers: int) -> list[tuple[int, int]]:
    # a few chunks per worker evens out uneven articles; a floor keeps per-task overhead small
    count = max(1, min(n // _MIN_CHUNK, workers * 8)) if n else 0
    edges = np.linspace(0, n, count + 1).astype(int) if count else np.array([0])
    return [(int(a), int(b)) for a, b in itertools.pairwise(edges) if b > a]


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)  # the parent is gone: nobody will read this worker's results


def _worker_start(parent: int, lock: tuple[int, int, int] | None) -> None:
    """Initializer of the extraction pool's workers. A forked worker shares the corpus lock
    of its parent (flock belongs to the open file, which fork shares); were the parent
    killed, a worker left alive would hold it and refuse every later add. So the worker
    lets go of it (its copy of the descriptor is pointed at /dev/null) and exits as soon as
    its parent is gone."""
    if lock is not None:
        fd, dev, ino = lock
        with contextlib.suppress(OSError):
            st = os.fstat(fd)
            if (st.st_dev, st.st_ino) == (dev, ino):  # inherited (fork), not an unrelated fd
                null = os.open(os.devnull, os.O_RDONLY)
                os.dup2(null, fd)
                os.close(null)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _extract(batch: pd.DataFrame, *, workers: int,
             lock: tuple[int, int, int] | None = None) -> dict[str, pd.DataFrame]:
    spans = _chunks(len(batch), workers)
    if workers == 1 or len(spans) <= 1:
        results = [extract_tables(batch)]
    else:
        method = multiprocessing.get_start_method(allow_none=True) or multiprocessing.get_all_start_methods()[0]
        if method == "fork":
            # load the knowledge base and lexicons once here; forked workers inherit them
            extract_tables(batch.iloc[:1])
        # workers get only the columns the extractors read: less to pickle across
        inputs = batch[[c for c in _EXTRACTOR_INPUTS if c in batch.columns]]
        with ProcessPoolExecutor(max_workers=min(workers, len(spans)), initializer=_worker_start,
                                 initargs=(os.getpid(), lock)) as pool:
            # map keeps the order of the chunks: the same rows in the same order as one worker
            results = list(pool.map(extract_tables, [inputs.iloc[a:b] for a, b in spans]))
    out = {}
    for i, table in enumerate(DERIVED):
        frames = [r[i] for r in results]
        out[table] = (pd.concat(frames, ignore_index=True) if len(frames) > 1
                      else frames[0].reset_index(drop=True))
    return out


def _check_workers(workers: object) -> int:
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise ValueError(f"workers={workers!r}: must be an int >= 1 (number of processes)")
    return workers


# -- the store --------------------------------------------------------------------------------

class Corpus:
    """A folder of partitioned Parquet tables; see the module docstring. Use ``Corpus.open(path)``."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._records: dict[int, dict[str, Any]] = {}  # commit records read so far
        self._lock: tuple[int, int, int] | None = None  # (fd, device, inode) while writing
        marker = self.path / MARKER
        if not marker.is_file():
            raise CorpusNotFoundError(f"path={str(self.path)!r} is not a corpus (no {MARKER}); "
                                      "use Corpus.open(path) to create one")
        try:
            meta = json.loads(marker.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CorpusError(f"path={str(self.path)!r}: unreadable {MARKER}: {exc}") from exc
        if not isinstance(meta, dict) or meta.get("format") != FORMAT:
            raise CorpusError(f"path={str(self.path)!r}: {MARKER} is not a toolkit corpus marker")
        if meta.get("version", 0) > VERSION:
            raise CorpusError(f"path={str(self.path)!r}: corpus format version {meta['version']} "
                              f"is newer than this toolkit supports ({VERSION}); upgrade toolkit")
        if meta.get("version", 0) < VERSION:
            self._upgrade(meta)

    @staticmethod
    def is_corpus(path: str | Path) -> bool:
        """Whether ``path`` holds a corpus (its marker file)."""
        return (Path(path) / MARKER).is_file()

    @staticmethod
    def check_path(path: str | Path) -> Path:
        """Return ``path`` as a Path if a corpus is there or could be created there; raise
        CorpusError for a file or a non-empty folder that is not a corpus."""
        if not isinstance(path, (str, os.PathLike)):
            raise TypeError(f"path must be a str or Path, got {type(path).__name__}")
        root = Path(path)
        if root.exists() and not root.is_dir():
            raise CorpusError(f"path={str(root)!r} is a file, not a corpus folder")
        # a folder holding only corpus parts (e.g. the download cache of a first ingest that
        # loaded nothing, or what a crash while creating left: folders, the marker's temp
        # file) may become a corpus; anything else is someone else's folder
        ours = {*TABLE_NAMES, CACHE, LOG, COMMITS, ".lock"}
        if root.is_dir() and not (root / MARKER).exists():
            foreign = sorted(p.name for p in root.iterdir()
                             if p.name not in ours and not _OWN_TEMP.match(p.name))
            if foreign:
                shown = ", ".join(foreign[:3]) + (f" and {len(foreign) - 3} more" if len(foreign) > 3 else "")
                raise CorpusError(f"path={str(root)!r} is a non-empty folder that is not a corpus "
                                  f"(no {MARKER}; it holds {shown}); choose a new or empty folder")
        return root

    @classmethod
    def open(cls, path: str | Path, *, create: bool = True) -> Corpus:
        """Open the corpus at ``path``; create it (folders and marker) when missing and
        ``create`` is true. A file, or a non-empty folder that is not a corpus, is refused."""
        root = cls.check_path(path)
        if (root / MARKER).exists():
            return cls(root)
        if not create:
            raise CorpusNotFoundError(f"no corpus at path={str(root)!r} (no {MARKER} there)")
        root.mkdir(parents=True, exist_ok=True)
        for leftover in root.iterdir():  # a crash while creating it before
            if _OWN_TEMP.match(leftover.name):
                leftover.unlink(missing_ok=True)
        for table in (*TABLE_NAMES, COMMITS):
            (root / table).mkdir(exist_ok=True)
        # the marker last: until it is in place, the folder is not a corpus (and the next
        # open creates it again)
        _write_json(root / MARKER, {"format": FORMAT, "version": VERSION, "created": _now()})
        log.info("created corpus at %s", root)
        return cls(root)

    @property
    def cache_dir(self) -> Path:
        """Where pages downloaded for this corpus are kept (``fetch_pages(cache_dir=...)``)."""
        return self.path / CACHE

    def __repr__(self) -> str:
        return f"Corpus({str(self.path)!r})"

    # reading
    def table(self, name: str, *, columns: list[str] | None = None, date_range: object = None,
              filters: object = None) -> pd.DataFrame:
        """One of the four tables as a new DataFrame (empty, with the asked columns, when none).

        ``columns``: read only these (Parquet is columnar; leave out ``"text"`` over a large
        corpus). ``date_range=(start, end)``: only rows whose *article* was published in that
        range (both ends inclusive, a date-only end includes that day, either end None for
        open; undated articles are outside any bounded range); only the month partitions that
        overlap it are read. ``filters``: a row filter pushed down to Parquet, a list of
        ``(column, op, value)`` tuples ANDed (ops as pyarrow: ==, !=, <, <=, >, >=, in,
        not in) or a ``pyarrow.dataset`` expression; ``("month", "==", "2024-05")`` selects
        a partition."""
        if name not in TABLE_NAMES:
            raise ValueError(f"name={name!r} is not a corpus table; allowed: {list(TABLE_NAMES)}")
        if columns is not None and (isinstance(columns, str) or not all(
                isinstance(c, str) for c in columns)):
            raise TypeError(f"columns must be a list of column names, got {columns!r}")
        columns = None if columns is None else list(columns)
        span = _range(date_range)
        expr = _expression(filters)
        done = _committed(self.path)
        files = [(m, p) for n, m, p in _files(self.path, name) if n in done
                 and (span is None or _month_in(m, *span))]
        self._check_listed(name, done, {p for _, p in files}, span)
        if not files:
            return _empty(name, columns)
        if span is not None:
            start, stop = span
            if name == "articles":
                expr = _and(expr, _outlet_day_in(start, stop))
            elif any(not _month_in_whole(m, start, stop) for m, _ in files):
                # months cut by the range: keep the rows of articles published inside it
                ids = self.table("articles", columns=["article_id"], date_range=date_range)
                expr = _and(expr, ds.field("article_id").isin(pa.array(ids["article_id"],
                                                                        pa.string())))
        paths = [p for _, p in files]
        try:
            dataset = self._dataset(name, paths, columns)
        except (pa.ArrowException, OSError) as exc:
            raise self._damaged(name, paths, exc) from exc
        wanted = columns if columns is not None else [c for c in dataset.schema.names
                                                      if c != PARTITION]
        unknown = [c for c in wanted if c not in dataset.schema.names]
        if unknown:
            raise ValueError(f"columns={columns!r}: {unknown} not in the {name} table; "
                             f"it has {[c for c in dataset.schema.names if c != PARTITION]}")
        try:
            frame = _read_frame(dataset, wanted, expr)
        except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError, OSError) as exc:
            if filters is not None and not isinstance(exc, OSError) and "parquet" not in str(exc).lower():
                raise ValueError(f"filters={filters!r} cannot be applied to {name}: {exc}") from exc
            raise self._damaged(name, paths, exc) from exc
        return _conform(frame, name, complete=columns is None, copy=False)

    def _listed(self, number: int) -> dict[str, Any]:
        """The commit record of batch ``number`` (immutable once written: kept per instance)."""
        cache = self._records
        if number not in cache:
            path = self.path / COMMITS / f"{number:05d}.json"
            try:
                record = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise CorpusError(f"corpus {str(self.path)!r}: unreadable commit record "
                                  f"{path.relative_to(self.path)}: {exc}") from exc
            cache[number] = record if isinstance(record, dict) else {}
        return cache[number]

    def _check_listed(self, name: str, done: set[int], present: set[Path],
                      span: tuple[pd.Timestamp | None, pd.Timestamp | None] | None) -> None:
        """CorpusError naming a part file that a commit record lists and that is not there
        (a table silently missing rows would be worse than an error)."""
        for number in sorted(done):
            for rel in self._listed(number).get("files", {}).get(name, []):
                path = self.path / rel
                month = path.parent.name.removeprefix(f"{PARTITION}=")
                if path not in present and (span is None or _month_in(month, *span)) \
                        and not path.is_file():
                    raise CorpusError(f"corpus {str(self.path)!r}: part file {rel} of the {name} "
                                      f"table is missing (listed in {COMMITS}/{number:05d}.json); "
                                      f"'toolkit info --verify {self.path}' checks every file")

    def _damaged(self, name: str, paths: list[Path], exc: Exception) -> CorpusError:
        """The error for a table that cannot be read, naming the first file that is damaged."""
        for path in paths:
            problem = _file_problem(path)
            if problem:
                return CorpusError(f"corpus {str(self.path)!r}: damaged part file "
                                   f"{path.relative_to(self.path)} of the {name} table ({problem}); "
                                   f"'toolkit info --verify {self.path}' checks every file")
        return CorpusError(f"corpus {str(self.path)!r}: cannot read the {name} table: {exc}")

    def verify(self, *, quick: bool = False) -> list[tuple[str, str]]:
        """Check every committed part file: there, readable Parquet, and (unless ``quick``:
        then only the files' footers are read) every row of it decodes; each table's rows
        add up to what the commit records say. Returns (file or table, problem) pairs, empty
        when the corpus is sound."""
        problems: list[tuple[str, str]] = []
        done = _committed(self.path)
        expected: dict[str, int] = dict.fromkeys(TABLE_NAMES, 0)
        found: dict[str, int] = dict.fromkeys(TABLE_NAMES, 0)
        listed: set[Path] = set()
        for number in sorted(done):
            try:
                record = self._listed(number)
            except CorpusError as exc:
                problems.append((f"{COMMITS}/{number:05d}.json", str(exc)))
                continue
            for table in TABLE_NAMES:
                expected[table] += int(record.get("rows", {}).get(table, 0))
                for rel in record.get("files", {}).get(table, []):
                    listed.add(self.path / rel)
                    if not (self.path / rel).is_file():
                        problems.append((rel, f"missing (listed in {COMMITS}/{number:05d}.json)"))
        for table in TABLE_NAMES:
            for n, _m, path in _files(self.path, table):
                if n not in done:
                    continue  # an uncommitted leftover: never read, removed by the next add
                problem = _file_problem(path, full=not quick)
                rel = str(path.relative_to(self.path))
                if problem:
                    problems.append((rel, f"damaged: {problem}"))
                    continue
                found[table] += pq.read_metadata(path).num_rows
            damaged = any(p.startswith(f"{table}/") for p, _ in problems)
            if not damaged and found[table] != expected[table]:
                why = f"{found[table]} row(s) in its files, the commit records say {expected[table]}"
                problems.append((table, why))
        return problems

    def _dataset(self, name: str, paths: list[Path], columns: list[str] | None) -> ds.Dataset:
        part = ds.partitioning(pa.schema([(PARTITION, pa.string())]), flavor="hive")
        spec = arrow_schema(name)
        if columns is not None and all(c in spec.names or c == PARTITION for c in columns):
            unified = spec  # no need to read every footer for the extra columns
        else:
            footers = [pq.read_schema(p) for p in paths]
            unified = pa.unify_schemas([spec, *footers], promote_options="permissive")
        # short strings are read dictionary-encoded (indices plus each distinct value once, as
        # Parquet stores them): a column of 25 million mentions then takes ~100 MB, not ~1 GB
        short = [f.name for f in unified if pa.types.is_string(f.type) and f.name not in _DEDUP_SKIP]
        unified = pa.schema([pa.field(f.name, pa.dictionary(pa.int32(), pa.string()))
                             if f.name in short else f for f in unified])
        unified = unified.append(pa.field(PARTITION, pa.string()))
        fmt = ds.ParquetFileFormat(read_options=ds.ParquetReadOptions(dictionary_columns=set(short)))
        return ds.dataset([str(p) for p in paths], schema=unified, format=fmt,
                          partitioning=part, partition_base_dir=str(self.path / name))

    @property
    def articles(self) -> pd.DataFrame:
        return self.table("articles")

    @property
    def mentions(self) -> pd.DataFrame:
        return self.table("mentions")

    @property
    def statements(self) -> pd.DataFrame:
        return self.table("statements")

    @property
    def sources(self) -> pd.DataFrame:
        return self.table("sources")

    def __len__(self) -> int:
        return len(self.table("articles", columns=["article_id"]))

    def months(self) -> list[str]:
        """The month partitions holding articles ("YYYY-MM", and "undated" last if any)."""
        done = _committed(self.path)
        found = {m for n, m, _ in _files(self.path, "articles") if n in done}
        return sorted(found - {UNDATED}) + ([UNDATED] if UNDATED in found else [])

    def _log(self) -> dict[str, Any]:
        path = self.path / LOG
        if not path.exists():
            return {"skipped": [], "adds": []}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            log.warning("unreadable %s, starting a new one: %s", path, exc)
            return {"skipped": [], "adds": []}
        data.setdefault("skipped", [])
        data.setdefault("adds", [])
        return data

    @property
    def skipped(self) -> pd.DataFrame:
        """Inputs the loader skipped (``input``, ``reason``, ``recorded``) and not loaded since."""
        rows = self._log()["skipped"]
        return pd.DataFrame(rows, columns=["input", "reason", "recorded"]).astype("string")

    @property
    def history(self) -> list[dict[str, Any]]:
        """One dict per committed ``add``: batch, time and counts."""
        return list(self._log()["adds"])

    # writing
    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        if fcntl is None:  # pragma: no cover
            yield
            return
        with open(self.path / ".lock", "a") as fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError as exc:
                raise CorpusError(f"corpus {str(self.path)!r} is being written by another process"
                                  ) from exc
            st = os.fstat(fh.fileno())
            self._lock = (fh.fileno(), st.st_dev, st.st_ino)  # for the pool workers to let go of
            try:
                yield
            finally:
                self._lock = None
                fcntl.flock(fh, fcntl.LOCK_UN)

    def _tidy(self) -> None:
        """Remove leftovers of a killed run: temp files and parts of uncommitted batches."""
        done = _committed(self.path)
        for table in TABLE_NAMES:
            for n, _m, p in _files(self.path, table):
                if n not in done:
                    log.info("removing uncommitted part %s", p)
                    p.unlink(missing_ok=True)
            for tmp in (self.path / table).glob("**/.*.tmp"):
                tmp.unlink(missing_ok=True)
        for tmp in [*self.path.glob(".*.tmp"), *(self.path / COMMITS).glob(".*.tmp")]:
            tmp.unlink(missing_ok=True)

    def add(self, articles: pd.DataFrame, *, workers: int = 1) -> AddReport:
        """Add the articles whose ``article_id`` is not yet in the corpus, with their mentions,
        statements and sources (from the extractors). Returns an AddReport; never modifies
        ``articles``. Rows without an article_id are dropped and counted.

        ``workers``: processes running the extractors (chunks of articles over a process pool);
        the stored rows are the same, in the same order, whatever the number."""
        workers = _check_workers(workers)
        return self._add(articles, lambda batch: _extract(batch, workers=workers, lock=self._lock))

    def add_extracted(self, articles: pd.DataFrame, *, mentions: pd.DataFrame,
                      statements: pd.DataFrame, sources: pd.DataFrame) -> AddReport:
        """Like ``add``, for articles whose tables were extracted elsewhere (toolkit.distributed
        uses it): rows of the three tables for articles not added now are dropped."""
        given = {"mentions": mentions, "statements": statements, "sources": sources}
        for table, df in given.items():
            schema.validate(df, table, required=("article_id",), name=table)
        return self._add(articles, lambda batch: given)

    def _add(self, articles: pd.DataFrame,
             extract: Callable[[pd.DataFrame], dict[str, pd.DataFrame]]) -> AddReport:
        schema.validate(articles, "articles", required=("article_id", "text"), name="articles")
        load_report = _load_report_of(articles)
        report = AddReport(received=len(articles),
                           loaded=_report_field(load_report, "loaded"),
                           duplicates=_report_field(load_report, "duplicates"))
        skipped = _report_field(load_report, "skipped") or []
        report.skipped = [(str(i), str(r)) for i, r in skipped]

        with self._locked():
            self._tidy()
            batch = _conform(articles, "articles")
            ids = batch["article_id"]
            has_id = ids.notna() & (ids.astype("string").str.strip() != "")
            report.no_id = int((~has_id).sum())
            if report.no_id:
                log.warning("dropping %d article(s) without an article_id", report.no_id)
            batch = batch[has_id.fillna(False).astype(bool)]
            repeated = batch["article_id"].duplicated()
            report.repeated = int(repeated.sum())
            batch = batch[~repeated]
            present = set(self.table("articles", columns=["article_id"])["article_id"])
            new = ~batch["article_id"].isin(present)
            report.already_present = int((~new).sum())
            batch = batch[new].reset_index(drop=True)
            batch.attrs = {}

            if len(batch):
                # one id per person across the corpus: surnames and bare titles (toolkit.identity)
                derived = identity.resolve(batch, extract(batch), corpus=self)
                number = max(_committed(self.path), default=0) + 1
                counts = self._commit(number, batch, derived)
                for table in DERIVED:
                    setattr(report, table, counts[table])
                report.batch = number
                report.added = len(batch)
                log.info("corpus %s: added %d article(s) as batch %d", self.path, len(batch), number)

            self._record(report, batch)
        return report

    def _commit(self, number: int, batch: pd.DataFrame, derived: dict[str, pd.DataFrame],
                *, note: str = "add") -> dict[str, int]:
        """Write batch ``number``: derived parts, then articles parts, then the commit record."""
        month_of = pd.Series(_months(_outlet_days(batch)), index=batch["article_id"].to_numpy())
        new_ids = set(batch["article_id"])
        counts: dict[str, int] = {}
        files: dict[str, list[str]] = {}
        for table in (*DERIVED, "articles"):  # articles after the tables describing them
            if table == "articles":
                df = batch
            else:
                df = _conform(derived[table], table)
                stray = ~df["article_id"].isin(new_ids)
                if stray.any():  # an extractor must only describe the articles it was given
                    log.warning("%s: dropping %d row(s) for unknown article_id", table, stray.sum())
                    df = df[~stray]
            df = df.reset_index(drop=True)
            counts[table] = len(df)
            months = month_of.reindex(df["article_id"].to_numpy()).to_numpy()
            files[table] = []
            for month in sorted(set(months)):
                path = _part_path(self.path, table, month, number)
                _write_part(path, df[months == month].reset_index(drop=True), table)
                files[table].append(str(path.relative_to(self.path)))
        (self.path / COMMITS).mkdir(exist_ok=True)
        _write_json(self.path / COMMITS / f"{number:05d}.json",
                    {"batch": number, "time": _now(), "note": note, "rows": counts, "files": files})
        return counts

    def _record(self, report: AddReport, batch: pd.DataFrame) -> None:
        data = self._log()
        loaded_inputs = set(batch["source"].dropna()) | set(batch["url"].dropna()) if len(batch) else set()
        seen: dict[tuple[str, str], dict[str, str]] = {}
        for row in data["skipped"]:
            if row.get("input") not in loaded_inputs:  # loaded now: no longer a skipped input
                seen[(row.get("input", ""), row.get("reason", ""))] = row
        now = _now()
        for inp, reason in report.skipped:
            seen[(inp, reason)] = {"input": inp, "reason": reason, "recorded": now}
        data["skipped"] = list(seen.values())
        data["adds"].append({"time": now, **{k: v for k, v in report.as_dict().items() if k != "skipped"},
                             "skipped": len(report.skipped)})
        _write_json(self.path / LOG, data)

    def _upgrade(self, meta: dict[str, Any]) -> None:
        """Convert a version-1 corpus (``<table>/part-NNNNN.parquet``, the articles part as
        commit marker) to the partitioned layout, batch by batch. Idempotent: killed half-way,
        the next open redoes the batches whose old files are still there."""
        with self._locked():
            for number, old in self._v1_parts("articles").items():
                batch = _conform(pd.read_parquet(old), "articles")
                derived = {}
                for table in DERIVED:
                    p = self._v1_parts(table).get(number)
                    derived[table] = pd.read_parquet(p) if p else schema.empty(table)
                self._commit(number, batch, derived, note="upgraded from format version 1")
                for table in (*DERIVED, "articles"):  # articles last: the old commit marker
                    p = self._v1_parts(table).get(number)
                    if p:
                        p.unlink()
            for table in DERIVED:  # uncommitted leftovers of version 1
                for p in self._v1_parts(table).values():
                    p.unlink()
            _write_json(self.path / MARKER, {**meta, "version": VERSION, "upgraded": _now()})
            log.info("corpus %s: converted to format version %d", self.path, VERSION)

    def _v1_parts(self, table: str) -> dict[int, Path]:
        folder = self.path / table
        if not folder.is_dir():
            return {}
        found = {int(m.group(1)): p for p in folder.iterdir() if (m := _PART.match(p.name))}
        return dict(sorted(found.items()))


def _file_problem(path: Path, *, full: bool = True) -> str | None:
    """What is wrong with a Parquet part file (None when it reads): its footer, and with
    ``full`` every row group."""
    try:
        reader = pq.ParquetFile(path)
        if full:
            for i in range(reader.num_row_groups):
                reader.read_row_group(i)
    except (pa.ArrowException, OSError) as exc:
        return f"{type(exc).__name__}: {exc}"
    return None

def _outlet_day_in(start: pd.Timestamp | None, stop: pd.Timestamp | None) -> ds.Expression:
    """Articles whose outlet's day (``published_day``; else ``published``, for rows stored
    before that column) lies in [start, stop): the rule of the month partitions."""
    pub, day = ds.field("published"), ds.field("published_day")
    by_pub = by_day = None
    if start is not None:
        by_pub = _and(by_pub, pub >= pa.scalar(start, pa.timestamp("ns", tz="UTC")))
        by_day = _and(by_day, day >= pa.scalar(start.date(), pa.date32()))
    if stop is not None:
        # a stop inside a day keeps that day (a day has no time to compare)
        last = stop.date() if stop == stop.normalize() else stop.date() + dt.timedelta(days=1)
        by_pub = _and(by_pub, pub < pa.scalar(stop, pa.timestamp("ns", tz="UTC")))
        by_day = _and(by_day, day < pa.scalar(last, pa.date32()))
    assert by_pub is not None and by_day is not None
    return (day.is_valid() & by_day) | (~day.is_valid() & by_pub)


def _and(a: ds.Expression | None, b: ds.Expression) -> ds.Expression:
    return b if a is None else a & b


def _month_in_whole(month: str, start: pd.Timestamp | None, stop: pd.Timestamp | None) -> bool:
    """Whether the whole month lies inside [start, stop)."""
    if month == UNDATED:
        return False
    first = pd.Timestamp(f"{month}-01", tz="UTC")
    after = first + pd.offsets.MonthBegin(1)
    return (start is None or first >= start) and (stop is None or after <= stop)
