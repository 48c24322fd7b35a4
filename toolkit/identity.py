"""Corpus-level identity: one id per person across the articles of a corpus.

``Corpus.add`` (and so ``toolkit.distributed``, which commits through ``Corpus.add_extracted``)
calls ``resolve`` on every batch before it is stored. Within one article the extractors already
turn "Yermak" into "Andriy Yermak" when the full name came first; what is left is settled here,
with what the whole batch (and the stored corpus around its dates) says:

- a surname-only speaker ("Yermak", "Mr Peskov" -> "Peskov") takes the id of the one person
  with that surname (same ``names.surname_key``) named in full in the same article; else in
  the corpus within ``WINDOW_DAYS`` of the article's date when exactly one person fits; else
  the KB official with that surname in office on that date when exactly one fits; otherwise it
  keeps its own id (the surname's) and its ``confidence`` is multiplied by ``SURNAME_ONLY``;
- a title without a name ("the Head of the President's Office", "the Governor", "the Deputy
  Head of the Office of the President") takes the person named in the same article with that
  role (the title's role key equal to theirs, else the start of theirs; exactly one person, or
  exactly one of the outlet's country among them); else the
  KB holder on the article's date, for the outlet's country, of exactly that office (and no
  other holder of an office the title could also mean); otherwise it stays unresolved. A title
  the extractor left unresolved has speaker "" and the title as ``speaker_role``; that role is
  the title here.

Nothing is matched by similarity: keys come from ``toolkit.kb.names`` (rule tables and KB
aliases). ``resolve`` returns new frames; its inputs are not modified.
"""
from __future__ import annotations

import datetime as dt
import logging
import re
from typing import Any

import pandas as pd

from toolkit import kb
from toolkit.kb import names

log = logging.getLogger(__name__)

__all__ = ["SURNAME_ONLY", "WINDOW_DAYS", "people", "resolve"]

WINDOW_DAYS = 7  # "the corpus at that date": articles published this many days either side
SURNAME_ONLY = 0.8  # confidence factor of a surname that no full name settles
PERSON_TYPES = ("official", "person")
_PEOPLE_COLUMNS = ["article_id", "day", "id", "name", "type", "role", "country", "surname", "role_key"]
# a title's complement right after it: "the Deputy Head" + " of the Office of the President"
_COMPLEMENT = re.compile(r"\s+(?:of|to|for)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+(?:of|the|for|and|[A-Z][\w’'-]*))*")
_HONORIFIC_GENDER = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s+$")


def _days(articles: pd.DataFrame) -> dict[str, dt.date | None]:
    if "published" not in articles.columns:
        return {str(a): None for a in articles["article_id"]}
    pub = pd.to_datetime(articles["published"], utc=True, errors="coerce")
    return {str(a): (None if pd.isna(p) else p.date())
            for a, p in zip(articles["article_id"], pub, strict=True)}


def _col(df: pd.DataFrame, name: str) -> list[Any]:
    return df[name].tolist() if name in df.columns else [None] * len(df)


def people(articles: pd.DataFrame, statements: pd.DataFrame | None = None,
           mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """The people named in full (two words or more, with an id) in these tables: one row per
    (article, id, name, role) with the article's day, the person's type, role, country, the
    surname key and the role key. Empty frames give an empty result with every column."""
    days = _days(articles)
    rows: list[tuple[Any, ...]] = []

    def add(aid: Any, pid: Any, name: Any, typ: Any, role: Any, country: Any) -> None:
        if not pid or not isinstance(name, str) or typ not in PERSON_TYPES:
            return
        name = names.split_name(name).name
        if len(name.split()) < 2:
            return
        role = role if isinstance(role, str) else ""
        rows.append((str(aid), days.get(str(aid)), str(pid), name, typ, role,
                     country if isinstance(country, str) else "", names.surname_key(name),
                     names.role_key(role) if role else ""))

    if statements is not None and len(statements):
        for a, i, n, t, r, c in zip(_col(statements, "article_id"), _col(statements, "speaker_id"),
                                    _col(statements, "speaker"), _col(statements, "speaker_type"),
                                    _col(statements, "speaker_role"),
                                    _col(statements, "speaker_country"), strict=True):
            add(a, i, n, t, r, c)
    if mentions is not None and len(mentions):
        for a, i, n, t, r, c in zip(_col(mentions, "article_id"), _col(mentions, "entity_id"),
                                    _col(mentions, "name"), _col(mentions, "entity_type"),
                                    _col(mentions, "role"), _col(mentions, "country"), strict=True):
            add(a, i, n, t, r, c)
    out = pd.DataFrame(rows, columns=_PEOPLE_COLUMNS)
    return out.drop_duplicates().reset_index(drop=True)


def _stored_people(corpus: Any, articles: pd.DataFrame) -> pd.DataFrame | None:
    """People of the stored corpus in the batch's date range (± WINDOW_DAYS)."""
    if corpus is None or not len(corpus):
        return None
    if "published" not in articles.columns:
        return None
    pub = pd.to_datetime(articles["published"], utc=True, errors="coerce")
    if pub.isna().all():
        return None
    pad = pd.Timedelta(days=WINDOW_DAYS)
    span = (pub.min() - pad, pub.max() + pad)
    try:
        arts = corpus.table("articles", columns=["article_id", "published"], date_range=span)
        st = corpus.table("statements", columns=["article_id", "speaker", "speaker_id", "speaker_type",
                                                  "speaker_role", "speaker_country"], date_range=span)
        me = corpus.table("mentions", columns=["article_id", "entity_type", "entity_id", "name", "role",
                                                "country"], date_range=span,
                          filters=[("entity_type", "in", list(PERSON_TYPES))])
    except (OSError, ValueError, KeyError) as exc:  # a damaged store must not block an add
        log.warning("identity: stored corpus not read (%s); resolving within the batch only", exc)
        return None
    return people(arts, st, me)


class _Index:
    """People by article and by surname key, plus the KB officials by surname key."""

    def __init__(self, found: pd.DataFrame) -> None:
        self.by_article: dict[str, list[tuple[Any, ...]]] = {}
        self.by_surname: dict[str, list[tuple[Any, ...]]] = {}
        for person in found.itertuples(index=False, name=None):
            self.by_article.setdefault(str(person[0]), []).append(person)
            self.by_surname.setdefault(str(person[7]), []).append(person)
        self.kb_surnames: dict[str, list[dict[str, str]]] = {}
        for row in kb._row_list("officials"):
            for s in [row["name"], *kb.split_multi(row["aliases"])]:
                if len(s.split()) > 1:
                    lst = self.kb_surnames.setdefault(names.surname_key(s), [])
                    if row not in lst:
                        lst.append(row)


def _in_office(row: dict[str, str], day: dt.date | None) -> bool:
    if day is None:
        return not row["term_end"]
    start = kb._parse(row["term_start"]) or dt.date.min
    end = kb._parse(row["term_end"]) or dt.date.max
    return start <= day <= end


def _official(row: dict[str, str], day: dt.date | None) -> tuple[str, str, str, str, str]:
    """(id, name, type, role, country) of a KB official, with the office held on ``day``."""
    held = kb.find_official(row["name"], on=day) or row
    return (str(held["official_id"]), str(held["name"]), "official", str(held["role"]),
            str(held["country"]))


def _fits(title_key: str, role_key: str) -> bool:
    return bool(role_key) and (role_key == title_key or role_key.startswith(title_key + " "))


def resolve(articles: pd.DataFrame, tables: dict[str, pd.DataFrame], *, corpus: Any = None
            ) -> dict[str, pd.DataFrame]:
    """``tables`` ("statements" and "mentions" of ``articles``) with surname-only speakers
    and titles without a name resolved as the module docstring says. ``corpus`` (optional, a
    toolkit.Corpus) adds the stored people around the batch's dates. Returns a new dict with
    new frames; tables other than statements are passed through. A failure here is logged and
    the tables are returned as extracted: identity never loses a batch."""
    if not isinstance(tables, dict):
        raise TypeError(f"tables must be a dict of table name -> DataFrame, got {type(tables).__name__}")
    try:
        return _resolve(articles, tables, corpus)
    except Exception:  # the extracted rows are kept whatever goes wrong here
        log.exception("identity: corpus-level resolution failed; storing the batch unresolved")
        return dict(tables)


def _resolve(articles: pd.DataFrame, tables: dict[str, pd.DataFrame], corpus: Any
             ) -> dict[str, pd.DataFrame]:
    out = dict(tables)
    st = tables.get("statements")
    if st is None or not len(st) or "speaker" not in st.columns:
        return out
    found = people(articles, st, tables.get("mentions"))
    stored = _stored_people(corpus, articles)
    if stored is not None and len(stored):
        found = pd.concat([found, stored], ignore_index=True).drop_duplicates()
    index = _Index(found)
    days = _days(articles)
    texts = dict(zip(articles["article_id"].astype(str), articles["text"], strict=True))
    countries = dict(zip(articles["article_id"].astype(str), _col(articles, "outlet_country"), strict=True))
    genders = kb.official_genders()
    by_role = _kb_roles()

    st = st.copy()
    cols = {c: st[c].tolist() for c in ("speaker", "speaker_id", "speaker_type", "speaker_role",
                                        "speaker_country", "confidence")}
    starts, ends = _col(st, "speaker_start"), _col(st, "speaker_end")
    changed = 0
    for k, (aid, speaker, typ) in enumerate(zip(st["article_id"].astype(str), cols["speaker"],
                                                cols["speaker_type"], strict=True)):
        if not isinstance(speaker, str) or typ not in ("person", "official", "unknown"):
            continue
        if not speaker and isinstance(cols["speaker_role"][k], str):
            speaker = cols["speaker_role"][k]  # a title no one in the article holds: its role
        split = names.split_name(speaker)
        day = days.get(aid)
        hit: tuple[str, str, str, str, str] | None = None
        if typ == "person" and split.name[:1].isupper() and " " not in split.name \
                and not names.is_title_word(split.name):
            hit = _surname(index, aid, split.name, day, _gender_before(texts.get(aid), starts[k]),
                           genders)
            if hit is None:
                cols["confidence"][k] = float(cols["confidence"][k] or 0) * SURNAME_ONLY
                continue
        elif not split.name and split.role and not cols["speaker_id"][k]:
            title = _title(split.role, texts.get(aid), ends[k])
            hit = _titled(index, aid, names.role_key(title), day, countries.get(aid), by_role)
        if hit is None:
            continue
        pid, name, htyp, role, country = hit
        cols["speaker_id"][k], cols["speaker"][k], cols["speaker_type"][k] = pid, name, htyp
        cols["speaker_role"][k] = role or cols["speaker_role"][k]
        cols["speaker_country"][k] = country or cols["speaker_country"][k]
        changed += 1
    for c, values in cols.items():
        st[c] = pd.Series(values, index=st.index, dtype=st[c].dtype if c == "confidence" else object)
    log.info("identity: %d statement(s) resolved to a person named elsewhere", changed)
    out["statements"] = st
    return out


def _gender_before(text: Any, start: Any) -> str:
    """"m"/"f" when an honorific stands right before the speaker ("Ms Tymoshenko")."""
    if not isinstance(text, str) or start is None or pd.isna(start):
        return ""
    m = _HONORIFIC_GENDER.search(text, max(0, int(start) - 6), int(start))
    if m is None:
        return ""
    return "m" if m.group(1) == "Mr" else "f"


def _title(role: str, text: Any, end: Any) -> str:
    """The title with the complement the speaker span left out ("Deputy Head" + " of the
    Office of the President")."""
    if not isinstance(text, str) or end is None or pd.isna(end):
        return role
    m = _COMPLEMENT.match(text, int(end))
    return role + m.group() if m else role


def _surname(index: _Index, aid: str, surname: str, day: dt.date | None, gender: str,
             genders: Any) -> tuple[str, str, str, str, str] | None:
    key = names.surname_key(surname)

    def ok(pid: str) -> bool:
        g = genders.get(pid, "")
        return not gender or not g or g[:1] == gender

    here = {r[2]: r for r in index.by_article.get(aid, ()) if r[7] == key and ok(r[2])}
    if len(here) == 1:
        r = next(iter(here.values()))
        return r[2], r[3], r[4], r[5], r[6]
    if here:
        return None  # two people of that surname in the article: never guess
    near = {r[2]: r for r in index.by_surname.get(key, ())
            if ok(r[2]) and day is not None and r[1] is not None and abs((r[1] - day).days) <= WINDOW_DAYS}
    if len(near) == 1:
        r = next(iter(near.values()))
        return r[2], r[3], r[4], r[5], r[6]
    if near:
        return None
    officials = {row["official_id"]: row for row in index.kb_surnames.get(key, ())
                 if _in_office(row, day) and ok(row["official_id"])}
    if len(officials) == 1:
        return _official(next(iter(officials.values())), day)
    return None


def _kb_roles() -> dict[str, list[dict[str, str]]]:
    """Officials by country; international posts (no country) under ""."""
    out: dict[str, list[dict[str, str]]] = {}
    for row in kb._row_list("officials"):
        out.setdefault(row["country"], []).append(row)
    return out


def _titled(index: _Index, aid: str, title_key: str, day: dt.date | None, country: Any,
            by_role: dict[str, list[dict[str, str]]]) -> tuple[str, str, str, str, str] | None:
    if not title_key:
        return None
    here = {r[2]: r for r in index.by_article.get(aid, ()) if _fits(title_key, r[8])}
    exact = {pid: r for pid, r in here.items() if r[8] == title_key}
    home = {pid: r for pid, r in exact.items() if r[6] and r[6] == country}
    # "the head of state": the President, not the President of the EC; with Putin and
    # Zelenskyy both named, the outlet's own (as toolkit.extract.speakers does for "the President")
    for found in (exact, here, home):
        if len(found) == 1:
            r = next(iter(found.values()))
            return r[2], r[3], r[4], r[5], r[6]
    if here:
        return None
    # the outlet's country's offices; when none fits, the international ones, whose titles
    # name their organisation ("UN Secretary-General", "NATO Secretary General")
    pools = [by_role.get(country, []) if isinstance(country, str) and country else [], by_role.get("", [])]
    for pool in pools:
        holders = [row for row in pool if _in_office(row, day) and _fits(title_key, names.role_key(row["role"]))]
        if holders:
            exact_ids = {row["official_id"] for row in holders if names.role_key(row["role"]) == title_key}
            if len(exact_ids) == 1 and len({row["official_id"] for row in holders}) == 1:
                return _official(holders[0], day)
            return None
    return None
