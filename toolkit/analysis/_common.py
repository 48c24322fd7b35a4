"""Helpers shared by the analysis modules: argument checks, periods, date filters, joins.

Speed notes: the tables can hold millions of rows (100k articles x ~20 mentions). Joining a big
table to ``articles`` with ``DataFrame.merge`` on string keys costs ~1 s, so instead each row's
article *position* is looked up once (``article_positions``: a hash lookup, done by pyarrow when
the keys are Arrow strings) and per-article attributes (period, outlet, ...) are taken by
position with numpy.
"""
from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

FREQS: dict[str, str] = {"D": "D", "W": "W", "M": "M", "Q": "Q", "Y": "Y"}


class AnalysisArgumentError(ValueError):
    """A caller passed an option the analysis functions do not know."""


def check_choice(param: str, value: object, allowed: Iterable[object]) -> None:
    """Raise AnalysisArgumentError naming ``param``, its ``value`` and the allowed ones."""
    allowed = list(allowed)
    if value not in allowed:
        raise AnalysisArgumentError(f"{param}={value!r} is not allowed; use one of {allowed}")


def as_list(param: str, value: object) -> list[Any] | None:
    """None -> None; a str -> [str]; any other iterable -> list. Anything else: TypeError."""
    if value is None:
        return None
    if isinstance(value, str):
        return [value]
    if isinstance(value, Iterable):
        return list(value)
    raise TypeError(f"{param} must be a string or a list of strings, got {type(value).__name__}")


def to_utc(values: pd.Series) -> pd.Series:
    """Any date-like column -> datetime64[ns, UTC] (unparseable -> NaT)."""
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        return values.dt.tz_convert("UTC")
    return pd.to_datetime(values, utc=True, errors="coerce")


def period_start(dates: pd.Series, freq: str) -> pd.Series:
    """Start of the calendar period (D, W = Monday-based weeks, M, Q, Y) holding each date,
    as tz-naive Timestamps (UTC calendar). NaT stays NaT."""
    check_choice("freq", freq, FREQS)
    naive = to_utc(dates).dt.tz_localize(None)
    if freq == "D":
        return naive.dt.floor("D")
    # Only the distinct days need converting: far fewer than rows.
    days = naive.dt.floor("D")
    uniq = pd.Series(days.dropna().unique())
    if uniq.empty:
        return days
    starts = uniq.dt.to_period(FREQS[freq]).dt.start_time
    return days.map(pd.Series(starts.to_numpy(), index=uniq.to_numpy()))


def _bound(param: str, value: object, *, end: bool) -> pd.Timestamp | None:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    try:
        ts = pd.Timestamp(value)  # type: ignore[arg-type]
    except (TypeError, ValueError) as exc:
        raise AnalysisArgumentError(f"{param}: cannot read {value!r} as a date") from exc
    ts = ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")
    date_only = isinstance(value, dt.date) and not isinstance(value, dt.datetime)
    date_only = date_only or (isinstance(value, str) and len(value.strip()) <= 10)
    if end and date_only:
        ts = ts + pd.Timedelta(days=1)  # a date-only end includes that whole day
    return ts


def date_mask(dates: pd.Series, date_range: object, *, param: str = "date_range") -> np.ndarray:
    """Boolean mask of ``dates`` inside ``date_range`` = (start, end), both inclusive, either
    None for open. A date-only end ("2024-05-08") includes that whole day. NaT is outside
    any bounded range."""
    if date_range is None:
        return np.ones(len(dates), dtype=bool)
    if isinstance(date_range, (str, bytes)) or not isinstance(date_range, Sequence) \
            or len(date_range) != 2:
        raise AnalysisArgumentError(f"{param} must be a (start, end) pair, got {date_range!r}")
    start = _bound(param, date_range[0], end=False)
    stop = _bound(param, date_range[1], end=True)
    d = to_utc(dates)
    mask = np.ones(len(d), dtype=bool)
    if start is not None:
        mask &= (d >= start).fillna(False).to_numpy(dtype=bool)
    if stop is not None:
        mask &= (d < stop).fillna(False).to_numpy(dtype=bool)
    return mask


def positions(keys: pd.Series, index_keys: pd.Series) -> np.ndarray:
    """For each value of ``keys``, its position in ``index_keys`` (unique), -1 when absent."""
    ka, ia = keys.array, index_keys.array
    if type(ka).__name__ == "ArrowStringArray" and type(ia).__name__ == "ArrowStringArray":
        import pyarrow.compute as pc

        found = pc.index_in(ka._pa_array, value_set=ia._pa_array.combine_chunks())
        return np.asarray(found.fill_null(-1).to_numpy(zero_copy_only=False), dtype=np.int64)
    return pd.Index(index_keys).get_indexer(keys)


def unique_articles(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles with one row per article_id (the first kept), index reset."""
    if articles["article_id"].is_unique:
        return articles.reset_index(drop=True)
    return articles.drop_duplicates("article_id").reset_index(drop=True)


def take(values: pd.Series, pos: np.ndarray) -> pd.Series:
    """values[pos] with -1 -> missing, as a Series aligned 0..len(pos)-1."""
    if len(values) == 0:
        return pd.Series([pd.NA] * len(pos), dtype="object")
    out = values.iloc[np.where(pos < 0, 0, pos)].reset_index(drop=True)
    if (pos < 0).any():
        out = out.where(pd.Series(pos >= 0))
    return out


def fold(text: object) -> str:
    """Casefolded, accents stripped: for forgiving name matching ("Šimonytė" -> "simonyte")."""
    s = unicodedata.normalize("NFKD", str(text))
    return "".join(c for c in s if not unicodedata.combining(c)).casefold().strip()


def filled(values: pd.Series) -> pd.Series:
    """String column with missing and empty values as <NA>."""
    s = values.astype("string")
    return s.mask((s == "").fillna(False))


def containing(statements: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """Pairs (statement row, mention row) where the mention lies inside the statement's quote
    span of the same article: quote_start <= start and end <= quote_end, field "text".

    Returns a frame with columns ``s`` and ``m`` (row positions into the two inputs). Joined on
    integer article codes so millions of rows stay fast."""
    if len(statements) == 0 or len(mentions) == 0:
        return pd.DataFrame({"s": np.array([], dtype=np.int64), "m": np.array([], dtype=np.int64)})
    m_ok = np.ones(len(mentions), dtype=bool)
    if "field" in mentions.columns:
        m_ok = (mentions["field"].astype("string") != "title").fillna(True).to_numpy(dtype=bool)
    codes, uniq = pd.factorize(statements["article_id"])
    m_codes = positions(mentions["article_id"].astype(statements["article_id"].dtype),
                        pd.Series(uniq, dtype=statements["article_id"].dtype))
    left = pd.DataFrame({"a": codes, "s": np.arange(len(statements)),
                         "qs": pd.to_numeric(statements["quote_start"], errors="coerce").to_numpy(),
                         "qe": pd.to_numeric(statements["quote_end"], errors="coerce").to_numpy()})
    keep = m_ok & (m_codes >= 0)
    right = pd.DataFrame({"a": m_codes[keep], "m": np.flatnonzero(keep),
                          "ms": pd.to_numeric(mentions["start"], errors="coerce").to_numpy()[keep],
                          "me": pd.to_numeric(mentions["end"], errors="coerce").to_numpy()[keep]})
    pairs = left.merge(right, on="a", how="inner")
    inside = (pairs["qs"] <= pairs["ms"]) & (pairs["me"] <= pairs["qe"])
    return pairs.loc[inside.fillna(False).to_numpy(dtype=bool), ["s", "m"]].reset_index(drop=True)


def plain_text(df: pd.DataFrame) -> pd.DataFrame:
    """Text columns as object columns of str or None (the tables' convention: pd.NA's truth
    value raises in ordinary comparisons such as ``row.speaker_country == "RUS"``)."""
    for col in df.columns:
        if isinstance(df[col].dtype, pd.StringDtype) or (
                df[col].dtype == object and df[col].isna().any()):
            s = df[col].astype(object)
            df[col] = s.where(s.notna(), None)
    return df
