"""When each official or country said what: statements in date order, per period, first and
last, and "what X said about Y".

Dates: a statement's ``statement_date`` when known, else its article's ``published``
(``date_basis`` then reads "published"). Ordering ties are broken by the article's published
date and then by the position of the quote in the article.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable

import numpy as np
import pandas as pd

from toolkit import schema
from toolkit.analysis._common import (
    AnalysisArgumentError,
    as_list,
    check_choice,
    containing,
    date_mask,
    filled,
    fold,
    period_start,
    plain_text,
    positions,
    take,
    to_utc,
    unique_articles,
)

log = logging.getLogger(__name__)

TIMELINE_COLUMNS = ["statement_date", "speaker", "speaker_role", "speaker_country",
                    "speaker_type", "kind", "quote", "outlet", "url", "article_id",
                    "statement_id", "published", "date_basis", "date_text", "quote_start"]
PER_PERIOD_BY = ("speaker", "country", "speaker_type", "outlet")


def _matches_speaker(st: pd.DataFrame, wanted: list[str]) -> np.ndarray:
    """A statement matches a wanted speaker when its speaker_id equals it, or the folded wanted
    name is a whole-word part of the folded speaker name ("Simonyte" ~ "Ingrida Šimonytė")."""
    ids = filled(st["speaker_id"]) if "speaker_id" in st.columns else None
    name = filled(st["speaker"])
    codes, uniq = pd.factorize(name)
    folded = [f" {fold(u)} " for u in uniq]
    hit_uniq = np.zeros(len(uniq), dtype=bool)
    for w in wanted:
        fw = f" {fold(w)} "
        hit_uniq |= np.array([fw in u for u in folded], dtype=bool)
    hit = np.where(codes >= 0, hit_uniq[np.where(codes >= 0, codes, 0)] if len(uniq) else False,
                   False)
    if ids is not None:
        hit = hit | ids.isin(wanted).fillna(False).to_numpy(dtype=bool)
    return hit


def _mention_targets(mentions: pd.DataFrame, targets: list[str]) -> np.ndarray:
    """Mentions of any target: entity_id equal (ISO3 for countries, id for officials), or a
    folded name / surname match for people."""
    ids = filled(mentions["entity_id"]).str.upper()
    hit = ids.isin([t.upper() for t in targets]).fillna(False).to_numpy(dtype=bool)
    name = filled(mentions["name"])
    codes, uniq = pd.factorize(name)
    folded = [f" {fold(u)} " for u in uniq]
    hu = np.zeros(len(uniq), dtype=bool)
    for t in targets:
        ft = f" {fold(t)} "
        hu |= np.array([ft in u for u in folded], dtype=bool)
    if len(uniq):
        hit = hit | np.where(codes >= 0, hu[np.where(codes >= 0, codes, 0)], False)
    return hit


def statement_timeline(statements: pd.DataFrame, articles: pd.DataFrame, *,
                       speakers: Iterable[str] | None = None,
                       countries: Iterable[str] | None = None,
                       mentioning: Iterable[str] | None = None,
                       mentions: pd.DataFrame | None = None,
                       date_range: tuple[object, object] | None = None) -> pd.DataFrame:
    """The statements in date order with who said it and where it was reported.

    Filters (combined with AND): ``speakers`` (speaker_id, full name or a name part such as
    the surname; case- and accent-insensitive), ``countries`` (ISO3 of the speaker),
    ``date_range`` = (start, end) inclusive on the statement date, and ``mentioning``: "what
    X said about Y" — keep statements whose quote span contains a mention (field "text", same
    article, quote_start <= start and end <= quote_end) of any of these countries (ISO3) or
    officials/people (entity_id or name); needs ``mentions``.

    Returns columns statement_date (statement_date, else the article's published), speaker,
    speaker_role, speaker_country, speaker_type, kind, quote, outlet, url, article_id,
    statement_id, published, date_basis, date_text, quote_start; sorted by statement_date,
    published, article_id, quote_start. Empty input: an empty frame with these columns.
    """
    schema.validate(statements, "statements", required=("article_id", "quote", "speaker",
                                                         "statement_date"), name="statements")
    schema.validate(articles, "articles", required=("article_id", "published", "outlet",
                                                     "url"), name="articles")
    art = unique_articles(articles)
    st = statements.reset_index(drop=True)
    mask = np.ones(len(st), dtype=bool)
    spk = as_list("speakers", speakers)
    if spk is not None:
        mask &= _matches_speaker(st, [str(s) for s in spk])
    ctry = as_list("countries", countries)
    if ctry is not None:
        wanted = [str(c).upper() for c in ctry]
        mask &= filled(st["speaker_country"]).str.upper().isin(wanted).fillna(False).to_numpy(
            dtype=bool)
    about = as_list("mentioning", mentioning)
    if about is not None:
        if mentions is None:
            raise AnalysisArgumentError("mentioning= needs mentions= (the mentions table)")
        schema.validate(mentions, "mentions", required=("article_id", "entity_id", "name",
                                                         "start", "end"), name="mentions")
        schema.validate(st, "statements", required=("quote_start", "quote_end"),
                        name="statements")
        m = mentions[_mention_targets(mentions, [str(a) for a in about])].reset_index(drop=True)
        sub = st[mask]
        pairs = containing(sub.reset_index(drop=True), m)
        keep_rows = np.unique(np.flatnonzero(mask)[pairs["s"].to_numpy()])
        mask = np.zeros(len(st), dtype=bool)
        mask[keep_rows] = True
    st = st[mask].reset_index(drop=True)

    pos = positions(st["article_id"].astype("string"), art["article_id"].astype("string"))
    published = take(to_utc(art["published"]), pos)
    date = to_utc(st["statement_date"]).reset_index(drop=True)
    basis = (filled(st["date_basis"]) if "date_basis" in st.columns
             else pd.Series(pd.NA, index=st.index, dtype="string")).reset_index(drop=True)
    basis = basis.mask(date.isna() & published.notna(), "published")
    date = date.fillna(published)
    out = pd.DataFrame({"statement_date": date})
    for c in ("speaker", "speaker_role", "speaker_country", "speaker_type", "kind", "quote"):
        out[c] = (st[c].astype("string") if c in st.columns
                  else pd.Series(pd.NA, index=st.index, dtype="string")).to_numpy()
    out["outlet"] = take(filled(art["outlet"]), pos).astype("string").to_numpy()
    out["url"] = take(filled(art["url"]), pos).astype("string").to_numpy()
    out["article_id"] = st["article_id"].astype("string").to_numpy()
    out["statement_id"] = (st["statement_id"].astype("string") if "statement_id" in st.columns
                           else pd.Series(pd.NA, index=st.index, dtype="string")).to_numpy()
    out["published"] = published.to_numpy()
    out["published"] = to_utc(out["published"])
    out["date_basis"] = basis.astype("string").to_numpy()
    out["date_text"] = (st["date_text"].astype("string") if "date_text" in st.columns
                        else pd.Series(pd.NA, index=st.index, dtype="string")).to_numpy()
    qs = st["quote_start"] if "quote_start" in st.columns else pd.Series(pd.NA, index=st.index)
    out["quote_start"] = pd.to_numeric(qs, errors="coerce").astype("Int64").to_numpy()
    out = out[date_mask(out["statement_date"], date_range)]
    out = out.sort_values(["statement_date", "published", "article_id", "quote_start"],
                          kind="stable", na_position="last")
    for c in TIMELINE_COLUMNS:
        if c in ("statement_date", "published", "quote_start"):
            continue
        out[c] = out[c].astype("string")
    return plain_text(out.reset_index(drop=True)[TIMELINE_COLUMNS])


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
    st = statements.reset_index(drop=True)
    pos = positions(st["article_id"].astype("string"), art["article_id"].astype("string"))
    date = to_utc(st["statement_date"]).reset_index(drop=True)
    date = date.fillna(take(to_utc(art["published"]), pos))
    col = {"speaker": "speaker", "country": "speaker_country",
           "speaker_type": "speaker_type"}.get(by)
    key = take(filled(art["outlet"]), pos) if col is None else filled(st[col])
    frame = pd.DataFrame({"period": period_start(date, freq), "key": key.to_numpy()})
    frame = frame[date_mask(date, date_range)].dropna()
    out = frame.groupby(["period", "key"], sort=False).size().rename("count").reset_index()
    if top is not None and len(out):
        keep = out.groupby("key")["count"].sum().sort_values(ascending=False, kind="stable")
        out = out[out["key"].isin(keep.index[:top])]
    out = out.sort_values(["period", "count", "key"], ascending=[True, False, True],
                          kind="stable").reset_index(drop=True)
    out["key"] = out["key"].astype("string")
    out["count"] = out["count"].astype("int64")
    out = out[["period", "key", "count"]]
    out.attrs["freq"] = freq
    return plain_text(out)


def first_last(statements: pd.DataFrame, articles: pd.DataFrame, *,
               speakers: Iterable[str] | None = None,
               countries: Iterable[str] | None = None) -> pd.DataFrame:
    """Each speaker's first and last statement (dates as in statement_timeline).

    Returns columns speaker, speaker_country, n_statements, first_date, first_quote,
    first_url, last_date, last_quote, last_url; sorted by first_date. Statements without a
    speaker are left out. Empty input: an empty frame with these columns.
    """
    tl = statement_timeline(statements, articles, speakers=speakers, countries=countries)
    tl = tl[tl["speaker"].notna()]
    cols = ["speaker", "speaker_country", "n_statements", "first_date", "first_quote",
            "first_url", "last_date", "last_quote", "last_url"]
    if tl.empty:
        return pd.DataFrame({c: pd.Series(dtype="string") for c in cols}).astype(
            {"n_statements": "int64", "first_date": "datetime64[ns, UTC]",
             "last_date": "datetime64[ns, UTC]"})
    g = tl.groupby("speaker", sort=False)  # tl is in date order: first/last rows are the ends
    first = g.head(1).set_index("speaker")
    last = g.tail(1).set_index("speaker")
    out = pd.DataFrame({
        "speaker": first.index.astype("string"),
        "speaker_country": g["speaker_country"].first().reindex(first.index).astype("string").to_numpy(),
        "n_statements": g.size().reindex(first.index).astype("int64").to_numpy(),
        "first_date": first["statement_date"].to_numpy(),
        "first_quote": first["quote"].to_numpy(),
        "first_url": first["url"].to_numpy(),
        "last_date": last.loc[first.index, "statement_date"].to_numpy(),
        "last_quote": last.loc[first.index, "quote"].to_numpy(),
        "last_url": last.loc[first.index, "url"].to_numpy(),
    })
    out["first_date"] = to_utc(out["first_date"])
    out["last_date"] = to_utc(out["last_date"])
    out = out.sort_values(["first_date", "speaker"], kind="stable").reset_index(drop=True)
    return plain_text(out[cols])
