"""``load_articles``: files, folders, globs, URLs and URL lists -> the articles table.

Errors come in two tiers. A caller's mistake raises: a wrong type (TypeError), a single path
or glob that matches nothing (SourceNotFoundError, also a FileNotFoundError) and, with the
default ``on_error="auto"``, a single file or URL that cannot be loaded (LoadError, a
ValueError naming the file and the reason). Inside a batch (a folder, a glob, a list, the URLs
of a list file or feed) a bad input is skipped, logged and recorded in the LoadReport, and the
rest loads. Rows whose date is unparseable or in the future are kept with ``published`` NaT
and recorded under ``report.degraded``.

Duplicates: a row is dropped (and counted) when an earlier row has the same normalised URL,
or the same normalised text while one of the two has no URL or both have the same (non-empty)
title and the same day. Rows with different URLs and the same text are kept: the press releases hold two joint
statements issued weeks apart with identical wording, which are two publications.
"""
from __future__ import annotations

import datetime as dt
import glob as globmod
import logging
import math
import os
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from toolkit import schema
from toolkit.io.encoding import decode_page
from toolkit.io.feeds import looks_like_feed, parse_feed
from toolkit.io.html import looks_like_html, parse_html
from toolkit.io.markdown import parse_markdown, parse_plain_text
from toolkit.io.records import (
    MB,
    BadInput,
    article_id,
    clean_text,
    domain_of,
    fold,
    is_url,
    not_regular,
    read_bytes,
    read_text,
    split_authors,
    text_key,
    to_utc,
    url_key,
)
from toolkit.io.report import LoadError, LoadReport, SourceNotFoundError
from toolkit.io.tabular import frame_records, read_frame

log = logging.getLogger(__name__)

KINDS: dict[str, str] = {
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".md": "markdown", ".markdown": "markdown",
    ".txt": "text", ".text": "text", ".urls": "urls",
    ".csv": "csv", ".tsv": "csv", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".parquet": "parquet", ".pq": "parquet",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
}
POOL_MIN_PAGES = 24  # fewer HTML pages than this parse in-process (a pool costs ~0.1 s to start)
OnError = Literal["auto", "raise", "skip"]


@dataclass
class _Item:
    kind: str  # "url" or a value of KINDS (None-like "?" when unknown)
    value: str  # the path or URL, as it goes into the report and the source column
    strict: bool  # raise instead of skipping when it cannot be loaded


@dataclass
class _Run:
    """State of one load (kept out of module scope)."""
    report: LoadReport
    max_bytes: int
    workers: int
    fetch: bool
    fetch_kwargs: dict[str, Any]
    progress: bool

    def bad(self, item: _Item, reason: str) -> None:
        if item.strict:
            raise LoadError(item.value, reason) from None
        log.warning("skipped %s: %s", item.value, reason)
        self.report.skipped.append((item.value, reason))


def load_articles(
    source: Any,
    *,
    fetch: bool = True,
    cache_dir: str | Path | None = None,
    fetch_options: Mapping[str, Any] | None = None,
    on_error: OnError = "auto",
    max_file_mb: float = 50.0,
    workers: int | None = None,
    progress: bool = False,
    allow_private: bool = False,
) -> pd.DataFrame:
    """The articles table of ``source`` (a path, folder, glob, URL, URL-list file or a list of
    these); its LoadReport is at ``df.attrs["load_report"]``. Options: see
    ``load_articles_with_report``."""
    df, _ = load_articles_with_report(source, fetch=fetch, cache_dir=cache_dir, fetch_options=fetch_options,
                                      on_error=on_error, max_file_mb=max_file_mb, workers=workers,
                                      progress=progress, allow_private=allow_private)
    return df


def load_articles_with_report(
    source: Any,
    *,
    fetch: bool = True,
    cache_dir: str | Path | None = None,
    fetch_options: Mapping[str, Any] | None = None,
    on_error: OnError = "auto",
    max_file_mb: float = 50.0,
    workers: int | None = None,
    progress: bool = False,
    allow_private: bool = False,
) -> tuple[pd.DataFrame, LoadReport]:
    """Load articles from ``source`` -> (articles table, LoadReport).

    source: a file (.html/.htm, .md, .txt, .csv/.tsv, .json, .jsonl, .parquet, .rss/.atom/.xml),
        a folder (read recursively; hidden files ignored), a glob ("data/**/*.html"), an http(s)
        URL, a .urls or .txt file listing URLs one per line ('#' starts a comment), or a list
        mixing these.
    fetch: download URLs (with toolkit.io.fetch.fetch_pages); when False they are skipped.
    cache_dir, fetch_options: passed to fetch_pages (e.g. {"timeout": 10, "workers": 4}).
    on_error: "auto" raises LoadError for a single file or URL that cannot be loaded and skips
        bad items of a batch; "raise" raises for any bad input; "skip" never raises for one.
    max_file_mb: larger files are refused (default 50).
    workers: processes parsing HTML (default os.cpu_count(); 1 = no pool).
    progress: show a tqdm bar while parsing HTML pages.
    allow_private: also fetch URLs whose host is on a private, loopback, link-local or
        reserved address (an intranet, a local test server); refused by default, also when a
        redirect leads there (see toolkit.io.fetch).
    """
    if on_error not in ("auto", "raise", "skip"):
        raise ValueError(f"on_error={on_error!r} is not one of 'auto', 'raise', 'skip'")
    if not isinstance(max_file_mb, (int, float)) or isinstance(max_file_mb, bool) or max_file_mb <= 0:
        raise ValueError(f"max_file_mb={max_file_mb!r} must be a positive number")
    if workers is not None and (not isinstance(workers, int) or workers < 1):
        raise ValueError(f"workers={workers!r} must be a positive int or None")
    if fetch_options is not None and not isinstance(fetch_options, Mapping):
        raise TypeError(f"fetch_options must be a mapping of fetch_pages options, got {type(fetch_options).__name__}")
    fetch_kwargs = dict(fetch_options or {})
    if cache_dir is not None:
        fetch_kwargs["cache_dir"] = cache_dir
    if allow_private:
        fetch_kwargs["allow_private"] = True
    run = _Run(LoadReport(), int(max_file_mb * MB), workers or os.cpu_count() or 1, fetch, fetch_kwargs, progress)
    items = _expand(source, on_error=on_error, report=run.report)
    raw = _load_items(items, run)
    rows = _finalise(raw, run.report)
    rows = _drop_duplicates(rows, run.report)
    df = schema.from_records(rows, schema.ARTICLES)
    df["published"] = df["published"].astype("datetime64[ns, UTC]")  # pandas may infer "us"
    run.report.loaded = len(df)
    df.attrs["load_report"] = run.report
    log.info("%s", run.report.summary(limit=0))
    return df, run.report


# --- expanding the source ------------------------------------------------------------------

def _expand(source: Any, *, on_error: OnError, report: LoadReport) -> list[_Item]:
    if isinstance(source, (str, os.PathLike)):
        return _expand_one(source, top=True, on_error=on_error, report=report)
    if isinstance(source, (list, tuple)):
        items: list[_Item] = []
        for element in source:
            if not isinstance(element, (str, os.PathLike)):
                raise TypeError(f"source list holds {element!r} ({type(element).__name__}); "
                                "expected paths, globs or URLs (str or pathlib.Path)")
            items += _expand_one(element, top=False, on_error=on_error, report=report)
        return items
    raise TypeError(f"source must be a path, folder, glob, URL (str or pathlib.Path) or a list of "
                    f"these, got {type(source).__name__}: {source!r:.80}")


def _expand_one(entry: str | os.PathLike[str], *, top: bool, on_error: OnError,
                report: LoadReport) -> list[_Item]:
    text = os.fspath(entry)
    single = on_error == "raise" or (top and on_error == "auto")
    batch = on_error == "raise"
    if isinstance(entry, str) and is_url(text):
        return [_Item("url", text.strip(), single)]
    path = Path(os.path.expanduser(text))
    if path.is_file():
        return [_Item(KINDS.get(path.suffix.lower(), "?"), str(path), single)]
    if path.is_dir():
        return _walked(_walk(path), strict=batch, report=report)
    special = _special(path)
    if special:  # a FIFO, /dev/zero...: it exists, but is not a file to read
        if single:
            raise LoadError(text, special)
        log.warning("skipped %s: %s", text, special)
        report.skipped.append((text, special))
        return []
    if any(c in text for c in "*?["):
        pattern = os.path.expanduser(text)
        matches = sorted(globmod.glob(pattern, recursive=True))
        # the folder of a glob is its part before the first wildcard: links out of it are
        # refused as out of a loaded folder
        prefix = pattern[:min(pattern.index(c) for c in "*?[" if c in pattern)]
        base = (Path(prefix) if prefix.endswith(os.sep) or not prefix else Path(prefix).parent).resolve()
        found: list[tuple[Path, str | None]] = []
        for m in matches:
            if Path(m).is_dir() and not Path(m).is_symlink():
                found += _walk(Path(m))
            else:
                refused = _refused(Path(m), base)
                if refused != "":
                    found.append((Path(m), refused))
        if found:
            return _walked(found, strict=batch, report=report)
        reason = "the glob matches no file"
    else:
        reason = "no such file or directory"
    if single:
        raise SourceNotFoundError(text, reason)
    log.warning("skipped %s: %s", text, reason)
    report.skipped.append((text, reason))
    return []


def _special(path: Path) -> str | None:
    try:
        return not_regular(path.stat().st_mode)
    except OSError:
        return None


def _walked(found: list[tuple[Path, str | None]], *, strict: bool, report: LoadReport) -> list[_Item]:
    """Items of the files of a walk; the refused ones (with a reason) reported, or raised when strict."""
    items = []
    for p, refused in found:
        if refused is None:
            items.append(_Item(KINDS.get(p.suffix.lower(), "?"), str(p), strict))
        elif strict:
            raise LoadError(str(p), refused)
        else:
            log.warning("skipped %s: %s", p, refused)
            report.skipped.append((str(p), refused))
    return items


def _walk(folder: Path) -> list[tuple[Path, str | None]]:
    """Files under ``folder`` as (path, None), or (path, why it is not read): a symbolic link
    that leads outside the folder (a folder of saved pages must not hand out /etc/passwd), a
    broken link, a FIFO or device. Links that stay inside are read (a linked folder is not
    entered: its files are reached anyway, or it is outside)."""
    root = folder.resolve()
    out: list[tuple[Path, str | None]] = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "__")))
        names = [f for f in filenames if not f.startswith((".", "~"))]
        names += [d for d in dirnames if (Path(dirpath) / d).is_symlink()]
        for name in sorted(names):
            p = Path(dirpath) / name
            out.append((p, _refused(p, root)))
    return [(p, why) for p, why in out if why != ""]


def _refused(p: Path, root: Path) -> str | None:
    """Why the walked entry ``p`` is not read ("" for a linked folder inside: silently left)."""
    if p.is_symlink():
        target = p.resolve()
        if not target.is_relative_to(root):
            return (f"symbolic link to {target}, outside the folder: not followed (give the file "
                    "itself as a source to load it)")
        if target.is_dir():
            return ""
    try:
        mode = p.stat().st_mode
    except OSError:
        return "broken symbolic link" if p.is_symlink() else "cannot read file"
    return not_regular(mode)


# --- loading -------------------------------------------------------------------------------

def _load_items(items: list[_Item], run: _Run) -> list[dict[str, Any]]:
    """Raw records of every item, in input order (each carries ``where`` and ``source``)."""
    slots: list[list[dict[str, Any]]] = [[] for _ in items]
    html_jobs: list[tuple[int, _Item]] = []
    url_jobs: list[tuple[int, _Item, dict[str, Any]]] = []
    for i, item in enumerate(items):
        if item.kind == "html":
            html_jobs.append((i, item))
        elif item.kind == "url":
            url_jobs.append((i, item, {}))
        else:
            try:
                slots[i], more_urls = _load_file(item, run)
            except BadInput as exc:
                run.bad(item, str(exc))
                continue
            url_jobs += [(i, _Item("url", rec["url"], False), rec) for rec in more_urls]
    results = _parse_html_many([(item.value, None, None, run.max_bytes) for _, item in html_jobs], run)
    for (i, item), (status, payload) in zip(html_jobs, results):
        if status == "ok":
            slots[i].append({**payload, "where": item.value, "source": item.value})
        else:
            run.bad(item, payload)
    _load_urls(url_jobs, slots, run, depth=0)
    return [rec for slot in slots for rec in slot]


def _load_file(item: _Item, run: _Run) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(raw records, feed/list entries to fetch) of one non-HTML file; BadInput if unusable."""
    path = Path(os.path.expanduser(item.value))
    kind = item.kind
    if kind == "parquet":
        read_bytes(path, max_bytes=run.max_bytes)  # size/empty checks
        df, problems = read_frame(path, kind, None)
        return _tabular(df, item, problems, run), []
    if kind == "?":  # unknown extension (.php, .aspx, none): a saved page or feed, or unsupported
        kind = _sniff(path)
    if kind == "html":
        status, payload = _html_job((item.value, None, None, run.max_bytes))
        if status != "ok":
            raise BadInput(payload)
        return [{**payload, "where": item.value, "source": item.value}], []
    text, note = read_text(path, max_bytes=run.max_bytes, declared_charset=kind == "feed",
                           by_line=kind in ("csv", "jsonl"))
    if note:
        run.report.degraded.append((item.value, note))
    if kind == "text" and _is_url_list(text):
        kind = "urls"
    base = {"where": item.value, "source": item.value}
    if kind == "markdown":
        return [{**parse_markdown(text, filename=path.name), **base, "_clean": True}], []
    if kind == "text":
        return [{**parse_plain_text(text, filename=path.name), **base, "_clean": True}], []
    if kind == "urls":
        urls = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
        bad = [u for u in urls if not is_url(u)]
        for u in bad:
            run.report.skipped.append((f"{item.value}: {u[:80]}", "not an http(s) URL"))
        return [], [{"url": u} for u in urls if is_url(u)]
    if kind == "feed":
        if not looks_like_feed(text):
            raise BadInput("not an RSS or Atom feed")
        full, entries = parse_feed(text, where=item.value)
        for rec in full:
            rec.update(source=item.value, _clean=True)
        return full, _linked(entries, run)
    df, problems = read_frame(path, kind, text)
    return _tabular(df, item, problems, run), []


def _sniff(path: Path) -> str:
    """"html" or "feed" from the first bytes of a file with an unknown extension; BadInput else."""
    try:
        problem = not_regular(path.stat().st_mode)
        if problem:
            raise BadInput(problem)
        with path.open("rb") as f:
            head = f.read(65536)
    except OSError as exc:
        raise BadInput(f"cannot read file: {exc.strerror or exc}") from None
    text = "" if b"\x00" in head else head.decode("utf-8", errors="replace")
    kind = "feed" if looks_like_feed(text) else "html" if looks_like_html(text) else ""
    if not kind:
        raise BadInput(f"unsupported file type {path.suffix or '(no extension)'!r}; supported: "
                       + ", ".join(sorted(KINDS)) + ", or a saved HTML page or feed under another name")
    return kind


def _tabular(df: pd.DataFrame, item: _Item, problems: list[tuple[str, str]], run: _Run) -> list[dict[str, Any]]:
    for where, why in problems:
        log.warning("skipped %s: %s", where, why)
    run.report.skipped.extend(problems)
    records, notes = frame_records(df, where=item.value)
    for where, why in notes:
        log.warning("%s: %s", where, why)
    run.report.degraded.extend(notes)
    for rec in records:
        rec["source"] = item.value
    return records


def _is_url_list(text: str) -> bool:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    return bool(lines) and all(is_url(ln) for ln in lines)


def _linked(entries: list[dict[str, Any]], run: _Run) -> list[dict[str, Any]]:
    """Feed entries that have a link; the others are reported."""
    for rec in entries:
        if not rec.get("url"):
            run.report.skipped.append((rec["where"], "feed entry has neither a link nor full content"))
    return [rec for rec in entries if rec.get("url")]


def _load_urls(jobs: list[tuple[int, _Item, dict[str, Any]]], slots: list[list[dict[str, Any]]],
               run: _Run, *, depth: int) -> None:
    """Fetch the URLs of ``jobs`` and parse what comes back into ``slots``. A page that is a
    feed adds its entries (one level deep: a feed's entries are not read as feeds)."""
    if not jobs:
        return
    if not run.fetch:
        for _, item, _meta in jobs:
            run.bad(item, "not fetched (fetch=False)")
        return
    fetch_pages = _fetcher()
    if fetch_pages is None:
        for _, item, _meta in jobs:
            run.bad(item, "cannot fetch: toolkit.io.fetch is not available")
        return
    urls = list(dict.fromkeys(item.value for _, item, _meta in jobs))
    kwargs = {"progress": run.progress, **run.fetch_kwargs}
    fetched = {r.url: r for r in fetch_pages(urls, **kwargs)}
    pages: list[tuple[int, _Item, dict[str, Any], str, str]] = []
    more: list[tuple[int, _Item, dict[str, Any]]] = []
    for i, item, meta in jobs:
        res = fetched.get(item.value)
        if res is None or res.error or not res.html:
            why = (res.error if res is not None and res.error else
                   f"no HTML in the response (status {getattr(res, 'status', None)}, "
                   f"content type {getattr(res, 'content_type', None)})")
            run.bad(item, f"fetch failed: {why}")
            continue
        page_url = res.final_url or res.url
        if depth == 0 and looks_like_feed(res.html):
            try:
                full, entries = parse_feed(res.html, where=item.value)
            except BadInput as exc:
                run.bad(item, str(exc))
                continue
            slots[i] += [{**rec, "source": item.value, "_clean": True} for rec in full]
            more += [(i, _Item("url", rec["url"], False), rec) for rec in _linked(entries, run)]
            continue
        pages.append((i, item, meta, res.html, page_url))
    results = _parse_html_many([(None, html, url, run.max_bytes) for _, _, _, html, url in pages], run)
    for (i, item, meta, _html, _url), (status, payload) in zip(pages, results):
        if status != "ok":
            run.bad(item, payload)
            continue
        rec = {k: v for k, v in payload.items() if v not in (None, [], "")}
        if meta.get("published") not in (None, ""):  # a feed's date is stated; a page's may be guessed
            rec.pop("published_day", None)
        rec.update({k: v for k, v in meta.items() if v not in (None, [], "") and (k == "published" or k not in rec)})
        rec.update(where=item.value, source=item.value)
        slots[i].append(rec)
    _load_urls(more, slots, run, depth=depth + 1)


def _fetcher() -> Callable[..., Any] | None:
    try:
        from toolkit.io.fetch import fetch_pages  # written by the fetch owner; imported when needed
    except ImportError as exc:
        log.warning("toolkit.io.fetch cannot be imported: %s", exc)
        return None
    return fetch_pages


# --- HTML parsing, in a process pool when there are many pages --------------------------------

_Job = tuple[str | None, str | None, str | None, int]  # (path, html, url, max_bytes)


def _html_job(job: _Job) -> tuple[str, Any]:
    """Worker: (path, html, url, max_bytes) -> ("ok", raw record) | ("bad", reason). Never raises."""
    path, html, url, max_bytes = job
    try:
        notes = []
        if html is None:
            assert path is not None
            html, note = decode_page(read_bytes(Path(path), max_bytes=max_bytes))
            if not html.strip():
                raise BadInput("file holds only whitespace")
            notes.append(note)
        rec = parse_html(html, url=url)
        notes += rec.pop("_notes", [])
        if any(notes):
            rec["_note"] = "; ".join(n for n in notes if n)
        rec["_clean"] = True
        rec["_page"] = True  # kept with little or no text when it has a title or a date
        return "ok", rec
    except BadInput as exc:
        return "bad", str(exc)
    except Exception as exc:  # noqa: BLE001  one odd page never stops the batch
        return "bad", f"HTML parsing failed: {type(exc).__name__}: {exc}"


def _parse_html_many(jobs: Sequence[_Job], run: _Run) -> list[tuple[str, Any]]:
    if not jobs:
        return []
    bar = None
    if run.progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(jobs), desc="parsing HTML", unit="page")
    results: list[tuple[str, Any]] = []
    workers = min(run.workers, len(jobs))
    if workers > 1 and len(jobs) >= POOL_MIN_PAGES:
        import newspaper  # noqa: F401  imported before forking so workers inherit them
        import trafilatura  # noqa: F401

        chunk = max(1, min(64, len(jobs) // (workers * 8)))
        try:
            with ProcessPoolExecutor(max_workers=workers) as pool:
                for res in pool.map(_html_job, jobs, chunksize=chunk):
                    results.append(res)
                    if bar is not None:
                        bar.update()
        except Exception as exc:  # noqa: BLE001  a broken pool (no /dev/shm, killed worker): go on in-process
            log.warning("process pool failed (%s); parsing the remaining pages in-process", exc)
    for job in jobs[len(results):]:
        results.append(_html_job(job))
        if bar is not None:
            bar.update()
    if bar is not None:
        bar.close()
    return results


# --- rows of the table -----------------------------------------------------------------------

def _finalise(raw: list[dict[str, Any]], report: LoadReport) -> list[dict[str, Any]]:
    latest = pd.Timestamp.now(tz="UTC") + pd.Timedelta(days=1)  # later dates are errors
    outlets = _OutletLookup()
    rows = []
    for rec in raw:
        where = str(rec.get("where") or rec.get("source"))
        if rec.get("_note"):
            report.degraded.append((where, rec["_note"]))
        title = _str(rec.get("title"))
        text = _str(rec.get("text")) or ""
        if not rec.get("_clean"):
            text = clean_text(text, title=title)
        if not text.strip() and not (rec.get("_page") and (title or rec.get("published"))):
            report.skipped.append((where, "no article text"))
            continue
        published, problem = to_utc(rec.get("published"), latest=latest)
        if problem:
            log.warning("%s: %s; published left empty", where, problem)
            report.degraded.append((where, problem + "; published left empty"))
        url = _str(rec.get("url"))
        url = url.strip() if url and is_url(url) else None
        outlet, domain, country = outlets.resolve(url, _str(rec.get("outlet")), _str(rec.get("outlet_domain")),
                                                  _str(rec.get("outlet_country")))
        lang = (_str(rec.get("language")) or "en").strip().lower().replace("_", "-").split("-")[0] or "en"
        tkey = text_key(text)
        ukey = url_key(url) if url else None
        rows.append({
            "article_id": article_id(url, text, key=tkey, ukey=ukey),
            "url": url,
            "outlet": outlet,
            "outlet_domain": domain,
            "outlet_country": country,
            "title": title,
            "authors": split_authors(rec.get("authors")),
            "published": published,
            "published_day": _outlet_day(rec, published),
            "language": lang,
            "text": text,
            "source": _str(rec.get("source")),
            "_where": where,
            "_tkey": tkey,
            "_ukey": ukey,
        })
    return rows


def _outlet_day(rec: dict[str, Any], published: pd.Timestamp | None) -> dt.date | None:
    """The day the outlet published on: the record's ``published_day`` (a page's own day),
    else the calendar day of the input's date in the offset it was written with ("2022-05-08
    01:30+02:00" is 8 May, published 7 May 23:30 UTC); naive dates and Unix times give the UTC
    day. None when ``published`` is (no usable date)."""
    if published is None:
        return None
    value = rec.get("published_day") or rec.get("published")
    if isinstance(value, str):
        try:
            value = pd.Timestamp(value.strip())
        except (ValueError, TypeError, OverflowError):
            value = None
    if isinstance(value, dt.datetime) and not pd.isna(value):  # pandas Timestamp included
        return value.date()
    if isinstance(value, dt.date):
        return value
    return published.date()


def _str(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    s = str(value).strip()
    return s or None


class _OutletLookup:
    """Outlet name, domain and country from toolkit.kb, memoised for one load."""

    def __init__(self) -> None:
        self.memo: dict[tuple[str, str], dict[str, Any] | None] = {}
        try:
            from toolkit import kb
        except ImportError:
            kb = None  # type: ignore[assignment]
        self.by_domain = getattr(kb, "outlet_for_domain", None)
        self.by_name = getattr(kb, "find_outlet", None)

    def _ask(self, how: str, key: str) -> dict[str, Any] | None:
        if (how, key) not in self.memo:
            fn = self.by_domain if how == "domain" else self.by_name
            found = None
            if fn is not None:
                try:
                    found = fn(key)
                except Exception as exc:  # noqa: BLE001  the KB is optional for loading: fall back to the domain
                    log.debug("kb lookup %s(%r) failed: %s", how, key, exc)
            self.memo[(how, key)] = found if isinstance(found, dict) else None
        return self.memo[(how, key)]

    def resolve(self, url: str | None, outlet: str | None, domain: str | None,
                country: str | None) -> tuple[str | None, str | None, str | None]:
        domain = domain_of(url) or domain
        info = self._ask("domain", domain) if domain else None
        if info is None and outlet:
            info = self._ask("name", outlet)
        if info:
            return info.get("name") or outlet or domain, info.get("domain") or domain, info.get("country") or country
        return outlet or domain, domain, country


def _drop_duplicates(rows: list[dict[str, Any]], report: LoadReport) -> list[dict[str, Any]]:
    """Rows without the duplicates (see the module docstring), in input order. Rows with a URL
    are considered first, so a URL-less copy (a .txt of a saved page) is the one dropped."""
    seen_urls: set[str] = set()
    seen_text: dict[str, list[tuple[bool, str, Any]]] = {}
    keep: set[int] = set()
    for n in sorted(range(len(rows)), key=lambda k: rows[k]["_ukey"] is None):
        row = rows[n]
        ukey, tkey = row["_ukey"], row["_tkey"]
        day = row["published"].date() if row["published"] is not None else None
        mine = (ukey is not None, fold(row["title"] or ""), day)
        dup = ukey in seen_urls if ukey else False
        if not dup:
            dup = any(not (has_url and mine[0]) or (title and title == mine[1] and d == day)
                      for has_url, title, d in seen_text.get(tkey, []))
        if dup:
            report.duplicates += 1
            log.info("duplicate dropped: %s", row["_where"])
            continue
        if ukey:
            seen_urls.add(ukey)
        seen_text.setdefault(tkey, []).append(mine)
        keep.add(n)
    private = ("_where", "_ukey", "_tkey")
    return [{k: v for k, v in row.items() if k not in private} for n, row in enumerate(rows) if n in keep]
