"""Transcript turns and pronoun speakers in the statements of the press releases in ../shared.

    .venv/bin/python benchmarks/count_turns.py [--limit N] [--show N]

Method: ../shared/data/press-releases-2021-2022/{putin,zelenskyy}.csv are read with
toolkit.load_articles and their statements extracted with toolkit.extract_statements. A turn is
counted here by its own rule, independent of the extractor's: a label at the start of a
sentence (the text's start or after . ! ? … " ” * ) >) or a label that opens with an office
title ("... talks President of Russia Vladimir Putin:"), followed by ": ". The label is either a
turn word (Question, Q, A, Answer, Remark, Reply, Response) or ends in a person's name (two or
more capitalised words, before them optional office words: "Gazprom CEO Alexei Miller",
"President of the Republic of Belarus Alexander Lukashenko"; the kremlin.ru pages' tooltip
form "Moscow Mayor Sergei Sobyanin Sobyanin SergeiMoscow Mayor" gives its repeated surname).

A named turn counts as found when a statement starts within 3 characters after the colon and
its speaker holds the label's surname (last word, case and accents folded); a question turn
when a statement starts there whose speaker is not a named person (speaker_type media, unknown,
or the speaker "Question"...). Pronoun-or-word speakers are statements whose speaker is a
single pronoun or indefinite word (it, they, you, somebody, ...; list below). Skips (exit 0)
when ../shared is absent.
"""
from __future__ import annotations

import argparse
import random
import re
import sys
import unicodedata

import pandas as pd

import toolkit as tk
from toolkit._paths import SHARED

DATA = SHARED / "data" / "press-releases-2021-2022"
TURN_WORDS = frozenset({"question", "q", "a", "answer", "remark", "reply", "response"})
TITLE_START = re.compile(r"(?:President|Prime|Deputy|Chairman|Chairwoman|Chair|Head|Minister|Governor|Mayor|"
                         r"Secretary|Speaker|Director|Chief|CEO|Acting|First|Foreign|Defence|Defense)\b")
# the label: capitalised words joined by "of"/"the"/"and", right before ": "
WORD = r"(?:[A-Z]\.|(?:Mr|Mrs|Ms|Dr)\.|[A-Z][\w’'-]*)"  # a period only after an initial
LABEL = re.compile(rf"({WORD}(?:\s+(?:{WORD}|of|the|and|de|van|von|al)){{0,11}})(\s*\([^()\n]{{1,80}}\))?:\s")
TOOLTIP = re.compile(r"([A-Z][\w’'-]+) ([A-Z][\w’'-]+) \2 \1")
SENT_END = re.compile(r"(?:^|[.!?…\"”*)>\]])\s*$")
PRONOUN_WORDS = frozenset({"it", "they", "you", "he", "she", "we", "i", "him", "her", "them", "us", "one",
                           "somebody", "someone", "anybody", "anyone", "everybody", "everyone", "nobody",
                           "who", "this", "that", "these", "those", "people", "others", "all", "some",
                           "both", "many", "which"})


def fold(word: str) -> str:
    word = unicodedata.normalize("NFKD", word)
    return "".join(c for c in word if not unicodedata.combining(c)).casefold()


def turns(text: str) -> list[tuple[int, int, str, str]]:
    """(label start, content start, label, surname or "" for a question turn)."""
    out = []
    for m in LABEL.finditer(text):
        label = m.group(1)
        words = label.split()
        start = m.start(1)
        # the label starts at the sentence start or at an office title ("... talks President of")
        lead = text[max(0, start - 3):start]
        at_start = bool(SENT_END.search(lead)) or start == 0
        if not at_start:
            t = TITLE_START.search(label)
            if t is None:
                continue
            start += t.start()
            words = label[t.start():].split()
            if start > 0 and text[start - 1] not in " \n":
                continue
        while words and words[0] in ("of", "the", "and"):
            words = words[1:]
        if not words:
            continue
        if len(words) == 1 and fold(words[0]) in TURN_WORDS and not m.group(2):
            out.append((start, m.end(), words[0], ""))
            continue
        dup = TOOLTIP.search(" ".join(words))
        if dup is not None:  # "Moscow Mayor Sergei Sobyanin Sobyanin SergeiMoscow Mayor" (a tooltip)
            out.append((start, m.end(), " ".join(words), fold(dup.group(2))))
            continue
        name = []
        for w in reversed(words):
            if not w[:1].isupper() or w.endswith("."):
                break
            name.append(w)
        if len(name) < 2 or len(words) > 12:
            continue
        out.append((start, m.end(), " ".join(words), fold(name[0])))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="first N articles of each file")
    parser.add_argument("--show", type=int, default=0, help="print N random missed turns")
    args = parser.parse_args()
    if not DATA.exists():
        print(f"skipped: {DATA} is absent")
        return 0
    arts = tk.load_articles(sorted(str(p) for p in DATA.glob("*.csv")))
    if args.limit:
        arts = arts.groupby("source", sort=False).head(args.limit)
    st = tk.extract_statements(arts)
    by_art = {aid: g for aid, g in st.groupby("article_id", sort=False)}
    named = named_ok = asked = asked_ok = 0
    with_turns = 0
    missed = []
    empty = pd.DataFrame(columns=st.columns)
    for aid, text in zip(arts["article_id"], arts["text"]):
        if not isinstance(text, str):
            continue
        found = turns(text)
        if found:
            with_turns += 1
        g = by_art.get(aid, empty)
        starts = g["quote_start"].to_numpy()
        for _, cs, label, surname in found:
            hit = g[(starts >= cs) & (starts <= cs + 3)]
            if surname:
                named += 1
                ok = any(surname in fold(str(s)).split() for s in hit["speaker"])
                named_ok += ok
            else:
                asked += 1
                ok = any(str(t) in ("media", "unknown") for t in hit["speaker_type"])
                asked_ok += ok
            if not ok:
                missed.append((aid, label, text[cs:cs + 80]))
    print(f"articles {len(arts)}, with turns {with_turns}; statements {len(st):,}")
    share = named_ok / named if named else 0.0
    print(f"named turns {named:,}: a statement of the labelled person for {named_ok:,} ({share:.1%})")
    qshare = asked_ok / asked if asked else 0.0
    print(f"question turns {asked:,}: a statement of an unnamed/media speaker for {asked_ok:,} ({qshare:.1%})")
    low = st["speaker"].fillna("").astype(str).str.strip().str.lower()
    pron = st[low.isin(PRONOUN_WORDS)]
    print(f"pronoun-or-word speakers: {len(pron):,} of {len(st):,}")
    if len(pron):
        print(pron["speaker"].value_counts().head(10).to_string())
    unknown = st[st["speaker_type"] == "unknown"]
    print(f"speaker_type unknown: {len(unknown):,} (empty speaker: {(unknown['speaker'].fillna('') == '').sum():,})")
    if args.show and missed:
        for aid, label, s in random.Random(0).sample(missed, min(args.show, len(missed))):
            print(f"  missed {aid} [{label}] {s!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
