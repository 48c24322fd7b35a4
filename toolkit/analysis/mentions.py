"""Who is mentioned, where and when: counts over time, top entities, co-mentions, and which
speakers mention which countries in their statements.

All functions take the tables of DESIGN.md (columns in toolkit/schema.py), never modify them
and return new tidy DataFrames.

Method (fast on 100k articles / 2M mentions): every text column that is grouped on is turned
into integer codes once (``factorize``; article ids by runs, see ``_common.key_codes``), the
article of each mention is found by position, and counts are ``value_counts``/``bincount`` of
combined integer keys. Labels are looked up on the distinct values only. No Python loop runs
over rows.
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
    factorize,
    key_codes,
    lookup,
    obj,
    period_start,
    plain_text,
    positions,
    text_at,
    unique_articles,
)

log = logging.getLogger(__name__)

MENTION_BY = ("entity", "country", "entity_type", "outlet", "outlet_country")
ENTITY_TYPES = ("country", "official", "organization", "person")
COUNT_COLUMNS = ["period", "outlet", "key", "label", "count", "n_articles", "per_1000_articles"]
_MENTION_COLS = ("article_id", "entity_type", "entity_id", "name", "country")


def _country_names() -> dict[str, str]:
    """ISO3 -> display name from the KB; {} when the KB is unavailable (labels fall back to codes)."""
    try:
        from toolkit import kb

        c = kb.countries()
        return dict(zip(c["iso3"].astype(str), c["name"].astype(str), strict=False))
    except (ImportError, OSError, LookupError, ValueError, AttributeError) as exc:  # KB optional
        log.debug("country names unavailable: %s", exc)
        return {}


def _index_of(uniq: np.ndarray, wanted: Iterable[object]) -> np.ndarray:
    """Positions in ``uniq`` of the wanted values that occur."""
    idx = pd.Index(uniq).get_indexer(list(wanted))
    return idx[idx >= 0]


def _in(codes: np.ndarray, n_uniq: int, hits: np.ndarray) -> np.ndarray:
    """np.isin(codes, hits) for codes in -1..n_uniq-1, by a lookup table (no sort of rows)."""
    table = np.zeros(n_uniq + 1, dtype=bool)
    table[hits] = True
    return table[np.where(codes >= 0, codes, n_uniq)]


def _alpha_rank(keys: np.ndarray) -> np.ndarray:
    """Alphabetical rank of each key: a tie-break that does not depend on code order."""
    rank = np.empty(len(keys), dtype=np.int64)
    rank[np.argsort(np.array([str(k) for k in keys]), kind="stable")] = np.arange(len(keys))
    return rank


def _entity_keys(mentions: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(codes, keys, labels) per mention: entity_id, else the name; label = first name seen."""
    e_codes, e_uniq = factorize(mentions["entity_id"])
    codes, keys = e_codes, e_uniq
    miss = np.flatnonzero(e_codes < 0)
    if len(miss):  # only mentions without an id are keyed by their name
        n_codes, n_uniq = factorize(mentions["name"].iloc[miss])
        codes = e_codes.copy()
        codes[miss] = np.where(n_codes >= 0, len(e_uniq) + n_codes, -1)
        keys = np.concatenate([e_uniq, n_uniq]).astype(object)
    # Label: the name on the first row of each key (looked up for those rows only).
    ok = np.flatnonzero(codes >= 0)
    firsts = pd.Series(codes[ok]).drop_duplicates()
    first_rows = ok[firsts.index.to_numpy()]
    names = mentions["name"].iloc[first_rows].to_numpy(dtype=object)
    labels = np.asarray(keys, dtype=object).copy()
    has = ~pd.isna(names) & (names != "")
    labels[firsts.to_numpy()[has]] = names[has]
    return codes, keys, labels


def _keys(mentions: pd.DataFrame, by: str, art: pd.DataFrame,
          pos: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(codes, keys, labels) per mention row for a ``by`` choice."""
    if by == "entity":
        return _entity_keys(mentions)
    if by == "country":
        # The mention's country column; for a country mention without one, its own id.
        c_codes, c_uniq = factorize(mentions["country"])
        miss = np.flatnonzero(c_codes < 0)
        keys = pd.Index(c_uniq)
        codes = c_codes
        if len(miss):  # only the rows without a country need their type and id
            sub = mentions.iloc[miss]
            e_codes, e_uniq = factorize(sub["entity_id"])
            t_codes, t_uniq = factorize(sub["entity_type"])
            is_country = np.isin(t_codes, _index_of(t_uniq, ["country"]))
            keys = pd.Index(np.concatenate([c_uniq, e_uniq]).astype(object)).unique()
            emap = keys.get_indexer(e_uniq)
            codes = c_codes.copy()
            codes[miss] = np.where(is_country & (e_codes >= 0),
                                   emap[np.maximum(e_codes, 0)] if len(emap) else -1, -1)
        names = _country_names()
        key_arr = np.asarray(keys, dtype=object)
        return codes, key_arr, np.array([names.get(k, k) for k in key_arr], dtype=object)
    if by == "entity_type":
        codes, uniq = factorize(mentions["entity_type"])
        return codes, uniq, uniq
    col = "outlet" if by == "outlet" else "outlet_country"
    a_codes, a_uniq = factorize(art[col])
    codes = np.where(pos >= 0, a_codes[np.maximum(pos, 0)] if len(a_codes) else -1, -1)
    return codes, a_uniq, a_uniq


def _articles_in(articles: pd.DataFrame, outlets: object, date_range: object) -> pd.DataFrame:
    art = unique_articles(articles)
    amask = date_mask(art["published"], date_range)
    out_list = as_list("outlets", outlets)
    if out_list is not None:
        amask &= art["outlet"].isin(out_list).fillna(False).to_numpy(dtype=bool)
    return art.loc[amask].reset_index(drop=True)


def _row_filter(mentions: pd.DataFrame, entities: object, entity_types: object) -> np.ndarray:
    ok = np.ones(len(mentions), dtype=bool)
    type_list = as_list("entity_types", entity_types)
    if type_list is not None:
        for t in type_list:
            check_choice("entity_types", t, ENTITY_TYPES)
        t_codes, t_uniq = factorize(mentions["entity_type"])
        ok &= _in(t_codes, len(t_uniq), _index_of(t_uniq, type_list))
    ent_list = as_list("entities", entities)
    if ent_list is not None:
        wanted = [str(e) for e in ent_list]
        e_codes, e_uniq = factorize(mentions["entity_id"])
        n_codes, n_uniq = factorize(mentions["name"])
        ok &= _in(e_codes, len(e_uniq), _index_of(e_uniq, wanted)) | _in(
            n_codes, len(n_uniq), _index_of(n_uniq, wanted))
    return ok


def mention_counts(mentions: pd.DataFrame, articles: pd.DataFrame, *, by: str = "entity",
                   freq: str = "M", per_outlet: bool = False, outlets: Iterable[str] | None = None,
                   entities: Iterable[str] | None = None,
                   entity_types: Iterable[str] | None = None,
                   date_range: tuple[object, object] | None = None,
                   normalize: str | None = None, unit: str = "mentions",
                   top: int | None = None) -> pd.DataFrame:
    """Mentions per key and period, as a tidy table.

    ``by``: "entity" (key = entity_id, label = name), "country" (key = the ISO3 the mention
    belongs to: the country itself, or the country an official serves; label = country name),
    "entity_type", "outlet" or "outlet_country" (of the article). ``freq``: "D", "W" (weeks
    starting Monday), "M", "Q" or "Y"; periods are by the article's ``published`` date (UTC).
    ``per_outlet=True`` splits every count by outlet. Filters: ``outlets`` (display names),
    ``entities`` (entity_id or name), ``entity_types``, ``date_range`` = (start, end) inclusive
    on ``published``. ``unit``: "mentions" counts every mention, "articles" counts the distinct
    articles mentioning the key. ``top``: keep the ``top`` keys with the largest total count.

    ``normalize="articles"`` adds ``per_1000_articles = 1000 * count / n_articles`` where
    ``n_articles`` is the number of articles published in that period (and outlet, when split)
    after the outlet/date filters, whether they mention anything or not.

    Returns columns period (Timestamp, start of the period), outlet (only when ``per_outlet``),
    key, label, count[, n_articles, per_1000_articles], sorted by period then count descending.
    Periods with no mention of a key have no row (zeros are not materialised; ``attrs["freq"]``
    tells plots how to fill them). Empty input: an empty frame with these columns.
    """
    schema.validate(mentions, "mentions", required=_MENTION_COLS, name="mentions")
    schema.validate(articles, "articles", required=("article_id", "published", "outlet"),
                    name="articles")
    check_choice("by", by, MENTION_BY)
    check_choice("normalize", normalize, (None, "articles"))
    check_choice("unit", unit, ("mentions", "articles"))
    period_start(pd.Series([], dtype="datetime64[ns, UTC]"), freq)  # validates freq
    if by == "outlet_country":
        schema.validate(articles, "articles", required=("outlet_country",), name="articles")
    if top is not None and (not isinstance(top, int) or isinstance(top, bool) or top < 1):
        raise AnalysisArgumentError(f"top={top!r} must be a positive integer or None")

    art = _articles_in(articles, outlets, date_range)
    pos = positions(mentions["article_id"], art["article_id"])
    ok = (pos >= 0) & _row_filter(mentions, entities, entity_types)
    k_codes, keys, labels = _keys(mentions, by, art, pos)
    p_art, p_uniq = factorize(period_start(art["published"], freq))
    o_art, o_uniq = factorize(art["outlet"]) if per_outlet else (
        np.zeros(len(art), dtype=np.int64), np.array([None], dtype=object))
    n_o, n_k = max(len(o_uniq), 1), max(len(keys), 1)
    safe = np.maximum(pos, 0)
    p = p_art[safe] if len(art) else np.full(len(pos), -1)
    o = o_art[safe] if len(art) else np.full(len(pos), -1)
    ok &= (p >= 0) & (o >= 0) & (k_codes >= 0)
    combined = (p[ok] * n_o + o[ok]) * n_k + k_codes[ok]
    if unit == "articles":  # one per (period, outlet, key, article)
        combined = pd.unique(combined * max(len(art), 1) + pos[ok]) // max(len(art), 1)
    vc = pd.Series(combined).value_counts(sort=False)
    cell, count = vc.index.to_numpy(dtype=np.int64), vc.to_numpy(dtype=np.int64)
    k, rest = cell % n_k, cell // n_k
    o_c, p_c = rest % n_o, rest // n_o
    if top is not None and len(cell):
        total = np.bincount(k, weights=count, minlength=n_k)
        best = np.lexsort((_alpha_rank(keys), -total))[:top]
        keep = np.isin(k, best)
        cell, count, k, o_c, p_c = cell[keep], count[keep], k[keep], o_c[keep], p_c[keep]
    out = pd.DataFrame({"period": pd.to_datetime(pd.Series(p_uniq[p_c] if len(p_uniq) else [],
                                                           dtype=object)),
                        "outlet": o_uniq[o_c] if per_outlet else None,
                        "key": keys[k] if len(keys) else np.array([], dtype=object),
                        "label": labels[k] if len(labels) else np.array([], dtype=object),
                        "count": count})
    if normalize == "articles":
        has = (p_art >= 0) & (o_art >= 0)
        n_art = np.bincount(p_art[has] * n_o + o_art[has], minlength=len(p_uniq) * n_o)
        out["n_articles"] = n_art[p_c * n_o + o_c] if len(n_art) else np.array([], dtype=int)
        out["per_1000_articles"] = 1000.0 * out["count"] / out["n_articles"]
    if not per_outlet:
        out = out.drop(columns="outlet")
    out = out.sort_values(["period", "count", "key"], ascending=[True, False, True],
                          kind="stable").reset_index(drop=True)
    out["period"] = out["period"].astype("datetime64[ns]")
    out["count"] = out["count"].astype("int64")
    out.attrs["freq"] = freq  # lets plots fill the periods without a mention with zeros
    return plain_text(out)


def top_per_period(counts: pd.DataFrame, *, n: int = 5, value: str = "count") -> pd.DataFrame:
    """The ``n`` keys with the largest ``value`` ("count" or "per_1000_articles") in each
    period of a ``mention_counts`` table (per outlet too, when it has an outlet column): the
    third country of a month shows even when it is not among the largest over the whole range.
    Returns those rows with a ``rank`` column (1 = largest; ties by key), sorted by period,
    then rank. Empty input: an empty frame with the input's columns and ``rank``."""
    if not isinstance(n, int) or isinstance(n, bool) or n < 1:
        raise AnalysisArgumentError(f"n={n!r} must be a positive integer")
    check_choice("value", value, [c for c in ("count", "per_1000_articles") if c in counts.columns])
    group = ["period", "outlet"] if "outlet" in counts.columns else ["period"]
    ordered = counts.sort_values([*group, value, "key"],
                                 ascending=[True] * len(group) + [False, True], kind="stable")
    rank = ordered.groupby(group, sort=False, dropna=False).cumcount() + 1
    out = ordered.assign(rank=rank.astype("int64"))
    out = out[out["rank"] <= n].reset_index(drop=True)
    out.attrs.update(counts.attrs)
    return out


def top_entities(mentions: pd.DataFrame, articles: pd.DataFrame | None = None, *, n: int = 10,
                 by: str = "entity", entity_types: Iterable[str] | None = None,
                 unit: str = "mentions") -> pd.DataFrame:
    """The ``n`` most mentioned keys over the whole table: columns key, label, count (mentions,
    or articles when ``unit="articles"``), n_articles (distinct articles mentioning it), share
    (count / sum of counts over all keys, 0..1). ``by`` as in mention_counts ("outlet" and
    "outlet_country" need ``articles``). Empty input: an empty frame with these columns."""
    schema.validate(mentions, "mentions", required=_MENTION_COLS, name="mentions")
    check_choice("unit", unit, ("mentions", "articles"))
    check_choice("by", by, MENTION_BY if articles is not None else MENTION_BY[:3])
    a_codes, a_uniq = key_codes(mentions["article_id"])
    art = pd.DataFrame()
    pos = a_codes
    if articles is not None:
        schema.validate(articles, "articles", required=("article_id",), name="articles")
        art = unique_articles(articles)
        pos = lookup(a_codes, a_uniq, art["article_id"])
    ok = (pos >= 0) & _row_filter(mentions, None, entity_types)
    k_codes, keys, labels = _keys(mentions, by, art, pos)
    ok &= k_codes >= 0
    n_k, n_a = max(len(keys), 1), max(len(a_uniq), 1)
    n_mentions = np.bincount(k_codes[ok], minlength=n_k)
    pairs = pd.unique(k_codes[ok].astype(np.int64) * n_a + a_codes[ok])
    n_art = np.bincount(pairs // n_a, minlength=n_k)
    count = n_art if unit == "articles" else n_mentions
    order = np.lexsort((keys.astype(str) if len(keys) else keys, -count))
    order = order[count[order] > 0][:n]
    total = count.sum()
    out = pd.DataFrame({"key": keys[order], "label": labels[order],
                        "count": count[order].astype("int64"),
                        "n_articles": n_art[order].astype("int64"),
                        "share": count[order] / total if total else np.array([], dtype=float)})
    return plain_text(out)


def co_mentions(mentions: pd.DataFrame, *, rows: str = "country", cols: str = "country",
                top: int | None = 20, label: str = "name",
                articles: pd.DataFrame | None = None,
                date_range: tuple[object, object] | None = None) -> pd.DataFrame:
    """Number of articles in which a ``rows`` entity and a ``cols`` entity are both mentioned.

    ``rows``/``cols``: an entity_type ("country", "official", "organization", "person").
    Returns a matrix (index: rows entities, columns: cols entities, both ordered by the number
    of articles mentioning them) of int counts; when rows == cols the diagonal holds the number
    of articles mentioning that entity. ``top`` keeps the entities mentioned in the most
    articles (None: all). ``label``: "name" or "id" for the axis labels. ``articles`` +
    ``date_range`` restrict to articles published in that range. Empty input: a 0x0 frame.

    Method: distinct (article, entity) code pairs, a self-join on the article code, and a
    count of the (row entity, column entity) code pairs.
    """
    schema.validate(mentions, "mentions", required=("article_id", "entity_type", "entity_id",
                                                     "name"), name="mentions")
    check_choice("rows", rows, ENTITY_TYPES)
    check_choice("cols", cols, ENTITY_TYPES)
    check_choice("label", label, ("name", "id"))
    if top is not None and (not isinstance(top, int) or top < 1):
        raise AnalysisArgumentError(f"top={top!r} must be a positive integer or None")
    a_codes, a_uniq = key_codes(mentions["article_id"])
    ok = a_codes >= 0
    if date_range is not None:
        if articles is None:
            raise AnalysisArgumentError("date_range needs articles= (for the published dates)")
        schema.validate(articles, "articles", required=("article_id", "published"),
                        name="articles")
        art = unique_articles(articles)
        art = art.loc[date_mask(art["published"], date_range)]
        ok &= lookup(a_codes, a_uniq, art["article_id"]) >= 0
    k_codes, keys, labels = _entity_keys(mentions)
    t_codes, t_uniq = factorize(mentions["entity_type"])
    ok &= k_codes >= 0
    n_a = max(len(a_uniq), 1)
    key_rank = _alpha_rank(keys)

    def side(t: str) -> tuple[pd.DataFrame, np.ndarray]:
        sel = ok & np.isin(t_codes, _index_of(t_uniq, [t]))
        pairs = pd.unique(k_codes[sel].astype(np.int64) * n_a + a_codes[sel])
        frame = pd.DataFrame({"a": pairs % n_a, "k": pairs // n_a})
        per_key = frame["k"].value_counts()
        # Most articles first; ties by key, alphabetically (not by code: codes vary).
        order = np.lexsort((key_rank[per_key.index.to_numpy()], -per_key.to_numpy()))
        best = per_key.index.to_numpy()[order][: top if top else None]
        return frame[frame["k"].isin(best)], best

    r, r_keys = side(rows)
    c, c_keys = side(cols)
    joined = r.merge(c, on="a", suffixes=("_r", "_c"))
    vc = (joined["k_r"].to_numpy(dtype=np.int64) * len(keys) + joined["k_c"].to_numpy()
          ).astype(np.int64)
    counts = pd.Series(vc).value_counts()
    ri = pd.Index(r_keys).get_indexer(counts.index.to_numpy() // max(len(keys), 1))
    ci = pd.Index(c_keys).get_indexer(counts.index.to_numpy() % max(len(keys), 1))
    mat = np.zeros((len(r_keys), len(c_keys)), dtype=np.int64)
    mat[ri, ci] = counts.to_numpy()
    names = labels if label == "name" else keys
    out = pd.DataFrame(mat, index=pd.Index(names[r_keys] if len(r_keys) else [], name=rows),
                       columns=pd.Index(names[c_keys] if len(c_keys) else [], name=cols))
    return out


def who_mentions_whom(statements: pd.DataFrame, mentions: pd.DataFrame, *,
                      entity_types: Iterable[str] = ("country",), by: str = "speaker",
                      exclude_own: bool = False) -> pd.DataFrame:
    """Which speakers mention which entities in their statements.

    A statement mentions an entity when a mention of it (field "text") lies inside the
    statement's quote span in the same article: quote_start <= start and end <= quote_end.
    ``by``: "speaker" (speaker name, with speaker_country) or "country" (speaker_country).
    ``exclude_own`` drops a speaker's mentions of their own country.

    Returns columns speaker, speaker_country (or just speaker_country), entity_id, name,
    n_statements (statements mentioning it at least once), n_mentions (mentions inside
    quotes), sorted by n_statements then n_mentions (both descending), then speaker and
    entity_id: the pairs that matter first, not the speakers whose name sorts first.
    Empty input: empty frame.
    """
    schema.validate(statements, "statements", required=("article_id", "quote_start",
                                                         "quote_end", "speaker",
                                                         "speaker_country"), name="statements")
    schema.validate(mentions, "mentions", required=("article_id", "entity_type", "entity_id",
                                                     "name", "start", "end"), name="mentions")
    check_choice("by", by, ("speaker", "country"))
    types = as_list("entity_types", entity_types) or list(ENTITY_TYPES)
    for t in types:
        check_choice("entity_types", t, ENTITY_TYPES)
    rows = np.flatnonzero(_row_filter(mentions, None, types))
    st = statements
    pairs = containing(st, mentions, rows)
    s_idx, m_idx = pairs["s"].to_numpy(), pairs["m"].to_numpy()
    spk_cols = ["speaker", "speaker_country"] if by == "speaker" else ["speaker_country"]
    frame = pd.DataFrame({c: obj(text_at(st, c, s_idx)) for c in spk_cols})
    ids = text_at(mentions, "entity_id", m_idx)
    names = text_at(mentions, "name", m_idx)
    frame["entity_id"] = obj(np.where(pd.isna(ids), names, ids))
    frame["name"] = obj(names)
    frame["_s"] = s_idx
    if exclude_own:
        frame = frame[~(frame["speaker_country"] == frame["entity_id"]).to_numpy(dtype=bool)]
    keys = spk_cols + ["entity_id"]
    g = frame.groupby(keys, dropna=False, sort=False)
    out = g.agg(name=("name", "first"), n_statements=("_s", "nunique"),
                n_mentions=("_s", "size")).reset_index()
    out = out.sort_values(["n_statements", "n_mentions", spk_cols[0], "entity_id"],
                          ascending=[False, False, True, True], kind="stable")
    out = out.reindex(columns=spk_cols + ["entity_id", "name", "n_statements", "n_mentions"])
    for c in ("n_statements", "n_mentions"):
        out[c] = out[c].astype("int64")
    return plain_text(out.reset_index(drop=True))
