"""The KB and the mention lexicons compiled for fast matching.

Every surface (country names, aliases, demonyms, metonyms; organisation names; officials' names
and aliases; office titles; blocking phrases) goes into one case-sensitive trie-shaped regex, so
a text is scanned once and each hit is looked up in a dict. Built once per KB location (cached).
"""
from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from toolkit import _paths
from toolkit import kb as _kb


@dataclass(frozen=True)
class Entity:
    """What a surface stands for.
    kind: country | organization | official | title | surname | block."""
    kind: str
    id: str
    name: str
    country: str = ""
    role: str = ""


@dataclass(frozen=True)
class Term:
    start: dt.date
    end: dt.date
    role: str
    country: str
    organization: str


@dataclass(frozen=True)
class Rule:
    rule: str  # not_before | not_after | article_for | article_against
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class SurfaceIndex:
    pattern: re.Pattern[str]  # every surface
    country_pattern: re.Pattern[str]  # country surfaces only (for names nested in organisations)
    table: dict[str, Entity]
    capitals: frozenset[str]  # metonyms that are cities: a locative use is not a mention
    demonyms: frozenset[str]  # adjectives and nouns of nationality
    name_stopwords: frozenset[str]  # capitalised words that are never part of a personal name
    checked: frozenset[str]  # country surfaces with a context check (capital, demonym, rule)
    occupations: frozenset[str]  # "Israeli mathematician": a person's nationality, not a mention
    rules: dict[str, tuple[Rule, ...]]
    terms: dict[str, tuple[Term, ...]]  # official_id -> offices held
    surnames: dict[str, tuple[str, ...]] = field(default_factory=dict)  # surname -> official ids
    # (country or organisation, role casefolded) -> (official id, term start, term end)
    offices: dict[tuple[str, str], tuple[tuple[str, dt.date, dt.date], ...]] = field(
        default_factory=dict)
    official_keys: dict[str, str] = field(default_factory=dict)  # normalised name/alias -> id
    official_names: dict[str, str] = field(default_factory=dict)  # official_id -> display name
    official_wikidata: dict[str, str] = field(default_factory=dict)


_ROMAN = re.compile(r"[IVXLC]+")


def trie_regex(words: list[str]) -> str:
    """A regex alternation of ``words`` shaped as a trie (shared prefixes factored out), so
    matching cost does not grow with the number of words. Greedy: longer words win."""
    words = [w for w in words if w]
    if not words:
        return "(?!)"  # matches nothing
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str | None:
        if list(node) == [""]:
            return None
        alts: list[str] = []
        singles: list[str] = []
        for ch in sorted(k for k in node if k):
            sub = build(node[ch])
            if sub is None:
                singles.append(re.escape(ch))
            else:
                alts.append(re.escape(ch) + sub)
        only_chars = not alts
        if singles:
            alts.append(singles[0] if len(singles) == 1 else "[" + "".join(singles) + "]")
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:
            body = body + "?" if only_chars else "(?:" + body + ")?"
        return body

    return build(trie) or "(?!)"


def _bounded(words: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w])(?:" + trie_regex(sorted(set(words))) + r")(?![\w])")


def _surface_forms(s: str) -> list[str]:
    """'the Kremlin' -> ['Kremlin']; matching starts at the proper noun."""
    s = s.strip()
    s = s.removeprefix("the ")
    return [s] if s else []


def _title_forms(s: str) -> list[str]:
    """'prime minister' -> as written, 'Prime minister', 'Prime Minister'."""
    small = {"of", "the", "for", "and", "in"}
    title = " ".join(w if w in small else w[:1].upper() + w[1:] for w in s.split(" "))
    return list(dict.fromkeys([s, s[:1].upper() + s[1:], title]))


def _date(s: str, default: dt.date) -> dt.date:
    try:
        return dt.date.fromisoformat(s.strip()[:10])
    except ValueError:
        return default


def _read_lexicon(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        return [r for r in csv.DictReader(f)]


def _read_lines(path: Path) -> list[str]:
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")]


def surface_index() -> SurfaceIndex:
    """The compiled index for the current KB (shipped + user folder) and lexicons."""
    return _build(str(_paths.KB_DIR), str(_kb.user_kb_dir()), str(_paths.LEXICONS))


@lru_cache(maxsize=4)
def _build(kb_dir: str, user_dir: str, lex_dir: str) -> SurfaceIndex:
    table: dict[str, Entity] = {}
    country_surfaces: list[str] = []
    capitals: set[str] = set()
    demonyms: set[str] = set()

    def add(surface: str, ent: Entity) -> None:
        # First writer wins: countries, then blockers, organisations, officials, titles.
        table.setdefault(surface, ent)

    countries = _kb.countries()
    for row in _kb._records(countries):
        ent = Entity("country", row["iso3"], row["name"], row["iso3"])
        for s in [row["name"], *_kb.split_multi(row["aliases"]), *_kb.split_multi(row["demonyms"]),
                  *_kb.split_multi(row["metonyms"])]:
            for form in _surface_forms(s):
                if form in table:
                    continue
                add(form, ent)
                country_surfaces.append(form)
        capitals.update(_kb.split_multi(row.get("capital", "")))
        demonyms.update(_kb.split_multi(row["demonyms"]))

    lex = Path(lex_dir)
    for phrase in _read_lines(lex / "mention_blockers.txt"):
        add(phrase, Entity("block", "", phrase))
    country_surfaces += [s for s, e in table.items() if e.kind == "block"]

    for row in _kb._records(_kb.organizations()):
        ent = Entity("organization", row["org_id"], row["name"], row["country"])
        for s in [row["name"], *_kb.split_multi(row["aliases"])]:
            for form in _surface_forms(s):
                # An organisation named like a country ("Kremlin") stays a country mention.
                if table.get(form, ent).kind != "country":
                    table[form] = ent

    terms: dict[str, list[Term]] = {}
    names: dict[str, str] = {}
    wikidata: dict[str, str] = {}
    keys: dict[str, str] = {}
    surnames: dict[str, list[str]] = {}
    offices: dict[tuple[str, str], list[tuple[str, dt.date, dt.date]]] = {}
    stopwords = frozenset(_read_lines(lex / "name_stopwords.txt"))
    for row in _kb._records(_kb.officials()):
        oid = row["official_id"]
        if not oid:
            continue
        names.setdefault(oid, row["name"])
        if row["wikidata"]:
            wikidata.setdefault(oid, row["wikidata"])
        term = Term(_date(row["term_start"], dt.date.min), _date(row["term_end"], dt.date.max),
                    row["role"], row["country"], row["organization"])
        terms.setdefault(oid, []).append(term)
        offices.setdefault((term.country or term.organization, term.role.casefold()), []).append(
            (oid, term.start, term.end))
        ent = Entity("official", oid, row["name"])
        for s in [row["name"], *_kb.split_multi(row["aliases"])]:
            add(s.strip(), ent)
            keys.setdefault(_kb.normalize(s), oid)
            parts = s.split()
            # Regnal numbers ("Charles III") and stop words ("Theresa May") are no surnames.
            if (len(parts) >= 2 and parts[-1][:1].isupper() and len(parts[-1]) > 2
                    and not _ROMAN.fullmatch(parts[-1]) and parts[-1] not in stopwords):
                ids = surnames.setdefault(parts[-1], [])
                if oid not in ids:
                    ids.append(oid)

    for r in _read_lexicon(lex / "office_titles.csv"):
        # For a title, ``id`` is the entity_type of the person it introduces.
        ent = Entity("title", (r.get("entity_type") or "official").strip(), r["title"],
                     (r.get("country") or "").strip(), r["role"].strip())
        for form in _title_forms(r["title"].strip()):
            add(form, ent)

    # Surnames go in last: anything else spelled the same wins.
    for surname in surnames:
        add(surname, Entity("surname", surname, surname))

    # Occupations introduce people who hold no office ("biologist Nick Bos"): person mentions.
    for word in _read_lines(lex / "occupations.txt"):
        for form in _title_forms(word.strip()):
            add(form, Entity("title", "person", word, "", ""))

    rules: dict[str, list[Rule]] = {}
    for r in _read_lexicon(lex / "mention_ambiguity.csv"):
        rules.setdefault(r["surface"], []).append(Rule(r["rule"], re.compile(r["pattern"])))

    rule_map = {k: tuple(v) for k, v in rules.items()}
    checked = frozenset(capitals | demonyms | set(rule_map))
    return SurfaceIndex(
        pattern=_bounded(list(table)),
        country_pattern=_bounded(country_surfaces),
        table=table,
        capitals=frozenset(capitals),
        demonyms=frozenset(demonyms),
        name_stopwords=stopwords,
        occupations=frozenset(w.casefold() for w in _read_lines(lex / "occupations.txt")),
        rules=rule_map,
        checked=checked,
        terms={k: tuple(sorted(v, key=lambda t: t.start)) for k, v in terms.items()},
        surnames={k: tuple(v) for k, v in surnames.items()},
        official_keys=keys,
        offices={k: tuple(v) for k, v in offices.items()},
        official_names=names,
        official_wikidata=wikidata,
    )


def clear_cache() -> None:
    """Forget compiled indexes (toolkit.kb.clear_cache calls this)."""
    _build.cache_clear()


def office_on(index: SurfaceIndex, official_id: str, day: dt.date | None) -> Term | None:
    """The office ``official_id`` held on ``day`` (latest-starting if several); the closest
    one in time when none covers it; the most recent when ``day`` is None."""
    terms = index.terms.get(official_id)
    if not terms:
        return None
    if day is None:
        return max(terms, key=lambda t: (t.end, t.start))
    covering = [t for t in terms if t.start <= day <= t.end]
    if covering:
        return max(covering, key=lambda t: t.start)
    return min(terms, key=lambda t: (t.start - day).days if t.start > day else (day - t.end).days)
