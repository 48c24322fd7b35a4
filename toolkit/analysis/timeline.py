"""When each official or country said what: statements in date order, per period, first and
last, and "what X said about Y".

Dates: a statement's ``statement_date`` when known, else its article's date: ``published``,
or the start of the outlet's own day (``published_day``) when the UTC conversion moved the
article to another day (``date_basis`` then reads "published"). Ordering ties are broken by
the article's date and then by the position of the quote in the article.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from toolkit import schema
from toolkit.analysis._common import (
    AnalysisArgumentError,
    as_list,
    check_choice,
    containing,
    date_mask,
    factorize,
    fold,
    naive_utc,
    obj,
    period_start,
    plain_text,
    positions,
    take_values,
    text_array,
    text_at,
    unique_articles,
)

log = logging.getLogger(__name__)

TIMELINE_COLUMNS = ["statement_date", "speaker", "speaker_role", "speaker_country",
                    "speaker_type", "kind", "quote", "outlet", "url", "article_id",
                    "statement_id", "published", "date_basis", "date_text", "quote_start"]
PER_PERIOD_BY = ("speaker", "country", "speaker_type", "outlet")


def _name_hits(values: pd.Series, wanted: list[str]) -> np.ndarray:
    """Rows whose folded value contains a folded wanted name as whole words ("Simonyte" ~
    "Ingrida Šimonytė"); the test runs on the distinct values only."""
    codes, uniq = factorize(values)
    folded = [f" {fold(u)} " for u in uniq]
    wanted_f = [f" {fold(w)} " for w in wanted]
    hit_uniq = np.array([any(w in u for w in wanted_f) for u in folded], dtype=bool)
    return np.where(codes >= 0, hit_uniq[np.maximum(codes, 0)] if len(uniq) else False, False)


def _exact_hits(values: pd.Series, wanted: list[str], *, upper: bool = False) -> np.ndarray:
    codes, uniq = factorize(values)
    norm = (lambda x: str(x).upper()) if upper else str
    want = {norm(w) for w in wanted}
    hit_uniq = np.array([norm(u) in want for u in uniq], dtype=bool)
    return np.where(codes >= 0, hit_uniq[np.maximum(codes, 0)] if len(uniq) else False, False)


def statement_timeline(statements: pd.DataFrame, articles: pd.DataFrame, *,
                       speakers: Iterable[str] | None = None,
                       countries: Iterable[str] | None = None,
                       mentioning: Iterable[str] | None = None,
                       mentions: pd.DataFrame | None = None,
                       date_range: tuple[object, object] | None = None,
                       outlets: Iterable[str] | None = None,
                       columns: Iterable[str] | None = None) -> pd.DataFrame:
    """The statements in date order with who said it and where it was reported.

    Filters (combined with AND): ``speakers`` (speaker_id, full name or a name part such as
    the surname; case- and accent-insensitive), ``countries`` (ISO3 of the speaker),
    ``outlets`` (the article's outlet, display names as in mention_counts),
    ``date_range`` = (start, end) inclusive on the statement date, and ``mentioning``: "what
    X said about Y" — keep statements whose quote span contains a mention (field "text", same
    article, quote_start <= start and end <= quote_end) of any of these countries (ISO3) or
    officials/people (entity_id, or a name part as for ``speakers``); needs ``mentions``.

    Returns columns statement_date (statement_date, else the article's published), speaker,
    speaker_role, speaker_country, speaker_type, kind, quote, outlet, url, article_id,
    statement_id, published, date_basis ("published" where the article date stood in),
    date_text, quote_start; sorted by statement_date, then published, then the article's
    order in ``articles``, then quote_start. Empty input: an empty frame with these columns.
    ``columns``: only these of the columns above, in that order (a timeline of 100,000s of
    statements builds its text columns row by row: ask for what you will read).
    """
    wanted = _wanted_columns(columns)
    schema.validate(statements, "statements", required=("article_id", "quote", "speaker",
                                                         "statement_date"), name="statements")
    schema.validate(articles, "articles", required=("article_id", "published", "outlet",
                                                     "url"), name="articles")
    art = unique_articles(articles)
    st = statements
    mask = _speaker_mask(st, speakers=speakers, countries=countries)
    out_list = as_list("outlets", outlets)
    at_art = None  # every row's article, when the outlet filter needs it before the rows
    if out_list is not None:
        in_outlet = art["outlet"].isin(out_list).fillna(False).to_numpy(dtype=bool)  # per article
        at_art = positions(st["article_id"], art["article_id"])
        mask &= (at_art >= 0) & (in_outlet[np.maximum(at_art, 0)] if len(art) else False)
    about = as_list("mentioning", mentioning)
    if about is not None:
        if mentions is None:
            raise AnalysisArgumentError("mentioning= needs mentions= (the mentions table)")
        schema.validate(mentions, "mentions", required=("article_id", "entity_id", "name",
                                                         "start", "end"), name="mentions")
        schema.validate(st, "statements", required=("quote_start", "quote_end"),
                        name="statements")
        targets = [str(x) for x in about]
        m_hit = _exact_hits(mentions["entity_id"], targets, upper=True) | _name_hits(
            mentions["name"], targets)
        m = mentions.iloc[np.flatnonzero(m_hit)].reset_index(drop=True)
        idx = np.flatnonzero(mask)
        pairs = containing(st.iloc[idx].reset_index(drop=True), m)
        mask = np.zeros(len(st), dtype=bool)
        mask[idx[pairs["s"].to_numpy()]] = True
    rows = np.flatnonzero(mask)
    # Only the columns the order depends on are taken for the selected rows; the output's
    # columns are then taken once, in the final order.
    keys = [c for c in ("article_id", "statement_date", "date_basis", "quote_start") if c in st.columns]
    sub = st[keys].iloc[rows] if len(rows) < len(st) else st[keys]

    pos = at_art[rows] if at_art is not None else positions(sub["article_id"], art["article_id"])
    art_published = _article_dates(art)
    published = take_values(art_published, pos)
    date = naive_utc(sub["statement_date"])
    stood_in = np.isnat(date) & ~np.isnat(published)  # the article's date stands in
    if stood_in.any():
        date = np.where(stood_in, published, date)
    quote_start = pd.to_numeric(sub["quote_start"], errors="coerce").to_numpy(dtype=float) \
        if "quote_start" in sub.columns else np.full(len(sub), np.nan)
    keep = _in_range(date, date_range)
    order = _order(date, published, pos, quote_start, art_published)
    order = order[keep[order]]
    at = rows[order]  # rows of ``st``
    pos_o = pos[order]
    make: dict[str, Any] = {
        "statement_date": lambda: pd.Series(date[order]).dt.tz_localize("UTC"),
        "outlet": lambda: obj(text_at(art, "outlet", pos_o)),
        "url": lambda: obj(text_at(art, "url", pos_o)),
        "published": lambda: pd.Series(published[order]).dt.tz_localize("UTC"),
        "date_basis": lambda: obj(np.where(stood_in[order], "published",
                                           text_array(sub, "date_basis")[order])),
        "quote_start": lambda: pd.Series(pd.array(quote_start[order], dtype="Int64")),
    }
    cols = {c: (make[c]() if c in make else obj(text_at(st, c, at))) for c in wanted}
    return plain_text(pd.DataFrame(cols, copy=False))


def _wanted_columns(columns: Iterable[str] | None) -> list[str]:
    if columns is None:
        return list(TIMELINE_COLUMNS)
    wanted = [columns] if isinstance(columns, str) else list(columns)
    unknown = [c for c in wanted if c not in TIMELINE_COLUMNS]
    if unknown:
        raise AnalysisArgumentError(f"columns={unknown!r} are not timeline columns; use some of "
                                    f"{TIMELINE_COLUMNS}")
    return [c for c in TIMELINE_COLUMNS if c in wanted]


def _in_range(date: np.ndarray, date_range: object) -> np.ndarray:
    """date_mask for a naive UTC datetime64 array."""
    if date_range is None:
        return np.ones(len(date), dtype=bool)
    return date_mask(pd.Series(date).dt.tz_localize("UTC"), date_range)


def _order(date: np.ndarray, published: np.ndarray, pos: np.ndarray, quote_start: np.ndarray,
           art_published: np.ndarray) -> np.ndarray:
    """Row order by date, then published, then article position, then quote_start (NaT/NaN
    last). The last three keys are packed into one int64 when they fit (an article's rank by
    (published, position) * 2**32 + quote_start): a two-key lexsort is half the cost of four."""
    nat = np.iinfo(np.int64).max  # NaT last
    date_key = np.where(np.isnat(date), nat, date.view(np.int64))
    qs_ok = np.isfinite(quote_start)
    fits = bool(np.all(quote_start[qs_ok] >= 0) and np.all(quote_start[qs_ok] < 2 ** 32 - 1)
                and np.all(quote_start[qs_ok] == np.floor(quote_start[qs_ok])))
    if not fits:
        pub_key = np.where(np.isnat(published), nat, published.view(np.int64))
        return np.lexsort((np.nan_to_num(quote_start, nan=np.inf), pos, pub_key, date_key))
    # Articles ranked by (published NaT last, position): odd ranks 2r+1. A row without an
    # article (pos -1, published NaT) sorts after every dated article and before undated
    # ones (-1 < any position): rank 2 * (number of dated articles).
    a_key = np.where(np.isnat(art_published), nat, art_published.view(np.int64))
    a_order = np.argsort(a_key, kind="stable")
    rank = np.empty(len(a_order) + 1, dtype=np.int64)
    rank[a_order] = 2 * np.arange(len(a_order), dtype=np.int64) + 1
    rank[-1] = 2 * int((~np.isnat(art_published)).sum())  # index -1: no article
    qs = np.where(qs_ok, quote_start, 2 ** 32 - 1).astype(np.int64)
    tie_key = rank[pos] * np.int64(2 ** 32) + qs
    if len(date_key) > 1:  # rows already in timeline order (see timeline_order): no sort
        step = np.diff(date_key)
        if bool(np.all((step > 0) | ((step == 0) & (np.diff(tie_key) >= 0)))):
            return np.arange(len(date_key))
    return np.lexsort((tie_key, date_key))


def timeline_order(statements: pd.DataFrame, articles: pd.DataFrame) -> np.ndarray:
    """Row positions of ``statements`` in statement_timeline's order. A table reordered by
    them once (``statements.iloc[order]``) gives the same timelines, and statement_timeline
    then skips its sort: what an interactive explorer calling it repeatedly wants."""
    schema.validate(statements, "statements", required=("article_id", "statement_date"),
                    name="statements")
    schema.validate(articles, "articles", required=("article_id", "published"),
                    name="articles")
    art = unique_articles(articles)
    pos = positions(statements["article_id"], art["article_id"])
    art_published = _article_dates(art)
    published = take_values(art_published, pos)
    date = naive_utc(statements["statement_date"])
    date = np.where(np.isnat(date), published, date)
    quote_start = pd.to_numeric(statements["quote_start"], errors="coerce").to_numpy(
        dtype=float) if "quote_start" in statements.columns else np.full(len(statements), np.nan)
    return _order(date, published, pos, quote_start, art_published)


def statements_per_period(statements: pd.DataFrame, articles: pd.DataFrame, *,
                          by: str = "speaker", freq: str = "M",
                          date_range: tuple[object, object] | None = None,
                          top: int | None = None) -> pd.DataFrame:
    """Number of statements per key and period of the statement date (else the published date).

    ``by``: "speaker" (key = speaker name), "country" (speaker_country), "speaker_type" or
    "outlet". ``freq``: "D", "W" (Monday weeks), "M", "Q", "Y". ``top``: keep the keys with the
    most statements overall. Statements whose key is missing are not counted.

    Returns columns period, key, count, sorted by period then count descending. Empty input:
    an empty frame with these columns.
    """
    check_choice("by", by, PER_PERIOD_BY)
    period_start(pd.Series([], dtype="datetime64[ns, UTC]"), freq)
    if top is not None and (not isinstance(top, int) or top < 1):
        raise AnalysisArgumentError(f"top={top!r} must be a positive integer or None")
    schema.validate(statements, "statements", required=("article_id", "speaker",
                                                         "speaker_country", "speaker_type",
                                                         "statement_date"), name="statements")
    schema.validate(articles, "articles", required=("article_id", "published", "outlet"),
                    name="articles")
    art = unique_articles(articles)
    date, pos = _dates(statements, art)
    if by == "outlet":
        o_codes, keys = factorize(art["outlet"])
        k = np.where(pos >= 0, o_codes[np.maximum(pos, 0)] if len(art) else -1, -1)
    else:
        col = {"speaker": "speaker", "country": "speaker_country"}.get(by, by)
        k, keys = factorize(statements[col])
    p_codes, p_uniq = factorize(period_start(pd.Series(date).dt.tz_localize("UTC"), freq))
    ok = (k >= 0) & (p_codes >= 0) & date_mask(pd.Series(date).dt.tz_localize("UTC"),
                                               date_range)
    n_k = max(len(keys), 1)
    vc = pd.Series(p_codes[ok] * n_k + k[ok]).value_counts(sort=False)
    cell, count = vc.index.to_numpy(dtype=np.int64), vc.to_numpy(dtype=np.int64)
    kk, pp = cell % n_k, cell // n_k
    if top is not None and len(cell):
        total = np.bincount(kk, weights=count, minlength=n_k)
        alpha = np.empty(n_k, dtype=np.int64)
        alpha[np.argsort(np.array([str(x) for x in keys]), kind="stable")] = np.arange(len(keys))
        keep = np.isin(kk, np.lexsort((alpha, -total))[:top])
        count, kk, pp = count[keep], kk[keep], pp[keep]
    out = pd.DataFrame({"period": pd.to_datetime(pd.Series(p_uniq[pp] if len(pp) else [],
                                                           dtype=object)).astype(
                                                               "datetime64[ns]"),
                        "key": keys[kk] if len(keys) else np.array([], dtype=object),
                        "count": count})
    out = out.sort_values(["period", "count", "key"], ascending=[True, False, True],
                          kind="stable").reset_index(drop=True)
    out.attrs["freq"] = freq
    return plain_text(out)


def _article_dates(art: pd.DataFrame) -> np.ndarray:
    """Each article's date as naive UTC datetime64: ``published``, except that an article
    whose outlet's day (``published_day``) is not the UTC day of ``published`` (a page of
    8 May 01:30 +02:00 is 7 May in UTC) is dated at the start of the outlet's day."""
    published = naive_utc(art["published"])
    if "published_day" not in art.columns or not len(art):
        return published
    day = pd.to_datetime(art["published_day"], errors="coerce").to_numpy(dtype="datetime64[ns]")
    moved = ~np.isnat(day) & (np.isnat(published) | (published.astype("datetime64[D]") != day))
    return np.where(moved, day, published) if moved.any() else published


def _dates(statements: pd.DataFrame, art: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """(statement date else the article's published, as naive UTC datetime64; article pos)."""
    pos = positions(statements["article_id"], art["article_id"])
    date = naive_utc(statements["statement_date"])
    missing = np.isnat(date)
    if missing.any():
        date = np.where(missing, take_values(_article_dates(art), pos), date)
    return date, pos


def first_last(statements: pd.DataFrame, articles: pd.DataFrame, *,
               speakers: Iterable[str] | None = None,
               countries: Iterable[str] | None = None) -> pd.DataFrame:
    """Each speaker's first and last statement (dates as in statement_timeline).

    Returns columns speaker, speaker_country, n_statements, first_date, first_quote,
    first_url, last_date, last_quote, last_url; sorted by n_statements (descending), then
    first_date: the most quoted speakers first. Statements without a
    speaker are left out. Empty input: an empty frame with these columns.
    """
    schema.validate(statements, "statements", required=("article_id", "quote", "speaker",
                                                         "speaker_country", "statement_date"),
                    name="statements")
    schema.validate(articles, "articles", required=("article_id", "published", "url"),
                    name="articles")
    cols = ["speaker", "speaker_country", "n_statements", "first_date", "first_quote",
            "first_url", "last_date", "last_quote", "last_url"]
    art = unique_articles(articles)
    st = statements
    mask = _speaker_mask(st, speakers=speakers, countries=countries)
    date, pos = _dates(st, art)
    s_codes, s_uniq = factorize(st["speaker"])
    ok = np.flatnonzero(mask & (s_codes >= 0) & ~np.isnat(date))
    # Date order (ties: table order); the first row per speaker is its first statement.
    order = ok[np.lexsort((ok, date[ok].view(np.int64)))]
    spk_sorted = s_codes[order]
    _u, first_i = np.unique(spk_sorted, return_index=True)
    _u2, last_rev = np.unique(spk_sorted[::-1], return_index=True)
    first_rows = order[first_i]
    last_rows = order[len(order) - 1 - last_rev]
    n_stat = np.bincount(spk_sorted, minlength=len(s_uniq))[_u] if len(order) else \
        np.array([], dtype=np.int64)
    url = take_values(text_array(art, "url"), pos)
    quote = text_array(st, "quote")
    country = text_array(st, "speaker_country")
    utc = lambda rows: pd.Series(date[rows]).dt.tz_localize("UTC")
    out = pd.DataFrame({
        "speaker": s_uniq[_u] if len(_u) else np.array([], dtype=object),
        "speaker_country": country[first_rows], "n_statements": n_stat.astype("int64"),
        "first_date": utc(first_rows), "first_quote": quote[first_rows],
        "first_url": url[first_rows], "last_date": utc(last_rows),
        "last_quote": quote[last_rows], "last_url": url[last_rows]})
    out = out.sort_values(["n_statements", "first_date", "speaker"], ascending=[False, True, True],
                          kind="stable").reset_index(drop=True)
    return plain_text(out[cols])


def _speaker_mask(st: pd.DataFrame, *, speakers: Any, countries: Any) -> np.ndarray:
    """Rows whose speaker (name or id) is one of ``speakers`` and whose country is one of
    ``countries``; None means no filter."""
    mask = np.ones(len(st), dtype=bool)
    spk = as_list("speakers", speakers)
    if spk is not None:
        wanted = [str(x) for x in spk]
        hit = _name_hits(st["speaker"], wanted)
        if "speaker_id" in st.columns:
            hit |= _exact_hits(st["speaker_id"], wanted)
        mask &= hit
    ctry = as_list("countries", countries)
    if ctry is not None:
        mask &= _exact_hits(st["speaker_country"], [str(c) for c in ctry], upper=True)
    return mask
