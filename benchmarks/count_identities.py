"""How well speaker and person ids hold one person together on the press releases in ../shared.

    .venv/bin/python benchmarks/count_identities.py [--limit N] [--raw]

Method: ../shared/data/press-releases-2021-2022/*.csv (putin.csv, zelenskyy.csv) are read with
the toolkit's loader (``tk.load_articles``); ``extract_statements`` and ``extract_mentions``
run over them, then the corpus-level resolution ``Corpus.add`` applies
(``toolkit.identity.resolve``; ``--raw`` skips it, and it is skipped when the module is
absent). Printed:
- distinct speaker ids against distinct speaker strings (statements with a non-empty speaker);
- the share of named statements with a speaker_id ("named": speaker_type official, person,
  organization or media, i.e. not a pronoun or an unresolved noun);
- for Podolyak, Yermak, Peskov, Biden, von der Leyen and Zelenskyy: every speaker_id whose
  speaker strings contain the surname (any spelling of the rule table), with its strings and
  counts, and the strings with no id;
- words as speakers: one-word capitalised speaker strings whose lower-case form is an ordinary
  word of the corpus (it occurs in lower case at least 5 times in the texts: "Please", "All",
  "Article"; a surname never does), split into pronouns ("It", "They": the statement rules'
  business), bare titles ("Governor", "Adviser") and other words; for each, how many are typed
  person/official and how many carry an id (what a filter on people would show);
- the same figures for person/official mentions (distinct entity ids against names).
Skips (exit 0) when ../shared is absent.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import toolkit as tk
from toolkit._paths import SHARED
from toolkit.extract.cues import lexicon

DATA = SHARED / "data" / "press-releases-2021-2022"
GROUPS = {  # label -> regex over the speaker string (spellings seen in the press releases)
    "Podolyak": r"podol[iy]a?k",
    "Yermak": r"yermak|jermak",
    "Peskov": r"peskov|peskow",
    "Biden": r"biden",
    "von der Leyen": r"leyen",
    "Zelenskyy": r"zelensk",
}
NAMED = ("official", "person", "organization", "media")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--raw", action="store_true", help="without the corpus-level resolution")
    args = parser.parse_args()
    if not DATA.exists():
        print(f"skipped: {DATA} is absent")
        return 0
    arts = tk.load_articles(str(DATA / "*.csv"))
    if args.limit:
        arts = arts.head(args.limit)
    st = tk.extract_statements(arts)
    me = tk.extract_mentions(arts)
    resolved = False
    if not args.raw:
        try:
            from toolkit import identity
        except ImportError:
            identity = None  # type: ignore[assignment]
        if identity is not None:
            tables = identity.resolve(arts, {"mentions": me, "statements": st})
            me, st = tables["mentions"], tables["statements"]
            resolved = True
    print(f"{len(arts)} articles, {len(st):,} statements, {len(me):,} mentions; "
          f"corpus-level resolution: {'yes' if resolved else 'no'}")

    sp = st[st["speaker"].fillna("").astype(str).str.strip() != ""]
    ids = sp["speaker_id"].fillna("").astype(str)
    print(f"distinct speaker strings: {sp['speaker'].nunique():,}; distinct speaker ids: "
          f"{ids[ids != ''].nunique():,}; statements with a speaker: {len(sp):,}, "
          f"with a speaker_id: {(ids != '').sum():,}")
    named = sp[sp["speaker_type"].isin(NAMED)]
    nid = named["speaker_id"].fillna("").astype(str) != ""
    print(f"named statements (type {'/'.join(NAMED)}): {len(named):,}, with an id: {nid.sum():,} "
          f"({nid.mean():.1%})")
    print("speaker_type:", sp["speaker_type"].value_counts().to_dict())

    low = sp["speaker"].astype(str).str.lower()
    for label, pat in GROUPS.items():
        rows = sp[low.str.contains(pat, regex=True)]
        print(f"\n{label}: {len(rows)} statements, {rows['speaker_id'].fillna('').replace('', None).nunique()} id(s)")
        for sid, grp in rows.groupby(rows["speaker_id"].fillna("").astype(str)):
            strings = Counter(grp["speaker"].astype(str))
            shown = "; ".join(f"{s!r} {n}" for s, n in strings.most_common(8))
            print(f"  {sid or '(no id)'}: {len(grp)} -- {shown}")

    # one-word capitalised speakers that are ordinary words of the corpus, by what they are
    lex = lexicon()
    titles = set(lex.titles) | set(lex.speaker_nouns)
    text_words = Counter(w for t in arts["text"].fillna("") for w in re.findall(r"\b[a-z]+\b", t))
    one = sp[~sp["speaker"].astype(str).str.contains(" ") & sp["speaker"].astype(str).str[:1].str.isupper()]
    words = one[one["speaker"].astype(str).str.lower().map(lambda w: text_words.get(w, 0) >= 5)]
    low = words["speaker"].astype(str).str.lower()
    kind = low.map(lambda w: "pronoun" if w in lex.pronouns else
                   "title" if w in titles or w.rstrip("s") in titles else "word")
    for k, label in (("word", "non-person words as speakers"), ("title", "bare title words as speakers"),
                     ("pronoun", "capitalised pronouns as speakers")):
        rows = words[kind == k]
        people_like = rows[rows["speaker_type"].isin(["person", "official"])]
        counts = Counter(rows["speaker"].astype(str))
        print(f"\n{label}: {len(counts)} strings, {len(rows)} statements, {len(people_like)} of them "
              f"typed person/official, {people_like['speaker_id'].notna().sum()} with an id: "
              + ", ".join(f"{w} {n}" for w, n in counts.most_common(15)))

    people = me[me["entity_type"].isin(["official", "person"])]
    pid = people["entity_id"].fillna("").astype(str)
    print(f"\nperson/official mentions: {len(people):,}, with an id: {(pid != '').mean():.1%}; "
          f"distinct names {people['name'].nunique():,}, distinct ids {pid[pid != ''].nunique():,}")
    unl = sp[(sp["speaker_type"].isin(["person", "official"])) & (ids[sp.index] == "")]
    print("most frequent speakers without an id:",
          unl["speaker"].value_counts().head(20).to_dict())
    per = sp[sp["speaker_type"].isin(["person", "official"])]
    kb_linked = per["speaker_id"].fillna("").astype(str)
    print("most frequent person speakers (id):",
          pd.Series(list(zip(per["speaker"], kb_linked, strict=True))).value_counts().head(15).to_dict())
    return 0


if __name__ == "__main__":
    sys.exit(main())
