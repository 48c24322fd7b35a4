"""Source diversity: how many and how varied are the voices an article, outlet or period quotes
and the sources it cites.

Units: a *voice* is a statement with a known speaker (statements whose speaker is empty are
counted in ``n_statements`` but in no speaker metric); a speaker is identified by
``speaker_id`` when present, else by its name (case- and accent-insensitive). A *citation* is a
row of the sources table, identified by its ``source`` name (case- and accent-insensitive).
Entropies are in **nats** (natural logarithm).

Method (fast on 100k articles): each statement/source row gets its article's position once,
every group is an integer code, and all metrics are groupby sums over (group, speaker) counts:
no Python loop over rows.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable

import numpy as np
import pandas as pd

from toolkit import schema
from toolkit.analysis._common import (
    as_list,
    check_choice,
    date_mask,
    filled,
    fold,
    period_start,
    plain_text,
    positions,
    unique_articles,
)

log = logging.getLogger(__name__)

DIVERSITY_BY = ("article", "outlet", "period")
SPEAKER_TYPES = ("official", "person", "organization", "media", "document", "unknown")
GENDERS = ("female", "male", "other", "unknown")
SHARE_DIMENSIONS = ("speaker_type", "speaker_country", "gender", "source_type",
                    "source_country")

METRIC_COLUMNS = [
    "n_statements", "n_speakers", "speaker_entropy", "speaker_entropy_norm",
    "speaker_gini_simpson", "top_voice_share", "official_share", "foreign_share",
    "n_citations", "n_sources", "source_entropy", "source_entropy_norm", "source_gini_simpson",
    "top_source_share",
    *[f"type_{t}_share" for t in SPEAKER_TYPES],
    *[f"gender_{g}_share" for g in GENDERS],
]


def _by_columns(by: object) -> list[str]:
    cols = as_list("by", by) or []
    if not cols:
        raise ValueError(f"by={by!r} is empty; use one or more of {list(DIVERSITY_BY)}")
    for c in cols:
        check_choice("by", c, DIVERSITY_BY)
    return cols


def _groups(art: pd.DataFrame, cols: list[str], freq: str) -> tuple[np.ndarray, pd.DataFrame]:
    """Integer group code per article and the table of group keys (sorted)."""
    keys = pd.DataFrame(index=art.index)
    for c in cols:
        if c == "article":
            keys["article_id"] = art["article_id"].astype("string")
        elif c == "outlet":
            keys["outlet"] = filled(art["outlet"])
        else:
            keys["period"] = period_start(art["published"], freq)
    names = list(keys.columns)
    grouped = keys.groupby(names, sort=True, dropna=False)
    codes = grouped.ngroup().to_numpy()
    table = grouped.size().index.to_frame(index=False)
    return codes, table


def _identity(names: pd.Series, ids: pd.Series | None = None) -> np.ndarray:
    """Integer identity per row (-1 = unknown): the id when present (or when the same folded
    name carries an id on another row), else the folded name. Folding runs on the distinct
    names only."""
    name = filled(names)
    codes, uniq = pd.factorize(name)
    folded = pd.Series([fold(u) for u in uniq], dtype="string")
    key = pd.Series(pd.NA, index=name.index, dtype="string")
    ok = codes >= 0
    key[ok] = "n:" + folded.to_numpy()[codes[ok]]
    if ids is not None:
        sid = filled(ids).reset_index(drop=True)
        key = key.reset_index(drop=True)
        # A name seen elsewhere with an id takes that id: one voice, not two.
        both = sid.notna() & key.notna()
        name_to_id = pd.Series(sid[both].to_numpy(), index=key[both].to_numpy())
        name_to_id = name_to_id[~name_to_id.index.duplicated()]
        sid = sid.fillna(key.map(name_to_id).astype("string"))
        key = ("i:" + sid).fillna(key)
    out, _ = pd.factorize(key)
    return out


def distribution_metrics(group: np.ndarray, item: np.ndarray, n_groups: int) -> pd.DataFrame:
    """Per group g in 0..n_groups-1, over the items with code >= 0 (p_i = n_i / N):

    - ``n``: N, the number of counted rows
    - ``n_distinct``: number of distinct items
    - ``entropy``: Shannon H = -sum p_i ln p_i (nats); range [0, ln n_distinct]; 0 when N = 0
    - ``entropy_norm``: H / ln(n_distinct); range [0, 1]; 0 when n_distinct <= 1
    - ``gini_simpson``: 1 - sum p_i^2; range [0, 1 - 1/n_distinct]; 0 when N = 0
    - ``top_share``: max p_i; range (0, 1]; NaN when N = 0
    """
    ok = (item >= 0) & (group >= 0)
    df = pd.DataFrame({"g": group[ok], "k": item[ok]})
    c = df.groupby(["g", "k"], sort=False).size()
    g_index = c.index.get_level_values("g")
    n = c.groupby(level="g").sum()
    p = c.to_numpy() / n.reindex(g_index).to_numpy()
    per = pd.DataFrame({"g": g_index, "plogp": p * np.log(p), "p2": p * p, "p": p})
    agg = per.groupby("g").agg(h=("plogp", "sum"), s2=("p2", "sum"), top=("p", "max"),
                               nd=("p", "size"))
    full = pd.RangeIndex(n_groups)
    out = pd.DataFrame(index=full)
    out["n"] = n.reindex(full, fill_value=0).astype("int64")
    out["n_distinct"] = agg["nd"].reindex(full, fill_value=0).astype("int64")
    out["entropy"] = (-agg["h"]).reindex(full, fill_value=0.0).clip(lower=0.0)
    denom = np.log(out["n_distinct"].where(out["n_distinct"] > 1))
    out["entropy_norm"] = (out["entropy"] / denom).fillna(0.0).clip(0.0, 1.0)
    out["gini_simpson"] = (1.0 - agg["s2"]).reindex(full, fill_value=0.0).clip(lower=0.0)
    out["top_share"] = agg["top"].reindex(full)
    return out


def _category_shares(group: np.ndarray, values: pd.Series, cats: Iterable[str],
                     n_groups: int, prefix: str) -> pd.DataFrame:
    """share of each category among the rows of each group (NaN for a group with no rows)."""
    cats = list(cats)
    ok = group >= 0
    df = pd.DataFrame({"g": group[ok], "v": values.to_numpy()[ok]})
    tab = df.groupby(["g", "v"]).size().unstack(fill_value=0)
    tab = tab.reindex(index=pd.RangeIndex(n_groups), columns=cats, fill_value=0)
    total = tab.sum(axis=1).replace(0, np.nan)
    shares = tab.div(total, axis=0)
    shares.columns = [f"{prefix}_{c}_share" for c in cats]
    return shares


def _genders(statements: pd.DataFrame) -> pd.Series:
    """female | male | other | unknown per statement, from toolkit.kb.officials() by speaker_id
    (matched against official_id and wikidata). The statements table has no gender column."""
    unknown = pd.Series("unknown", index=statements.index, dtype="object")
    if "speaker_id" not in statements.columns:
        return unknown
    try:
        from toolkit import kb

        off = kb.officials()
    except (ImportError, OSError, LookupError, ValueError, AttributeError) as exc:  # KB optional: gender then stays "unknown"
        log.debug("officials unavailable for gender shares: %s", exc)
        return unknown
    if "gender" not in off.columns:
        return unknown
    g = off["gender"].astype("string").str.strip().str.lower()
    g = g.replace({"f": "female", "m": "male", "woman": "female", "man": "male"})
    g = g.where(g.isin(["female", "male"]), "other").mask(g.isna() | (g == ""), "unknown")
    lookup: dict[str, str] = {}
    for col in ("wikidata", "official_id"):
        if col in off.columns:
            lookup.update({str(k): v for k, v in zip(off[col], g, strict=False)
                           if isinstance(k, str) and k})
    sid = filled(statements["speaker_id"])
    return sid.map(lookup).fillna("unknown").astype("object")


def source_diversity(statements: pd.DataFrame, sources: pd.DataFrame, articles: pd.DataFrame,
                     *, by: str | Iterable[str] = "article", freq: str = "M",
                     outlets: Iterable[str] | None = None,
                     date_range: tuple[object, object] | None = None) -> pd.DataFrame:
    """Diversity of quoted voices and cited sources per article, outlet and/or period.

    ``by``: "article", "outlet", "period" (of the article's ``published``, at ``freq`` =
    "D"|"W"|"M"|"Q"|"Y") or a list of them, e.g. ["outlet", "period"] (outlets side by side).
    Every group present in ``articles`` (after the ``outlets``/``date_range`` filters) has a
    row, even with no statement. Rows of statements/sources whose article is not in
    ``articles`` are ignored.

    Metrics (N = voices: statements with a known speaker in the group; n_i = voices of
    speaker i, p_i = n_i / N; M = citations, m_j = citations of source j, q_j = m_j / M):

    - ``n_statements``: all statements (also those without a speaker). Empty: 0.
    - ``n_speakers``: distinct speakers, >= 0. Empty: 0.
    - ``speaker_entropy``: H = -sum p_i ln p_i in nats, range [0, ln n_speakers]. Empty: 0.0.
    - ``speaker_entropy_norm``: H / ln(n_speakers), range [0, 1]; 0.0 when n_speakers <= 1.
    - ``speaker_gini_simpson``: 1 - sum p_i^2, range [0, 1 - 1/n_speakers]. Empty: 0.0.
    - ``top_voice_share``: max p_i, range (0, 1]. Empty: NaN.
    - ``official_share``: (voices with speaker_type "official") / N, [0, 1]. Empty: NaN.
    - ``foreign_share``: among voices whose speaker_country and the article's outlet_country
      are both known, the share with speaker_country != outlet_country, [0, 1]. None: NaN.
    - ``n_citations``: M, rows of sources. ``n_sources``: distinct sources. Empty: 0.
    - ``source_entropy``, ``source_entropy_norm``, ``source_gini_simpson``,
      ``top_source_share``: as the speaker ones with q_j. Empty: 0.0, 0.0, 0.0, NaN.
    - ``type_<t>_share`` for t in official, person, organization, media, document, unknown:
      (voices with speaker_type t; missing -> unknown) / N; they sum to 1. Empty: NaN.
    - ``gender_<g>_share`` for g in female, male, other, unknown: gender of the speaker from
      toolkit.kb.officials() by speaker_id, else unknown; / N; sum to 1. Empty: NaN.

    Shares by speaker country (or by any category in long form): ``voice_shares``.
    Empty input: one row per group with the empty values above (no rows when ``articles``
    is empty).
    """
    schema.validate(statements, "statements", required=("article_id", "speaker",
                                                         "speaker_type", "speaker_country"),
                    name="statements")
    schema.validate(sources, "sources", required=("article_id", "source"), name="sources")
    schema.validate(articles, "articles", required=("article_id", "published", "outlet",
                                                     "outlet_country"), name="articles")
    cols = _by_columns(by)
    period_start(pd.Series([], dtype="datetime64[ns, UTC]"), freq)  # validates freq
    art = _filtered_articles(articles, outlets, date_range)
    gcode, table = _groups(art, cols, freq)
    n_groups = len(table)

    st = statements.reset_index(drop=True)
    spos = positions(st["article_id"].astype("string"), art["article_id"].astype("string"))
    sgroup = np.where(spos >= 0, gcode[np.where(spos >= 0, spos, 0)] if len(art) else -1, -1)
    if (spos < 0).any():
        log.debug("%d statements outside the selected articles ignored", int((spos < 0).sum()))
    speaker = _identity(st["speaker"], st["speaker_id"] if "speaker_id" in st.columns else None)
    known = speaker >= 0
    vgroup = np.where(known, sgroup, -1)

    sp = distribution_metrics(sgroup, speaker, n_groups)
    out = table.copy()
    out["n_statements"] = np.bincount(sgroup[sgroup >= 0], minlength=n_groups)[:n_groups]
    out["n_speakers"] = sp["n_distinct"].to_numpy()
    out["speaker_entropy"] = sp["entropy"].to_numpy()
    out["speaker_entropy_norm"] = sp["entropy_norm"].to_numpy()
    out["speaker_gini_simpson"] = sp["gini_simpson"].to_numpy()
    out["top_voice_share"] = sp["top_share"].to_numpy()

    stype = filled(st["speaker_type"]).str.lower().fillna("unknown")
    stype = stype.where(stype.isin(SPEAKER_TYPES), "unknown")
    types = _category_shares(vgroup, stype, SPEAKER_TYPES, n_groups, "type")
    out["official_share"] = types["type_official_share"].to_numpy()

    outlet_country = filled(art["outlet_country"]).to_numpy()
    sc = filled(st["speaker_country"])
    oc = pd.Series(np.where(spos >= 0, outlet_country[np.where(spos >= 0, spos, 0)]
                            if len(art) else pd.NA, pd.NA), dtype="string")
    both = (sc.notna() & oc.notna()).to_numpy(dtype=bool)
    foreign = (sc != oc).fillna(False).to_numpy(dtype=bool) & both
    fgroup = np.where(both, vgroup, -1)
    ok = fgroup >= 0
    n_known = np.bincount(fgroup[ok], minlength=n_groups)[:n_groups]
    n_foreign = np.bincount(fgroup[ok], weights=foreign[ok], minlength=n_groups)[:n_groups]
    with np.errstate(invalid="ignore", divide="ignore"):
        out["foreign_share"] = np.where(n_known > 0, n_foreign / np.maximum(n_known, 1), np.nan)

    so = sources.reset_index(drop=True)
    opos = positions(so["article_id"].astype("string"), art["article_id"].astype("string"))
    ogroup = np.where(opos >= 0, gcode[np.where(opos >= 0, opos, 0)] if len(art) else -1, -1)
    src = distribution_metrics(ogroup, _identity(so["source"]), n_groups)
    out["n_citations"] = np.bincount(ogroup[ogroup >= 0], minlength=n_groups)[:n_groups]
    out["n_sources"] = src["n_distinct"].to_numpy()
    out["source_entropy"] = src["entropy"].to_numpy()
    out["source_entropy_norm"] = src["entropy_norm"].to_numpy()
    out["source_gini_simpson"] = src["gini_simpson"].to_numpy()
    out["top_source_share"] = src["top_share"].to_numpy()

    for c in types.columns:
        out[c] = types[c].to_numpy()
    genders = _category_shares(vgroup, _genders(st), GENDERS, n_groups, "gender")
    for c in genders.columns:
        out[c] = genders[c].to_numpy()
    for c in ("n_statements", "n_speakers", "n_citations", "n_sources"):
        out[c] = out[c].astype("int64")
    return plain_text(out.reset_index(drop=True))


def _filtered_articles(articles: pd.DataFrame, outlets: object,
                       date_range: object) -> pd.DataFrame:
    art = unique_articles(articles)
    mask = date_mask(art["published"], date_range)
    out_list = as_list("outlets", outlets)
    if out_list is not None:
        mask &= art["outlet"].astype("string").isin(out_list).fillna(False).to_numpy(dtype=bool)
    return art.loc[mask].reset_index(drop=True)


def voice_shares(statements: pd.DataFrame, articles: pd.DataFrame, *,
                 dimension: str = "speaker_country", by: str | Iterable[str] = "outlet",
                 freq: str = "M", sources: pd.DataFrame | None = None,
                 outlets: Iterable[str] | None = None,
                 date_range: tuple[object, object] | None = None) -> pd.DataFrame:
    """Long table of shares of voices (or citations) by a category, per group.

    ``dimension``: "speaker_type", "speaker_country", "gender" (voices: statements with a
    known speaker) or "source_type", "source_country" (citations: rows of ``sources``, which
    must then be given). Missing values count as "unknown". ``by``/``freq`` as in
    source_diversity.

    Returns the group columns, ``value``, ``count`` and ``share`` = count / (voices or
    citations of the group), in [0, 1], summing to 1 within a group; sorted by group then
    count descending. Groups with no voices have no rows. Empty input: empty frame.
    """
    check_choice("dimension", dimension, SHARE_DIMENSIONS)
    schema.validate(articles, "articles", required=("article_id", "published", "outlet"),
                    name="articles")
    cols = _by_columns(by)
    period_start(pd.Series([], dtype="datetime64[ns, UTC]"), freq)
    art = _filtered_articles(articles, outlets, date_range)
    gcode, table = _groups(art, cols, freq)
    if dimension.startswith("source"):
        if sources is None:
            raise ValueError(f"dimension={dimension!r} needs sources= (the sources table)")
        schema.validate(sources, "sources", required=("article_id", "source", dimension),
                        name="sources")
        rows = sources.reset_index(drop=True)
        values = filled(rows[dimension]).fillna("unknown")
        known = filled(rows["source"]).notna().to_numpy(dtype=bool)
    else:
        schema.validate(statements, "statements", required=("article_id", "speaker",
                                                             "speaker_type",
                                                             "speaker_country"),
                        name="statements")
        rows = statements.reset_index(drop=True)
        known = filled(rows["speaker"]).notna().to_numpy(dtype=bool)
        if dimension == "gender":
            values = pd.Series(_genders(rows).to_numpy(), dtype="string")
        else:
            values = filled(rows[dimension]).fillna("unknown")
        if dimension == "speaker_type":
            values = values.str.lower().where(values.str.lower().isin(SPEAKER_TYPES), "unknown")
    pos = positions(rows["article_id"].astype("string"), art["article_id"].astype("string"))
    group = np.where((pos >= 0) & known, gcode[np.where(pos >= 0, pos, 0)] if len(art) else -1,
                     -1)
    ok = group >= 0
    df = pd.DataFrame({"g": group[ok], "value": values.to_numpy()[ok]})
    counts = df.groupby(["g", "value"]).size().rename("count").reset_index()
    counts["share"] = counts["count"] / counts.groupby("g")["count"].transform("sum")
    counts = counts.sort_values(["g", "count", "value"], ascending=[True, False, True],
                                kind="stable")
    keys = table.iloc[counts["g"].to_numpy()].reset_index(drop=True)
    out = pd.concat([keys, counts.drop(columns="g").reset_index(drop=True)], axis=1)
    out["value"] = out["value"].astype("string")
    out["count"] = out["count"].astype("int64")
    return plain_text(out)
