"""Mentions of countries, officials and organisations in article titles and texts.

    mentions = extract_mentions(articles)          # the mentions table (toolkit.schema.MENTIONS)
    records = article_mentions(text, published=d)  # the same records for one text

One scan per text with the trie regex of every KB surface (toolkit.kb.surfaces), then:
- countries by name, alias, demonym or metonym. A capital used as a place ("in Moscow",
  "a Kyiv-based analyst", "Paris Hilton") is not a mention of the country; the seat of
  government ("the Kremlin said") always is. A demonym giving a person's nationality
  ("Israeli mathematician"), inside a longer name ("The Canadian Press") or starting one that
  holds no title or body of the state ("Korean Central News Agency", "Korean People's Army";
  not "Canadian Prime Minister", "Russian Emergencies Ministry": lexicons/state_nouns.txt) or
  naming a language ("translated into Spanish.") is not. Ambiguous names (Georgia, Jordan, Chad, Washington,
  ...) follow datasets/lexicons/mention_ambiguity.csv; phrases like "North America" or
  "Minsk agreements" hide the country they contain (mention_blockers.txt); names are
  case-sensitive, so "turkey" and "china" never match;
- officials by full name or alias (also "First X. Last"), with the role and country of the
  office held on the article's date (no role outside every known term); by surname once the
  full name has appeared (a surname two people in the text share is left alone); by title
  + surname ("President Macron") when the office fits; and a bare office ("the Foreign
  Secretary", "Lithuania's prime minister") is its holder on the date when the country is
  clear;
- officials the KB does not know when a title introduces them ("Kremlin spokesman Dmitry
  Peskov", "Maria Zakharova, a spokeswoman for the Russian Foreign Ministry", "Minister of
  Industry and Trade Denis Manturov"): role from the title (datasets/lexicons/office_titles.csv),
  country from the words around it; honorifics and occupations ("Mr. John Smith",
  "biologist Nick Bos") give person mentions; no name holds an acronym ("LA Sheriff") or
  starts with an ordinary word of the text ("Iodine Deficiency Disorders"); their id is
  ``toolkit.kb.names.person_id`` of the name, KB officials' their ``official_id``;
- organisations by name or alias, with any country named inside them ("Russian" in
  "Russian Defense Ministry") also counted as a country mention.
``in_quote`` is True for a mention inside double quotes (straight, curly or guillemets).
"""
from __future__ import annotations

import bisect
import csv
import datetime as dt
import logging
import re
import unicodedata
from functools import lru_cache
from typing import Any

import pandas as pd

from toolkit import _paths, schema
from toolkit.kb import names, normalize
from toolkit.kb.surfaces import Entity, SurfaceIndex, office_on, surface_index

log = logging.getLogger(__name__)

__all__ = ["article_mentions", "extract_mentions"]

# A personal name after a title: 2-4 capitalised words (particles allowed inside), no possessive.
_TOKEN = r"(?:[A-Z]\.|[A-ZÀ-ÖØ-ÞĀ-Ž](?:[\w-]|['’](?=[A-Z]))*)"
_PARTICLE = r"(?:de|da|del|der|van|von|bin|al|el|la|le|di|du|dos|ter|den)"
_NAME = re.compile(
    rf"(?P<name>{_TOKEN}(?: (?:{_PARTICLE} ){{0,2}}{_TOKEN}){{0,3}})(?=['’]s\b|[^\w'’]|$)")
_APPOS_TAIL = re.compile(
    r"\s+(?:(?:a|an|the)\s+)?(?:(?:[A-Z][\w.’'-]*(?:['’]s)?|senior|chief|top|deputy|former|"
    r"longtime|official|first|acting)\s+){0,4}")
_PARTICLES = frozenset(_PARTICLE[3:-1].split("|"))
_OF_COUNTRY = re.compile(r"\s+of\s+(?:the\s+)?")
_NAME_NEXT = re.compile(r" [A-ZÀ-ÖØ-ÞĀ-Ž][a-zà-öø-ÿā-ž]")
_APPOS_AFTER = re.compile(r"\s+(?:for|of|at|to|with|in)\s+(?:the\s+)?")
# "Minister of Industry and Trade Denis Manturov": the name is the last two capitalised words
# (a word's final period ends the sentence: "the President of Ukraine. Addressing Vasyl, ..." has no
# name; "U.S." and "St." do not)
_OF_RUN = re.compile(
    rf" (?:of|for) (?:the )?(?:(?:[A-Z][\w’'-]*(?:\.[\w’'-]+)*|(?:[A-Z]\.)+|St\.|of|the|and|for|on|in) ){{0,8}}"
    rf"(?P<name>{_TOKEN} {_TOKEN})"
    r"(?=['’]s\b| (?!(?:of|for|and|the|on|in)\b)[^A-Z\s]|[^\w '’]|$)")
# a word before a bare office that makes it someone else's: "Assistant Deputy Minister of ...", "former"
_NOT_HOLDER = re.compile(r"(?i:\b(?:deputy|assistant|vice|former|ex|late|acting\s+deputy)[\s-]+)$")
# A title used as a noun inside a longer name ("Office of the President", "the President's").
_NOUN_USE = re.compile(r"\b(?:of|to|for)\s+(?:the\s+)?$")
_LOCATIVE = re.compile(
    r"(?i:\b(?:in|at|near|outside|from|to|into|around|across|inside|via|of|visit|visited|"
    r"visiting|visits|reached|leaving|left|toward|towards|downtown|central|based in|"
    r"(?:the\s+)?(?:capital|city|town)(?:\s+city)?,?)\s+)$")
# a capital as a city: "Ottawa police", "Wellington City Council", "Ottawa's streets"
_LOCATIVE_AFTER = re.compile(r"^(?:-based|-area|, [A-Z]|(?:['’]s)?\s+(?:airport|Airport|region|Region|Mayor|mayor|"
                             r"Oblast|oblast|suburbs?|residents?|metro|Metro|city|City|police|Police|"
                             r"council|Council|streets?|Street|hospitals?|Hospital|University|university|"
                             r"area|Area|district|District|harbou?r|Harbou?r|zoo|Zoo|time|neighbou?rhoods?)\b)")
_NEXT_CAP = re.compile(r" [A-Z][a-z]")
_NEXT_WORD = re.compile(r" ([\w’'-]+)")
_PREV_CAP = re.compile(r"(?:^|[^.!?:;\s\"“”])\s*\b[A-Z][\w’'-]*\s+$|\bThe\s+$")
_COPULA = re.compile(r"\b(?:is|was|are|were|be|been|being|became|become)\s+$")
_LANGUAGE = re.compile(r"\b(?:in|speak|speaks|spoke|speaking|learn|learned|learning|into|"
                       r"fluent|from|teach|teaches|taught|subtitled)\s+$")
_PREDICATE_END = re.compile(r"\s*(?:[,.;:)!?]|$)")
_QUOTE_CHARS = re.compile(r"[\"“”«»\n]")


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", _fold(name).casefold()).strip("-")


def _as_day(published: Any) -> dt.date | None:
    if published is None or published is pd.NaT:
        return None
    if isinstance(published, dt.datetime):  # pd.Timestamp too
        return published.date()
    if isinstance(published, dt.date):
        return published
    try:
        ts = pd.Timestamp(published)
    except (TypeError, ValueError):
        return None
    return None if pd.isna(ts) else ts.date()


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans inside double quotes: straight quotes pair up, curly quotes and guillemets open
    and close; a quote still open at a line break ends there (a quote running over several
    paragraphs reopens at each one)."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    for m in _QUOTE_CHARS.finditer(text):
        ch, i = m.group(), m.start()
        if open_at is None:
            if ch in "\"“«":
                open_at = i
        elif ch == "\n" or ch in "“«":
            spans.append((open_at, i))
            open_at = i if ch != "\n" else None
        elif ch in "\"”»":
            spans.append((open_at, i + 1))
            open_at = None
    if open_at is not None:
        spans.append((open_at, len(text)))
    return spans


class _Quotes:
    def __init__(self, text: str) -> None:
        spans = quote_spans(text) if ('"' in text or "“" in text or "«" in text) else []
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    def inside(self, pos: int) -> bool:
        k = bisect.bisect_right(self.starts, pos) - 1
        return k >= 0 and pos < self.ends[k]


def _rules_drop(ix: SurfaceIndex, surface: str, text: str, start: int, end: int) -> bool:
    rules = ix.rules.get(surface)
    if not rules:
        return False
    before = ("\x00" if start > 60 else "") + text[max(0, start - 60):start]
    after = text[end:end + 60]
    verdict: bool | None = None
    for r in rules:
        if r.rule == "not_before" and r.pattern.search(before):
            return True
        if r.rule == "not_after" and r.pattern.match(after):
            return True
    for r in rules:
        if r.rule == "article_for" and r.pattern.search(text):
            verdict = False
            break
    if verdict is None:
        verdict = any(r.rule == "article_against" and r.pattern.search(text) for r in rules)
    return verdict


def _demonym_ok(ix: SurfaceIndex, text: str, start: int, end: int, hit_starts: set[int]) -> bool:
    """A nationality word is no country mention inside a longer proper name ("Baileys Irish
    Cream", "The Canadian Press"; not tested when ``hit_starts`` is empty), before an
    occupation ("Israeli mathematician"), as a predicate ("the discoverer was German.") or as
    a language ("written in Spanish.")."""
    nxt = _NEXT_WORD.match(text, end)
    if nxt:
        word = nxt.group(1)
        if word[:1].isupper():
            # "Korean Central News Agency", "Korean People's Army", "Korean War": a demonym
            # starting a proper name that is no title ("Canadian Prime Minister", a KB match
            # itself) nor a body of the state ("Russian Government") names that, not the country
            if hit_starts and end + 1 not in hit_starts and (
                    _PREV_CAP.search(text, max(0, start - 40), start)
                    or not _state_name(text, end)):
                return False
        elif word.casefold() in ix.occupations:
            return False
    elif _PREDICATE_END.match(text, end) and (
            _COPULA.search(text, max(0, start - 20), start)
            or _LANGUAGE.search(text, max(0, start - 30), start)):
        return False
    return True


def _is_title_case(text: str) -> bool:
    """A short text whose longer words are nearly all capitalised (a Title Case headline)."""
    if len(text) > 300:
        return False
    words = [w for w in text.split() if len(w) > 3 and w[:1].isalpha()]
    return len(words) >= 2 and sum(w[:1].isupper() for w in words) >= 0.8 * len(words)


def _country_ok(ix: SurfaceIndex, surface: str, text: str, start: int, end: int,
                hit_starts: set[int]) -> bool:
    if surface in ix.capitals:
        if (_LOCATIVE.search(text, max(0, start - 30), start)
                or _LOCATIVE_AFTER.match(text[end:end + 20])):
            return False
        # "Paris Hilton", "Moscow Mule": a capital starting a longer proper name.
        if hit_starts and end + 1 not in hit_starts and _NEXT_CAP.match(text, end):
            return False
    if surface in ix.demonyms and not _demonym_ok(ix, text, start, end, hit_starts):
        return False
    return not _rules_drop(ix, surface, text, start, end)


def _record(ent_type: str, ent_id: str, name: str, country: str | None, role: str | None,
            surface: str, start: int, end: int, **extra: Any) -> dict[str, Any]:
    rec = {"entity_type": ent_type, "entity_id": ent_id, "name": name,
           "country": country or None, "role": role or None, "surface": surface,
           "start": start, "end": end}
    rec.update(extra)
    return rec


def _official_record(ix: SurfaceIndex, oid: str, surface: str, start: int, end: int,
                     day: dt.date | None) -> dict[str, Any]:
    term = office_on(ix, oid, day)
    # Outside every known term the person keeps their country but holds no role.
    held = term is not None and (day is None or term.start <= day <= term.end)
    return _record("official", oid,
                   ix.official_names.get(oid, surface), term.country if term else "",
                   term.role if term and held else None, surface, start, end, kb_id=oid,
                   organization=(term.organization or None) if term and held else None)


def _context_country(ix: SurfaceIndex, hits: list[tuple[int, int, str, Entity]],
                     lo: int, hi: int) -> str:
    """Country of the first KB hit inside text[lo:hi] that has one (a country, or an
    organisation with a country)."""
    i = bisect.bisect_left(hits, lo, key=_hit_start)
    for s, e, _surf, ent in hits[i:]:
        if s >= hi:
            break
        if e <= hi and (ent.kind == "country" or (ent.kind == "organization" and ent.country)):
            return ent.country
    return ""


def _hit_start(hit: tuple[int, int, str, Entity]) -> int:
    return hit[0]


Seen = dict[str, tuple[dict[str, Any], int]]  # key -> (record to copy, position first named)


def _scan(text: str, ix: SurfaceIndex, day: dt.date | None,
          known: tuple[Seen, Seen] | None = None) -> tuple[list[dict[str, Any]], Seen, Seen]:
    """Records for one text, plus the officials named in full in it: KB officials by id and
    others by surname (so that later surnames, or surnames in the headline, resolve)."""
    table = ix.table
    hits = [(*m.span(), g, table[g]) for m in ix.pattern.finditer(text) for g in (m[0],)]
    out: list[dict[str, Any]] = []
    seen: Seen = {}
    unknown: Seen = {}
    known_ids, known_unknown = known or ({}, {})
    covered: list[tuple[int, int]] = []
    ambiguity: dict[str, bool] = {}
    # In a Title Case headline every word is capitalised: the proper-name test for
    # demonyms ("Baileys Irish Cream") would drop "Ukraine Says Russian Troops Advance".
    all_starts = {h[0] for h in hits}
    hit_starts = set() if _is_title_case(text) else all_starts
    checked = ix.checked
    for k, (s, e, surface, ent) in enumerate(hits):
        kind = ent.kind
        if kind == "country":
            if surface not in checked or _country_ok(ix, surface, text, s, e, hit_starts):
                out.append({"entity_type": "country", "entity_id": ent.country,
                            "name": ent.name, "country": ent.country, "role": None,
                            "surface": surface, "start": s, "end": e})
        elif kind == "surname":
            full = _initialled_name(text, ix, surface, s)
            if full is not None:  # "Vladimir V. Putin": a full name with initials
                oid, ns = full
                rec = _official_record(ix, oid, text[ns:e], ns, e, day)
                out.append(rec)
                seen.setdefault(oid, (rec, ns))
                continue
            for oid in ix.surnames.get(surface, ()):
                got = seen.get(oid) or known_ids.get(oid)
                if got:
                    if not _ambiguous(text, ix, surface, got[0]["name"], ambiguity):
                        new = dict(got[0])
                        new.update(surface=surface, start=s, end=e)
                        out.append(new)
                    break
        elif kind == "organization":
            out.append(_record("organization", ent.id, ent.name, ent.country, None, surface, s, e))
            for m in ix.country_pattern.finditer(surface):
                inner = ix.table[m.group()]
                if inner.kind == "country":
                    out.append(_record("country", inner.country, inner.name, inner.country, None,
                                       m.group(), s + m.start(), s + m.end()))
        elif kind == "official":
            e2 = _second_surname(text, surface, e, all_starts)
            rec = _official_record(ix, ent.id, text[s:e2], s, e2, day)
            out.append(rec)
            seen.setdefault(ent.id, (rec, s))
        elif kind == "title":
            nxt = hits[k + 1] if k + 1 < len(hits) else None
            if nxt is not None and nxt[0] == e + 1 and nxt[3].kind == "official":
                continue  # "President Emmanuel Macron": the KB match records itself
            of = _OF_COUNTRY.match(text, e) if text.startswith(" of ", e) else None
            if (of and nxt and nxt[0] == of.end() and nxt[3].kind == "country"
                    and k + 2 < len(hits) and hits[k + 2][0] == nxt[1] + 1
                    and hits[k + 2][3].kind == "surname"):
                nxt = hits[k + 2]  # "Prime Minister of Israel Bennett"
            if nxt and nxt[3].kind == "surname" and (
                    nxt[0] == e + 1 or (of is not None and nxt[0] - e < 60)):
                # "President Macron", "Mr Peskov": a title makes a KB surname enough.
                sid = _by_surname(ix, nxt[2], ent, day, seen, known_ids)
                if sid and sid not in seen:
                    seen[sid] = (_official_record(ix, sid, nxt[2], nxt[0], nxt[1], day), nxt[0])
                continue
            trec = _titled_person(text, ix, hits, k, day)
            if trec is not None:
                out.append(trec)
                if trec.get("kb_id"):
                    seen.setdefault(trec["kb_id"], (trec, trec["start"]))
                else:
                    covered.append((trec["start"], trec["end"]))
                    _remember(unknown, trec)
    # Surnames of people the KB does not know, named in full with a title.
    pool = dict(known_unknown)
    pool.update(unknown)
    if pool:
        out += [_full_name(text, r) for r in _surnames(text, pool, covered)
                if not _ambiguous(text, ix, r["surface"], r["name"], ambiguity)]
    return out, seen, unknown


def _by_surname(ix: SurfaceIndex, surname: str, title: Entity, day: dt.date | None,
                seen: Seen, known: Seen) -> str | None:
    """The KB official a title + surname names: one already named, else the one whose office
    on ``day`` matches the title. An honorific ("Mr Peskov") alone never picks a person."""
    ids = ix.surnames.get(surname, ())
    for oid in ids:
        if oid in seen or oid in known:
            return oid
    role = title.role.casefold()
    if not role:
        return None
    for oid in ids:
        term = office_on(ix, oid, day)
        if term and role in term.role.casefold() and (
                day is None or term.start <= day <= term.end):
            return oid
    return None


_INITIALS = re.compile(r"([A-Z][\w'’-]+)((?: [A-Z]\.)+) $")
_PRECEDING_WORD = re.compile(r"(?<![\w])([A-Z][\w'’-]*\.?)(?: [A-Z]\.)* $")


_SECOND_SURNAME = re.compile(r" ([A-Z][a-zà-ÿ]+)(?=[\s,.;:!?)]|$)(?! [A-Z])")
_CALENDAR = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
                       "february", "march", "april", "may", "june", "july", "august", "september", "october",
                       "november", "december", "jr", "sr"})


def _second_surname(text: str, name: str, e: int, hit_starts: set[int]) -> int:
    """The end of a KB name of three or more words written with a second surname the KB leaves
    out ("José Manuel Albares Bueno"): one capitalised word right after it that starts no other
    KB match and is no first name or calendar word; else ``e``."""
    if len(name.split()) < 3:
        return e
    m = _SECOND_SURNAME.match(text, e)
    if m is None or e + 1 in hit_starts or m.group(1).lower() in _CALENDAR or m.group(1).lower() in _first_names():
        return e
    return m.end(1)


def _initialled_name(text: str, ix: SurfaceIndex, surname: str, s: int) -> tuple[str, int] | None:
    """("official id", start) when ``surname`` at ``s`` ends "First X. Surname" and First is
    the first name of a KB official with that surname."""
    m = _INITIALS.search(text, max(0, s - 40), s)
    if m is None:
        return None
    first = _fold(m.group(1)).casefold()
    for oid in ix.surnames.get(surname, ()):
        if _fold(ix.official_names.get(oid, "")).casefold().split()[:1] == [first]:
            return oid, m.start(1)
    return None


def _ambiguous(text: str, ix: SurfaceIndex, surname: str, name: str,
               cache: dict[str, bool]) -> bool:
    """True when the text also names someone else with this surname ("Bill Clinton" and
    "Hillary Clinton"): a bare surname then names no one for sure."""
    key = surname + "\x00" + name
    if key in cache:
        return cache[key]
    own = {_fold(t).casefold() for t in name.split()}
    found = False
    at = text.find(surname)
    while at >= 0 and not found:
        m = _PRECEDING_WORD.search(text, max(0, at - 40), at)
        at_end = at + len(surname)
        if m and not (at_end < len(text) and (text[at_end].isalnum() or text[at_end] == "_")):
            word, i = m.group(1), m.start(1)
            if not (_fold(word).casefold() in own or word.rstrip(".") in ix.name_stopwords
                    or word in ix.table):
                # Capitalised only at sentence starts ("Despite Simonyte's"): no first name.
                sentence_start = i == 0 or text[max(0, i - 2):i].strip() in (
                    ".", "!", "?", "\"", "“", "")
                found = not sentence_start or bool(
                    re.search(r"[a-z,;:] +" + re.escape(word) + r"(?![\w])", text))
        at = text.find(surname, at + 1)
    cache[key] = found
    return found


def _remember(people: Seen, rec: dict[str, Any]) -> None:
    parts = rec["name"].split()
    if len(parts) >= 2:
        surname = parts[-1]
        if surname[:1].isupper() and surname.isalpha():
            people.setdefault(surname, (rec, rec["start"]))
            people.setdefault(_fold(surname), (rec, rec["start"]))


@lru_cache(maxsize=2048)
def _surname_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w])(?:" + "|".join(map(re.escape, names)) + r")(?![\w])")


def _surnames(text: str, pool: dict[str, tuple[dict[str, Any], int]],
              covered: list[tuple[int, int]]) -> list[dict[str, Any]]:
    pat = _surname_pattern(tuple(sorted(pool, key=lambda n: (-len(n), n))))
    out = []
    for m in pat.finditer(text):
        s, e = m.span()
        rec, first = pool[m.group()]
        if s < first or any(cs <= s < ce for cs, ce in covered):
            continue
        new = dict(rec)
        new.update(surface=m.group(), start=s, end=e)
        out.append(new)
    return out


def _full_name(text: str, rec: dict[str, Any]) -> dict[str, Any]:
    """A surname's record spans the whole name when the text writes it in full there ("Roman
    Mashovets" again, not only "Mashovets")."""
    name, e = rec["name"], rec["end"]
    s = e - len(name)
    if len(name) > len(rec["surface"]) and s >= 0 and text.startswith(name, s) and (
            s == 0 or not text[s - 1].isalnum()):
        rec.update(surface=name, start=s)
    return rec


def _titled_person(text: str, ix: SurfaceIndex, hits: list[tuple[int, int, str, Entity]],
                   k: int, day: dt.date | None) -> dict[str, Any] | None:
    """An official introduced by the title at hits[k]; None when no name goes with it."""
    s, e, _surface, ent = hits[k]
    if _NOUN_USE.search(text, max(0, s - 12), s):
        return None
    following = {h[0]: h for h in hits[k + 1:k + 6]}
    # 1) "[modifier] Title Name" and "Title of the Org Name".
    nxt = text[e:e + 5]
    nm: re.Match[str] | None = None
    of: re.Match[str] | None = None
    name_at = e + 1
    if nxt[:1] == " " and nxt[1:2].isupper():
        hit = following.get(name_at)
        if hit and hit[3].kind in ("official", "surname"):
            return None  # the KB match there is recorded by itself
        nm = _NAME.match(text, name_at)
    elif nxt[:4] in (" of ", " for"):
        of = nm = _OF_RUN.match(text, e)
        if of:
            name_at = of.start("name")
            hit = following.get(name_at)
            if hit and hit[3].kind in ("official", "surname"):
                return None
    if nm:
        name = nm.group("name")
        if of:  # "Secretary General of the Council of Europe Marija Pejčinović Burić": a first name before
            before = _PRECEDING_WORD.search(text, max(0, name_at - 30), name_at)
            if before is not None and before.group(1).casefold() in _first_names() and before.start(1) > of.start():
                name_at = before.start(1)
                name = text[name_at:name_at + len(before.group(1)) + 1 + len(name)]
        if _plausible_name(name, ix, text):
            country = (_context_country(ix, hits, e, name_at) if of else "") \
                or _context_country(ix, hits, _modifier_start(text, s), s) or ent.country
            return _new_official(ix, name, ent.role, country, name, name_at,
                                 name_at + len(name), day, kind=ent.id)
    # 2) Appositive: "Name, a title for the Org".
    comma = text.rfind(",", max(0, s - 60), s)
    ap = _APPOS_TAIL.fullmatch(text, comma + 1, s) if comma > 0 else None
    ns = _name_before(text, comma, ix) if ap else -1
    if ap and ns >= 0:
        name = text[ns:comma]
        if not _plausible_name(name, ix, text) or ix.table.get(name, ent).kind == "official":
            return None
        country = _context_country(ix, hits, comma, s)
        if not country:
            after = _APPOS_AFTER.match(text, e)
            if after:
                first = following.get(after.end())
                if first is not None:
                    country = _context_country(ix, [first], after.end(), first[1])
        country = country or ent.country
        return _new_official(ix, name, ent.role, country, name, ns, ns + len(name), day,
                             kind=ent.id)
    # 3) A bare office ("the U.K. foreign secretary", "Lithuania's prime minister") is its
    # holder on the article's date when the country is clear.
    return _office_holder(text, ix, hits, k, day)


def _office_holder(text: str, ix: SurfaceIndex, hits: list[tuple[int, int, str, Entity]],
                   k: int, day: dt.date | None) -> dict[str, Any] | None:
    s, e, surface, ent = hits[k]
    if day is None or ent.id != "official" or not ent.role:
        return None
    if _NOT_HOLDER.search(text, max(0, s - 12), s):
        return None  # "Assistant Deputy Minister of Foreign Affairs", "the former Foreign Minister"
    country = _context_country(ix, hits, _modifier_start(text, s), s)
    after = e
    of = _OF_COUNTRY.match(text, e)
    nxt = hits[k + 1] if k + 1 < len(hits) else None
    if of and nxt and nxt[0] == of.end() and nxt[3].kind == "country":
        country = country or nxt[3].country
        after = nxt[1]
    if _NAME_NEXT.match(text, after):
        return None  # a name follows that the other rules did not take: not a bare office
    country = country or ent.country
    if not country:
        return None
    holders = [oid for oid, start, end in ix.offices.get((country, ent.role.casefold()), ())
               if start <= day <= end]
    if len(holders) != 1:
        return None
    return _official_record(ix, holders[0], surface, s, e, day)


def _modifier_start(text: str, s: int) -> int:
    """Start of the run of capitalised words right before ``s`` ("U.K. Foreign", "Kremlin's")."""
    pos = s
    for _ in range(5):
        sp = text.rfind(" ", max(0, pos - 40), pos - 1)
        word = text[sp + 1:pos - 1] if pos > 0 and text[pos - 1] == " " else ""
        if not word or not (word[:1].isupper() or word[:2] in ("a.", "u.")):
            break
        pos = sp + 1
    return pos


def _name_before(text: str, end: int, ix: SurfaceIndex | None = None) -> int:
    """Start of a 2-4 word personal name ending at ``end``, or -1."""
    words = text[max(0, end - 60):end].split(" ")
    taken: list[str] = []
    if end > 60:
        words = words[1:]  # the first may be cut
    for w in reversed(words):
        bare = w.replace("-", "").replace("’", "").replace("'", "")
        initial = len(w) == 2 and w[1] == "."
        if (w in _PARTICLES and taken) or (
                len(taken) < 4 and w[:1].isupper() and (bare.isalpha() or initial)):
            taken.append(w)
        else:
            break
    while taken and taken[-1] in _PARTICLES:
        taken.pop()
    # "Natural Disaster Relief Alexander Chupriyan": the end of a title, then a first name; the
    # name starts at the first name (not after another one: "Mary Ann Smith")
    firsts = _first_names()
    kb_name = ix is not None and any(
        getattr(ix.table.get(" ".join(reversed(taken[:j]))), "kind", "") == "official" for j in range(2, len(taken) + 1))
    for i in range(len(taken) - 2, 0, -1) if not kb_name else ():  # taken runs from the last word backwards
        if taken[i].casefold() in firsts and taken[i + 1].casefold() not in firsts \
                and not any(w.casefold() in firsts for w in taken[i + 1:]):
            taken = taken[:i + 1]
            break
    if len(taken) < 2:
        return -1
    return end - len(" ".join(reversed(taken)))


_CAP_RUN = re.compile(r"(?: (?:[A-Z][\w’'-]*|of|the|and|for))+")


def _state_name(text: str, end: int) -> bool:
    """Whether the capitalised words after a demonym (up to six) hold a title or a body of the
    state ("Canadian Prime Minister", "Russian Emergencies Ministry", "Ukrainian Armed Forces")."""
    m = _CAP_RUN.match(text, end)
    if m is None:
        return False
    words = m.group().split()[:6]
    if any(w.endswith(("’s", "'s")) for w in words):
        return False  # "Korean People's Army", "Ukrainian Children's Fund": a name of its own
    return any(w.casefold() in _state_words() for w in words if w not in ("of", "the", "and", "for"))


@lru_cache(maxsize=1)
def _state_words() -> frozenset[str]:
    """Titles (office_titles.csv, titles.csv) and the bodies of state_nouns.txt."""
    from toolkit.extract.cues import lexicon  # the statement lexicons: titles

    words = {w.strip(".") for t in lexicon().titles for w in t.split()}
    path = _paths.LEXICONS / "state_nouns.txt"
    if path.exists():
        words |= {ln.strip().casefold() for ln in path.read_text(encoding="utf-8").splitlines()
                  if ln.strip() and not ln.startswith("#")}
    return frozenset(words | {w + "s" for w in words}) | _office_words()


@lru_cache(maxsize=1)
def _office_words() -> frozenset[str]:
    path = _paths.LEXICONS / "office_titles.csv"
    if not path.exists():
        return frozenset()
    with path.open(encoding="utf-8", newline="") as fh:
        return frozenset(w.casefold().strip(".") for r in csv.DictReader(fh)
                         for w in (r.get("title") or "").split())


@lru_cache(maxsize=1)
def _first_names() -> frozenset[str]:
    from toolkit.extract.cues import lexicon

    return frozenset(lexicon().first_names)


def _plausible_name(name: str, ix: SurfaceIndex, text: str = "") -> bool:
    """Two or more capitalised words, none a stop word, country, title or institution, no
    acronym ("LA Sheriff"), and a first word that the text does not also write in lower case
    ("Iodine Nutrition", "Deficiency Disorders"; a first name of the lexicon is let through:
    "Mark", "Grant")."""
    words = name.split()
    if len(words) < 2 or any(w in ix.name_stopwords for w in words):
        return False
    if any(len(w) > 1 and w.isupper() and w.isalpha() for w in words):
        return False
    first = words[0].casefold()
    if text and first not in _first_names() and names.has_word(text, first):
        return False  # a given name is not an ordinary word of the text (a surname may be: "santorum")
    for w in words:
        ent = ix.table.get(w)
        if ent is not None and ent.kind in ("country", "title", "organization"):
            return False
    ent = ix.table.get(name)
    return ent is None or ent.kind == "official"


def _new_official(ix: SurfaceIndex, name: str, role: str, country: str, surface: str,
                  start: int, end: int, day: dt.date | None, *, kind: str = "official"
                  ) -> dict[str, Any]:
    oid = None
    if len(name.split()) >= 2:
        bare = " ".join(t for t in name.split() if not (len(t) == 2 and t.endswith("."))
                        and t not in ("Jr", "Jr.", "Sr", "Sr."))
        oid = ix.official_keys.get(normalize(name)) or ix.official_keys.get(normalize(bare))
        if oid is None:  # another spelling of a KB name ("Mykhailo Podoliak", "Dmitry Peskow")
            hit = names.find_person(bare, on=day)
            oid = str(hit["official_id"]) if hit is not None and hit["official_id"] in ix.terms else None
    if oid:
        return _official_record(ix, oid, surface, start, end, day)
    return _record(kind or "official", names.person_id(name) or _slug(name), name, country or None, role,
                   surface, start, end, kb_id=None, organization=None)


def _finish(records: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    quotes = _Quotes(text)
    records.sort(key=lambda r: (r["start"], -r["end"]))
    # one person once: "Tayyip Erdoğan" (a title rule's last two words) inside the KB's "Recep
    # Tayyip Erdoğan" is the same mention
    kept: list[dict[str, Any]] = []
    outer: dict[str, int] = {}  # person id -> end of its last mention
    for r in records:
        if r["entity_type"] in ("official", "person"):
            if outer.get(r["entity_id"], -1) >= r["end"]:
                continue
            outer[r["entity_id"]] = r["end"]
        kept.append(r)
    records = sorted(kept, key=lambda r: (r["start"], r["end"]))
    for r in records:
        r["in_quote"] = quotes.inside(r["start"])
        r.setdefault("kb_id", r["entity_id"] if r["entity_type"] != "official" else None)
        r.setdefault("organization", None)
    return records


def _frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """The mentions table, built column by column (much faster than from a list of dicts)."""
    if not rows:
        return schema.from_records([], "mentions")
    extra = [c for c in ("kb_id", "organization") if c not in schema.MENTIONS]
    data = {c: [r.get(c) for r in rows] for c in [*schema.MENTIONS, *extra]}
    dtypes: dict[str, Any] = dict(schema.MENTIONS)
    return pd.DataFrame(data).astype(dtypes)


def article_mentions(text: str, *, published: Any = None, title: str | None = None
                     ) -> list[dict[str, Any]]:
    """Mentions in one text, as mentions-table records without article_id/field.

    Officials carry role and country (from the KB on ``published``, else from the text);
    ``title`` (optional) lets surnames in the text refer to people named in full there."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    ix = surface_index()
    day = _as_day(published)
    known: tuple[Seen, Seen] | None = None
    if title:
        _, ids, others = _scan(title, ix, day)
        known = ({k: (r, 0) for k, (r, _p) in ids.items()}, {k: (r, 0) for k, (r, _p) in others.items()})
    records, _, _ = _scan(text, ix, day, known)
    return _finish(records, text)


def extract_mentions(articles: pd.DataFrame) -> pd.DataFrame:
    """The mentions table of ``articles`` (needs article_id and text; title and published are
    used when present). Offsets are into the column named by ``field``. Extra columns:
    ``kb_id`` (the KB key: official_id, org_id or ISO3; None for people the KB lacks) and
    ``organization`` (an official's international organisation). An article whose text is
    missing is logged and counted in ``result.attrs["degraded"]`` (its title is still read);
    one that fails is logged and counted in ``result.attrs["skipped"]``."""
    schema.validate(articles, "articles", required=("article_id", "text"), name="articles")
    ix = surface_index()
    has_title = "title" in articles.columns
    has_pub = "published" in articles.columns
    rows: list[dict[str, Any]] = []
    skipped = degraded = 0
    ids = articles["article_id"].tolist()
    texts = articles["text"].tolist()
    titles = articles["title"].tolist() if has_title else [None] * len(ids)
    pubs = articles["published"].tolist() if has_pub else [None] * len(ids)
    for aid, text, title, pub in zip(ids, texts, titles, pubs, strict=True):
        try:
            day = _as_day(pub)
            if not isinstance(text, str):
                # Missing or non-text body: the title may still be read; counted as degraded.
                degraded += 1
                log.warning("mentions: article %r has no text (%s)", aid, type(text).__name__)
                text = ""
            title = title if isinstance(title, str) else ""
            body, kb_ids, others = _scan(text, ix, day)
            head: list[dict[str, Any]] = []
            if title:
                # Surnames in a headline refer to people the body names in full.
                head, _, _ = _scan(title, ix, day, ({k: (r, 0) for k, (r, _p) in kb_ids.items()},
                                                    {k: (r, 0) for k, (r, _p) in others.items()}))
            for field, recs, src in (("title", head, title), ("text", body, text)):
                for r in _finish(recs, src):
                    r["article_id"] = aid
                    r["field"] = field
                    rows.append(r)
        except Exception:  # a bad article must not lose the batch
            skipped += 1
            log.exception("mentions: skipped article %r", aid)
    out = _frame(rows)
    out.attrs["skipped"] = skipped
    out.attrs["degraded"] = degraded
    return out
