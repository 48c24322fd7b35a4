"""A corpus: a folder holding the four tables (articles, mentions, statements, sources) as Parquet.

    corpus = Corpus.open("my-corpus/")          # created when missing
    report = corpus.add(tk.load_articles("saved-pages/"))
    corpus.articles, corpus.mentions, corpus.statements, corpus.sources

Layout: ``corpus.json`` (marks the folder as a corpus), ``<table>/part-NNNNN.parquet`` (one file
per table per ``add`` batch), ``log.json`` (inputs the loader skipped, and a history of adds)
and ``http-cache/`` (raw pages downloaded for it; see ``Corpus.cache_dir``).

Crash safety: every file is written aside and renamed into place (atomic on POSIX). A batch
writes its mentions, statements and sources parts first and its articles part last; the
articles part is the commit marker. Derived parts without an articles part of the same number
are ignored when reading and overwritten by the next ``add``, so a run killed half-way leaves
the previous state readable and running ``add`` again completes it without duplicates.
"""
from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from toolkit import schema
from toolkit.extract import mentions as _mentions
from toolkit.extract import sources as _sources
from toolkit.extract import statements as _statements

try:  # advisory lock against two concurrent adds; released by the OS if the process dies
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

MARKER = "corpus.json"
LOG = "log.json"
CACHE = "http-cache"  # raw pages downloaded for this corpus (toolkit.io.fetch's cache)
FORMAT = "toolkit-corpus"
VERSION = 1
TABLE_NAMES = ("articles", "mentions", "statements", "sources")
DERIVED = ("mentions", "statements", "sources")
_PART = re.compile(r"^part-(\d+)\.parquet$")


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


# -- low-level storage: the only functions that know the on-disk layout -----------------------

def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):  # not supported everywhere; durability nicety only
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_atomic(path: Path, write: Any) -> None:
    """Call ``write(fh)`` on a temp file beside ``path``, fsync it, then rename it onto ``path``."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; a corpus is meant to be shared and read
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _write_json(path: Path, data: object) -> None:
    payload = json.dumps(data, ensure_ascii=False, indent=1, default=str).encode("utf-8")
    _write_atomic(path, lambda fh: fh.write(payload))


def _part_path(root: Path, table: str, batch: int) -> Path:
    return root / table / f"part-{batch:05d}.parquet"


def _parts(root: Path, table: str) -> dict[int, Path]:
    folder = root / table
    if not folder.is_dir():
        return {}
    found = {}
    for p in folder.iterdir():
        m = _PART.match(p.name)
        if m:
            found[int(m.group(1))] = p
    return dict(sorted(found.items()))


def _write_part(root: Path, table: str, batch: int, df: pd.DataFrame) -> None:
    path = _part_path(root, table, batch)
    path.parent.mkdir(parents=True, exist_ok=True)
    _write_atomic(path, lambda fh: df.to_parquet(fh, index=False))


def _read_table(root: Path, table: str, columns: list[str] | None = None) -> pd.DataFrame:
    """Concatenate the committed parts of ``table`` (derived parts only where the articles
    part of the same batch exists) and restore the schema's dtypes."""
    committed = _parts(root, "articles")
    parts = _parts(root, table)
    paths = [p for n, p in parts.items() if n in committed]
    frames = [pd.read_parquet(p, columns=columns) for p in paths]
    frames = [f for f in frames if len(f)]
    if not frames:
        out = schema.empty(table)
        if columns is None:
            return out
        return pd.DataFrame({c: out[c] if c in out else pd.Series(dtype=object) for c in columns})
    df = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    return _conform(df, table, complete=columns is None)


# -- helpers ---------------------------------------------------------------------------------

def _as_str_list(value: object) -> list[str]:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return []
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, (list, tuple, np.ndarray)):
        return [str(v) for v in value if v is not None and str(v)]
    return [str(value)]


def _conform(df: pd.DataFrame, table: str, *, complete: bool = True) -> pd.DataFrame:
    """Spec columns first at their dtypes (missing ones added empty when ``complete``);
    extra columns kept."""
    spec: dict[str, Any] = schema.TABLES[table]  # Any: pandas-stubs wants literal dtypes
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
        elif dtype != "object" and str(df[col].dtype) != dtype:
            try:
                df[col] = df[col].astype(dtype)
            except (TypeError, ValueError) as exc:
                log.warning("%s.%s: cannot convert to %s (%s); kept as %s",
                            table, col, dtype, exc, df[col].dtype)
    return df


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


# -- the store --------------------------------------------------------------------------------

class Corpus:
    """A folder of Parquet tables; see the module docstring. Use ``Corpus.open(path)``."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
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
        # loaded nothing) may become a corpus; anything else is someone else's folder
        ours = {*TABLE_NAMES, CACHE, LOG, ".lock"}
        if root.is_dir() and not (root / MARKER).exists() and any(
                p.name not in ours for p in root.iterdir()):
            raise CorpusError(f"path={str(root)!r} is a non-empty folder that is not a corpus "
                              f"(no {MARKER}); choose a new or empty folder")
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
        for table in TABLE_NAMES:
            (root / table).mkdir(exist_ok=True)
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
    def table(self, name: str, *, columns: list[str] | None = None) -> pd.DataFrame:
        """One of the four tables as a new DataFrame (empty, with every column, when none)."""
        if name not in TABLE_NAMES:
            raise ValueError(f"name={name!r} is not a corpus table; allowed: {list(TABLE_NAMES)}")
        return _read_table(self.path, name, columns)

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
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def _tidy(self) -> None:
        """Remove leftovers of a killed run: temp files and uncommitted derived parts."""
        committed = _parts(self.path, "articles")
        for table in TABLE_NAMES:
            folder = self.path / table
            if not folder.is_dir():
                continue
            for tmp in folder.glob(".*.tmp"):
                tmp.unlink(missing_ok=True)
            if table != "articles":
                for n, p in _parts(self.path, table).items():
                    if n not in committed:
                        log.info("removing uncommitted part %s", p)
                        p.unlink(missing_ok=True)
        for tmp in self.path.glob(".*.tmp"):
            tmp.unlink(missing_ok=True)

    def add(self, articles: pd.DataFrame) -> AddReport:
        """Add the articles whose ``article_id`` is not yet in the corpus, with their mentions,
        statements and sources (from the extractors). Returns an AddReport; never modifies
        ``articles``. Rows without an article_id are dropped and counted."""
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
            present = set(self.table("articles", columns=["article_id"])["article_id"].dropna())
            new = ~batch["article_id"].isin(present)
            report.already_present = int((~new).sum())
            batch = batch[new].reset_index(drop=True)
            batch.attrs = {}

            if len(batch):
                number = max(_parts(self.path, "articles"), default=0) + 1
                new_ids = set(batch["article_id"])
                derived = {
                    "mentions": _mentions.extract_mentions(batch),
                    "statements": _statements.extract_statements(batch),
                    "sources": _sources.extract_sources(batch),
                }
                for table in DERIVED:
                    df = _conform(derived[table], table)
                    stray = ~df["article_id"].isin(new_ids)
                    if stray.any():  # an extractor must only describe the articles it was given
                        log.warning("%s: dropping %d row(s) for unknown article_id", table, stray.sum())
                        df = df[~stray]
                    _write_part(self.path, table, number, df.reset_index(drop=True))
                    setattr(report, table, len(df))
                _write_part(self.path, "articles", number, batch)  # the commit point
                report.batch = number
                report.added = len(batch)
                log.info("corpus %s: added %d article(s) as batch %d", self.path, len(batch), number)

            self._record(report, batch)
        return report

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
