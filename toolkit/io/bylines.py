"""A page's byline or author metadata -> person names only.

Extractors hand over what stood in the byline: "By Jane Doe, March 14, 2022", "Von Vanessa
Franke", "Publiziert am 12.05.2022", "dpa", "Jane Doe and John Roe | Reuters". The names are
what is left after splitting on separators (";", ",", "|", "/", "&", " and ", " und ", ...),
cutting lead-in words ("By", "Von", "Par", "Text:") and dropping every part that is not a
name: one with a digit, an e-mail address or a URL, a word that marks a date line, a label, a
desk or an agency, a part that is only month names, one that is not capitalised, or one longer
than six words, or the publisher's own name. The words are data
(datasets/lexicons/byline_words.csv).
"""
from __future__ import annotations

import csv
import functools
import re

from toolkit import _paths

MAX_NAME_WORDS = 6
# separators; the conjunctions only in lower case, so that an initial ("John E Smith") stays
_SPLIT = re.compile(r"\s*(?:[;,|/•·&+]|\s[-–—]\s|\b(?:and|And|AND|und|et|y|e|i|en|og|och|oraz)\b)\s*")
_BAD_CHARS = re.compile(r"\d|@|https?:|www\.|\.(?:com|de|org|net)\b", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+(?:[.'’-][^\W\d_]+)*\.?", re.UNICODE)


@functools.lru_cache(maxsize=1)
def _lexicon() -> tuple[re.Pattern[str], frozenset[str], frozenset[str]]:
    prefixes, not_name, months = [], set(), set()
    with (_paths.LEXICONS / "byline_words.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            word = row["word"].strip().casefold()
            if row["kind"] == "prefix":
                prefixes.append(word)
            elif row["kind"] == "not_name":
                not_name.add(word)
            elif row["kind"] == "month":
                months.add(word)
    alternatives = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(prefixes, key=len, reverse=True))
    lead = re.compile(rf"^(?:(?:{alternatives})(?:\s*:\s*|\s+)|[:\-–—]\s*)+", re.IGNORECASE)
    return lead, frozenset(not_name), frozenset(months)


def person_names(byline: str | list[str] | None, *, publisher: tuple[str | None, ...] = ()) -> list[str]:
    """The person names in ``byline`` (a string or a list of strings), in order, without
    duplicates; [] when it names none. ``publisher``: the site's name and host name; a part
    that is one of them ("tagesschau.de", "The Daily") is the publisher, not an author."""
    if not byline:
        return []
    blocked = {_letters(p) for p in publisher if p} - {""}
    blocked |= {_letters(p.split(".")[-2]) for p in publisher if p and p.count(".") >= 1}
    parts = [byline] if isinstance(byline, str) else [b for b in byline if isinstance(b, str)]
    out: list[str] = []
    seen: set[str] = set()
    for text in parts:
        for piece in _SPLIT.split(" ".join(text.split())):
            if _letters(piece) in blocked:
                continue
            name = clean_name(piece)
            if name and name.casefold() not in seen and _letters(name) not in blocked:
                seen.add(name.casefold())
                out.append(name)
    return out


def clean_name(piece: str) -> str | None:
    """One part of a byline -> the name it holds, or None when it is not a person's name."""
    lead, not_name, months = _lexicon()
    s = piece.strip(" \t\"'“”„«»()[]{}.:*·-–—")
    s = lead.sub("", s).strip(" \t\"'“”„«»()[]{}:*·-–—")
    if not s or _BAD_CHARS.search(s):
        return None
    words = s.split()
    if len(words) > MAX_NAME_WORDS:
        return None
    folded = [w.casefold().strip(".,:'’") for w in words]
    if any(w in not_name for w in folded) or " ".join(folded) in not_name:
        return None
    if any(phrase in " ".join(folded) for phrase in not_name if " " in phrase):
        return None
    if all(w in months for w in folded):
        return None
    if not all(_WORD.fullmatch(w) for w in words):
        return None
    if not any(w[0].isupper() for w in words) or not words[0][0].isupper():
        return None
    if len(words) == 1 and len(s) < 2:
        return None
    return s


def _letters(text: str) -> str:
    """Lower-case letters and digits only: "tagesschau.de" and "Tagesschau DE" compare equal."""
    return "".join(c for c in text.casefold() if c.isalnum())
