"""Shared pieces of the statement rules: the patterns, the candidate record (Cand), small text
helpers and ArticleBase (one article's text, sentences, quotes, listener and venue lookups,
joining a quote to the next). toolkit/extract/indirect.py adds the indirect-speech rules on top
of it, toolkit/extract/statements.py the direct-quote rules and the public functions."""
from __future__ import annotations

import bisect
import csv
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from toolkit import _paths
from toolkit.extract.cues import Lexicon
from toolkit.extract.quotes import paragraphs, quote_spans, sentences
from toolkit.extract.speakers import NP, Resolver, np_after

_statement_date: Callable[..., tuple[Any, Any, str]] | None
try:  # owned by the dates engineer; fall back to the publication date until it is there
    from toolkit.extract.dates import statement_date as _statement_date
except ImportError:  # pragma: no cover - depends on another module landing
    _statement_date = None

_WORD = re.compile(r"[\w’'-]+")
_PREP_WORDS = (r"in|on|at|during|to|of|from|after|before|by|with|for|while|when|last|this|earlier|later|"
         r"yesterday|today|tonight|(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
         r"recently|previously|again|too|also|then|afterward|afterwards|late|early|Twitter|twice")
_FIRST_SECOND = frozenset({"i", "we", "you"})
_COORD_END = re.compile(r"(?:[,;]\s*(?:and|but|while|whereas)?|\s(?:and|but|while|whereas|though|although)|\s[—–-]+)"
                        r"(?:\s*\b(?:as|like))?\s*$")  # "..., but as FT notes, ..."
_FRONTED = re.compile(r"(?:According|In|For|At|During|After|Before|Despite|Since|When|While|As|On|With|Without|"
                      r"Among|Unlike|Like|Besides|Back|Speaking|Asked|Giving|Following|Earlier|Later|"
                      r"Meanwhile)\b")
_TAIL_END = re.compile(r"[a-z]+ing\b|adding|according|who\b|which\b|whose\b|where\b|[A-Z][a-z]*\.?$")
_TAIL_MOD = re.compile(rf"(?:{_PREP_WORDS})\b")
# what may sit between a cue and its "that": times, venues, listeners ("said on Monday in a
# statement to reporters that"); a verb or a conjunction there means "that" belongs elsewhere
_LEAD_OK = re.compile(r"\s*(?:$|(?:" + _PREP_WORDS + r"|reporters|journalists|[A-Z][\w.’'-]*)\b"
                      r"(?:(?![.!?\"“”;]|\b(?:and|but|or|who|which|what|was|is|are|were|has|have|had|"
                      r"will|would|could|can)\b).){0,100}$)")
_THAT = re.compile(r"\bthat\b\s*,?\s*")
_TITLE_BEFORE = re.compile(r"(?:\b(?:a|an|the|so-called|dubbed|called|titled|entitled|named|word|phrase|slogan))\s*$", re.IGNORECASE)
_VENUE = re.compile(r"\b(?:in|during)\s+an?\s+(?:\w+\s+){0,2}?(?:interview|op-ed|article|column|appearance|"
                    r"podcast|letter)\s+(?:with|to|in|on|for)\s+", re.IGNORECASE)
_SKIP_LEAD = re.compile(r"\s*(?:(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
                        r"(?:last|this|earlier|later)\s+(?:week|month|year|weekend)|earlier|later|"
                        r"(?:yesterday|today|tonight)|(?:in|on)\s+(?:a|an|the)\s+[\w\s-]{0,40}?"
                        r"(?:statement|interview|post|tweet|speech|letter|release|call|video|message))"
                        r"\s*,?", re.IGNORECASE)
# "summoned the ambassador to" right before a cue of kind "act" ("denounce", "protest")
_SUMMONED = re.compile(r"\bsummon(?:s|ed|ing)?\b[^.;:!?\"“”]{0,80}?\bto\s+$")
_CAUSE = re.compile(r",?\s+(?:following|after|amid|over|because)\s")
# words that make "called ..." a phone call, a summons or a name, not a judgement
_CALL_FIRST = frozenset({"to", "back", "off", "up", "in", "into", "out", "from", "at", "after", "before", "with",
                         "him", "them", "me", "us", "it", "himself", "herself", "themselves"})
_PARTICIPLE_ASIDE = re.compile(r",\s+(?!(?:some|any|no|every)thing|during|including|according|regarding|"
                               r"concerning|following|notwithstanding|pending)([a-z]{3,}ing)\s+(?:the|a|an|his|her|"
                               r"their|its|it|them|him|up|out|more|new)\b")
# "’s" as "is"/"has" after a pronoun, before a cue: "He’s claiming", "who’s called for"
_CONTRACTED = re.compile(r"(?<![\w’'-])(?:[Hh]e|[Ss]he|[Ii]t|who|[Tt]hat)([’']s)\s+(?:(?:also|been|now|[a-z]{3,}ly)\s+)*$")
# words ending in "s" that are not plural nouns (a generic subject's head)
_NOT_PLURAL = frozenset({"was", "has", "is", "does", "this", "thus", "its", "his", "hers", "ours", "yours", "theirs",
                         "as", "us", "yes", "less", "unless", "perhaps", "always", "sometimes", "news", "whereas"})
# cue forms that are as often nouns ("the jobs report", "the disruptions promises"): no generic subject
_NOUN_SENSE = frozenset({"report", "reports", "claim", "claims", "promise", "promises", "call", "calls", "demand",
                         "demands", "comment", "comments", "pledge", "pledges", "vow", "vows", "note", "notes",
                         "warning", "warnings", "statement", "post", "posts", "tweet", "tweets", "point", "points"})
# verbs of the lexicon that as often take a plain object ("maintains a lead", "posted a photo"):
# statements only with a that-clause or a pronoun subject after them
_OBJECT_SENSE = frozenset({"maintain", "maintains", "maintained", "post", "posts", "posted"})
_POSS_SUBJ = re.compile(r"((?:His|Her|Their|Its)\s+(?:[\w’'-]+\s+){0,2}?([a-z][\w-]+))\s+(?=[a-z]{3,}ed\b)")
# ", but Mrs. Clinton would ...": a clause with a named subject of its own
_NEW_CLAUSE = re.compile(r",\s+(?:but|while|whereas|and)\s+(?=(?:Mr\.|Mrs\.|Ms\.|Dr\.)?\s*[A-Z])")
_CALL_AWAY = frozenset({"to", "into", "back", "off", "up", "out", "from", "after", "before", "with"})
_CALL_STOP = frozenset({"to", "police", "meeting", "election", "elections", "press", "conference", "hearing",
                        "session", "strike", "halt", "vote", "referendum"})
# between "told" and "that": a listener phrase (no punctuation, no clause of its own)
_LISTENER_LEAD = re.compile(r"(?:\s+(?!(?:who|which|what|was|is|are|were|has|have|had|will|would|could|can|"
                            r"said|says)\b)[\w’'.\"“”-]+){1,14}\s+")
# "made the following comment:" / "issued this statement:" closing a sentence before a quote
_NOUN_COLON = re.compile(r"\b((?:made|issued|released|posted|gave|offered|delivered|had)\s+(?:the|a|an|this|these|"
                         r"following|his|her|their|its|\s)*)(\w+)\s*:$")
_CAP_WORD = re.compile(r"(?<![\w’'-])[A-Z][a-z]+(?![\w’'-])")
# a second verb phrase of the sentence's subject: "... and said", "... but has also said"
_COORD_VERB = re.compile(r"(?:^|[\s,])(?:and|but)(?:\s+(?:has|have|had|also|later|then|again|repeatedly|often))*$")
# a sentence-initial subordinate clause: "When Clinton noted that ..., Trump boasted": its
# content ends at the clause's first comma or dash (the main clause follows)
_SUBORD_LEAD = re.compile(r"\s*(?:When|After|Before|While|Whereas|Although|Though|Because|Since|Once|If|Until)\s+$")
_CLAUSE_BREAK = re.compile(r"\s*[,;―—–]|\s--\s")
# a restrictive relative clause on an indefinite or counted noun: "an architect who said ..."
_REL_HEAD = re.compile(r"(?<![\w’'-])((?:a|an|one|two|three|four|five|several|some|many|other)\s+"
                       r"(?:[\w’'-]+\s+){0,3}?([a-z][a-z-]+))\s+(who)\s+$")
# after "speak": particles, a manner adverb, a time or "during his speech", then the topic's
# preposition (never "on": "spoke on Monday", "spoke on condition of anonymity")
_TOPIC = re.compile(r"(?:\s+(?:out|up))?(?:\s+(?:[a-z]{3,}ly|more|less|often|in\s+public)){0,3}(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|"
                    r"Friday|Saturday|Sunday|today|yesterday|tonight)|\s+during\s+(?:his|her|their|the|a)\s+\w+)?"
                    r"\s+(of|about|against)\s+")
# "accused Holt of", "accusing her of", "accused Rafael Cruz, who ..., of": an object, then "of"
_ACCUSE = re.compile(r"\s+(?!of\b|by\b|in\b|on\b|at\b|to\b)[^.;:!?\"“”]{1,100}?\s+of\s+\w")
# "said about 20 people have applied": a number, not a topic
_ABOUT_NUMBER = re.compile(r"about\s+(?:\d|(?:a\s+)?(?:dozen|hundred|thousand|million|third|quarter|half)\b|"
                           r"(?:two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty)\b)")
_REL_QUANT = re.compile(r",\s*((?:many|most|some|several|all|both|one|two|three|few|none)\s+of\s+whom)\s+$")
# a generic subject at the start of a clause: "two Democratic speechwriters implored her"
_GENERIC_SUBJ = re.compile(r"((?:[Aa]n?|[Tt]he|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]everal|[Ss]ome|[Mm]any|"
                           r"[Oo]ther|[Mm]ost|[Bb]oth)\s+(?:[\w’'-]+\s+){0,3}?([a-z][a-z-]+s))\s+")
# "complain bitterly that ...": a manner adverb between the cue and "that"
_ADVERB_LEAD = re.compile(r"\s+[a-z]{3,}ly\s+")
# an object relative around the cue: "what Trump says his plan would do", "the test, which state
# media claimed now allows ...": the content is the whole clause, from the wh-word
_WH_BEFORE = re.compile(r"(?<![\w’'-])(what|which|how)\s+$")
# a subject relative on an organisation or a document: "the European Union, which contended that"
_WHICH_SUBJ = re.compile(r"(?:,|\s--|\s[—–])\s*(which)\s+(?:(?:also|later|then|together|has|have|had|[a-z]{3,}ly)\s+)*$")
_FINITE = re.compile(r"(?<![\w’'-])(?:is|are|was|were|has|have|had|will|would|can|could|may|might|should|must|"
                     r"does|did)(?![\w’'-])")
_SUBORD_IN = re.compile(r"(?<![\w’'-])(?:when|if|that|because|who|which|while|as|after|before|until|since|and|or|"
                        r"but|to)(?![\w’'-])")
# a gerund that is the subject of a clause: "replacing Clinton would be harder"
_GERUND_SUBJ = re.compile(r"([a-z]{3,}ing)\s+(?:[\w’'-]+\s+){1,3}?(?:would|will|is|was|are|were|could|can|has|had)\b")
_NAME_SUBJ = re.compile(r"(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Prof)\.\s+)?[A-Z][\w’'-]+(?:\s+[A-Z][\w’'.-]*){0,3}"
                        r"(?=\s+[a-z])")
_WH_AND = re.compile(r",?\s+(?:and|or|but)\s+(?:how|what|which)\b")
_BAD_CONTENT_START = re.compile(r"(?:to|for|about|of|on|with|in|at|by|from|into|as|it|so|and|but|or|"
                                r"nothing|something|anything|goodbye|hello|yes|no|more|less|"
                                r"he|she|they)\b[\s.,]*$|(?:to|for|about|of|on|with|at|by|from|into|as|"
                                r"goodbye|hello)\b", re.IGNORECASE)


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


@lru_cache(maxsize=1)
def _extra_verbs() -> tuple[dict[str, str], re.Pattern[str]]:
    """Cues only this module reads (datasets/lexicons/statement_verbs.csv: speak, accuse, point
    to), each with its frame. Kept out of reporting_verbs.csv on purpose: the speaker finder
    treats every reporting verb as the end of an appositive, and "One official, who spoke on
    condition of anonymity, said" must keep its speaker."""
    frames: dict[str, str] = {}
    path = _paths.LEXICONS / "statement_verbs.csv"
    if path.exists():
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                for form in (row.get("forms") or "").split("|"):
                    if form.strip():
                        frames[form.strip().lower()] = (row.get("frame") or "").strip()
    if not frames:
        return frames, re.compile(r"(?!x)x")
    alt = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in sorted(frames, key=len, reverse=True))
    return frames, re.compile(rf"(?<![\w’'-])(?:{alt})(?![\w’'-])")


def _topic(text: str, ce: int, se: int) -> re.Match[str] | None:
    """The topic's preposition after "speak" ("spoke of", "spoke out against"; a bare "spoke
    against the backdrop" is a place)."""
    m = _TOPIC.match(text, ce, se)
    if m is None or m.group(1) == "against" and not re.match(r"\s+out\b", text[ce:m.end()]):
        return None
    return m


def _is_long(text: str, a: int, b: int) -> bool:
    """A quote that can be a statement on its own (not a scare quote or a title)."""
    inner = text[a:b].strip("\"“”„«»'` ")
    words = _WORD.findall(inner)
    n = len(words)
    long_words = [w for w in words if len(w) > 3]
    if n <= 8 and long_words and sum(w[0].isupper() for w in long_words) >= 0.6 * len(long_words) \
            and len(long_words) >= 2:
        return False  # Title Case: "Make Your Kid a Millionaire"
    if n >= 4:
        return True
    return n >= 2 and inner[-1:] in ".?!," and inner[:1].isupper()


def _strip_end(text: str, a: int, b: int) -> tuple[int, int]:
    """Trim spaces, a final period/comma (kept when followed by a closing quote)."""
    while b > a and (text[b - 1].isspace() or text[b - 1] in ".,;:"):
        b -= 1
    while a < b and text[a].isspace():
        a += 1
    return a, b


def _content_end(text: str, start: int, se: int, cut: re.Pattern[str]) -> int:
    m = cut.search(text, start, se)
    end = m.start() if m else se
    return _strip_end(text, start, end)[1]


class ArticleBase:
    """One article's text with its sentences, paragraphs and quotes, and the candidate
    statements found so far; the rule layers add to ``cands``."""

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
    def _merge_next(self, cand: Cand, si: int) -> None:
        """'"...," he said. "..."': bare quote sentences that follow in the paragraph; also
        '"...," he said, "..."' within the sentence."""
        t = self.text
        se0 = self.sents[si][1]
        if cand.ce is not None and cand.ce > cand.qe:
            rest = [q for q in self.quotes_in(cand.ce, se0)]
            between = t[cand.ce:rest[0][0]] if rest else ""
            if rest and re.fullmatch(r"[^\"“”!?]{0,80}?(?:,|\band|\bbut)(?:\s+\w+)?\s*", between) \
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
            if tail and (len(_WORD.findall(tail)) > 8 or not tail[:1].islower() or self.lex.verb_re.search(tail)):
                break  # '"...," he said. "..." for the top bracket.': a short tail of the quote's sentence
            cand.qe = qb if not tail else _strip_end(t, qb, se)[1]
            j += 1
