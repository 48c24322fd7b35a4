"""Who is in the corpus: one row per person (or other speaker), with the names seen for them.

    people(statements, mentions)     # what a user checks before trusting a speaker filter

A person is keyed by their id (``speaker_id`` of statements, ``entity_id`` of mentions) and,
where a row has no id, by the name as written (``speaker`` / ``name``): ids group the name
variants that the extractors linked, names without an id stand alone. The view works on
whatever ids the extractors produce.
"""
from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from toolkit import schema
from toolkit.analysis._common import as_list, factorize, fold

PEOPLE_COLUMNS = ["key", "id", "name", "variants", "n_variants", "statements", "mentions",
                  "speaker_type", "country", "resolved"]
PERSON_TYPES = ("official", "person")  # the mention types counted for every person


def _text(values: pd.Series) -> np.ndarray:
    """Stripped strings, None for missing or empty values."""
    codes, uniq = factorize(values)
    clean = np.array([s if s else None for s in (str(u).strip() for u in uniq)], dtype=object)
    out = np.full(len(values), None, dtype=object)
    ok = codes >= 0
    out[ok] = clean[codes[ok]]
    return out


def speaker_keys(statements: pd.DataFrame) -> np.ndarray:
    """The person key of every statement row: its speaker_id, else its speaker as written
    (None for a row with neither). Rows with one key belong to one row of ``people``."""
    speaker = _text(statements["speaker"])
    if "speaker_id" not in statements.columns:
        return speaker
    ids = _text(statements["speaker_id"])
    return np.where(pd.isna(ids), speaker, ids)


def _most_common(key_codes: np.ndarray, n_keys: int, values: np.ndarray) -> np.ndarray:
    """Per key code, the value seen most often (ties: the one seen first); None where a key
    has no value. On integer codes: a corpus has millions of rows and a few thousand people."""
    out = np.full(n_keys, None, dtype=object)
    ok = (key_codes >= 0) & ~pd.isna(values)
    if not ok.any():
        return out
    v_codes, v_uniq = pd.factorize(values[ok])
    k = key_codes[ok].astype(np.int64)
    pair, first = np.unique(k * np.int64(len(v_uniq)) + v_codes, return_index=True)
    n = np.bincount(np.searchsorted(pair, k * np.int64(len(v_uniq)) + v_codes), minlength=len(pair))
    pk, pv = pair // len(v_uniq), pair % len(v_uniq)
    best = np.lexsort((first, -n, pk))  # per key: most frequent, then first seen
    keep = best[np.r_[True, pk[best][1:] != pk[best][:-1]]]
    out[pk[keep]] = np.asarray(v_uniq, dtype=object)[pv[keep]]
    return out


def people(statements: pd.DataFrame, mentions: pd.DataFrame | None = None, *,
           speaker_types: Iterable[str] | None = None) -> pd.DataFrame:
    """One row per speaker of ``statements`` and per person/official of ``mentions``.

    Columns: ``key`` (the id, else the name as written: what ``speaker_keys`` gives each
    statement), ``id`` (speaker_id / entity_id; None when the rows had none), ``name`` (the
    variant seen most often), ``variants`` (every name seen for the key, most frequent first),
    ``n_variants``, ``statements`` and ``mentions`` (rows of each table), ``speaker_type`` and
    ``country`` (the most frequent among the statements, else the mentions), ``resolved``
    (an id, a name and a known type: False for what a user would call junk or unresolved).
    ``speaker_types``: keep only speakers of these types (None: all); mentions are counted for
    the speakers kept and for every person or official mentioned. Sorted by statements, then
    mentions (both descending), then name. Empty input: an empty frame with these columns.
    """
    schema.validate(statements, "statements", required=("speaker",), name="statements")
    st = statements
    types = as_list("speaker_types", speaker_types)
    if types is not None and "speaker_type" in st.columns:
        st = st[st["speaker_type"].isin(types).to_numpy(dtype=bool)]
    s_key = speaker_keys(st)
    s_name = _text(st["speaker"])
    s_id = _text(st["speaker_id"]) if "speaker_id" in st.columns else np.full(len(st), None, dtype=object)
    s_type = _text(st["speaker_type"]) if "speaker_type" in st.columns else np.full(len(st), None, dtype=object)
    s_country = _text(st["speaker_country"]) if "speaker_country" in st.columns \
        else np.full(len(st), None, dtype=object)

    m_key = m_name = m_id = m_type = m_country = np.array([], dtype=object)
    if mentions is not None and len(mentions):
        schema.validate(mentions, "mentions", required=("entity_type", "entity_id", "name"),
                        name="mentions")
        m_id_all = _text(mentions["entity_id"])
        m_name_all = _text(mentions["name"])
        m_key_all = np.where(pd.isna(m_id_all), m_name_all, m_id_all)
        is_person = mentions["entity_type"].isin(PERSON_TYPES).to_numpy(dtype=bool)
        speaks = pd.Index(pd.unique(s_key[~pd.isna(s_key)])) if len(s_key) else pd.Index([])
        keep = np.flatnonzero((is_person | (speaks.get_indexer(pd.Index(m_key_all)) >= 0)) & ~pd.isna(m_key_all))
        m_key, m_name, m_id = m_key_all[keep], m_name_all[keep], m_id_all[keep]
        m_type = _text(mentions["entity_type"])[keep]
        m_country = _text(mentions["country"])[keep] if "country" in mentions.columns \
            else np.full(len(keep), None, dtype=object)

    keys = np.concatenate([s_key, m_key])
    if not len(keys) or pd.isna(keys).all():
        return pd.DataFrame({c: pd.Series(dtype=object) for c in PEOPLE_COLUMNS}).astype(
            {"n_variants": "int64", "statements": "int64", "mentions": "int64", "resolved": bool})
    codes, uniq = pd.factorize(keys)  # -1: no key
    n_keys, n_s = len(uniq), len(s_key)
    s_codes, m_codes = codes[:n_s], codes[n_s:]
    n_st = np.bincount(s_codes[s_codes >= 0], minlength=n_keys)
    n_me = np.bincount(m_codes[m_codes >= 0], minlength=n_keys)
    # Names: statements' spellings first (what the speaker filter meets), most frequent first,
    # then the mentions' own.
    names = np.concatenate([s_name, m_name])
    src = np.r_[np.zeros(n_s, dtype=np.int64), np.ones(len(m_key), dtype=np.int64)]
    ok = (codes >= 0) & ~pd.isna(names)
    n_codes, n_uniq = pd.factorize(names[ok])
    k = codes[ok].astype(np.int64)
    width = np.int64(max(len(n_uniq), 1))
    pair_of_row = k * width + n_codes
    pair, inverse = np.unique(pair_of_row, return_inverse=True)
    count = np.bincount(inverse, minlength=len(pair))
    first_src = np.full(len(pair), 1, dtype=np.int64)
    np.minimum.at(first_src, inverse, src[ok])
    pk, pn = pair // width, pair % width
    name_text = np.asarray(n_uniq, dtype=object)
    alpha = np.argsort(np.argsort(np.array([fold(x) for x in name_text], dtype=object), kind="stable"))
    order = np.lexsort((alpha[pn], -count, first_src, pk))
    variants: list[list[str]] = [[] for _ in range(n_keys)]
    for key, name in zip(pk[order].tolist(), name_text[pn[order]].tolist(), strict=True):
        variants[key].append(name)
    ids = _most_common(codes, n_keys, np.concatenate([s_id, m_id]))
    stype = _most_common(s_codes, n_keys, s_type)
    mtype = _most_common(m_codes, n_keys, m_type)
    country = _most_common(s_codes, n_keys, s_country)
    mcountry = _most_common(m_codes, n_keys, m_country)
    key_text = np.asarray(uniq, dtype=object)
    out = pd.DataFrame({
        "key": pd.Series(key_text, dtype=object),
        "id": pd.Series(ids, dtype=object),
        "name": pd.Series([v[0] if v else key for key, v in zip(key_text, variants, strict=True)],
                          dtype=object),
        "variants": pd.Series(variants, dtype=object),
        "statements": n_st.astype(np.int64),
        "mentions": n_me.astype(np.int64),
        "speaker_type": pd.Series(np.where(pd.isna(stype), mtype, stype), dtype=object),
        "country": pd.Series(np.where(pd.isna(country), mcountry, country), dtype=object),
    })
    out["n_variants"] = np.array([len(v) for v in variants], dtype=np.int64)
    out["resolved"] = (~pd.isna(ids) & ~pd.isna(out["name"].to_numpy())
                       & ~out["speaker_type"].isin(["unknown"]).to_numpy(dtype=bool)
                       & ~pd.isna(out["speaker_type"].to_numpy()))
    out = out.sort_values(["statements", "mentions", "name"], ascending=[False, False, True],
                          kind="stable", key=lambda c: c.map(fold) if c.name == "name" else c)
    return out[PEOPLE_COLUMNS].reset_index(drop=True)


def search_people(table: pd.DataFrame, text: str, *, limit: int | None = 50) -> pd.DataFrame:
    """The rows of a ``people`` table whose id or any name variant contains ``text`` (case
    and accents ignored; "podol" finds "Mykhailo Podolyak" and "Mykhailo Podoliak"), in the
    table's order, at most ``limit``. Empty ``text``: the first ``limit`` rows."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    needle = fold(text).strip()
    rows = table
    if needle:
        hay = [fold(" | ".join([str(i or ""), *v])) for i, v in zip(table["id"], table["variants"],
                                                                     strict=True)]
        rows = table[[needle in h for h in hay]]
    return rows.head(limit) if limit is not None else rows


__all__ = ["PEOPLE_COLUMNS", "people", "search_people", "speaker_keys"]
