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
``"source": {"name": ...}``) give their name; a list of strings in the text column is joined
as paragraphs (in other columns, with spaces).

Dates: ISO 8601 strings are parsed in one go. Numeric dates (14/03/2022, 03.04.2022) are read
the same way for the whole column: day first when one of them can only be day first (14/03),
month first when one can only be month first (03/14); a column with both is reported and
those dates left empty; a column where every such date could be either (03/04/2022) is read
month first and reported; dotted dates are day first. Anything else is read value by value
(``records.to_utc``: "May 08, 2024", RFC 822, Unix seconds). Values without a time zone are
taken as UTC.

CSV: the delimiter (",", ";", tab or "|") is sniffed from the header line (.tsv is tab). A row
with the wrong number of fields or bytes that are not UTF-8 is skipped and reported; an
unclosed quote loses only the rest of the file from its line on (reported).
JSON is a list of objects, an object holding such a list under articles/items/data/results/
entries/records/rows, or one article object. JSON Lines has one object per line; a bad line
(invalid JSON, not an object, not UTF-8) is skipped and reported with its line number.
"""
from __future__ import annotations

import csv
import io
import json
import re
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from toolkit.io.records import BadInput, has_bad_bytes

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
    (bad lines and rows, skipped). ``text`` is the decoded file for the text formats, None for Parquet."""
    problems: list[tuple[str, str]] = []
    try:
        if kind == "parquet":
            return pd.read_parquet(path), problems
        assert text is not None
        if kind == "csv":
            return _read_csv(path, text, problems), problems
        if kind == "jsonl":
            rows = []
            for n, line in enumerate(text.splitlines(), 1):
                if not line.strip():
                    continue
                if has_bad_bytes(line):
                    problems.append((f"{path}:{n}", "not valid UTF-8 text"))
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
            if has_bad_bytes(text):
                raise BadInput("not valid UTF-8 text")
            return pd.DataFrame.from_records(_json_rows(json.loads(text))), problems
    except BadInput:
        raise
    except json.JSONDecodeError as exc:
        raise BadInput(f"invalid JSON: {exc.msg} at line {exc.lineno}") from None
    except Exception as exc:  # noqa: BLE001  pandas/pyarrow raise many kinds on malformed files
        raise BadInput(f"cannot read as {kind}: {str(exc)[:200]}") from None
    raise BadInput(f"unknown table format {kind!r}")


def _delimiter(path: Path, text: str) -> str:
    """Tab for .tsv; else what the csv sniffer finds in the header line (a header rarely
    holds quotes or prose, so it is the line to trust), "," when it finds nothing."""
    if path.suffix.lower() == ".tsv":
        return "\t"
    header = text.lstrip("\ufeff").split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(header, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


_SKIPPING = re.compile(r"Skipping line (\d+): (.*)")


def _read_csv(path: Path, text: str, problems: list[tuple[str, str]]) -> pd.DataFrame:
    """CSV -> DataFrame of str; bad rows skipped into ``problems`` (see the module docstring)."""
    lines = text.splitlines()
    start = _unclosed_quote(lines)
    if start is not None:
        why = f"unclosed quote: {len(lines) - start} line(s) not read, from this one to the end"
        problems.append((f"{path}:{start + 1}", why))
        text = "\n".join(lines[:start]) + "\n"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        # bytes: the C parser cannot take the lone surrogates of undecodable bytes as str
        data = io.BytesIO(text.encode("utf-8", errors="surrogateescape"))
        # object, not str: pandas' arrow-backed strings cannot hold those surrogates either
        df = pd.read_csv(data, sep=_delimiter(path, text), dtype=object, keep_default_na=False,
                         na_values=[""], on_bad_lines="warn", encoding="utf-8",
                         encoding_errors="surrogateescape")
    for w in caught:
        for line in str(w.message).splitlines():
            m = _SKIPPING.match(line.strip())
            if m:
                problems.append((f"{path}:{m.group(1)}", m.group(2)))
    bad = np.zeros(len(df), dtype=bool)
    for col in df.columns if has_bad_bytes(text) else []:
        values = df[col].astype(object)
        bad |= values.map(lambda v: isinstance(v, str) and has_bad_bytes(v)).to_numpy(dtype=bool)
    for n in np.flatnonzero(bad):
        problems.append((f"{path} row {n + 1}", "not valid UTF-8 text"))
    return df[~bad]


def _unclosed_quote(lines: list[str]) -> int | None:
    """Index of the line where a quoted field opens and is never closed, else None."""
    start = None
    for i, line in enumerate(lines):
        if line.count('"') % 2:
            start = i if start is None else None
    return start


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


def _scalar(value: Any, sep: str) -> Any:
    if isinstance(value, dict):
        return value.get("name")
    if isinstance(value, (list, tuple, np.ndarray)):
        parts = [str(v).strip() for v in value if isinstance(v, str) and v.strip()]
        return sep.join(parts) or None
    return value


def frame_records(df: pd.DataFrame, *, where: str) -> tuple[list[dict[str, Any]], list[tuple[str, str]]]:
    """(raw records, notes on the file's columns) from a table read by ``read_frame``;
    BadInput when it has no text column. Rows are numbered from 1 by the frame's index."""
    mapping = column_mapping(list(df.columns))
    if "text" not in mapping:
        wanted = ", ".join(COLUMN_NAMES["text"])
        raise BadInput(f"no text column: it has {[str(c) for c in df.columns]}; expected one of {wanted}")
    out = pd.DataFrame({field: df[col] for field, col in mapping.items()})
    notes: list[tuple[str, str]] = []
    if "published" in out:
        out["published"], note = _dates(out["published"], str(mapping["published"]))
        if note:
            notes.append((where, note))
    numbers = [n + 1 if isinstance(n, (int, np.integer)) else k
               for k, n in enumerate(out.index, 1)]
    records: list[dict[str, Any]] = out.astype(object).where(out.notna(), None).to_dict("records")  # type: ignore[assignment]
    for n, rec in zip(numbers, records, strict=True):
        rec["where"] = f"{where} row {n}"
        for key in ("outlet", "language", "title", "url", "text"):
            if key in rec:
                rec[key] = _scalar(rec[key], "\n\n" if key == "text" else " ")
    return records, notes


# day/month/year with one separator: 14/03/2022, 03.04.22, 1-2-2022
_NUMERIC_DATE = re.compile(r"^\s*(\d{1,2})([/.-])(\d{1,2})\2(?:\d{4}|\d{2})(?!\d)")


def _dates(values: pd.Series, column: str) -> tuple[pd.Series, str | None]:
    """(values with ISO and numeric dates parsed, a note on the column or None); other
    values are left as they are for records.to_utc. See the module docstring."""
    if not (values.dtype == object or pd.api.types.is_string_dtype(values)):
        return values.astype(object), None
    out = values.astype(object)
    parsed = pd.to_datetime(values, utc=True, errors="coerce", format="ISO8601")
    out = parsed.astype(object).where(parsed.notna(), out)
    rest = out[parsed.isna() & values.notna()].astype(str)
    parts = rest.str.extract(_NUMERIC_DATE)
    numeric = parts[0].notna()
    if not numeric.any():
        return out, None
    first, second = parts.loc[numeric, 0].astype(int), parts.loc[numeric, 2].astype(int)
    day_first, month_first = bool((first > 12).any()), bool((second > 12).any())
    index = rest.index[numeric.to_numpy()]
    if day_first and month_first:
        out[index] = None
        shown = rest[index]
        return out, (f"column {column!r} mixes day-first and month-first dates "
                     f"({shown[(first > 12).to_numpy()].iloc[0]!r}, "
                     f"{shown[(second > 12).to_numpy()].iloc[0]!r}); "
                     f"{len(index)} such date(s) left empty")
    note = None
    dotted = bool((parts.loc[numeric, 1] == ".").all())
    if not (day_first or month_first or dotted):
        note = (f"column {column!r}: dates such as {rest.loc[index[0]]!r} are ambiguous (day or "
                "month first); read month first")
    dates = pd.to_datetime(rest[index], dayfirst=day_first or (dotted and not month_first),
                           format="mixed", errors="coerce", utc=True)
    out[index] = dates.astype(object).where(dates.notna(), rest[index])
    return out, note
