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
from typing import Any

import numpy as np
import pandas as pd

from toolkit import schema
from toolkit.analysis._common import (
    as_list,
    check_choice,
    date_mask,
    factorize,
    fold,
    key_index,
    obj,
    period_start,
    plain_text,
    positions,
    text_array,
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
    """Integer group code per article and the table of group keys (sorted by outlet, period;
    articles keep their order). Codes are combined as integers: no sorting of strings."""
    parts: list[tuple[str, np.ndarray, np.ndarray]] = []
    for c in cols:
        if c == "article":
            parts.append(("article_id", np.arange(len(art)), text_array(art, "article_id")))
        elif c == "outlet":
            codes, uniq = factorize(art["outlet"])
            order = np.argsort(np.array([str(u) for u in uniq]), kind="stable")
            rank = np.empty(len(uniq), dtype=np.int64)
            rank[order] = np.arange(len(uniq))
            # A missing outlet is a group of its own, last.
            uniq = np.concatenate([uniq[order], np.array([None], dtype=object)])
            parts.append(("outlet", np.where(codes >= 0, rank[np.maximum(codes, 0)]
                                             if len(rank) else 0, len(uniq) - 1), uniq))
        else:
            codes, uniq = factorize(period_start(art["published"], freq))
            order = np.argsort(pd.to_datetime(uniq).asi8 if len(uniq) else uniq, kind="stable")
            rank = np.empty(len(uniq), dtype=np.int64)
            rank[order] = np.arange(len(uniq))
            uniq = np.concatenate([np.asarray(uniq, dtype=object)[order],
                                   np.array([pd.NaT], dtype=object)])
            parts.append(("period", np.where(codes >= 0, rank[np.maximum(codes, 0)]
                                             if len(rank) else 0, len(uniq) - 1), uniq))
    combined = np.zeros(len(art), dtype=np.int64)
    for _name, codes, uniq in parts:
        combined = combined * max(len(uniq), 1) + codes
    gcode, cells = pd.factorize(combined, sort=True)
    table = {}
    rest = np.asarray(cells, dtype=np.int64)
    for name, _codes, uniq in reversed(parts):
        n = max(len(uniq), 1)
        table[name] = uniq[rest % n] if len(uniq) else np.array([], dtype=object)
        rest = rest // n
    out = pd.DataFrame({name: obj(table[name]) for name, _c, _u in parts})
    if "period" in out.columns:
        out["period"] = pd.to_datetime(out["period"]).astype("datetime64[ns]")
    return gcode.astype(np.int64), out


def _identity(names: pd.Series, ids: pd.Series | None = None) -> np.ndarray:
    """Integer identity per row (-1 = unknown): the id when present (or when the same folded
    name carries an id on another row), else the folded name. Folding runs on the distinct
    names only."""
    n_codes, n_uniq = factorize(names)
    # Names that fold alike ("Šimonytė", "simonyte") share one folded code.
    f_codes, f_uniq = pd.factorize(np.array([fold(u) for u in n_uniq], dtype=object))
    folded = np.where(n_codes >= 0, f_codes[np.maximum(n_codes, 0)] if len(f_codes) else -1, -1)
    if ids is None:
        return folded
    i_codes, i_uniq = factorize(ids)
    if not len(i_uniq):
        return folded
    # A folded name seen with an id takes that id (its first one): one voice, not two.
    both = (folded >= 0) & (i_codes >= 0)
    name_id = np.full(len(f_uniq), -1, dtype=np.int64)
    firsts = pd.Series(folded[both]).drop_duplicates()  # hashing, not sorting, the rows
    name_id[firsts.to_numpy()] = i_codes[np.flatnonzero(both)[firsts.index.to_numpy()]]
    via_name = np.where(folded >= 0, name_id[np.maximum(folded, 0)] if len(name_id) else -1, -1)
    ident = np.where(i_codes >= 0, i_codes, via_name)
    return np.where(ident >= 0, ident, np.where(folded >= 0, len(i_uniq) + folded, -1))


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
    g_ok, k_ok = group[ok].astype(np.int64), item[ok].astype(np.int64)
    # Counts per (group, item) pair, by integer codes: the rows are hashed once, as one int64
    # key; every per-group sum is then a bincount over the pairs.
    width = np.int64(int(k_ok.max()) + 1 if len(k_ok) else 1)
    key = g_ok * width + k_ok
    if n_groups * int(width) <= 4 * len(key) + 1_000_000:  # few cells: count them all
        cells = np.bincount(key, minlength=n_groups * int(width))
        pairs = np.flatnonzero(cells)
        c = cells[pairs].astype(np.int64)
    else:
        pair_codes, uniq = pd.factorize(key)
        pairs = np.asarray(uniq, dtype=np.int64)
        c = np.bincount(pair_codes, minlength=len(pairs)).astype(np.int64)
    g_index = pairs // width
    n = np.bincount(g_ok, minlength=n_groups)[:n_groups].astype(np.int64)  # rows per group
    p = c / n[g_index]
    nd = np.bincount(g_index, minlength=n_groups)[:n_groups].astype(np.int64)
    entropy = np.clip(-np.bincount(g_index, weights=p * np.log(p), minlength=n_groups)[:n_groups],
                      0.0, None)
    s2 = np.bincount(g_index, weights=p * p, minlength=n_groups)[:n_groups]
    top = np.full(n_groups, np.nan)
    if len(p):
        np.fmax.at(top, g_index, p)  # fmax: NaN (no rows yet) gives way to the first share
    with np.errstate(divide="ignore", invalid="ignore"):
        norm = np.where(nd > 1, entropy / np.log(np.maximum(nd, 2)), 0.0)
    return pd.DataFrame({"n": n, "n_distinct": nd, "entropy": entropy,
                         "entropy_norm": np.clip(norm, 0.0, 1.0),
                         "gini_simpson": np.where(n > 0, np.clip(1.0 - s2, 0.0, None), 0.0),
                         "top_share": top}, index=pd.RangeIndex(n_groups))


def _category_shares(group: np.ndarray, codes: np.ndarray, uniq: np.ndarray,
                     cats: Iterable[str], n_groups: int, prefix: str) -> pd.DataFrame:
    """Share of each category among the rows of each group (NaN for a group with no rows);
    ``codes`` index ``uniq``, rows with code -1 or a value outside ``cats`` count as the last
    category (``unknown``)."""
    cats = list(cats)
    cat_of = pd.Index(cats).get_indexer(pd.Index(np.asarray(uniq, dtype=object), dtype=object))
    cat_of = np.where(cat_of >= 0, cat_of, len(cats) - 1)
    c = np.where(codes >= 0, cat_of[np.maximum(codes, 0)] if len(cat_of) else 0, len(cats) - 1)
    ok = group >= 0
    tab = np.bincount(group[ok] * len(cats) + c[ok], minlength=n_groups * len(cats))
    tab = tab[: n_groups * len(cats)].reshape(n_groups, len(cats)).astype(float)
    total = tab.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = np.where(total > 0, tab / np.maximum(total, 1), np.nan)
    return pd.DataFrame(shares, columns=[f"{prefix}_{x}_share" for x in cats])


def _lower(uniq: np.ndarray) -> np.ndarray:
    return np.array([str(u).strip().lower() for u in uniq], dtype=object)


def _genders(statements: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """(codes, values) of female | male | other | unknown per statement, from
    toolkit.kb.officials() by speaker_id (matched against official_id and wikidata). The
    statements table has no gender column; without the KB every voice is "unknown"."""
    unknown = (np.full(len(statements), -1, dtype=np.int64), np.array([], dtype=object))
    if "speaker_id" not in statements.columns:
        return unknown
    try:
        from toolkit import kb

        gender_of = kb.official_genders()
    except (ImportError, OSError, LookupError, ValueError, AttributeError) as exc:  # optional
        log.debug("officials unavailable for gender shares: %s", exc)
        return unknown
    codes, uniq = factorize(statements["speaker_id"])
    values = np.array([gender_of.get(str(u), "unknown") for u in uniq], dtype=object)
    return codes, values


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
    art, kept, all_ids = _filtered_articles(articles, outlets, date_range, kept=True)
    gcode, table = _groups(art, cols, freq)
    n_groups = len(table)

    # Rows are looked up among all the articles (free when the tables were compacted on the
    # articles' ids), then moved to their position among the selected ones by numpy.
    index = all_ids if isinstance(all_ids.dtype, pd.CategoricalDtype) else key_index(all_ids)

    def group_of(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
        pos = positions(frame["article_id"], index)
        pos = np.where(pos >= 0, kept[np.maximum(pos, 0)] if len(kept) else -1, -1)
        grp = np.where(pos >= 0, gcode[np.maximum(pos, 0)] if len(art) else -1, -1)
        return pos, grp

    st = statements
    spos, sgroup = group_of(st)
    if (spos < 0).any():
        log.debug("%d statements outside the selected articles ignored", int((spos < 0).sum()))
    speaker = _identity(st["speaker"], st["speaker_id"] if "speaker_id" in st.columns else None)
    vgroup = np.where(speaker >= 0, sgroup, -1)

    sp = distribution_metrics(sgroup, speaker, n_groups)
    col: dict[str, Any] = {c: table[c].to_numpy() for c in table.columns}  # one frame at the end
    col["n_statements"] = np.bincount(sgroup[sgroup >= 0], minlength=n_groups)[:n_groups]
    col["n_speakers"] = sp["n_distinct"].to_numpy()
    col["speaker_entropy"] = sp["entropy"].to_numpy()
    col["speaker_entropy_norm"] = sp["entropy_norm"].to_numpy()
    col["speaker_gini_simpson"] = sp["gini_simpson"].to_numpy()
    col["top_voice_share"] = sp["top_share"].to_numpy()

    t_codes, t_uniq = factorize(st["speaker_type"])
    types = _category_shares(vgroup, t_codes, _lower(t_uniq), SPEAKER_TYPES, n_groups, "type")
    col["official_share"] = types["type_official_share"].to_numpy()

    # Foreign voices: compare speaker and outlet countries as codes in one shared space.
    sc_codes, sc_uniq = factorize(st["speaker_country"])
    oc_codes, oc_uniq = factorize(art["outlet_country"])
    space = pd.Index(np.concatenate([sc_uniq, oc_uniq]).astype(object)).unique()
    sc = np.where(sc_codes >= 0, space.get_indexer(sc_uniq)[np.maximum(sc_codes, 0)]
                  if len(sc_uniq) else -1, -1)
    oc_art = np.where(oc_codes >= 0, space.get_indexer(oc_uniq)[np.maximum(oc_codes, 0)]
                      if len(oc_uniq) else -1, -1)
    oc = np.where(spos >= 0, oc_art[np.maximum(spos, 0)] if len(art) else -1, -1)
    both = (sc >= 0) & (oc >= 0) & (vgroup >= 0)
    n_known = np.bincount(vgroup[both], minlength=n_groups)[:n_groups]
    n_foreign = np.bincount(vgroup[both], weights=(sc != oc)[both],
                            minlength=n_groups)[:n_groups]
    with np.errstate(invalid="ignore", divide="ignore"):
        col["foreign_share"] = np.where(n_known > 0, n_foreign / np.maximum(n_known, 1), np.nan)

    _opos, ogroup = group_of(sources)
    src = distribution_metrics(ogroup, _identity(sources["source"]), n_groups)
    col["n_citations"] = np.bincount(ogroup[ogroup >= 0], minlength=n_groups)[:n_groups]
    col["n_sources"] = src["n_distinct"].to_numpy()
    col["source_entropy"] = src["entropy"].to_numpy()
    col["source_entropy_norm"] = src["entropy_norm"].to_numpy()
    col["source_gini_simpson"] = src["gini_simpson"].to_numpy()
    col["top_source_share"] = src["top_share"].to_numpy()

    for c in types.columns:
        col[c] = types[c].to_numpy()
    g_codes, g_uniq = _genders(st)
    genders = _category_shares(vgroup, g_codes, g_uniq, GENDERS, n_groups, "gender")
    for c in genders.columns:
        col[c] = genders[c].to_numpy()
    for c in ("n_statements", "n_speakers", "n_citations", "n_sources"):
        col[c] = col[c].astype("int64")
    out = pd.DataFrame(col)
    for c in table.columns:  # keep the group columns' dtypes (object text, datetime64 periods)
        out[c] = table[c].to_numpy()
    return plain_text(out)


def _filtered_articles(articles: pd.DataFrame, outlets: object, date_range: object, *,
                       kept: bool = False) -> Any:
    """The unique articles inside ``outlets``/``date_range``, index reset. ``kept=True``:
    also, per unique article, its position among those returned (-1 when left out), and
    the ids of all the unique articles."""
    art = unique_articles(articles)
    mask = date_mask(art["published"], date_range)
    out_list = as_list("outlets", outlets)
    if out_list is not None:
        mask &= art["outlet"].isin(out_list).fillna(False).to_numpy(dtype=bool)
    out = art.loc[mask].reset_index(drop=True)
    if not kept:
        return out
    where = np.full(len(art), -1, dtype=np.int64)
    where[mask] = np.arange(int(mask.sum()), dtype=np.int64)
    return out, where, art["article_id"]


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
        rows = sources
        codes, uniq = factorize(rows[dimension])
        known = factorize(rows["source"])[0] >= 0
    else:
        schema.validate(statements, "statements", required=("article_id", "speaker",
                                                             "speaker_type",
                                                             "speaker_country"),
                        name="statements")
        rows = statements
        known = factorize(rows["speaker"])[0] >= 0
        if dimension == "gender":
            codes, uniq = _genders(rows)
        else:
            codes, uniq = factorize(rows[dimension])
        if dimension == "speaker_type":
            uniq = _lower(uniq)
            uniq = np.where(pd.Index(uniq).isin(SPEAKER_TYPES), uniq, "unknown").astype(object)
    values = np.append(np.asarray(uniq, dtype=object), "unknown")
    v = np.where(codes >= 0, codes, len(values) - 1)
    pos = positions(rows["article_id"], art["article_id"])
    group = np.where((pos >= 0) & known, gcode[np.maximum(pos, 0)] if len(art) else -1, -1)
    ok = group >= 0
    df = pd.DataFrame({"g": group[ok], "value": values[v[ok]]})
    counts = df.groupby(["g", "value"]).size().rename("count").reset_index()
    counts["share"] = counts["count"] / counts.groupby("g")["count"].transform("sum")
    counts = counts.sort_values(["g", "count", "value"], ascending=[True, False, True],
                                kind="stable")
    keys = table.iloc[counts["g"].to_numpy()].reset_index(drop=True)
    out = pd.concat([keys, counts.drop(columns="g").reset_index(drop=True)], axis=1)
    out["count"] = out["count"].astype("int64")
    return plain_text(out)
