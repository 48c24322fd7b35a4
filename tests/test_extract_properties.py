"""Properties of the three extractors on random and mutated texts (no gold needed).

For every text: each extractor returns a table with every column of its spec; every offset is
inside the text it points into, start <= end, and the slice is what the row says was written
(mentions' and sources' ``surface``, statements' ``quote``); and the three extractors together
finish within a generous CPU-time bound per text (what a runaway regex would break; CPU time,
not wall clock, so a busy machine does not make it flake). The texts are the founding
article mutated (spans cut, repeated, swapped, quotes and odd characters thrown in) and texts
drawn from a vocabulary of names, countries, reporting verbs, quote marks and punctuation;
seeds are fixed, so a failure is reproducible from its case number.
"""
from __future__ import annotations

import random
import time

import pandas as pd
import pytest

from toolkit import extract_mentions, extract_sources, extract_statements, schema
from toolkit._paths import DATASETS
from toolkit.io import load_articles

CASES = 200  # per kind (mutated, random)
CPU_SECONDS = 20.0  # per text, all three extractors: ~100x what one takes on a 4,000-character text

_VOCABULARY = ("the a of in on said told says according to Reuters AFP Kremlin Kyiv Moscow Vilnius "
         "Lithuanian Lithuania Ukraine Russia France French U.K. British Prime Minister Ingrida "
         "Simonyte Dmitry Peskov spokesman President Emmanuel Macron Zelenskyy he she they it "
         "added warned on Monday last week Wednesday 2024 May 8 reporters Financial Times The "
         "Economist foreign secretary David Cameron ministry statement “ ” \" ' « » — – - , . ; : "
         "? ! ( ) [ ] \n \n\n Mr. Mrs. Dr. St. U.S. EU NATO 1,000 3.5% $5 billion")
WORDS = _VOCABULARY.split(" ")
ODD = ["\u200b", "\u00a0", "\ufeff", "\u202e", "e\u0301", "\U0001f600", "\u3000", "\t", "\r\n",
       "\x00", "\x0b", "\u2028", "''", '""', "“", "”", "‘", "’", "«", "»", "„", "...", "—" * 30,
       "said" * 40, '"' * 25, "(" * 30, "Mr. " * 20, " " * 200]


def _seed_text() -> tuple[str, str]:
    df = load_articles(DATASETS / "articles")
    return str(df.loc[0, "title"]), str(df.loc[0, "text"])


def _mutate(text: str, rng: random.Random) -> str:
    for _ in range(rng.randint(1, 8)):
        n = len(text)
        a = rng.randrange(n + 1)
        b = min(n, a + rng.randint(0, 400))
        op = rng.randrange(6)
        if op == 0:  # cut a span
            text = text[:a] + text[b:]
        elif op == 1:  # repeat it
            text = text[:b] + text[a:b] * rng.randint(1, 4) + text[b:]
        elif op == 2:  # throw in odd characters
            text = text[:a] + rng.choice(ODD) + text[a:]
        elif op == 3:  # swap two spans
            c = rng.randrange(n + 1)
            lo, hi = sorted((a, c))
            text = text[:lo] + text[hi:hi + 50] + text[lo + 50:hi] + text[lo:lo + 50] + text[hi + 50:]
        elif op == 4:  # change the case of a span
            text = text[:a] + text[a:b].swapcase() + text[b:]
        else:  # drop every quote mark of one kind
            text = text.replace(rng.choice(['"', "“", "”", "'"]), "")
    return text[:20000]


def _random_text(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(0, 300)):
        parts.append(rng.choice(ODD) if rng.random() < 0.05 else rng.choice(WORDS))
    sep = rng.choice([" ", " ", " ", "", "\n"])
    return sep.join(parts)


def _texts(kind: str) -> list[tuple[str, str]]:
    rng = random.Random(f"{kind}-20261202")
    if kind == "mutated":
        title, text = _seed_text()
        return [(_mutate(title, rng) if rng.random() < 0.3 else title, _mutate(text, rng)) for _ in range(CASES)]
    return [(_random_text(rng)[:200], _random_text(rng)) for _ in range(CASES)]


def _check_spans(rows: pd.DataFrame, texts: dict[str, str], start: str, end: str, *,
                 written: str | None, what: str) -> None:
    for row in rows.itertuples(index=False):
        text = texts[getattr(row, "field", "text")] if "field" in rows.columns else texts["text"]
        s, e = getattr(row, start), getattr(row, end)
        if pd.isna(s) and pd.isna(e):
            continue
        assert 0 <= int(s) <= int(e) <= len(text), (what, s, e, len(text))
        if written is not None:
            assert text[int(s):int(e)] == getattr(row, written), (what, text[int(s):int(e)], getattr(row, written))


@pytest.mark.parametrize("kind", ["mutated", "random"])
def test_extractors_on_random_and_mutated_texts_keep_offsets_in_the_text(kind: str) -> None:
    slowest = 0.0
    for case, (title, text) in enumerate(_texts(kind)):
        articles = pd.DataFrame({"article_id": [f"{kind}-{case}"], "title": [title], "text": [text],
                                 "published": [pd.Timestamp("2024-05-08T10:00:00Z")]})
        started = time.process_time()
        mentions = extract_mentions(articles)
        statements = extract_statements(articles)
        sources = extract_sources(articles)
        used = time.process_time() - started
        slowest = max(slowest, used)
        assert used < CPU_SECONDS, f"case {kind} {case}: {used:.1f} s of CPU for {len(text)} characters"
        label = f"case {kind} {case}"
        for table, df in (("mentions", mentions), ("statements", statements), ("sources", sources)):
            assert set(schema.TABLES[table]) <= set(df.columns), (label, table)
            assert set(df["article_id"]) <= {f"{kind}-{case}"}, (label, table)
        texts = {"text": text, "title": title}
        _check_spans(mentions, texts, "start", "end", written="surface", what=f"{label} mention")
        _check_spans(sources, texts, "start", "end", written="surface", what=f"{label} source")
        _check_spans(statements, texts, "quote_start", "quote_end", written="quote", what=f"{label} quote")
        _check_spans(statements, texts, "speaker_start", "speaker_end", written=None, what=f"{label} speaker")
    assert slowest > 0.0
