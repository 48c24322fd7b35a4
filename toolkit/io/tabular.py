"""CSV/TSV, JSON, JSON Lines and Parquet exports -> raw records, through a column mapping.

Column names are compared after lower-casing and removing everything but letters and digits
("Publish Date" == "publish_date" == "publishDate"). For each field the first name in its list
that the file has wins, so a file with both ``published`` and ``date`` uses ``published``:

==============  =====================================================================
field           accepted column names, in order of preference
==============  =====================================================================
text            text, body, content, full_text, article_text, article, maintext, story
url             url, link, href, uri, article_url, web_url, canonical_url
title           title, headline, heading, subject
published       published, publish_date, published_at, publication_date, pubdate,
                date_publish, date, datetime, timestamp, time, created_at
outlet          outlet, publisher, source, source_name, site_name, site, newspaper, media
authors         authors, author, byline, creator, writer, writers
language        language, lang, locale
outlet_domain   outlet_domain, domain
outlet_country  outlet_country
==============  =====================================================================

Other columns (e.g. the Kremlin file's ``summary`` and ``location``) are ignored. A file
without any text column cannot be loaded. Values that are objects with a ``name`` (NewsAPI's
``"source": {"name": ...}``) give their name. Dates: ISO 8601 strings are parsed in one go,
anything else value by value (``records.to_utc``: "May 08, 2024", RFC 822, Unix seconds;
an ambiguous "08/05/2024" is read month first, as pandas does). Values without a time zone
are taken as UTC.
JSON is a list of objects, an object holding such a list under articles/items/data/results/
entries/records/rows, or one article object. JSON Lines has one object per line; a bad line is
skipped and reported with its line number.
"""
from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pandas as pd

from toolkit.io.records import BadInput

COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "full_text", "article_text", "article", "maintext", "story"),
    "url": ("url", "link", "href", "uri", "article_url", "web_url", "canonical_url"),
    "title": ("title", "headline", "heading", "subject"),
    "published": ("published", "publish_date", "published_at", "publication_date", "pubdate",
                  "date_publish", "date", "datetime", "timestamp", "time", "created_at"),
    "outlet": ("outlet", "publisher", "source", "source_name", "site_name", "site", "newspaper", "media"),
    "authors": ("authors", "author", "byline", "creator", "writer", "writers"),
    "language": ("language", "lang", "locale"),
    "outlet_domain": ("outlet_domain", "domain"),
    "outlet_country": ("outlet_country",),
}
_LIST_KEYS = ("articles", "items", "data", "results", "entries", "records", "rows")


def _norm(name: object) -> str:
    return re.sub(r"[^a-z0-9]", "", str(name).lower())


def column_mapping(columns: list[Any]) -> dict[str, Any]:
    """field -> the file's column used for it (see the module docstring)."""
    by_norm: dict[str, Any] = {}
    for col in columns:
        by_norm.setdefault(_norm(col), col)
    mapping: dict[str, Any] = {}
    used: set[Any] = set()
    for field, names in COLUMN_NAMES.items():
        for name in names:
            col = by_norm.get(_norm(name))
            if col is not None and col not in used:
                mapping[field] = col
                used.add(col)
                break
    return mapping


def read_frame(path: Path, kind: str, text: str | None) -> tuple[pd.DataFrame, list[tuple[str, str]]]:
    """The file as a DataFrame (all columns as read) and problems found while reading
    (bad JSON lines). ``text`` is the decoded file for the text formats, None for Parquet."""
    problems: list[tuple[str, str]] = []
    try:
        if kind == "parquet":
            return pd.read_parquet(path), problems
        assert text is not None
        if kind == "csv":
            sep = "\t" if path.suffix.lower() == ".tsv" else ","
            return pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False,
                               na_values=[""]), problems
        if kind == "jsonl":
            rows = []
            for n, line in enumerate(text.splitlines(), 1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    problems.append((f"{path}:{n}", f"invalid JSON line: {exc.msg}"))
                    continue
                if isinstance(obj, dict):
                    rows.append(obj)
                else:
                    problems.append((f"{path}:{n}", f"JSON line is a {type(obj).__name__}, not an object"))
            if not rows:
                raise BadInput("no JSON object in the file")
            return pd.DataFrame.from_records(rows), problems
        if kind == "json":
            return pd.DataFrame.from_records(_json_rows(json.loads(text))), problems
    except BadInput:
        raise
    except json.JSONDecodeError as exc:
        raise BadInput(f"invalid JSON: {exc.msg} at line {exc.lineno}") from None
    except Exception as exc:  # noqa: BLE001  pandas/pyarrow raise many kinds on malformed files
        raise BadInput(f"cannot read as {kind}: {str(exc)[:200]}") from None
    raise BadInput(f"unknown table format {kind!r}")


def _json_rows(obj: Any) -> list[dict[str, Any]]:
    if isinstance(obj, dict):
        for key in _LIST_KEYS:
            if isinstance(obj.get(key), list):
                obj = obj[key]
                break
        else:
            obj = [obj]
    if not isinstance(obj, list) or not obj:
        raise BadInput("JSON holds no list of article objects")
    rows = [o for o in obj if isinstance(o, dict)]
    if not rows:
        raise BadInput("JSON list holds no objects")
    return rows


def _scalar(value: Any) -> Any:
    if isinstance(value, dict):
        return value.get("name")
    return value


def frame_records(df: pd.DataFrame, *, where: str) -> list[dict[str, Any]]:
    """Raw records from a table read by ``read_frame``; BadInput when it has no text column."""
    mapping = column_mapping(list(df.columns))
    if "text" not in mapping:
        wanted = ", ".join(COLUMN_NAMES["text"])
        raise BadInput(f"no text column: it has {[str(c) for c in df.columns]}; expected one of {wanted}")
    out = pd.DataFrame({field: df[col] for field, col in mapping.items()})
    if "published" in out:
        out["published"] = _dates(out["published"])
    records: list[dict[str, Any]] = out.astype(object).where(out.notna(), None).to_dict("records")  # type: ignore[assignment]
    for n, rec in enumerate(records, 1):
        rec["where"] = f"{where} row {n}"
        for key in ("outlet", "language", "title", "url", "text"):
            if key in rec:
                rec[key] = _scalar(rec[key])
    return records


def _dates(values: pd.Series) -> pd.Series:
    """ISO strings parsed at once; other values left as they are for records.to_utc."""
    if not (values.dtype == object or pd.api.types.is_string_dtype(values)):
        return values.astype(object)
    parsed = pd.to_datetime(values, utc=True, errors="coerce", format="ISO8601")
    return parsed.astype(object).where(parsed.notna(), values.astype(object))
