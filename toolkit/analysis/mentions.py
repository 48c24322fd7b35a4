"""Who is mentioned, where and when: counts over time, top entities, co-mentions, and which
speakers mention which countries in their statements.

All functions take the tables of DESIGN.md (columns in toolkit/schema.py), never modify them
and return new tidy DataFrames.
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
    period_start,
    plain_text,
    positions,
    take,
    unique_articles,
)

log = logging.getLogger(__name__)

MENTION_BY = ("entity", "country", "entity_type", "outlet", "outlet_country")
ENTITY_TYPES = ("country", "official", "organization", "person")
COUNT_COLUMNS = ["period", "outlet", "key", "label", "count", "n_articles", "per_1000_articles"]


def _country_names() -> dict[str, str]:
    """ISO3 -> display name from the KB; {} when the KB is unavailable (labels fall back to codes)."""
    try:
        from toolkit import kb

        c = kb.countries()
        return dict(zip(c["iso3"].astype(str), c["name"].astype(str), strict=False))
    except (ImportError, OSError, LookupError, ValueError, AttributeError) as exc:  # KB optional
        log.debug("country names unavailable: %s", exc)
        return {}


def _entity_country(mentions: pd.DataFrame) -> pd.Series:
    """The mention's country: its ``country`` column, else its own id for a country mention."""
    country = filled(mentions["country"])
    is_country = (mentions["entity_type"].astype("string") == "country").fillna(False)
    return country.mask(country.isna() & is_country, filled(mentions["entity_id"]))


def _keys(mentions: pd.DataFrame, art: pd.DataFrame, pos: np.ndarray,
          by: str) -> tuple[pd.Series, pd.Series]:
    """(key, label) per mention row for a ``by`` choice."""
    if by == "entity":
        key = filled(mentions["entity_id"]).fillna(filled(mentions["name"]))
        label = filled(mentions["name"]).fillna(key)
        return key.reset_index(drop=True), label.reset_index(drop=True)
    if by == "country":
        key = _entity_country(mentions).reset_index(drop=True)
        names = _country_names()
        return key, key.map(lambda k: names.get(k, k) if isinstance(k, str) else k)
    if by == "entity_type":
        key = filled(mentions["entity_type"]).reset_index(drop=True)
        return key, key
    col = "outlet" if by == "outlet" else "outlet_country"
    key = take(filled(art[col]), pos)
    return key, key


def _select(mentions: pd.DataFrame, articles: pd.DataFrame, *, outlets: object,
            entities: object, entity_types: object, date_range: object
            ) -> tuple[pd.DataFrame, pd.DataFrame, np.ndarray]:
    """Filter mentions and articles; return (mentions, unique articles, article position of
    each kept mention)."""
    art = unique_articles(articles)
    amask = date_mask(art["published"], date_range)
    out_list = as_list("outlets", outlets)
    if out_list is not None:
        amask &= art["outlet"].astype("string").isin(out_list).fillna(False).to_numpy(dtype=bool)
    art = art.loc[amask].reset_index(drop=True)
    pos = positions(mentions["article_id"].astype("string"), art["article_id"].astype("string"))
    mmask = pos >= 0
    type_list = as_list("entity_types", entity_types)
    if type_list is not None:
        for t in type_list:
            check_choice("entity_types", t, ENTITY_TYPES)
        mmask &= mentions["entity_type"].astype("string").isin(type_list).fillna(False).to_numpy(
            dtype=bool)
    ent_list = as_list("entities", entities)
    if ent_list is not None:
        wanted = [str(e) for e in ent_list]
        hit = (mentions["entity_id"].astype("string").isin(wanted)
               | mentions["name"].astype("string").isin(wanted))
        mmask &= hit.fillna(False).to_numpy(dtype=bool)
    return mentions.loc[mmask].reset_index(drop=True), art, pos[mmask]


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
    Periods with no mention of a key have no row (zeros are not materialised). Empty input:
    an empty frame with these columns.

    Method: one positional lookup of each mention's article, then a groupby on
    (period, outlet, key) — no Python loop over rows.
    """
    schema.validate(mentions, "mentions", required=("article_id", "entity_type", "entity_id",
                                                     "name", "country"), name="mentions")
    schema.validate(articles, "articles", required=("article_id", "published", "outlet"),
                    name="articles")
    check_choice("by", by, MENTION_BY)
    check_choice("normalize", normalize, (None, "articles"))
    check_choice("unit", unit, ("mentions", "articles"))
    period_start(pd.Series([], dtype="datetime64[ns, UTC]"), freq)  # validates freq
    if by in ("outlet_country",):
        schema.validate(articles, "articles", required=("outlet_country",), name="articles")
    if top is not None and (not isinstance(top, int) or top < 1):
        raise AnalysisArgumentError(f"top={top!r} must be a positive integer or None")

    m, art, pos = _select(mentions, articles, outlets=outlets, entities=entities,
                          entity_types=entity_types, date_range=date_range)
    art_period = period_start(art["published"], freq)
    key, label = _keys(m, art, pos, by)
    frame = pd.DataFrame({"period": take(art_period, pos), "key": key, "label": label})
    group_cols = ["period", "key"]
    if per_outlet:
        frame.insert(1, "outlet", take(filled(art["outlet"]), pos))
        group_cols = ["period", "outlet", "key"]
    if unit == "articles":
        frame["_art"] = pos
    frame = frame.dropna(subset=["period", "key"])
    if unit == "articles":
        frame = frame.drop_duplicates(group_cols + ["_art"])

    labels = frame.drop_duplicates("key").set_index("key")["label"]
    counts = frame.groupby(group_cols, observed=True, sort=False).size().rename("count")
    out = counts.reset_index()
    out["label"] = out["key"].map(labels)
    if top is not None and len(out):
        keep = out.groupby("key")["count"].sum().sort_values(ascending=False, kind="stable")
        out = out[out["key"].isin(keep.index[:top])]
    if normalize == "articles":
        denom_cols = ["period", "outlet"] if per_outlet else ["period"]
        base = pd.DataFrame({"period": art_period})
        if per_outlet:
            base["outlet"] = filled(art["outlet"])
        n_art = base.groupby(denom_cols, observed=True).size().rename("n_articles")
        out = out.merge(n_art.reset_index(), on=denom_cols, how="left")
        out["per_1000_articles"] = 1000.0 * out["count"] / out["n_articles"]
    cols = [c for c in COUNT_COLUMNS if c in out.columns
            or (c in ("n_articles", "per_1000_articles") and normalize)]
    if not per_outlet:
        cols = [c for c in cols if c != "outlet"]
    out = out.reindex(columns=cols)
    out["count"] = out["count"].astype("int64")
    out["key"] = out["key"].astype("string")
    out["label"] = out["label"].astype("string")
    out = out.sort_values(["period", "count", "key"], ascending=[True, False, True],
                          kind="stable").reset_index(drop=True)
    out.attrs["freq"] = freq  # lets plots fill the periods without a mention with zeros
    return plain_text(out)


def top_entities(mentions: pd.DataFrame, articles: pd.DataFrame | None = None, *, n: int = 10,
                 by: str = "entity", entity_types: Iterable[str] | None = None,
                 unit: str = "mentions") -> pd.DataFrame:
    """The ``n`` most mentioned keys over the whole table: columns key, label, count, n_articles
    (distinct articles mentioning it), share (count / all counted mentions, 0..1). ``by`` as in
    mention_counts except the outlet keys when ``articles`` is None. Empty input: empty frame."""
    schema.validate(mentions, "mentions", required=("article_id", "entity_type", "entity_id",
                                                     "name", "country"), name="mentions")
    check_choice("unit", unit, ("mentions", "articles"))
    if articles is None:
        check_choice("by", by, ("entity", "country", "entity_type"))
        articles = pd.DataFrame({"article_id": pd.Series(mentions["article_id"].unique()),
                                 "published": pd.Timestamp("2000-01-01", tz="UTC"),
                                 "outlet": pd.NA})
    per = mention_counts(mentions, articles, by=by, freq="Y", entity_types=entity_types,
                         unit="articles")
    art_n = per.groupby("key")["count"].sum()
    if unit == "articles":
        total = art_n
    else:
        total = mention_counts(mentions, articles, by=by, freq="Y",
                               entity_types=entity_types).groupby("key")["count"].sum()
    labels = per.drop_duplicates("key").set_index("key")["label"]
    out = pd.DataFrame({"key": total.index.astype("string"), "count": total.to_numpy()})
    out["label"] = out["key"].map(labels).astype("string")
    out["n_articles"] = out["key"].map(art_n).fillna(0).astype("int64")
    s = out["count"].sum()
    out["share"] = out["count"] / s if s else np.nan
    out = out.sort_values(["count", "key"], ascending=[False, True], kind="stable").head(n)
    return plain_text(out[["key", "label", "count", "n_articles", "share"]].reset_index(drop=True))


def co_mentions(mentions: pd.DataFrame, *, rows: str = "country", cols: str = "country",
                top: int | None = 20, label: str = "name",
                articles: pd.DataFrame | None = None,
                date_range: tuple[object, object] | None = None) -> pd.DataFrame:
    """Number of articles in which a ``rows`` entity and a ``cols`` entity are both mentioned.

    ``rows``/``cols``: an entity_type ("country", "official", "organization", "person").
    Returns a square-ish matrix (index: rows entities, columns: cols entities) of int counts;
    when rows == cols the diagonal holds the number of articles mentioning that entity.
    ``top`` keeps the entities mentioned in the most articles (None: all). ``label``: "name"
    or "id" for the axis labels. ``articles`` + ``date_range`` restrict to articles published
    in that range. Empty input: an empty 0x0 frame.

    Method: distinct (article, entity) pairs, self-join on article code, groupby the pair.
    """
    schema.validate(mentions, "mentions", required=("article_id", "entity_type", "entity_id",
                                                     "name"), name="mentions")
    check_choice("rows", rows, ENTITY_TYPES)
    check_choice("cols", cols, ENTITY_TYPES)
    check_choice("label", label, ("name", "id"))
    m = mentions
    if date_range is not None:
        if articles is None:
            raise AnalysisArgumentError("date_range needs articles= (for the published dates)")
        schema.validate(articles, "articles", required=("article_id", "published"),
                        name="articles")
        art = unique_articles(articles)
        art = art.loc[date_mask(art["published"], date_range)]
        m = m[m["article_id"].isin(art["article_id"])]
    codes, _ = pd.factorize(m["article_id"])
    ids = filled(m["entity_id"]).fillna(filled(m["name"])).reset_index(drop=True)
    names = filled(m["name"]).fillna(ids).reset_index(drop=True)
    etype = m["entity_type"].astype("string").reset_index(drop=True)
    pairs = pd.DataFrame({"a": codes, "id": ids, "type": etype}).dropna(subset=["id"])
    pairs = pairs[pairs["a"] >= 0].drop_duplicates(["a", "id", "type"])
    name_of = pd.Series(names.to_numpy(), index=ids.to_numpy())
    name_of = name_of[~name_of.index.duplicated()]

    def side(t: str) -> pd.DataFrame:
        s = pairs[(pairs["type"] == t).fillna(False)][["a", "id"]]
        if top is not None:
            keep = s["id"].value_counts().sort_index(kind="stable")
            keep = keep.sort_values(ascending=False, kind="stable").index[:top]
            s = s[s["id"].isin(keep)]
        return s

    r, c = side(rows), side(cols)
    joined = r.merge(c, on="a", suffixes=("_r", "_c"))
    mat = joined.groupby(["id_r", "id_c"]).size().unstack(fill_value=0)
    r_order = r["id"].value_counts().sort_index().sort_values(ascending=False, kind="stable")
    c_order = c["id"].value_counts().sort_index().sort_values(ascending=False, kind="stable")
    mat = mat.reindex(index=r_order.index, columns=c_order.index, fill_value=0).astype("int64")
    if label == "name":
        mat.index = [name_of.get(i, i) for i in mat.index]
        mat.columns = [name_of.get(i, i) for i in mat.columns]
    mat.index.name, mat.columns.name = rows, cols
    return mat


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
    quotes), sorted by speaker then n_statements descending. Empty input: empty frame.
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
    m = mentions[mentions["entity_type"].astype("string").isin(types).fillna(False)]
    m = m.reset_index(drop=True)
    st = statements.reset_index(drop=True)
    pairs = containing(st, m)
    spk_cols = ["speaker", "speaker_country"] if by == "speaker" else ["speaker_country"]
    frame = pd.DataFrame({c: filled(st[c]).to_numpy()[pairs["s"].to_numpy()] for c in spk_cols})
    frame["entity_id"] = filled(m["entity_id"]).fillna(filled(m["name"])).to_numpy()[
        pairs["m"].to_numpy()]
    frame["name"] = filled(m["name"]).to_numpy()[pairs["m"].to_numpy()]
    frame["_s"] = pairs["s"].to_numpy()
    if exclude_own:
        own = frame["speaker_country"].astype("string") == frame["entity_id"].astype("string")
        frame = frame[~own.fillna(False)]
    keys = spk_cols + ["entity_id"]
    g = frame.groupby(keys, dropna=False, sort=False)
    out = g.agg(name=("name", "first"), n_statements=("_s", "nunique"),
                n_mentions=("_s", "size")).reset_index()
    out = out.sort_values([spk_cols[0], "n_statements", "entity_id"],
                          ascending=[True, False, True], kind="stable")
    cols = spk_cols + ["entity_id", "name", "n_statements", "n_mentions"]
    out = out.reindex(columns=cols).reset_index(drop=True)
    for c in ("n_statements", "n_mentions"):
        out[c] = out[c].astype("int64")
    return plain_text(out)
