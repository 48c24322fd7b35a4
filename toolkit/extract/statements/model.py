"""The shared per-article model of the statement rules: one article's text with its paragraphs,
sentences, quote spans and resolver (speaker names), the candidate record (Cand) every family
appends to, the lookups the families share (quotes in a span, listener and venue after a cue)
and the join of a quote with the quote sentences after it. The families of constructions read
it: direct.py (direct quotes), indirect.py (indirect speech), structure.py (transcript turns and
first-person texts); pipeline.py runs them and turns the candidates into rows."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

from toolkit.extract.cues import Lexicon
from toolkit.extract.quotes import paragraphs, quote_spans, sentences
from toolkit.extract.speakers import NP, Resolver, np_after

WORD = re.compile(r"[\w’'-]+")
_VENUE = re.compile(r"\b(?:in|during)\s+an?\s+(?:\w+\s+){0,2}?(?:interview|op-ed|article|column|appearance|"
                    r"podcast|letter)\s+(?:with|to|in|on|for)\s+", re.IGNORECASE)


@dataclass
class Cand:
    qs: int
    qe: int
    kind: str
    np: NP | None
    cs: int | None
    ce: int | None
    venue: str = ""
    cue_text: str = ""
    confidence: float = 0.7
    same_as: Any = None  # another Cand whose speaker this one shares ("..., adding ...")
    family: str = ""  # "document": a transcript turn or a first-person text (structure.py)
    speaker_type: str = ""  # set when the speaker has no name ("Question:" -> "media")
    in_title: bool = False  # the speaker is named in the title only (no span in the text)


def is_long(text: str, a: int, b: int) -> bool:
    """A quote that can be a statement on its own (not a scare quote or a title)."""
    inner = text[a:b].strip("\"“”„«»'` ")
    words = WORD.findall(inner)
    n = len(words)
    long_words = [w for w in words if len(w) > 3]
    if n <= 8 and long_words and sum(w[0].isupper() for w in long_words) >= 0.6 * len(long_words) \
            and len(long_words) >= 2:
        return False  # Title Case: "Make Your Kid a Millionaire"
    if n >= 4:
        return True
    return n >= 2 and inner[-1:] in ".?!," and inner[:1].isupper()


def strip_end(text: str, a: int, b: int) -> tuple[int, int]:
    """Trim spaces, a final period/comma (kept when followed by a closing quote)."""
    while b > a and (text[b - 1].isspace() or text[b - 1] in ".,;:"):
        b -= 1
    while a < b and text[a].isspace():
        a += 1
    return a, b


class Article:
    """One article's text with its sentences, paragraphs and quotes, and the candidate
    statements found so far; the rule families add to ``cands``."""

    def __init__(self, text: str, lex: Lexicon, res: Resolver):
        self.text = text
        self.lex = lex
        self.res = res
        self.quotes = quote_spans(text)
        self.q_starts = [q[0] for q in self.quotes]
        self.q_ends = [q[1] for q in self.quotes]
        self.paras = paragraphs(text)
        self.sents = sentences(text, self.quotes, self.paras)
        self.cands: list[Cand] = []
        self.used_cues: set[int] = set()
        self.sent_cands: list[Cand] = []  # candidates of the sentence being read

    # --- helpers ---------------------------------------------------------------------------
    # top-level quotes do not overlap, so starts and ends are both sorted: bisect, never scan
    def quotes_in(self, a: int, b: int) -> list[tuple[int, int]]:
        out = []
        for k in range(bisect.bisect_left(self.q_starts, a), len(self.quotes)):
            q = self.quotes[k]
            if q[1] > b:
                break
            out.append(q)
        return out

    def quotes_ending_in(self, a: int, b: int) -> list[tuple[int, int]]:
        """Quotes that end in (a, b]: those inside, and one continued from earlier paragraphs."""
        out = []
        for k in range(bisect.bisect_right(self.q_ends, a), len(self.quotes)):
            q = self.quotes[k]
            if q[1] > b:
                break
            if q[0] >= a or "\n" in self.text[q[0]:a]:
                out.append(q)
        return out

    def in_quote(self, pos: int) -> bool:
        k = bisect.bisect_left(self.q_starts, pos) - 1
        return k >= 0 and pos < self.quotes[k][1] - 1

    def listener(self, ce: int, se: int) -> tuple[int, str, str]:
        """After 'told'/'asked': the listener ("FT", "reporters", "the Washington Post");
        returns (end offset, cue suffix as written, venue)."""
        t = self.text
        m = self.lex.listener_re.match(t, ce + 1) if ce + 1 < se and t[ce] == " " else None
        if m:
            return m.end(), "", ""
        np = np_after(t, ce + 1, se, self.lex) if ce + 1 < se and t[ce] == " " else None
        if np is None or np.kind == "pronoun":
            return (np.end if np else ce), "", ""
        venue = self.venue_name(np.name)
        if venue:
            return np.end, t[ce:np.end], venue
        return np.end, "", ""

    def venue_name(self, surface: str) -> str:
        hit = self.res.kb("outlet", surface)
        return str(hit["name"]) if hit else ""

    def venue_in(self, a: int, b: int) -> str:
        """'in an interview with the Financial Times' between a and b -> 'Financial Times'."""
        m = _VENUE.search(self.text, a, b)
        if not m:
            return ""
        np = np_after(self.text, m.end(), b, self.lex)
        if np is None or np.kind == "pronoun":
            return ""
        return self.venue_name(np.name) or np.name

    # --- direct ----------------------------------------------------------------------------
    def merge_next(self, cand: Cand, si: int) -> None:
        """'"...," he said. "..."': bare quote sentences that follow in the paragraph; also
        '"...," he said, "..."' within the sentence."""
        t = self.text
        se0 = self.sents[si][1]
        if cand.ce is not None and cand.ce > cand.qe:
            rest = [q for q in self.quotes_in(cand.ce, se0)]
            between = t[cand.ce:rest[0][0]] if rest else ""
            # '..., says Gavin Hamilton, 23, a student from Fresno, Calif. "...': an abbreviation
            # ended the attribution, so the splitter left the next quote sentence in this one
            abbr = re.fullmatch(r"[^\"“”!?.]{0,120}?\b[A-Z][\w.]{0,5}\.\s+", between) is not None \
                and t[rest[0][0] + 1:rest[0][0] + 3].lstrip("'`")[:1].isupper() if rest else False
            if rest and (abbr or re.fullmatch(r"[^\"“”!?]{0,80}?(?:,|\band|\bbut)(?:\s+\w+)?\s*", between)) \
                    and not self.lex.verb_re.search(between) and not t[rest[-1][1]:se0].strip(" .,"):
                # not '"...," Sanders said, suggesting a few questions, including, "..."': a cue
                # between the quotes starts a statement of its own
                cand.qe = rest[-1][1]
        para_end = next((pe for ps, pe in self.paras if ps <= cand.qs < pe), None)
        j = si + 1
        while j < len(self.sents):
            ss, se = self.sents[j]
            if para_end is None or ss >= para_end:
                break
            k = bisect.bisect_left(self.q_starts, ss)
            if k >= len(self.quotes) or self.quotes[k][0] != ss:
                break
            qb = self.quotes[k][1]  # a quote may run over several sentences
            if qb > para_end or qb <= cand.qe:
                break
            while j + 1 < len(self.sents) and self.sents[j][1] < qb:
                j += 1
            se = self.sents[j][1]
            tail = t[qb:se].strip(" .,\u00a0")
            if tail and (len(WORD.findall(tail)) > 8 or not tail[:1].islower() or self.lex.verb_re.search(tail)):
                break  # '"...," he said. "..." for the top bracket.': a short tail of the quote's sentence
            cand.qe = qb if not tail else strip_end(t, qb, se)[1]
            j += 1
