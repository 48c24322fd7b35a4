"""Knowledge base access: countries, officials, organisations, outlets (data in datasets/kb).

The shipped CSVs live in ``datasets/kb/``; a user folder (``TOOLKIT_USER_KB``, else
``~/.config/toolkit/kb``) may hold same-named CSVs whose rows replace shipped rows with the same
key and add new ones. Multi-valued cells are separated by ``|``.

    from toolkit import kb
    kb.country_code("Lithuanian")            # 'LTU'
    kb.find_official("Simonyte", on=date(2024, 5, 8))
    kb.outlet_for_domain("www.themoscowtimes.com")

Every function is cached; frames are returned as copies, dicts as fresh dicts.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import unicodedata
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pandas as pd

from toolkit import _paths

log = logging.getLogger(__name__)

COLUMNS: dict[str, list[str]] = {
    "countries": ["iso3", "iso2", "name", "aliases", "demonyms", "metonyms"],
    "officials": ["official_id", "name", "aliases", "gender", "country", "organization", "role",
                  "term_start", "term_end", "wikidata"],
    "organizations": ["org_id", "name", "aliases", "country", "org_type"],
    "outlets": ["domain", "name", "aliases", "country", "outlet_type"],
}
# A user row replaces a shipped row with the same key.
KEYS: dict[str, list[str]] = {
    "countries": ["iso3"],
    "officials": ["official_id", "role", "term_start"],
    "organizations": ["org_id"],
    "outlets": ["domain"],
}

__all__ = [
    "COLUMNS",
    "clear_cache",
    "countries",
    "country_code",
    "find_official",
    "find_organization",
    "find_outlet",
    "normalize",
    "official_genders",
    "officials",
    "organizations",
    "outlet_for_domain",
    "outlets",
    "split_multi",
    "user_kb_dir",
]


def user_kb_dir() -> Path:
    """The user's KB folder: $TOOLKIT_USER_KB, else ~/.config/toolkit/kb (may not exist)."""
    return Path(_user_dir(os.environ.get("TOOLKIT_USER_KB"), os.environ.get("HOME")))


@lru_cache(maxsize=16)
def _user_dir(env: str | None, _home: str | None) -> str:
    # Cached on the environment it depends on: lookups call this on every use.
    if env:
        return str(Path(env).expanduser())
    return str(Path.home() / ".config" / "toolkit" / "kb")


def normalize(name: str) -> str:
    """Lookup key: casefolded, diacritics stripped, dots/apostrophes/extra spaces removed,
    a leading 'the ' dropped ("the U.K." -> "uk", "Šimonytė" -> "simonyte")."""
    s = unicodedata.normalize("NFKD", str(name))
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.casefold().replace("’", "'").replace(".", "").replace("'s ", " ")
    s = s.replace("-", " ").replace("'", "")
    s = " ".join(s.split())
    s = s.removeprefix("the ")
    return s


def split_multi(cell: Any) -> list[str]:
    """'a|b| c' -> ['a', 'b', 'c']; empty/NA -> []."""
    if cell is None or (isinstance(cell, float) and pd.isna(cell)) or cell is pd.NA:
        return []
    return [p.strip() for p in str(cell).split("|") if p.strip()]


def _read_csv(path: Path, columns: list[str]) -> pd.DataFrame:
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    for col in columns:
        if col not in df.columns:
            df[col] = ""
    return df[columns + [c for c in df.columns if c not in columns]]


@lru_cache(maxsize=32)
def _table(name: str, shipped_dir: str, user_dir: str) -> pd.DataFrame:
    columns = COLUMNS[name]
    path = Path(shipped_dir) / f"{name}.csv"
    if path.exists():
        df = _read_csv(path, columns)
    else:
        log.info("knowledge base file %s is missing; using an empty table", path)
        df = pd.DataFrame({c: pd.Series(dtype=str) for c in columns})
    upath = Path(user_dir) / f"{name}.csv"
    if upath.is_file():
        try:
            user = _read_csv(upath, columns)
        except (OSError, ValueError, pd.errors.ParserError) as exc:
            log.warning("ignoring unreadable user KB file %s: %s", upath, exc)
        else:
            key = KEYS[name]
            ukeys = set(map(tuple, user[key].to_numpy().tolist()))
            keep = [tuple(k) not in ukeys for k in df[key].to_numpy().tolist()]
            df = pd.concat([df[keep], user], ignore_index=True)
            log.info("merged %d user rows from %s", len(user), upath)
    return df.fillna("").reset_index(drop=True)


def _records(df: pd.DataFrame) -> list[dict[str, str]]:
    """Rows as dicts of str (every KB cell is read as text)."""
    cols = [str(c) for c in df.columns]
    values = zip(*(df[c].tolist() for c in df.columns), strict=True)
    return [dict(zip(cols, v, strict=True)) for v in values]


def _get(name: str) -> pd.DataFrame:
    return _table(name, str(_paths.KB_DIR), _user_dir(os.environ.get("TOOLKIT_USER_KB"),
                                                      os.environ.get("HOME")))


def clear_cache() -> None:
    """Forget loaded tables (after editing the CSVs or changing TOOLKIT_USER_KB)."""
    from toolkit.kb import names, surfaces  # the compiled indexes are built from these tables

    _table.cache_clear()
    _genders.cache_clear()
    _indexes.cache_clear()
    _rows.cache_clear()
    surfaces.clear_cache()
    names.clear_cache()


def countries() -> pd.DataFrame:
    """iso3, iso2, name, aliases, demonyms, metonyms (all str; multi-values '|'-separated)."""
    return _get("countries").copy()


def officials() -> pd.DataFrame:
    """official_id, name, aliases, gender, country, organization, role, term_start, term_end,
    wikidata (str; dates as ISO 'YYYY-MM-DD', term_end empty while in office)."""
    return _get("officials").copy()


def official_genders() -> MappingProxyType[str, str]:
    """official_id and wikidata id -> "female", "male", "other" or "unknown", from the
    officials' gender column (read once per KB location, like the tables)."""
    return _genders(str(_paths.KB_DIR), _user_dir(os.environ.get("TOOLKIT_USER_KB"),
                                                  os.environ.get("HOME")))


@lru_cache(maxsize=8)
def _genders(shipped_dir: str, user_dir: str) -> MappingProxyType[str, str]:
    off = _table("officials", shipped_dir, user_dir)
    words = {"f": "female", "woman": "female", "female": "female", "m": "male", "man": "male",
             "male": "male", "": "unknown"}
    gender = [words.get(str(g).strip().lower(), "other") for g in off["gender"]]
    out: dict[str, str] = {}
    for col in ("wikidata", "official_id"):  # an official_id wins over an equal wikidata id
        out.update({k: g for k, g in zip(off[col], gender, strict=True) if isinstance(k, str) and k})
    return MappingProxyType(out)


def organizations() -> pd.DataFrame:
    """org_id, name, aliases, country, org_type."""
    return _get("organizations").copy()


def outlets() -> pd.DataFrame:
    """domain, name, aliases, country, outlet_type."""
    return _get("outlets").copy()


# --- lookups ---------------------------------------------------------------------------------

@lru_cache(maxsize=8)
def _indexes(shipped_dir: str, user_dir: str) -> dict[str, Any]:
    """Normalised-name -> row indexes for every table (built once per KB location)."""
    def tab(name: str) -> pd.DataFrame:
        return _table(name, shipped_dir, user_dir)

    country: dict[str, str] = {}
    for row in _records(tab("countries")):
        for col in ("name", "aliases", "demonyms", "metonyms"):
            for s in split_multi(row[col]) if col != "name" else [row["name"]]:
                # Earlier (official) names win over later aliases on collisions.
                country.setdefault(normalize(s), row["iso3"])
    for row in _records(tab("countries")):
        country[normalize(row["iso3"])] = row["iso3"]
        country[normalize(row["name"])] = row["iso3"]

    official: dict[str, list[int]] = {}
    for i, row in enumerate(_records(tab("officials"))):
        for s in [row["name"], *split_multi(row["aliases"])]:
            lst = official.setdefault(normalize(s), [])
            if i not in lst:
                lst.append(i)

    org: dict[str, int] = {}
    for i, row in enumerate(_records(tab("organizations"))):
        for s in [row["org_id"], row["name"], *split_multi(row["aliases"])]:
            org.setdefault(normalize(s), i)

    outlet_name: dict[str, int] = {}
    outlet_domain: dict[str, int] = {}
    for i, row in enumerate(_records(tab("outlets"))):
        outlet_domain.setdefault(row["domain"].strip().lower(), i)
        for s in [row["name"], *split_multi(row["aliases"])]:
            outlet_name.setdefault(normalize(s), i)
    return {"country": country, "official": official, "org": org,
            "outlet_name": outlet_name, "outlet_domain": outlet_domain}


@lru_cache(maxsize=32)
def _rows(name: str, shipped_dir: str, user_dir: str) -> tuple[dict[str, str], ...]:
    """Rows as plain dicts: lookups copy one of these instead of indexing a DataFrame."""
    return tuple(_records(_table(name, shipped_dir, user_dir)))


def _idx() -> dict[str, Any]:
    return _indexes(str(_paths.KB_DIR), _user_dir(os.environ.get("TOOLKIT_USER_KB"),
                                                  os.environ.get("HOME")))


def _check_str(value: object, param: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{param} must be a str, got {type(value).__name__} ({value!r})")
    return value


def country_code(surface: str) -> str | None:
    """Name, alias, demonym, metonym or ISO3 code -> ISO3 ("Lithuanian" -> "LTU",
    "the Kremlin" -> "RUS"); None when unknown."""
    _check_str(surface, "surface")
    return _idx()["country"].get(normalize(surface))


def _row_list(name: str) -> tuple[dict[str, str], ...]:
    return _rows(name, str(_paths.KB_DIR), _user_dir(os.environ.get("TOOLKIT_USER_KB"),
                                                     os.environ.get("HOME")))


def _row_dict(name: str, i: int) -> dict[str, Any]:
    return dict(_row_list(name)[i])


def _as_date(on: object) -> dt.date | None:
    if on is None:
        return None
    try:
        ts = pd.Timestamp(on)  # type: ignore[arg-type]
    except (TypeError, ValueError) as exc:
        raise ValueError(f"on must be a date, datetime or ISO string, got {on!r}") from exc
    if pd.isna(ts):
        return None
    return ts.date()


def _parse(s: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(s.strip()[:10]) if s and s.strip() else None
    except ValueError:
        return None


def find_official(name: str, *, on: object = None) -> dict[str, Any] | None:
    """The official called ``name`` (full name or alias, diacritics optional) with the office
    held on ``on`` (a date; default: the most recent office). When several offices overlap
    ``on``, the one that started last wins; when none covers ``on``, the closest one in time.
    Returns the officials.csv row as a dict, or None."""
    _check_str(name, "name")
    rows = _idx()["official"].get(normalize(name))
    if not rows:
        return None
    table = _row_list("officials")
    day = _as_date(on)
    cands = []
    for i in rows:
        start = _parse(table[i]["term_start"]) or dt.date.min
        end = _parse(table[i]["term_end"]) or dt.date.max
        cands.append((i, start, end))
    if day is None:
        best = max(cands, key=lambda c: (c[2], c[1]))
    else:
        covering = [c for c in cands if c[1] <= day <= c[2]]
        if covering:
            best = max(covering, key=lambda c: c[1])
        else:
            def gap(c: tuple[int, dt.date, dt.date]) -> int:
                return (c[1] - day).days if c[1] > day else (day - c[2]).days
            best = min(cands, key=gap)
    return _row_dict("officials", best[0])


def find_organization(name: str) -> dict[str, Any] | None:
    """Organisation by id, name or alias ("NATO", "the Pentagon") -> organizations.csv row."""
    _check_str(name, "name")
    i = _idx()["org"].get(normalize(name))
    return None if i is None else _row_dict("organizations", i)


def find_outlet(name: str) -> dict[str, Any] | None:
    """Outlet by display name or alias ("FT", "Financial Times") -> outlets.csv row."""
    _check_str(name, "name")
    i = _idx()["outlet_name"].get(normalize(name))
    return None if i is None else _row_dict("outlets", i)


def outlet_for_domain(domain: str) -> dict[str, Any] | None:
    """Outlet for a domain or URL host ("www.ft.com", "edition.cnn.com", a full URL);
    tries the host, then each parent domain. Returns {domain, name, country, outlet_type}."""
    _check_str(domain, "domain")
    host = domain.strip().lower()
    if "://" in host:
        host = host.split("://", 1)[1]
    host = host.split("/", 1)[0].split(":", 1)[0].rstrip(".")
    host = host.removeprefix("www.")
    index = _idx()["outlet_domain"]
    parts = host.split(".")
    for k in range(len(parts) - 1):
        i = index.get(".".join(parts[k:]))
        if i is not None:
            row = _row_dict("outlets", i)
            return {c: row[c] for c in ("domain", "name", "country", "outlet_type")}
    return None
