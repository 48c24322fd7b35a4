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
    days = naive.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")  # floor, NaT kept
    codes, uniq = pd.factorize(days)
    starts = pd.Series(pd.DatetimeIndex(uniq)).dt.to_period(FREQS[freq]).dt.start_time \
        .to_numpy(dtype="datetime64[ns]")
    out = starts[np.maximum(codes, 0)] if len(starts) else np.full(len(days), np.datetime64("NaT"), "datetime64[ns]")
    out[codes < 0] = np.datetime64("NaT")
    return pd.Series(out, index=naive.index, name=naive.name)


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


def factorize(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(codes, uniques): int64 codes into an object array of distinct values; -1 for missing
    and empty strings. Categorical columns cost nothing (their codes are reused)."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        codes = values.cat.codes.to_numpy().astype(np.int64)
        uniq = np.asarray(values.cat.categories, dtype=object)
    else:
        raw, u = pd.factorize(values, use_na_sentinel=True)
        codes, uniq = raw.astype(np.int64), np.asarray(u, dtype=object)
    empty = np.flatnonzero(np.asarray(uniq == "", dtype=bool)) if len(uniq) else uniq
    if len(empty):
        codes = np.where(np.isin(codes, empty), -1, codes)
    return codes, uniq


def key_codes(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """factorize() for a high-cardinality key such as article_id. Tables grouped by article
    (as the extractors write them) hold long runs of one key: only the first value of each run
    is hashed, which is ~20x cheaper than hashing every row."""
    n = len(values)
    if n < 2 or isinstance(values.dtype, pd.CategoricalDtype):
        return factorize(values)
    arr = values.array
    if type(arr).__name__ in ("ArrowStringArray", "ArrowStringArrayNumpySemantics"):
        import pyarrow.compute as pc

        pa = arr._pa_array.combine_chunks()
        neq = pc.not_equal(pa.slice(1), pa.slice(0, n - 1)).fill_null(True)
        change = np.asarray(neq.to_numpy(zero_copy_only=False), dtype=bool)
    else:
        obj = values.to_numpy(dtype=object)
        change = np.asarray(obj[1:] != obj[:-1], dtype=bool)
    starts = np.concatenate([[True], change])
    n_runs = int(starts.sum())
    if n_runs > n // 2:  # not grouped: hashing everything is as cheap
        return factorize(values)
    head_codes, uniq = factorize(values.iloc[np.flatnonzero(starts)])
    return head_codes[np.cumsum(starts) - 1], uniq


def key_index(keys: pd.Series) -> pd.Index:
    """An Index over unique keys, to look many tables up in without rebuilding its hash."""
    return pd.Index(keys.to_numpy(dtype=object), dtype=object)


def lookup(codes: np.ndarray, uniq: np.ndarray, index_keys: pd.Series | pd.Index) -> np.ndarray:
    """Positions in ``index_keys`` (unique) of the values behind ``codes``; -1 when absent."""
    if len(uniq) == 0 or len(codes) == 0:
        return np.full(len(codes), -1, dtype=np.int64)
    index = index_keys if isinstance(index_keys, pd.Index) else key_index(index_keys)
    u = pd.Index(uniq, dtype=object)
    if len(u) == len(index) and u.equals(index):
        # Keys coded on the articles' own ids (compact(..., articles=...)): no hashing.
        upos = np.arange(len(index), dtype=np.int64)
    else:
        upos = index.get_indexer(u).astype(np.int64)
    return np.where(codes >= 0, upos[np.maximum(codes, 0)], -1)


def positions(keys: pd.Series, index_keys: pd.Series | pd.Index) -> np.ndarray:
    """For each value of ``keys``, its position in ``index_keys`` (unique), -1 when absent."""
    if isinstance(index_keys, pd.Series) and _same_categories(keys, index_keys):
        # Both coded on one set of ids (compact(..., articles=...), the widgets' tables): the
        # position of each code, without hashing a single id.
        i_codes = index_keys.cat.codes.to_numpy()
        n_cats = len(index_keys.cat.categories)
        pos_of = np.full(n_cats + 1, -1, dtype=np.int64)  # last slot: missing keys (-1)
        has = np.flatnonzero(i_codes >= 0)
        pos_of[i_codes[has]] = has
        k_codes = keys.cat.codes.to_numpy()
        return pos_of[np.where(k_codes >= 0, k_codes, n_cats)]
    codes, uniq = key_codes(keys)
    return lookup(codes, uniq, index_keys)


def _same_categories(a: pd.Series, b: pd.Series) -> bool:
    """Both categorical over the same categories in the same order (codes mean the same ids).
    Not dtype equality: unordered categoricals compare equal whatever their categories' order."""
    if not (isinstance(a.dtype, pd.CategoricalDtype) and isinstance(b.dtype, pd.CategoricalDtype)):
        return False
    return a.cat.categories is b.cat.categories or a.cat.categories.equals(b.cat.categories)


def take_values(values: np.ndarray, pos: np.ndarray, fill: object = None) -> np.ndarray:
    """values[pos] as a numpy array, ``fill`` where pos is -1 (NaT for datetimes)."""
    if len(values) == 0:
        if np.issubdtype(values.dtype, np.datetime64):
            return np.full(len(pos), np.datetime64("NaT"), dtype=values.dtype)
        return np.full(len(pos), fill, dtype=object)
    out = values[np.maximum(pos, 0)]
    miss = pos < 0
    if miss.any():
        out = out.copy()
        out[miss] = np.datetime64("NaT") if np.issubdtype(out.dtype, np.datetime64) else fill
    return out


def naive_utc(values: pd.Series) -> np.ndarray:
    """Dates as a datetime64[ns] numpy array of UTC wall time (NaT when missing)."""
    return to_utc(values).dt.tz_localize(None).to_numpy(dtype="datetime64[ns]")


def text_array(df: pd.DataFrame, col: str) -> np.ndarray:
    """A text column as an object array of str or None (a missing column: all None)."""
    if col not in df.columns:
        return np.full(len(df), None, dtype=object)
    values = df[col]
    if values.dtype == object:  # the tables' own convention: already str or None
        return values.to_numpy()
    if isinstance(values.dtype, pd.CategoricalDtype):
        codes = values.cat.codes.to_numpy()
        cats = np.concatenate([np.asarray(values.cat.categories, dtype=object),
                               np.array([None], dtype=object)])
        return cats[np.where(codes >= 0, codes, len(cats) - 1)]
    out = values.astype(object)
    return out.where(out.notna(), None).to_numpy()


def text_at(df: pd.DataFrame, col: str, rows: np.ndarray) -> np.ndarray:
    """text_array(df, col)[rows], without materialising the whole column first; a row -1
    (no such row) gives None."""
    if col not in df.columns:
        return np.full(len(rows), None, dtype=object)
    rows = np.asarray(rows, dtype=np.int64)
    absent = rows < 0
    at = np.where(absent, 0, rows) if absent.any() else rows
    values = df[col]
    if isinstance(values.dtype, pd.CategoricalDtype):
        codes = values.cat.codes.to_numpy()[at] if len(df) else np.full(len(at), -1)
        cats = np.asarray(values.cat.categories, dtype=object)  # a view, not a copy
        out = cats[np.maximum(codes, 0)] if len(cats) else np.full(len(codes), None, dtype=object)
        out[absent | (codes < 0)] = None
        return out
    if not len(df):
        return np.full(len(rows), None, dtype=object)
    out = text_array(df, col)[at]
    if absent.any():
        out[absent] = None
    return out


def unique_articles(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles with one row per article_id (the first kept), index reset."""
    if articles["article_id"].is_unique:
        return articles.reset_index(drop=True)
    return articles.drop_duplicates("article_id").reset_index(drop=True)


def fold(text: object) -> str:
    """Casefolded, accents stripped: for forgiving name matching ("Šimonytė" -> "simonyte")."""
    s = unicodedata.normalize("NFKD", str(text))
    return "".join(c for c in s if not unicodedata.combining(c)).casefold().strip()


def filled(values: pd.Series) -> pd.Series:
    """String column with missing and empty values as <NA>."""
    s = values.astype("string")
    return s.mask((s == "").fillna(False))


def containing(statements: pd.DataFrame, mentions: pd.DataFrame,
               rows: np.ndarray | None = None) -> pd.DataFrame:
    """Pairs (statement row, mention row) where the mention lies inside the statement's quote
    span of the same article: quote_start <= start and end <= quote_end, field "text".
    ``rows``: only these mention rows (positions) are considered.

    Returns a frame with columns ``s`` and ``m`` (row positions into the two inputs), sorted.
    Method: quotes sorted by (article, start); each mention binary-searches the last quote
    starting at or before it, then steps back only while an earlier quote of the article
    still reaches past the mention's end (nested or overlapping quotes), so every containing
    quote is found without joining all statement x mention pairs of an article."""
    none = pd.DataFrame({"s": np.array([], dtype=np.int64), "m": np.array([], dtype=np.int64)})
    if rows is None:
        rows = np.arange(len(mentions))
    if len(statements) == 0 or len(rows) == 0:
        return none
    s_codes, s_uniq = key_codes(statements["article_id"])
    m_codes, m_uniq = key_codes(mentions["article_id"])
    m_codes = lookup(m_codes[rows], m_uniq, pd.Index(s_uniq, dtype=object))
    keep = m_codes >= 0
    if "field" in mentions.columns:
        f_codes, f_uniq = factorize(mentions["field"])
        keep &= ~np.isin(f_codes[rows], np.flatnonzero(f_uniq == "title"))

    def num(df: pd.DataFrame, c: str) -> np.ndarray:
        return pd.to_numeric(df[c], errors="coerce").to_numpy(dtype=float)

    # Sort-based interval containment instead of a join (a join makes statements x mentions
    # rows per article: millions). Positions become global: article code * 2**32 + offset.
    qs, qe = num(statements, "quote_start"), num(statements, "quote_end")
    ok_s = np.flatnonzero((s_codes >= 0) & np.isfinite(qs) & np.isfinite(qe))
    sel = rows[keep]
    ma = m_codes[keep]
    start, end = mentions["start"], mentions["end"]
    if pd.api.types.is_integer_dtype(start.dtype) and pd.api.types.is_integer_dtype(end.dtype) \
            and not isinstance(start.dtype, pd.api.extensions.ExtensionDtype) \
            and not isinstance(end.dtype, pd.api.extensions.ExtensionDtype):
        # The schema's int64 offsets: take the selected rows, no float round trip.
        ms, me = start.to_numpy()[sel].astype(np.int64), end.to_numpy()[sel].astype(np.int64)
    else:
        msf, mef = num(mentions, "start")[sel], num(mentions, "end")[sel]
        ok_m = np.isfinite(msf) & np.isfinite(mef)
        sel, ma = sel[ok_m], ma[ok_m]
        ms, me = msf[ok_m].astype(np.int64), mef[ok_m].astype(np.int64)
    if not len(ok_s) or not len(sel):
        return none
    big = np.int64(2) ** 32
    order = ok_s[np.lexsort((qs[ok_s], s_codes[ok_s]))]
    art_s = s_codes[order]
    start_s = art_s * big + qs[order].astype(np.int64)
    end_s = qe[order].astype(np.int64)
    # Largest quote end so far within the article: whether an earlier quote can still reach.
    reach = pd.Series(end_s).groupby(art_s).cummax().to_numpy()
    cur = np.searchsorted(start_s, ma * big + ms, side="right") - 1
    alive = np.flatnonzero(cur >= 0)
    found_s, found_m = [], []
    while len(alive):
        c = cur[alive]
        same = art_s[c] == ma[alive]
        hit = same & (end_s[c] >= me[alive])
        found_s.append(order[c[hit]])
        found_m.append(sel[alive[hit]])
        prev = c - 1
        go_on = same & (prev >= 0)
        go_on[go_on] &= (art_s[prev[go_on]] == ma[alive[go_on]]) & (
            reach[prev[go_on]] >= me[alive[go_on]])
        cur[alive] = prev
        alive = alive[go_on]
    if not found_s:
        return none
    out = pd.DataFrame({"s": np.concatenate(found_s), "m": np.concatenate(found_m)})
    return out.sort_values(["s", "m"], kind="stable").reset_index(drop=True)


def obj(values: np.ndarray) -> pd.Series:
    """An object Series (pandas 3 would otherwise turn an array of str into its str dtype)."""
    return pd.Series(values, dtype=object, copy=False)


def plain_text(df: pd.DataFrame) -> pd.DataFrame:
    """Text columns as object columns of str or None (the tables' convention: pd.NA's truth
    value raises in ordinary comparisons such as ``row.speaker_country == "RUS"``)."""
    for col in df.columns:
        if isinstance(df[col].dtype, (pd.StringDtype, pd.CategoricalDtype)):
            s = df[col].astype(object)
            df[col] = s.where(s.notna(), None)
    return df


# Text columns worth storing as categoricals (few distinct values, grouped on often).
CATEGORICAL: dict[str, tuple[str, ...]] = {
    "articles": ("outlet", "outlet_domain", "outlet_country", "language"),
    "mentions": ("article_id", "field", "entity_type", "entity_id", "name", "country", "role"),
    "statements": ("article_id", "kind", "speaker", "speaker_id", "speaker_type",
                   "speaker_role", "speaker_country", "date_basis", "venue"),
    "sources": ("article_id", "source", "source_type", "source_country"),
}


def compact(table: pd.DataFrame, kind: str, *,
            articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """A copy of ``table`` (``kind``: "articles", "mentions", "statements" or "sources") with
    its repetitive text columns as pandas categoricals. The analysis functions reuse the
    categorical codes instead of hashing strings, which makes repeated analyses of a large
    corpus (a widget session) faster; results are the same. Values read back as str
    (``row.country == "RUS"`` still works).

    With ``articles`` (the articles table, ids unique), ``article_id`` is coded on exactly
    those ids in their order, so that finding each row's article costs no hashing at all
    (rows whose article is not in ``articles`` get a missing article_id)."""
    check_choice("kind", kind, CATEGORICAL)
    out = table.copy()
    for col in CATEGORICAL[kind]:
        if col == "article_id" and articles is not None:
            ids = pd.Index(articles["article_id"].to_numpy(dtype=object), dtype=object)
            if not ids.is_unique:
                raise AnalysisArgumentError("articles= must have unique article_id values")
            out[col] = pd.Categorical(out[col].to_numpy(dtype=object), categories=ids)
        elif col in out.columns and not isinstance(out[col].dtype, pd.CategoricalDtype):
            out[col] = out[col].astype("category")
    return out
