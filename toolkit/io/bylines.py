"""A page's byline or author metadata -> person names only.

Extractors hand over what stood in the byline: "By Jane Doe, March 14, 2022", "Von Vanessa
Franke", "Publiziert am 12.05.2022", "dpa", "Jane Doe and John Roe | Reuters", "Posted by Jane
Doe at 18:52", "Olympia-Verlag GmbH, Nürnberg, Germany". Each string is split into parts on
separators (";", ",", "|", "/", "&", " and ", " und ", an @handle, "im Gespräch mit", ...); in
each part the lead-in ("By", "Von", "Par", "View all posts by", a leading role such as
"Redakteurin") is cut off, and so is everything from the first word that ends a name (a date
or time, "am", "on", "for", "from", "says", "Stand"). What is left must look like a name: at
most six words, each capitalised or a particle ("von", "de"), no digit, e-mail or URL, no
word of a desk, a label or an agency ("Redaktion", "Name", "dpa"), not only month names, not
only an acronym, and not the publisher's own name. A string of which a part names an
organisation or an address ("GmbH", "Stiftung", "Germany") names no one: none of its parts
is kept. A name written in capitals is title-cased. One lower-case word of four characters
or more ("gnaddrig") is kept as the author's handle. The words are data
(datasets/lexicons/byline_words.csv).
"""
from __future__ import annotations

import csv
import functools
import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from toolkit import _paths

MAX_NAME_WORDS = 6
MIN_HANDLE_CHARS = 4
_BAD_CHARS = re.compile(r"\d|@|https?:|www\.|\.(?:com|de|org|net|at|ch|fr|es|it|pl|uk|eu)\b", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+(?:[.'’-][^\W\d_]+)*\.?", re.UNICODE)
_APOSTROPHE_WORD = re.compile(r"[^\W\d_]{1,2}['’][^\W\d_]+")  # d'Alembert, O'Neill
_HANDLE = re.compile(r"[^\W\d_][\w.-]*[^\W_]|[^\W\d_][\w.-]*\d", re.UNICODE)
_EMAIL_URL = re.compile(r"\S+@\S+\.\w+|(?:https?://|www\.)\S+|\[email[^\]]*\]", re.IGNORECASE)
_GENDER = re.compile(r"\b(\w+)[/*:_](?:in|innen)\b")  # German "Autor/in", "Redakteur*innen"
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class _Lexicon:
    lead: re.Pattern[str]
    mid: re.Pattern[str]
    split: re.Pattern[str]
    cut: frozenset[str]
    not_name: frozenset[str]
    not_name_suffix: tuple[str, ...]
    role: frozenset[str]
    org: frozenset[str]
    org_suffix: tuple[str, ...]
    months: frozenset[str]
    particles: frozenset[str]
    articles: frozenset[str]


@functools.lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    words: dict[str, list[str]] = {}
    with (_paths.LEXICONS / "byline_words.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            words.setdefault(row["kind"], []).append(row["word"].strip().casefold())

    def alternatives(kind: str) -> str:
        return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(words.get(kind, []), key=len, reverse=True))

    prefixes = alternatives("prefix")
    lead = re.compile(rf"^(?:(?:{prefixes})(?:\s*:\s*|\s+)|[:\-–—]\s*)+", re.IGNORECASE)
    mid = re.compile(rf"\s(?:{prefixes})(?:\s*:\s*|\s+)", re.IGNORECASE)
    # separators; the conjunctions only in lower case, so that an initial ("John E Smith") stays
    split = re.compile(r"\s*(?:[;,|/•·&+»«]|\s[-–—]\s|\s@\w+|\b(?:and|And|AND|und|et|y|e|i|en|og|och|oraz)\b"
                       rf"|\b(?i:{alternatives('separator')})\b)\s*")
    return _Lexicon(lead=lead, mid=mid, split=split, cut=frozenset(words.get("cut", [])),
                    not_name=frozenset(words.get("not_name", [])),
                    not_name_suffix=tuple(words.get("not_name_suffix", [])),
                    role=frozenset(words.get("role", [])), org=frozenset(words.get("org", [])),
                    org_suffix=tuple(words.get("org_suffix", [])), months=frozenset(words.get("month", [])),
                    particles=frozenset(words.get("particle", [])), articles=frozenset(words.get("article", [])))


def person_names(byline: str | list[str] | None, *, publisher: tuple[str | None, ...] = ()) -> list[str]:
    """The person names in ``byline`` (a string or a list of strings), in order, without
    duplicates; [] when it names none. ``publisher``: the site's name and host name; a part
    that is one of them ("tagesschau.de", "The Daily") is the publisher, not an author."""
    if not byline:
        return []
    lex = _lexicon()
    blocked = {_letters(p) for p in publisher if p} - {""}
    blocked |= {_letters(p.split(".")[-2]) for p in publisher if p and p.count(".") >= 1}
    texts = [byline] if isinstance(byline, str) else [b for b in byline if isinstance(b, str)]
    out: list[str] = []
    seen: set[str] = set()
    for text in texts:
        text = " ".join(html.unescape(text).split())
        if not text or _letters(text) in blocked:
            continue
        text = _GENDER.sub(r"\1", _EMAIL_URL.sub(";", text))
        pieces = [p for p in (_cut(piece, lex) for piece in lex.split.split(text)) if p]
        if any(_is_org(p, lex) for p in pieces):
            continue
        names: list[str] = []
        for piece in pieces:
            if _letters(piece) in blocked or (len(pieces) > 1 and " " not in piece):
                continue  # one word among several parts: a place, a desk, a category ("London", "Politik")
            name = clean_name(piece)
            if name and _letters(name) not in blocked:
                names.append(name)
        for name in names:
            if name.casefold() not in seen:
                seen.add(name.casefold())
                out.append(name)
    return out


def _cut(piece: str, lex: _Lexicon) -> str:
    """A part without its lead-in and without what follows the name: "Posted on May 3, 2020 by
    Jane Doe" -> "Jane Doe", "Jane Doe am 12. Mai" -> "Jane Doe", "Redakteurin Jane Doe" -> "Jane Doe"."""
    s = piece.strip(" \t\"'“”„«»()[]{}.:*·-–—#")
    for m in reversed(list(lex.mid.finditer(s))):  # a lead-in after a date or a label: the name follows it
        before = s[:m.start()]
        if _DIGIT.search(before) or _fold(before.split()[0]) in lex.cut:
            s = s[m.end():]
            break
    s = lex.lead.sub("", s + " ")
    words = s.split()
    while words and (_fold(words[0]) in lex.role or _fold(words[0]).rsplit("-", 1)[-1] in lex.role):
        words = words[1:]
        if words:
            words = lex.lead.sub("", " ".join(words)).split()
    for i, w in enumerate(words):
        if _fold(w) in lex.cut or _DIGIT.match(w.lstrip("(")):
            words = words[:i]
            while words and (_fold(words[-1]) in lex.months or _fold(words[-1]) in lex.particles):
                words = words[:-1]  # "Jane Doe March 14" was cut at "14"; "March" goes too
            break
    return " ".join(words).strip(" \t\"'“”„«»()[]{}:*·-–—")


def _is_org(piece: str, lex: _Lexicon) -> bool:
    folded = piece.casefold()
    for w in folded.split():
        w = w.strip(".,:;'’()")
        if w in lex.org or (w.endswith(lex.org_suffix) and w not in lex.org_suffix and len(w) > 6) \
                or w in lex.org_suffix or any(part in lex.org for part in w.split("-")[1:]):
            return True
    return " e. v" in folded or folded.endswith(" e. v.")


def clean_name(piece: str) -> str | None:
    """One part of a byline (already cut, see _cut) -> the name it holds, or None when it is not
    a person's name."""
    lex = _lexicon()
    s = piece.strip(" \t\"'“”„«»()[]{}:*·-–—")
    if not s:
        return None
    words = s.split()
    if len(words) == 1 and _HANDLE.fullmatch(s) and len(s) >= MIN_HANDLE_CHARS and not s.isupper() \
            and (s[0].islower() or _DIGIT.search(s) or "_" in s) and not _junk(_fold(s), lex):
        return s  # a handle: "gnaddrig", "freeman1984", "Herr_Rein"
    if _BAD_CHARS.search(s) or len(words) > MAX_NAME_WORDS:
        return None
    folded = [_fold(w) for w in words]
    if any(_junk(w, lex) for w in folded) or " ".join(folded) in lex.not_name:
        return None
    if any(phrase in " ".join(folded) for phrase in lex.not_name if " " in phrase):
        return None
    if all(w in lex.months for w in folded):
        return None
    if not all(_WORD.fullmatch(w) or _APOSTROPHE_WORD.fullmatch(w) for w in words):
        return None
    if not all(w[0].isupper() or f in lex.particles or _APOSTROPHE_WORD.fullmatch(w) for w, f in zip(words, folded)):
        return None
    if not words[0][0].isupper() or folded[0] in lex.articles:
        return None
    if len(words) == 1 and (len(s) < 2 or s.isupper()):
        return None  # an acronym or an initial: a desk's or an agency's short name ("DPA", "LN")
    if s.isupper():
        s = " ".join(_title(w, lex) for w in words)
    return s


def _title(word: str, lex: _Lexicon) -> str:
    if word.casefold() in lex.particles:
        return word.casefold()
    return "-".join(p[:1].upper() + p[1:].lower() for p in word.split("-"))


def _junk(word: str, lex: _Lexicon) -> bool:
    return (word in lex.not_name or word in lex.cut or word in lex.role or word.endswith(lex.not_name_suffix)
            or any(part in lex.not_name or part in lex.role for part in word.split("-")))


def _fold(word: str) -> str:
    return word.casefold().strip(".,:;'’!?")


def _letters(text: str) -> str:
    """Lower-case letters and digits only: "tagesschau.de" and "Tagesschau DE" compare equal."""
    return "".join(c for c in text.casefold() if c.isalnum())


def is_lead_in(text: str) -> bool:
    """Whether ``text`` is only a byline's lead-in ("Written by", "Verfasst von", "Autor:")."""
    return bool(text) and not _lexicon().lead.sub("", text.strip() + " ").strip()


def choose_authors(sources: list[list[str] | Callable[[], list[str]]], *,
                   publisher: tuple[str | None, ...] = ()) -> list[str]:
    """The names of the first source (in order of trust) that names a person. A string of a
    later source that lists a chosen name with others ("Jane Doe, John Roe" where JSON-LD has
    only "Jane Doe") adds the others; a handle ("janedoe", "jane.doe") is replaced by the name
    of another source written with the same letters. A callable source (an expensive search)
    is called only when no name was found before it, or only handles."""
    chosen: list[str] = []
    others: list[list[str]] = []
    for source in sources:
        if callable(source):
            if any(" " in n for n in chosen):
                continue
            source = source()
        if chosen:
            others.extend(names for names in (person_names(t, publisher=publisher) for t in source) if names)
        else:
            chosen = person_names(source, publisher=publisher)
    return _merge(chosen, others) if chosen else []


def _merge(chosen: list[str], others: list[list[str]]) -> list[str]:
    out = list(chosen)
    folded = {n.casefold() for n in out}
    for names in others:
        if folded & {n.casefold() for n in names}:
            for n in names:
                if n.casefold() not in folded:
                    folded.add(n.casefold())
                    out.append(n)
    full = {_letters(n): n for names in others for n in names if " " in n}
    return list(dict.fromkeys(full.get(_letters(n), n) if " " not in n else n for n in out))
