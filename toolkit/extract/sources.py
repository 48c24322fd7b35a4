"""Cited information sources: the media, agencies, documents, governments and organisations an
article cites ("told FT", "according to Reuters", "the Italian daily Corriere Della Sera ...
reported", "citing a NATO draft document", "the Russian Defense Ministry's announcement").

    from toolkit.extract.sources import extract_sources, article_sources
    sources = extract_sources(articles)          # the sources table (toolkit.schema.SOURCES)
    article_sources("Simonyte told FT ...")      # records for one text

Rules
-----
* A source counts only in a citing context, found by a cue from
  ``datasets/lexicons/source_cues.csv`` (column ``position``):
  - ``before``: cue then source — "according to X", "citing X", "quoted by X", "cited by X";
  - ``before_media``: venue cues that keep only media and agencies — "told X", "in an interview
    with X", "comments to X", "remarks to X", "op-ed for X" ("talking to Russia" is no citation);
  - ``after``: source then cue — "X reported", "X said", "X wrote", "X, citing ..., reported"
    (one comma-delimited aside is skipped), "X first reported" (``adverb`` rows);
  - ``after_strict``: forms that are also nouns ("states", "notes", "reports", "claims") count
    only before "that", ":" or a quote mark, or after "as" ("as FT notes"; "EU states have" no);
  - ``possessive``: "X's announcement/report/statement".
  An outlet merely mentioned is not a source.
* The name beside the cue is read as a short phrase: an optional descriptor ("the Italian daily",
  "state news agency"), a run of capitalised words ("Corriere Della Sera", "Russian Defense
  Ministry"), optionally a document noun ("NATO draft document" -> type document, owner's
  country). Word lists: ``datasets/lexicons/source_nouns.csv``.
* Typing: a name the KB knows wins — ``kb.find_organization`` first (outlets.csv also lists
  government websites under a body's name), then ``kb.find_outlet``, then ``kb.country_code`` for
  countries and metonyms ("the Kremlin") typed "government". KB types map to source types by the
  ``kb_outlet_type``/``kb_org_type`` rows; wire agencies filed as "state media" (TASS, RIA Novosti,
  Xinhua) are "agency" by the ``agency_outlet`` rows. The run is also tried cut before a connector
  ("Interfax on Monday"), without leading sentence openers or demonyms ("Meanwhile Reuters"), and
  after "of" ("Bill O'Reilly of Fox News" -> Fox News); trailing words are never dropped ("NATO
  Secretary General Jens Stoltenberg" is not NATO). An unknown name of two or more words is typed
  by its descriptor, a media word anywhere ("... News Service"), its last word ("... Ministry" ->
  government, "... Times" -> media, "... Institute" -> organization) or "Ministry of ...", with the
  country of a leading demonym. Other names (mostly people) are left out: persons are not reported.
* Not a citing subject: a name right after a preposition ("a visit to Moscow confirmed"), a name
  followed by a lowercase noun it modifies ("according to the Minsk agreements"), a capitalised
  pronoun ("I said" is not the newspaper "i"), a one-word country that the text also uses as a
  surname ("Rep. Jim Jordan ... Jordan said").
* "the newspaper/agency/daily said" (``anaphor`` rows) refers back to the last media/agency source.
* Datelines "MOSCOW (Reuters) -" count: the article is wire copy credited to that agency.
* Not sources: the publisher (the article's own ``outlet``/``outlet_domain`` and their KB aliases),
  and anything within 60 characters of a photo-credit marker on the same line ("Photo: Reuters",
  "AP Photo/...", "Kmu.gov.ua (CC BY 4.0)").
* One row per citation occurrence; ``start``/``end`` are offsets of ``surface`` (the name as
  written) in the text. Extra column ``cue``: the citing cue as written (or "dateline").
* Speed: the cue pattern is tried only at words that can start a cue (benchmarks/bench_sources.py).
"""
from __future__ import annotations

import csv
import itertools
import logging
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from toolkit import _paths, schema

log = logging.getLogger(__name__)

__all__ = ["article_sources", "extract_sources"]

try:  # the KB lands separately; without it sources are typed by the text alone
    from toolkit import kb as _kb
except ImportError:  # pragma: no cover - only while toolkit.kb is missing
    _kb = None  # type: ignore[assignment]

WINDOW = 160  # characters read either side of a cue for the name
CREDIT_REACH = 60  # a credit marker this close (same line) makes a name a photo credit

_TOKEN = re.compile(r"[A-Za-z0-9À-ÖØ-öø-ÿĀ-ž&][\w&.'’-]*")
_POSS = re.compile(r"(?:['’]s|['’])$")
_DATELINE = re.compile(r"\((?P<name>[A-Z][A-Za-z.&' -]{0,30}?)\)\s*[-—–]+\s")


@dataclass(frozen=True)
class _Lexicon:
    cue_re: re.Pattern[str]
    starters: frozenset[str]
    positions: dict[str, frozenset[str]]
    adverbs: frozenset[str]
    credit_re: re.Pattern[str]
    connectors: frozenset[str]
    descriptors: dict[str, str]
    descriptor_mods: frozenset[str]
    documents: frozenset[str]
    document_mods: frozenset[str]
    last_word: dict[str, str]
    first_word: dict[str, str]
    outlet_types: dict[str, str]
    org_types: dict[str, str]
    agency_outlets: frozenset[str]
    prepositions: frozenset[str]
    not_names: frozenset[str]
    follow_ok: frozenset[str]
    any_word: dict[str, str]
    anaphors: frozenset[str]


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]


@lru_cache(maxsize=4)
def _lexicon(folder: str) -> _Lexicon:
    cues = _read(Path(folder) / "source_cues.csv")
    nouns = _read(Path(folder) / "source_nouns.csv")
    positions: dict[str, set[str]] = {}
    by_pos: dict[str, list[str]] = {}
    for row in cues:
        by_pos.setdefault(row["position"], []).append(row["cue"])
        if row["position"] in ("before", "before_media", "after", "after_strict", "possessive"):
            positions.setdefault(" ".join(row["cue"].lower().split()), set()).add(row["position"])

    def alt(words: list[str]) -> str:
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))

    # case-sensitive (IGNORECASE makes a large alternation several times slower): each cue as
    # written in the lexicon (lower case) and capitalised for the start of a sentence
    phrase_cues = [c for p in ("before", "before_media", "after", "after_strict") for c in by_pos.get(p, [])]
    phrase_cues += [c[:1].upper() + c[1:] for c in phrase_cues]
    poss = by_pos.get("possessive", [])
    cue_re = re.compile(
        rf"(?P<poss>(?<=\w)(?:['’]s|['’])\s+(?P<poss_noun>{alt(poss)})\b)"
        rf"|(?P<phrase>\b(?:{alt(phrase_cues)})\b)"
        rf"|(?P<dateline>{_DATELINE.pattern})"
    )
    credit_re = re.compile(alt(by_pos.get("credit", [])), re.IGNORECASE)

    def role(r: str) -> list[dict[str, str]]:
        return [row for row in nouns if row["role"] == r]

    return _Lexicon(
        cue_re=cue_re,
        starters=frozenset(m.group() for c in phrase_cues if (m := re.match(r"\w+", c))),
        positions={k: frozenset(v) for k, v in positions.items()},
        adverbs=frozenset(w.lower() for w in by_pos.get("adverb", [])),
        credit_re=credit_re,
        connectors=frozenset(w.lower() for w in by_pos.get("connector", [])),
        descriptors={r["word"].lower(): r["source_type"] for r in role("descriptor")},
        descriptor_mods=frozenset(r["word"].lower() for r in role("descriptor_modifier")),
        documents=frozenset(r["word"].lower() for r in role("document")),
        document_mods=frozenset(r["word"].lower() for r in role("document_modifier")),
        last_word={r["word"].lower(): r["source_type"] for r in role("name_last")},
        first_word={r["word"].lower(): r["source_type"] for r in role("name_first")},
        outlet_types={r["word"].lower(): r["source_type"] for r in role("kb_outlet_type")},
        org_types={r["word"].lower(): r["source_type"] for r in role("kb_org_type")},
        agency_outlets=frozenset(r["word"].casefold() for r in role("agency_outlet")),
        prepositions=frozenset(w.lower() for w in by_pos.get("preposition", [])),
        not_names=frozenset(r["word"].casefold() for r in role("not_a_name")),
        follow_ok=frozenset(w.lower() for w in by_pos.get("follow_ok", [])),
        any_word={r["word"]: r["source_type"] for r in role("name_any")},
        anaphors=frozenset(r["word"].lower() for r in role("anaphor")),
    )


def _lex() -> _Lexicon:
    return _lexicon(str(_paths.LEXICONS))


# --- knowledge base ---------------------------------------------------------------------------

def _norm(name: str) -> str:
    if _kb is not None:
        return _kb.normalize(name)
    return " ".join(name.casefold().replace(".", "").split()).removeprefix("the ")


@lru_cache(maxsize=1)
def _demonyms() -> frozenset[str]:
    if _kb is None:
        return frozenset()
    out: set[str] = set()
    for cell in _kb.countries()["demonyms"]:
        out.update(_norm(d) for d in _kb.split_multi(cell))
    return frozenset(out)


def _country(surface: str) -> str | None:
    if _kb is None or not surface or not _is_cap(surface):
        return None
    try:
        code = _kb.country_code(surface) or None
    except (TypeError, ValueError):
        return None
    if code and len(surface) == 3 and not surface.isupper():
        return None  # "and", "Can": English words that spell an ISO3 code
    return code


def _kb_lookup(name: str, lex: _Lexicon) -> dict[str, Any] | None:
    """{source, source_type, source_country} for a name the KB knows, else None."""
    if _kb is None or not name:
        return None
    hit = _kb_row(name, str(_paths.KB_DIR), os.environ.get("TOOLKIT_USER_KB", ""))
    if hit is None:
        return None
    table, display, kb_type, country = hit
    if table == "org":
        kind = lex.org_types.get(kb_type.lower(), "organization")
    elif table == "outlet":
        kind = lex.outlet_types.get(kb_type.lower(), "media")
        if display.casefold() in lex.agency_outlets:
            kind = "agency"  # wire agencies the KB files under "state media" (TASS, Xinhua)
    else:
        kind = "government"
    return {"source": display, "source_type": kind, "source_country": country}


@lru_cache(maxsize=16384)
def _kb_row(name: str, kb_dir: str, user_kb: str) -> tuple[str, str, str, str | None] | None:
    """(table, display name, KB type, country) for a name; cached per KB location because the
    same few names recur in every article ("said", "according to")."""
    # organisations first: outlets.csv also lists government websites under the body's name
    org = _kb.find_organization(name)
    if org:
        return "org", str(org["name"]), str(org.get("org_type", "")), org.get("country") or None
    outlet = _kb.find_outlet(name)
    if outlet:
        return "outlet", str(outlet["name"]), str(outlet.get("outlet_type", "")), outlet.get("country") or None
    code = _country(name)
    if code and _norm(name) not in _demonyms():
        return "country", name.removeprefix("the ").removeprefix("The "), "", code
    return None


@lru_cache(maxsize=256)
def _publisher_names(outlet: str | None, domain: str | None) -> frozenset[str]:
    names: set[str] = set()
    rows = []
    if outlet:
        names.add(_norm(outlet))
        if _kb is not None:
            rows.append(_kb.find_outlet(outlet))
    if domain and _kb is not None:
        hit = _kb.outlet_for_domain(domain)
        if hit:
            rows.append(_kb.find_outlet(hit["name"]) or hit)
    for row in rows:
        if row:
            names.add(_norm(row["name"]))
            names.update(_norm(a) for a in str(row.get("aliases", "")).split("|") if a.strip())
    return frozenset(names)


# --- reading the name beside a cue ------------------------------------------------------------

@dataclass
class _Tok:
    text: str
    start: int
    end: int


def _tokens(text: str, a: int, b: int) -> list[_Tok]:
    """Word tokens of text[a:b]; a token ends the run when anything but spaces separates it from
    the next (commas, quote marks, brackets)."""
    out = []
    for m in _TOKEN.finditer(text, a, b):
        s, e = m.start(), m.end()
        word = m.group()
        # a sentence-final period is not part of the word ("Reuters."), an initialism's is ("U.S.")
        while word.endswith((".", "'", "’", "-")) and not re.fullmatch(r"(?:[A-Z]\.)+", word):
            if re.search(r"['’]s?$", word) and word[-1] in "'’":
                break
            word, e = word[:-1], e - 1
        if word:
            out.append(_Tok(word, s, e))
    return out


def _gap_ok(text: str, left: _Tok, right: _Tok) -> bool:
    return text[left.end:right.start].strip() == ""


def _is_cap(word: str) -> bool:
    return word[:1].isupper() or (word[:1].isdigit() and any(c.isupper() for c in word))


def _interpret(toks: list[_Tok], text: str, lex: _Lexicon) -> dict[str, Any] | None:
    """Turn a phrase [descriptor...] [Name...] [document noun] into a source record."""
    if not toks:
        return None
    words = [t.text for t in toks]
    low = [w.lower() for w in words]
    # document: ends in a document noun and has a capitalised owner before it
    if low[-1] in lex.documents:
        k = len(toks) - 1
        while k > 0 and (low[k - 1] in lex.document_mods or low[k - 1] in lex.documents) and not _is_cap(words[k - 1]):
            k -= 1
        owner = [t for t in toks[:k] if _is_cap(t.text)]
        if not owner:
            return None
        first = toks.index(owner[0])
        owner_name = " ".join(_POSS.sub("", t.text) for t in owner)
        hit = _kb_lookup(owner_name, lex)
        if hit and hit["source_type"] in ("media", "agency"):
            # "according to a Reuters report": the outlet is the source
            o_end = owner[0].start + len(_POSS.sub("", text[owner[0].start:owner[-1].end]))
            return {**hit, "surface": text[owner[0].start:o_end], "start": owner[0].start, "end": o_end,
                    "phrase_end": toks[-1].end}
        country = hit["source_country"] if hit else _country(owner_name) or _country(owner[0].text)
        surface = text[toks[first].start:toks[-1].end]
        owner_display = hit["source"] if hit and hit["source_type"] != "government" else owner_name
        return {"source": " ".join([owner_display, *words[k:]]), "source_type": "document",
                "source_country": country, "surface": surface, "start": toks[first].start,
                "end": toks[-1].end}
    # strip trailing lowercase words (document modifiers without a noun, stray descriptors)
    while toks and not _is_cap(toks[-1].text):
        toks, words, low = toks[:-1], words[:-1], low[:-1]
    if not toks:
        return None
    # split descriptor part from the name: the name is the capitalised run after the last descriptor
    last_desc = max((i for i, w in enumerate(low) if w in lex.descriptors or
                     (i + 1 < len(low) and f"{w} {low[i + 1]}" in lex.descriptors)), default=-1)
    desc_type = None
    hint = None
    if last_desc >= 0:
        two = " ".join(low[max(0, last_desc - 1):last_desc + 1])
        desc_type = lex.descriptors.get(two) or lex.descriptors.get(low[last_desc])
        caps = [_POSS.sub("", w) for w in words[:last_desc] if _is_cap(w)]
        hint = next((c for c in (_country(w) for w in caps) if c), None)
    name_toks = toks[last_desc + 1:]
    if not name_toks or not all(_is_cap(t.text) or t.text.lower() in lex.connectors for t in name_toks):
        return None
    while name_toks and not _is_cap(name_toks[0].text):
        name_toks = name_toks[1:]
    if not name_toks:
        return None
    # candidate names: the whole run, then the run cut before each connector ("Interfax on
    # Monday" -> "Interfax"); each may also lose leading words that open the sentence or are
    # demonyms ("Meanwhile Reuters", "Italian Corriere"), but never trailing capitalised words
    # ("NATO Secretary General Jens Stoltenberg" is not NATO).
    cuts = [len(name_toks)] + [k for k in range(len(name_toks) - 1, 0, -1)
                               if name_toks[k].text.lower() in lex.connectors]
    for j in cuts:
        run = name_toks[:j]
        for i in range(len(run)):
            if i and not _droppable(text, run[i - 1], lex):
                break
            cand = _POSS.sub("", text[run[i].start:run[-1].end])
            if i and _country(cand):
                continue  # a bare country inside a longer run ("Lithuanian Prime Minister ...")
            if cand.casefold() in lex.not_names or (len(cand) <= 2 and not cand.isupper()):
                continue  # "I said" is not the newspaper "i"
            hit = _kb_lookup(cand, lex)
            if hit:
                if desc_type == "agency" and hit["source_type"] == "media":
                    hit["source_type"] = "agency"  # "state news agency TASS"
                if hit["source_type"] == "government" and _person_name(text, cand):
                    continue  # "Jordan said" about Rep. Jim Jordan
                return {**hit, "surface": cand, "start": run[i].start, "end": run[i].start + len(cand)}
    # "Bill O'Reilly of Fox News": an outlet or organisation after "of" (never a country: "Bank of Russia")
    for k in range(len(name_toks) - 2, 0, -1):
        if name_toks[k].text.lower() == "of":
            tail = name_toks[k + 1:]
            cand = _POSS.sub("", text[tail[0].start:tail[-1].end])
            hit = _kb_lookup(cand, lex)
            if hit and not _country(cand):
                return {**hit, "surface": cand, "start": tail[0].start, "end": tail[0].start + len(cand)}
    # unknown name: type by descriptor, then by its last word ("... Ministry") or first ("Ministry of ...")
    for j in cuts:
        run = name_toks[:j]
        names = [_POSS.sub("", t.text) for t in run]
        if len(names) < 2 and not desc_type:
            continue  # a lone "Office", "Group" or "Government" says too little
        kind = desc_type or next((lex.any_word[w] for w in names if w in lex.any_word), None)
        kind = kind or lex.last_word.get(names[-1].lower())
        if kind is None:  # "Ministry of Health", "US Department of Agriculture"
            kind = next((lex.first_word[w.lower()] for w, nxt in itertools.pairwise(names)
                         if nxt.lower() == "of" and w.lower() in lex.first_word), None)
        if kind is None:
            continue
        start = run[0].start
        surface = _POSS.sub("", text[start:run[-1].end])
        country = hint or next((c for c in map(_country, names) if c), None)
        display = surface if kind == "media" else surface.removeprefix("The ")
        return {"source": display, "source_type": kind, "source_country": country,
                "surface": surface, "start": start, "end": start + len(surface)}
    return None


def _person_name(text: str, name: str) -> bool:
    """Is a one-word country name used as a person's surname in this text ("Jim Jordan",
    "Rep. Jordan")? Looks for a capitalised word right before it that does not make a place."""
    if " " in name:
        return False
    for m in re.finditer(rf"\b([A-Z][a-z]+\.?)\s+{re.escape(name)}\b", text):
        before = m.group(1).rstrip(".")
        if before in ("The", "In", "And", "But", "For", "From", "To", "Of", "With", "As", "On", "At", "By", "If"):
            continue
        if _country(before) is None and _country(f"{before} {name}") is None:
            return True
    return False


def _droppable(text: str, tok: _Tok, lex: _Lexicon) -> bool:
    """May this leading word be dropped from a name run? Demonyms/countries and sentence openers."""
    if _country(_POSS.sub("", tok.text)):
        return True
    before = text[max(0, tok.start - 3):tok.start].strip()
    return before == "" or before[-1] in ".!?\"”:\n" or tok.start < 3


def _word_kind(word: str, lex: _Lexicon) -> str | None:
    low = word.lower()
    if _is_cap(word):
        return "cap"
    if low in lex.descriptors or low in lex.descriptor_mods:
        return "desc"
    if low in lex.documents or low in lex.document_mods:
        return "doc"
    if low in lex.connectors:
        return "conn"
    return None


def _forward(text: str, pos: int, lex: _Lexicon) -> list[_Tok]:
    toks = _tokens(text, pos, min(len(text), pos + WINDOW))
    if not toks or text[pos:toks[0].start].strip():
        return []
    if toks[0].text.lower() in ("the", "a", "an") and not _is_cap(toks[0].text):
        toks = toks[1:]
    out: list[_Tok] = []
    for i, t in enumerate(toks):
        if out and not _gap_ok(text, out[-1], t):
            break
        kind = _word_kind(t.text, lex)
        if kind is None:
            break
        if kind == "conn":
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            if not out or nxt is None or not _is_cap(nxt.text) or not _gap_ok(text, t, nxt):
                break
        out.append(t)
        if _POSS.search(t.text):
            break  # "Reuters' report": the name ends at the possessive
    return out


def _backward(text: str, pos: int, lex: _Lexicon, *, skip_aside: bool = False) -> list[_Tok]:
    lo = max(0, pos - WINDOW)
    end = lo + len(text[lo:pos].rstrip())
    if skip_aside:
        # "X, citing a NATO draft document, reported": skip one comma-delimited aside
        if not text[lo:end].endswith(","):
            return []
        cut = text.rfind(",", max(lo, end - 130), end - 1)
        if cut <= lo:
            return []
        end = cut
    toks = _tokens(text, lo, end)
    # "Reuters first reported", "as FT previously noted"
    while toks and toks[-1].text.lower() in lex.adverbs and not text[toks[-1].end:end].strip():
        end = toks[-1].start
        toks = toks[:-1]
    if not toks or text[toks[-1].end:end].strip():
        return []
    out: list[_Tok] = []
    for i in range(len(toks) - 1, -1, -1):
        t = toks[i]
        if out and not _gap_ok(text, t, out[0]):
            break
        kind = _word_kind(t.text, lex)
        if kind is None:
            break
        if kind == "conn":
            prev = toks[i - 1] if i > 0 else None
            if not out or prev is None or not _is_cap(prev.text) or t.text.lower() == "the":
                break
        out.insert(0, t)
    while out and out[0].text.lower() in lex.connectors:
        out = out[1:]
    if out:
        # "a visit to Moscow confirmed": a name governed by a preposition is not the subject
        left = [t.text.lower() for t in _tokens(text, max(0, out[0].start - 30), out[0].start)]
        while left and left[-1] in ("the", "a", "an"):
            left.pop()
        if left and left[-1] in lex.prepositions:
            return []
    return out


_STRICT_NEXT = re.compile(r"\s*(?:that\b|:|[\"“«])")
_NEXT_WORD = re.compile(r"\s+([A-Za-z][\w'-]*)")


def _followed_ok(text: str, end: int, lex: _Lexicon) -> bool:
    """False when a lowercase noun follows the name, which then only modifies it ("according to
    the Minsk agreements", "NATO standards")."""
    m = _NEXT_WORD.match(text, end)
    if m is None:
        return True
    word = m.group(1)
    return not word[0].islower() or word.lower() in lex.follow_ok or word.endswith("ly")


def _in_credit(text: str, start: int, end: int, lex: _Lexicon) -> bool:
    a = max(0, start - CREDIT_REACH)
    b = min(len(text), end + CREDIT_REACH)
    nl = text.rfind("\n", a, start)
    a = nl + 1 if nl >= 0 else a
    nl = text.find("\n", end, b)
    b = nl if nl >= 0 else b
    return lex.credit_re.search(text, a, b) is not None


# --- public API -------------------------------------------------------------------------------

def article_sources(text: str, *, outlet: str | None = None,
                    outlet_domain: str | None = None) -> list[dict[str, Any]]:
    """Cited sources of one text: dicts with source, source_type, source_country, surface,
    start, end, cue (offsets into ``text``). ``outlet``/``outlet_domain`` name the publisher,
    which is never its own source. Empty or non-text input gives []."""
    if text is None or (isinstance(text, float) and pd.isna(text)) or text is pd.NA:
        return []
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    for name, value in (("outlet", outlet), ("outlet_domain", outlet_domain)):
        if value is not None and not isinstance(value, str):
            raise TypeError(f"{name} must be a str or None, got {type(value).__name__} ({value!r})")
    if not text.strip():
        return []
    lex = _lex()
    publisher = _publisher_names(outlet or None, outlet_domain or None)
    out: list[dict[str, Any]] = []
    seen: set[tuple[int, int]] = set()
    last_of: dict[str, dict[str, Any]] = {}
    for m in _cue_matches(lex, text):
        cue = " ".join(m.group().split())
        found: list[dict[str, Any]] = []
        if m.group("dateline"):
            name = m.group("name").strip()
            hit = _kb_lookup(name, lex)
            if hit and hit["source_type"] in ("agency", "media"):
                s = m.start("name") + m.group("name").index(name)
                found.append({**hit, "surface": name, "start": s, "end": s + len(name)})
                cue = "dateline"
        elif m.group("poss"):
            rec = _interpret(_backward(text, m.start(), lex), text, lex)
            if rec:
                found.append(rec)
            cue = m.group("poss_noun")
        else:
            where = lex.positions.get(cue.lower(), frozenset())
            if not where & {"before", "before_media"} and cue[0].isupper():
                continue  # "the Commonwealth of Independent States": a name, not the verb "states"
            if where & {"before", "before_media"}:
                rec = _interpret(_forward(text, m.end(), lex), text, lex)
                if rec and _followed_ok(text, rec.pop("phrase_end", rec["end"]), lex) and (
                        "before" in where or rec["source_type"] in ("media", "agency")):
                    found.append(rec)
            strict_ok = "after" in where or (
                "after_strict" in where and _STRICT_NEXT.match(text, m.end()) is not None)
            if where & {"after", "after_strict"}:
                # a comma before "citing"/"quoting" is natural; before "reported" it closes an aside
                rec = None
                if "before" not in where:
                    rec = _interpret(_backward(text, m.start(), lex, skip_aside=True), text, lex)
                toks = _backward(text, m.start(), lex)
                rec = rec or _interpret(toks, text, lex)
                if rec and not strict_ok:
                    # "as FT notes" counts; "EU states have" does not
                    prev = _tokens(text, max(0, rec["start"] - 12), rec["start"])
                    strict_ok = bool(prev) and prev[-1].text.lower() == "as"
                if rec and strict_ok:
                    found.append(rec)
                elif toks and toks[-1].text.lower() in lex.anaphors:
                    # "the newspaper reported": the last media/agency source named before
                    kind = lex.descriptors[toks[-1].text.lower()]
                    antecedent = last_of.get(kind) or (last_of.get("media") if kind == "agency" else None)
                    det = re.search(r"\bthe\s+$", text[max(0, toks[0].start - 5):toks[0].start], re.IGNORECASE)
                    if antecedent and det:
                        s = toks[0].start - len(det.group())
                        found.append({**{k: antecedent[k] for k in ("source", "source_type", "source_country")},
                                      "surface": text[s:toks[-1].end], "start": s, "end": toks[-1].end})
        for rec in found:
            rec.pop("phrase_end", None)
            key = (rec["start"], rec["end"])
            if key in seen or _norm(rec["source"]) in publisher or _norm(rec["surface"]) in publisher:
                continue
            if _in_credit(text, rec["start"], rec["end"], lex):
                continue
            seen.add(key)
            rec["cue"] = cue
            out.append(rec)
            last_of[rec["source_type"]] = rec
    out.sort(key=lambda r: r["start"])
    return out


_CANDIDATE = re.compile(r"\w+|['’(]")


def _cue_matches(lex: _Lexicon, text: str) -> Iterator[re.Match[str]]:
    """Same matches as ``lex.cue_re.finditer(text)``, faster: the pattern is only tried at
    apostrophes, opening brackets and words that start a cue."""
    pos = 0
    match = lex.cue_re.match
    for c in _CANDIDATE.finditer(text):
        s = c.start()
        if s < pos:
            continue
        tok = c.group()
        if tok in lex.starters or tok in ("'", "’", "("):
            m = match(text, s)
            if m is not None:
                pos = m.end()
                yield m


def _cell(row: Any, column: str) -> str | None:
    value = getattr(row, column, None)
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return None
    return str(value)


def extract_sources(articles: pd.DataFrame) -> pd.DataFrame:
    """The sources table for ``articles`` (needs article_id and text; outlet and outlet_domain
    are used to leave out the publisher). One row per citation occurrence. Articles that fail
    are skipped and logged; ``df.attrs["extract_report"]`` holds {"articles", "skipped"} where
    skipped lists (article_id, reason)."""
    schema.validate(articles, "articles", required=("article_id", "text"), name="articles")
    records: list[dict[str, Any]] = []
    skipped: list[tuple[str, str]] = []
    cols = [c for c in ("article_id", "text", "outlet", "outlet_domain") if c in articles.columns]
    for row in articles[cols].itertuples(index=False):
        aid = str(row.article_id)
        text = row.text
        if text is None or text is pd.NA or (isinstance(text, float) and pd.isna(text)):
            continue
        try:
            found = article_sources(text if isinstance(text, str) else _bad(text),
                                    outlet=_cell(row, "outlet"), outlet_domain=_cell(row, "outlet_domain"))
        except Exception as exc:  # noqa: BLE001 - one bad article never loses the batch
            log.warning("sources: skipped article %s: %r", aid, exc)
            skipped.append((aid, repr(exc)))
            continue
        records.extend({"article_id": aid, **rec} for rec in found)
    df = schema.from_records(records, "sources")
    df["cue"] = df["cue"].astype("string") if "cue" in df.columns else pd.Series(dtype="string")
    df.attrs["extract_report"] = {"articles": len(articles), "skipped": skipped}
    return df


def _bad(value: object) -> str:
    raise TypeError(f"text is {type(value).__name__}, not str")
