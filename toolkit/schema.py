"""Column specs of the four tables (see DESIGN.md) and the check used at every public boundary.

Each spec maps a column to its dtype ("string" columns are stored as object columns of str or
None, never pd.NA). ``empty(TABLE)`` gives a frame with every column;
``validate(df, TABLE)`` checks that the minimum columns are present and returns ``df`` with any
missing optional columns added empty, in spec order first.
"""
from __future__ import annotations

import pandas as pd

ARTICLES: dict[str, str] = {
    "article_id": "string",
    "url": "string",
    "outlet": "string",
    "outlet_domain": "string",
    "outlet_country": "string",
    "title": "string",
    "authors": "object",  # list[str]
    "published": "datetime64[ns, UTC]",  # the instant, in UTC
    "published_day": "object",  # datetime.date or None: the day the outlet published on, in its own time zone
    "language": "string",
    "text": "string",
    "source": "string",
}

MENTIONS: dict[str, str] = {
    "article_id": "string",
    "field": "string",  # "title" | "text"
    "entity_type": "string",  # "country" | "official" | "organization" | "person"
    "entity_id": "string",
    "name": "string",
    "country": "string",
    "role": "string",
    "surface": "string",
    "start": "int64",
    "end": "int64",
    "in_quote": "bool",
}

STATEMENTS: dict[str, str] = {
    "statement_id": "string",
    "article_id": "string",
    "kind": "string",  # "direct" | "indirect" | "mixed"
    "quote": "string",
    "quote_start": "int64",
    "quote_end": "int64",
    "speaker": "string",
    "speaker_start": "Int64",
    "speaker_end": "Int64",
    "speaker_id": "string",
    "speaker_type": "string",  # official | person | organization | media | document | unknown
    "speaker_role": "string",
    "speaker_country": "string",
    "cue": "string",
    "cue_start": "Int64",
    "cue_end": "Int64",
    "venue": "string",
    "statement_date": "datetime64[ns, UTC]",
    "date_text": "string",
    "date_basis": "string",  # "explicit" | "relative" | "published"
    "confidence": "float64",
}

SOURCES: dict[str, str] = {
    "article_id": "string",
    "source": "string",
    "source_type": "string",  # media | agency | government | organization | document | person
    "source_country": "string",
    "surface": "string",
    "start": "int64",
    "end": "int64",
}

TABLES: dict[str, dict[str, str]] = {
    "articles": ARTICLES,
    "mentions": MENTIONS,
    "statements": STATEMENTS,
    "sources": SOURCES,
}


class SchemaError(ValueError):
    """A table lacks required columns or is not a DataFrame."""


def _spec(table: str | dict[str, str]) -> dict[str, str]:
    if isinstance(table, dict):
        return table
    if table not in TABLES:
        raise SchemaError(f"table={table!r} is not one of {sorted(TABLES)}")
    return TABLES[table]


def empty(table: str | dict[str, str]) -> pd.DataFrame:
    """An empty frame with every column of ``table`` at its dtype."""
    spec = _spec(table)
    return pd.DataFrame({c: pd.Series(dtype=_storage(t)) for c, t in spec.items()})


def from_records(records: list[dict], table: str | dict[str, str]) -> pd.DataFrame:
    """Build a table from a list of dicts: spec columns first, at their dtypes; extra keys kept."""
    spec = _spec(table)
    if not records:
        return empty(spec)
    df = pd.DataFrame.from_records(records)
    for col in spec:
        if col not in df.columns:
            df[col] = None
    extra = [c for c in df.columns if c not in spec]
    df = df[list(spec) + extra]
    for col, dtype in spec.items():
        if dtype.startswith("datetime64"):
            df[col] = pd.to_datetime(df[col], utc=True, errors="coerce")
        elif dtype == "string":
            df[col] = _as_text(df[col])
        elif dtype != "object":
            df[col] = df[col].astype(dtype)  # type: ignore[call-overload]  # dtype is a spec string
    return df


def _storage(dtype: str) -> str:
    # Text columns are plain object columns holding str or None: pandas' "string" dtype
    # holds pd.NA, whose truth value raises, which breaks ordinary `row.x == "RUS"` checks.
    return "object" if dtype == "string" else dtype


def _as_text(values: pd.Series) -> pd.Series:
    out = values.astype(object)
    return out.where(out.notna(), None)


def validate(df: object, table: str | dict[str, str], *, required: tuple[str, ...] | None = None,
             name: str = "df") -> pd.DataFrame:
    """Check that ``df`` is a DataFrame holding the ``required`` columns (default: all of the
    table's). Raise SchemaError naming the parameter and the missing columns; return ``df``."""
    spec = _spec(table)
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame, got {type(df).__name__}")
    need = list(spec) if required is None else list(required)
    missing = [c for c in need if c not in df.columns]
    if missing:
        label = table if isinstance(table, str) else "table"
        raise SchemaError(f"{name} lacks column(s) {missing} required for the {label} table; "
                          f"it has {list(df.columns)}")
    return df
