"""Reporting cues and the other word lists of statements, read from datasets/lexicons/ and
compiled once (cached) into regexes and sets.

Files: reporting_verbs.csv (lemma, forms, kind, frame), cue_nouns.csv, cue_modifiers.csv
(aux | adverb | listener), cue_phrases.csv, speaker_nouns.csv, titles.csv, pronouns.csv,
first_names.csv, function_words.txt.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from toolkit import _paths


def _rows(name: str) -> list[dict[str, str]]:
    path: Path = _paths.LEXICONS / name
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]


def _words(name: str) -> frozenset[str]:
    path: Path = _paths.LEXICONS / name
    if not path.exists():
        return frozenset()
    return frozenset(w.strip().lower() for w in path.read_text(encoding="utf-8").split("\n")
                     if w.strip() and not w.startswith("#"))


def _alt(words: list[str] | frozenset[str] | set[str]) -> str:
    """Regex alternation, longest first, spaces matching any whitespace."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class Lexicon:
    verb_kind: dict[str, str]        # form -> "speech" | "belief"
    verb_frame: dict[str, str]       # form -> "clause" | "listener" | "colon" | "call" | "intent"
    verb_re: re.Pattern[str]         # any reporting verb form, as a whole word
    noun_cues: frozenset[str]
    noun_re: re.Pattern[str]
    aux: frozenset[str]
    adverbs: frozenset[str]
    listeners: frozenset[str]
    role_adjectives: frozenset[str]  # "former", "retired": may precede a title in a name
    listener_re: re.Pattern[str]
    according_re: re.Pattern[str]
    cut_re: re.Pattern[str]          # ", adding ...", ", arguing ...": a second statement starts
    speaker_nouns: dict[str, tuple[str, str]]  # noun -> (speaker_type, gender)
    speaker_noun_re: re.Pattern[str]
    titles: dict[str, str]           # title (lower) -> gender
    title_means: dict[str, str]      # "head of state" -> "president" (to match roles)
    title_first: frozenset[str]      # first word of every title (lower)
    pronouns: dict[str, tuple[str, str]]      # pronoun -> (gender, speaker_type)
    first_names: dict[str, str]      # first name (lower) -> gender
    function_words: frozenset[str]
    generic_speakers: frozenset[str]  # group words that name no one ("people", "some")


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    kind: dict[str, str] = {}
    frame: dict[str, str] = {}
    for row in _rows("reporting_verbs.csv"):
        for form in row.get("forms", "").split("|"):
            form = form.strip().lower()
            if form:
                kind[form] = row.get("kind") or "speech"
                frame[form] = row.get("frame") or "clause"
    nouns = frozenset(r["noun"].lower() for r in _rows("cue_nouns.csv") if r.get("noun"))
    mods = _rows("cue_modifiers.csv")
    aux = frozenset(r["word"].lower() for r in mods if r.get("kind") == "aux")
    adverbs = frozenset(r["word"].lower() for r in mods if r.get("kind") == "adverb")
    listeners = frozenset(r["word"].lower() for r in mods if r.get("kind") == "listener")
    according = [r["phrase"].lower() for r in _rows("cue_phrases.csv")
                 if r.get("construction") == "according"] or ["according to"]
    snouns = {r["noun"].lower(): (r.get("speaker_type") or "person", r.get("gender") or "")
              for r in _rows("speaker_nouns.csv") if r.get("noun")}
    titles = {r["title"].lower(): r.get("gender") or "" for r in _rows("titles.csv") if r.get("title")}
    pronouns = {r["pronoun"].lower(): (r.get("gender") or "", r.get("speaker_type") or "person")
                for r in _rows("pronouns.csv") if r.get("pronoun")}
    first = {r["name"].lower(): r.get("gender") or "" for r in _rows("first_names.csv") if r.get("name")}
    return Lexicon(
        verb_kind=kind,
        verb_frame=frame,
        verb_re=re.compile(rf"(?<![\w’'-])(?:{_alt(set(kind))})(?![\w’'-])"),
        noun_cues=nouns,
        noun_re=re.compile(rf"(?<![\w-])(?:{_alt(nouns)})(?![\w-])"),
        aux=aux,
        adverbs=adverbs,
        listeners=listeners,
        role_adjectives=frozenset(r["word"].lower() for r in mods if r.get("kind") == "role_adjective"),
        listener_re=re.compile(rf"(?:{_alt(listeners)})(?![\w-])", re.IGNORECASE),
        according_re=re.compile(rf"(?<![\w-])(?:{_alt(according)})(?![\w-])", re.IGNORECASE),
        cut_re=re.compile(rf",\s+(?:{_alt({f for f in kind if f.endswith('ing')} | set(according))})\b"
                          r"|,\s+(?:he|she|they|it)\s+(?:said|says|added)\b|;\s|\s[—–]\s(?=[A-Z\"“])"
                          rf"|,?\s+(?:and|but)\s+(?:(?:also|has|have|had|then|later)\s+)*(?:{_alt({f for f in kind if not f.endswith('ing') and kind[f] == 'speech'})})\b"
                          r"|,\s+(?:although|though|whereas)\s|\s[—–]+\s+and\s"
                          # a trailing aside with nothing after it: ", which ...", ", forcing ..."
                          r"|,\s+(?:which\s|(?:[a-z]+ly\s+)?(?!(?:some|any|no|every)thing|during|including)"
                          r"[a-z]{2,}ing\s)(?=[^,;—–]*$)"),
        speaker_nouns=snouns,
        speaker_noun_re=re.compile(rf"(?:{_alt(set(snouns))})$", re.IGNORECASE),
        titles=titles,
        title_means={r["title"].lower(): r["means"].lower() for r in _rows("titles.csv") if r.get("means")},
        title_first=frozenset(t.split()[0] for t in titles),
        pronouns=pronouns,
        first_names=first,
        function_words=_words("function_words.txt"),
        generic_speakers=_words("generic_speakers.txt"),
    )
