"""Statements: who said what, how, where and when.

    import toolkit as tk
    statements = tk.extract_statements(articles)   # any frame with article_id and text

One row per attributed statement (the statements table of DESIGN.md). Pure rules over
paragraphs, sentences and quote marks (no parser), with compiled regexes built from the word
lists in datasets/lexicons/ (reporting_verbs.csv, cue_nouns.csv, cue_modifiers.csv, ...):

* direct: a quote of 4+ words (or ending in sentence punctuation) with the attribution after it
  (`"...," Peskov said.` / `"...," said the mayor`), before it (`Trump said: "..."`), or in the
  previous paragraph ending in a colon (`Caddell continued:`); a bare quote sentence right
  after an attributed one in the same paragraph extends it (`"...," he said. "..."`, also a
  quote over several sentences or with a short lowercase tail, and after a postposed
  attribution whose content opens with a quote), but not across a cue (`"...," X said,
  suggesting ..., including, "..."`) nor a `"...," but he said that ...`;
* indirect: `X said (that) ...` (content from "that", to the end of the sentence, cut at
  ", adding", ", although", "and <cue>", a participle aside, where another speaker's attribution
  begins or before another statement's cue inside it),
  `..., X said` (postposed), `A, X said, B` (the whole sentence), `..., said X`,
  `according to X, ...`, `..., according to X`, `as X notes, ...`,
  `X's comments/remarks/announcement (to VENUE) ... that ...`, `... for saying ...`,
  `..., adding (that) ...`, `... and said ...` (the sentence's subject), `X called for/on ...`,
  `X called Y "..."`; an indirect content holding a quoted fragment of the speaker's own words
  is "mixed" (a quoted term after "a/the/so-called" is a title, not words said);
* also: inverted `Said Ellis: "..."`; `"..." ― Name` closing a paragraph (a byline dash);
  `X made the following comment:` before a quote; a paragraph that is only a quote, right after
  a paragraph whose last statement has a speaker, is that speaker's (it extends a direct quote,
  else it is its own row with confidence 0.3 lower); progressive cues (`is calling for`);
  `promised/pledged/vowed to ...` (the infinitive is the content); `urged X to ...`;
  `X called Y a Z` without quote marks; `X summoned Y's ambassador to denounce/condemn/protest Z`
  (the only place where cues of kind "act" count);
* relative and subordinate clauses: restrictive `an architect who said ...` (speaker span "who"),
  `X, which contended that ...` (organisations, documents), `..., many of whom say ...`, object
  relatives `what Trump says his plan would do` / `the test, which state media claimed ...` (the
  whole clause, from the wh-word; not "what X called ..."), `When X noted that A, ...` (A ends at
  the clause's comma or dash); participles after a main clause whose subject is a plural noun
  phrase no word list knows (`two speechwriters implored her ..., arguing that ...`);
* statement_verbs.csv (read only here, so the speaker finder's appositives are untouched):
  `X spoke (out) of/about Y`, `X accused Y of Z`, `X pointed to Y`;
* content ends before a trailing `, which ...` / `, forcing ...` aside and before `and <cue>`
  (`... and says ...`), never inside a quoted passage;
* quotes with no attribution (titles, Title Case names, scare quotes) are not statements; nor
  are speakers "I"/"we"/"you" that nothing resolves (the writer or the reader).

Subjects may carry appositives ("Chad Bown, an expert at ..., said"), ages, party tags,
prepositional phrases ("Mr. Morgan of the Sierra Club said") and relative pronouns ("Trump,
who says ..." -> speaker span "who", speaker Trump), restrictive "who" clauses ("Residents who
attended the meeting said") and "whose" appositives after a role noun ("The senator, whose ...,
said").

Speakers are resolved per article (surname -> full name met earlier, he/she -> nearest person of
that gender, "the spokesman" -> last person with that role, "the ministry" -> last such
organisation) and linked through toolkit.kb; see toolkit/extract/speakers.py. Dates come from
toolkit.extract.dates.statement_date (skipped, with the same result, when the paragraph holds
no date word). Each step looks at a bounded window around a cue or a quote and run-on
"sentences" are cut at 2,000 characters, so the cost is linear in the text length.

``confidence`` is a rule prior, not a calibrated probability: 0.9 for a quote with its
attribution after it, 0.85 before it, 0.8 via a colon or a postposed attribution, 0.75 for
"according to", 0.7 for "X said (that)", 0.6 for gerunds, noun cues, "called" and summons;
0.1 less when the speaker is a pronoun; an unattributed quote paragraph gets its neighbour's
confidence less 0.3.
"""
from __future__ import annotations

import bisect
import csv
import hashlib
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pandas as pd

from toolkit import _paths, schema
from toolkit.extract.cues import Lexicon, lexicon
from toolkit.extract.quotes import _family, paragraphs, quote_spans, sentences
from toolkit.extract.speakers import NP, Resolver, np_after, np_before

log = logging.getLogger(__name__)

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


class _Article:
    """Candidate statements of one article text."""

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
    def direct(self) -> None:
        t = self.text
        sents = self.sents
        for si, (ss, se) in enumerate(sents):
            for qa, qb in self.quotes_ending_in(ss, se):
                if not _is_long(t, qa, qb):
                    continue
                if any(c.qs <= qa < c.qe for c in self.cands):
                    continue
                cand = self._after(qa, qb, se) or self._before(qa, qb, ss) or self._colon(qa, qb, si)
                at = si
                if cand is None and qb >= se - 1 and si + 1 < len(sents):
                    # '“...?” Graham asked. “...”': the attribution was split off as a sentence
                    ns, ne = sents[si + 1]
                    if not t[se:ns].count("\n") and len(_WORD.findall(t[ns:ne])) <= 12:
                        cand = self._after(qa, qb, ne)
                        if cand is not None and (cand.np is None or cand.np.start - ns > 4 or cand.ce is None
                                                 or self._tail(cand.ce, ne) != "end"):
                            if cand.cs is not None:
                                self.used_cues.discard(cand.cs)
                            cand = None  # "She says it underscores ...": a new statement
                        at = si + 1
                if cand is None:
                    continue
                lead = t[ss:qa]
                inner = t[qa:qb].lstrip("\"“'` ")
                fragment = inner[:1].islower() and not self.lex.verb_re.search(lead) \
                    and not re.search(r"[:;!?\"“”]", lead) and len(_WORD.findall(lead)) >= 3
                if lead.strip() and cand.cs is not None and cand.cs > qa and (fragment or (
                        len(_WORD.findall(lead)) <= 4 and not re.search(r"[,:;.!?\"“”]", lead))):
                    # 'Mills "got an immunity agreement," Jordan said' and 'Her plans send a clear
                    # message that a top priority "is increasing the tax," Mr. Kamin said': the
                    # sentence the quoted words complete is the content
                    # 'Mills "got an immunity agreement," Jordan said': the subject is content too
                    cand.qs = ss
                    cand.kind = "mixed"
                self.cands.append(cand)
                self._merge_next(cand, at)

    def _after(self, qa: int, qb: int, se: int) -> Cand | None:
        t, lex = self.text, self.lex
        p = qb
        while p < se and (t[p].isspace() or t[p] in ",—–-―"):
            p += 1
        if p >= se:
            return None
        dash = t[qb:p].strip()
        if dash and dash[0] in "—–-―" and not lex.verb_re.match(t, p):
            # '"...” ― Sonya Herridge': a dash and a name closing the paragraph (a byline)
            np = np_after(t, p, se, lex)
            if np is None or np.kind == "pronoun" or t[np.end:se].strip(" .\u00a0"):
                return None
            return Cand(qa, qb, "direct", np, qb + t[qb:p].index(dash[0]), p - (p > qb and t[p - 1] == " "),
                        confidence=0.8, cue_text=dash)
        m = lex.verb_re.match(t, p)
        if m:  # "..., said Caddell"
            np = np_after(t, m.end() + 1, se, lex) if m.end() < se else None
            if np is None:
                return None
            self.used_cues.add(m.start())
            return Cand(qa, qb, "direct", np, m.start(), m.end(), confidence=0.9,
                        cue_text=t[m.start():m.end()])
        m = lex.verb_re.search(t, p, min(se, p + 250))
        if not m or self.in_quote(m.start()):
            return None
        np = np_before(t, p, m.start(), lex)
        if np is None or np.start - p > 4 or t[p:np.start].strip() in ("but", "and", "yet"):
            return None  # '"...," but he said that ...': a new statement, not this quote's attribution
        ce, suffix, venue = m.end(), "", ""
        if lex.verb_frame.get(m.group().lower()) == "listener":
            _, suffix, venue = self.listener(m.end(), se)
            if suffix:
                ce = m.end() + len(suffix)
        venue = venue or self.venue_in(ce, se)
        self.used_cues.add(m.start())
        return Cand(qa, qb, "direct", np, m.start(), ce, venue=venue, confidence=0.9,
                    cue_text=t[m.start():ce])

    def _before(self, qa: int, qb: int, ss: int) -> Cand | None:
        t, lex = self.text, self.lex
        if not t[max(ss, qa - 160):qa].strip():
            return None
        lo = max(ss, qa - 160)
        inv = re.match(r"([A-Z][a-z]+) (?=.{2,80}:\s*$)", t[ss:qa], re.DOTALL)
        if inv and lex.verb_kind.get(inv.group(1).lower()) == "speech":
            # inverted 'Said Ellis: "..."' / 'Added the mayor: "..."'
            np = np_after(t, ss + inv.end(), qa, lex)
            if np is not None and np.kind != "pronoun" and t[np.end:qa].strip() == ":":
                ce = ss + len(inv.group(1))
                self.used_cues.add(ss)
                return Cand(qa, qb, "direct", np, ss, ce, confidence=0.85, cue_text=t[ss:ce])
        best = None
        for m in lex.verb_re.finditer(t, lo, qa):
            best = m
        if best is None or self.in_quote(best.start()):
            return None
        between = t[best.end():qa]
        if len(between) > 90 or re.search(r"[.!?\"“”]|\bthat\b", between):
            return None
        if between.strip() and between.rstrip()[-1:] not in ":,":
            return None
        np = np_before(t, ss, best.start(), lex)
        if np is None:
            return None
        ce, suffix, venue = best.end(), "", ""
        if lex.verb_frame.get(best.group().lower()) == "listener":
            _, suffix, venue = self.listener(best.end(), qa)
            if suffix:
                ce = best.end() + len(suffix)
        venue = venue or self.venue_in(ce, qa)
        self.used_cues.add(best.start())
        return Cand(qa, qb, "direct", np, best.start(), ce, venue=venue, confidence=0.85,
                    cue_text=t[best.start():ce])

    def _colon(self, qa: int, qb: int, si: int) -> Cand | None:
        """A quote opening a sentence after one that ends with 'X continued:' (the quote may run
        over several sentences and paragraphs: the colon is before its first sentence)."""
        if self.sents[si][0] > qa:
            si = bisect.bisect_right(self.sents, (qa, len(self.text) + 1)) - 1
        if si <= 0:
            return None
        ps, pe = self.sents[si - 1]
        t = self.text
        if t[pe - 1:pe] != ":" or t[self.sents[si][0]:qa].strip():
            return None
        best = None
        for m in self.lex.verb_re.finditer(t, max(ps, pe - 80), pe):
            best = m
        if best is None:
            # 'Sanders made the following comment:' / 'issued this statement:': a cue noun
            nm = _NOUN_COLON.search(t, max(ps, pe - 80), pe)
            if nm is None or nm.group(2).lower() not in self.lex.noun_cues:
                return None
            np = np_before(t, ps, nm.start(), self.lex)
            if np is None or np.kind == "pronoun":
                return None
            return Cand(qa, qb, "direct", np, nm.start(1), nm.end(2), confidence=0.75,
                        cue_text=t[nm.start(1):nm.end(2)])
        np = np_before(t, ps, best.start(), self.lex)
        if np is None:
            return None
        self.used_cues.add(best.start())
        return Cand(qa, qb, "direct", np, best.start(), best.end(), confidence=0.8,
                    cue_text=t[best.start():best.end()])

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

    def split_coordinated(self) -> None:
        """'X said A, and Y warned B': A's content ends where Y's own attribution begins."""
        t = self.text
        # a direct quote counts when its speaker is named before it ('..., and when pressed, the
        # mother of three replied, "..."')
        starts = sorted(((c.np.start, c) for c in self.cands if c.np is not None and c.cs is not None
                         and c.np.start < c.cs and (c.kind != "direct" or c.np.end <= c.qs)),
                        key=lambda p: p[0])
        keys = [k for k, _ in starts]
        for a in self.cands:
            if a.kind == "direct" or a.np is None:
                continue
            k = bisect.bisect_right(keys, a.qs)
            if k >= len(starts) or starts[k][0] >= a.qe:
                continue
            b = starts[k][1]
            if b is a or b.np is None:
                continue
            head = t[a.qs:b.np.start]
            m = _COORD_END.search(head)
            if m is None or len(_WORD.findall(head[:m.start()])) < 4:
                continue
            a.qe = _strip_end(t, a.qs, a.qs + m.start())[1]
            if a.kind == "mixed" and not self.quotes_in(a.qs, a.qe + 1):
                a.kind = "indirect"

    def split_inner_cues(self) -> None:
        """'X has said A, but he refuses ..., aside from saying B': when another statement's cue
        (with its content after it) sits inside an indirect content, that content ends at the last
        comma or semicolon before that cue, when at least four words are left."""
        t = self.text
        by_cue = sorted((c.cs, c) for c in self.cands if c.cs is not None and c.qs > c.cs)
        keys = [k for k, _ in by_cue]
        for a in self.cands:
            if a.kind == "direct" or a.cs is None or a.qs < a.cs:
                continue
            k = bisect.bisect_right(keys, a.qs)
            if k >= len(by_cue) or by_cue[k][0] >= a.qe:
                continue
            b = by_cue[k][1]
            if b is a:
                continue
            cut = None
            for x in re.finditer(r"[,;]", t[a.qs:b.cs]):
                if not self.in_quote(a.qs + x.start()):
                    cut = a.qs + x.start()
            if cut is None or len(_WORD.findall(t[a.qs:cut])) < 4:
                continue
            a.qe = _strip_end(t, a.qs, cut)[1]

    def orphans(self) -> None:
        """A paragraph that is only a quote, with no attribution of its own, right after a
        paragraph whose last statement has a speaker: that speaker's words too (lower confidence).
        Chains: a run of such paragraphs all go to the same speaker."""
        t = self.text
        by_end = sorted(self.cands, key=lambda c: c.qe)
        ends = [c.qe for c in by_end]
        prev_para: tuple[int, int] | None = None
        for ps, pe in self.paras:
            pp, prev_para = prev_para, (ps, pe)
            if pp is None or t[ps:ps + 1] not in "\"“'" or t[pp[1]:ps].count("\n") > 2:
                continue
            qs = self.quotes_in(ps, pe)
            if len(qs) != 1 or t[ps:qs[0][0]].strip() or t[qs[0][1]:pe].strip() \
                    or not _is_long(t, *qs[0]) or qs[0][1] - qs[0][0] < 20:
                continue
            qa, qb = qs[0]
            k = bisect.bisect_right(ends, pe)
            if k and by_end[k - 1].qe > qa:
                continue  # already a statement
            k = bisect.bisect_right(ends, pp[1])
            last = by_end[k - 1] if k else None
            if last is None or last.qe <= pp[0] or last.np is None or t[last.qe:pp[1]].count(". ") > 1:
                continue  # the previous paragraph has no statement near its end
            if last.kind == "direct":
                if _family(t[last.qs]) != _family(t[qa]):
                    continue  # '"' paragraphs after a curly quote: an excerpt's own marks
                j = by_end.index(last)
                del by_end[j], ends[j]
                last.qe = qb  # the same speaker goes on: one statement in two paragraphs
                cand = last
            else:
                cand = Cand(qa, qb, "direct", last.np, None, None, confidence=round(max(0.3, last.confidence - 0.3), 2),
                            same_as=last)
                self.cands.append(cand)
            i = bisect.bisect_right(ends, qb)
            ends.insert(i, qb)
            by_end.insert(i, cand)

    # --- indirect --------------------------------------------------------------------------
    def indirect(self) -> None:
        t, lex = self.text, self.lex
        extra_frames, extra_re = _extra_verbs()
        ex_all = list(extra_re.finditer(t))  # one pass over the text; sentences take their share
        ex_starts = [x.start() for x in ex_all]
        ex_k = 0
        direct_cues = sorted((c.cs, i) for i, c in enumerate(self.cands) if c.kind == "direct" and c.cs is not None)
        cue_pos = [p for p, _ in direct_cues]
        head_end = 0
        if self.paras:
            hs, he = self.paras[0]
            words = [w.strip("'’-") for w in _WORD.findall(t[hs:he])]
            content = [w for w in words if len(w) > 3]  # Title Case leaves "of", "and" small
            if 3 <= len(words) <= 25 and content and sum(w[:1].isupper() for w in content) >= 0.75 * len(content):
                head_end = he
        for si, (ss, se) in enumerate(self.sents):
            k = bisect.bisect_left(cue_pos, ss)
            last: Cand | None = self.cands[direct_cues[k][1]] if k < len(cue_pos) and cue_pos[k] < se else None
            self.sent_cands = []
            while k < len(cue_pos) and cue_pos[k] < se:
                self.sent_cands.append(self.cands[direct_cues[k][1]])
                k += 1
            cues = list(lex.verb_re.finditer(t, ss, se))
            if ex_k < len(ex_starts) and ex_starts[ex_k] < se:
                lo_k = bisect.bisect_left(ex_starts, ss)
                hi_k = bisect.bisect_left(ex_starts, se)
                ex_k = hi_k
                if hi_k > lo_k:
                    cues = sorted(cues + ex_all[lo_k:hi_k], key=lambda x: x.start())
            if head_end and ss < head_end:
                # a Title Case headline: "Obama Says Museum Will Tell ...", "..., Graham Says."
                cues += [x for x in _CAP_WORD.finditer(t, ss, min(se, head_end))
                         if lex.verb_kind.get(x.group().lower()) == "speech" and x.start() > ss]
            for m in cues:
                cs = m.start()
                if cs in self.used_cues or self.in_quote(cs):
                    continue
                vk = lex.verb_kind.get(m.group().lower()) or ("speech" if m.group().lower() in extra_frames else None)
                if vk == "act":
                    cand = self._summoned(m, ss, se)
                elif vk != "speech":
                    continue
                else:
                    cand = self._verb(m, ss, se, last)
                if cand is not None:
                    self.cands.append(cand)
                    self.sent_cands.append(cand)
                    last = cand
                    if cand.qs == ss and t[ss:ss + 1] in "\"“'" and cand.cs is not None and cand.cs > cand.qe:
                        # "''I admire the mechanics'' of the plans, Mr. Holtz said. ''They're ...''": the
                        # quote sentences after a postposed attribution are the same speaker's
                        self._merge_next(cand, si)
            for m in lex.according_re.finditer(t, ss, se):
                if not self.in_quote(m.start()):
                    cand = self._according(m, ss, se)
                    if cand is not None:
                        self.cands.append(cand)
            for m in lex.noun_re.finditer(t, ss, se):
                if not self.in_quote(m.start()):
                    cand = self._noun(m, ss, se)
                    if cand is not None:
                        self.cands.append(cand)

    def _content(self, start: int, se: int) -> tuple[int, int] | None:
        """Content from ``start`` to the end of the sentence (cut at ', adding' etc.)."""
        t = self.text
        while start < se and t[start] in " ,:\u00a0":
            start += 1
        end = se
        for cut in self.lex.cut_re.finditer(t, start, se):
            if not self.in_quote(cut.start()):  # a quoted passage is never cut
                end = cut.start()
                break
        for pc in _PARTICIPLE_ASIDE.finditer(t, start, end):
            if pc.group(1) not in self.lex.verb_kind and not self.in_quote(pc.start()):
                end = pc.start()
                break
        end = _strip_end(t, start, end)[1]
        if end - start < 8 or len(_WORD.findall(t[start:end])) < 3:
            return None
        return start, end

    def _verb(self, m: re.Match[str], ss: int, se: int, last: Cand | None) -> Cand | None:
        t, lex = self.text, self.lex
        cs, ce = m.start(), m.end()
        form = m.group().lower()
        pre = t[ss:cs].rstrip()
        # "is calling for ...", "was insisting that ...": a finite verb, not a gerund
        if form in _OBJECT_SENSE and not re.match(r"[\s\u00a0]+(?:that\b|(?:he|she|they|it|we|I)\s)", t[cs + len(form):se]):
            return None  # "Rubio still maintains an overwhelming lead": not words said
        if form.startswith("claim") and re.match(r"\s+(?:responsibility|credit|victory)\b", t[cs + len(form):se]):
            return None  # "claimed responsibility for the attacks": an act, not words said
        contracted = _CONTRACTED.search(t, max(ss, cs - 30), cs)
        if form.endswith("ing") and not contracted and not re.search(r"\b(?:is|are|was|were|been)\s+(?:[a-z]+ly\s+)?$",
                                                                     t[max(ss, cs - 30):cs]):
            return self._gerund(m, ss, se, last)
        # "He’s claiming that ...", "Clinton — who’s called for ...": the pronoun before "’s"
        np = np_before(t, ss, contracted.start(1), lex) if contracted else np_before(t, ss, cs, lex)
        if np is not None and t[np.start:np.end].endswith(("’s", "'s")):
            return None  # a possessive is not a subject: "Simonyte's remarks to FT"
        if np is None:
            # "Merkley, Brown and Menendez all suggested that ...", "protesters continued to call for"
            qm = re.search(r"\s(?:all|both|each|(?:continued|continues|continue|began|begin|begins|went\s+on)\s+to)\s+$",
                           t[max(ss, cs - 20):cs])
            if qm is not None:
                np = np_before(t, ss, max(ss, cs - 20) + qm.start(), lex)
        if np is None:
            # "all the experts I interviewed said": a restrictive clause with no relative pronoun
            zm = re.search(r"\s(?:I|we|he|she|they)\s+[a-z]{3,}ed\s+$", t[max(ss, cs - 30):cs])
            if zm is not None:
                zp = np_before(t, ss, max(ss, cs - 30) + zm.start(), lex, appositive=False)
                if zp is not None and zp.kind in ("noun", "name") and zp.noun_type != "document":
                    np = zp
        if np is None:
            np = self._relative_head(ss, cs) or self._which_subject(ss, cs) \
                or self._generic_subject(ss, cs, cue=cs)
        if np is None and re.search(r",\s*(?:going|went)\s+on\s+to$", pre) and last is not None \
                and last.np is not None:
            # '"...," Sanders said, going on to say that ...': the same speaker
            got = self._clause_after(m, last.np, ss, se)
            if got is not None:
                got.same_as = last
            return got
        if np is None and _COORD_VERB.search(pre):
            # "Cruz exhorted Republicans ... and said he was ...": the sentence's subject
            np = last.np if last is not None and last.np is not None else self._sentence_subject(ss, cs)
            if np is None or np.start >= cs:
                return None
            if _extra_verbs()[0].get(form):
                return self._extra(_extra_verbs()[0][form], m, np, ss, se)
            return self._clause_after(m, np, ss, se)
        # not "called": "denounced what Turnbull called X's 'reckless' actions" is the outer
        # speaker's content, with a label in it
        wh = _WH_BEFORE.search(t, max(ss, np.start - 8), np.start) \
            if np is not None and np.kind != "relative" and lex.verb_frame.get(form) != "call" else None
        if wh is not None and wh.group(1) == "which" and re.search(r"(?<![\w’'-])(?:in|of|on|at|by|for|with|from|under|to|about)\s+$",
                                        t[max(ss, wh.start(1) - 8):wh.start(1)]):
            wh = None  # "in which he continued his assault": not an object of the cue
        if wh is not None and np is not None:
            got = self._wh_clause(wh.start(1), np, m, se)
            if got is not None or not _THAT.match(t, ce + 1):
                return got  # "in which Democrats argued that ...": the that-clause, as usual
        if lex.verb_frame.get(form) == "call":
            return self._call(m, np, se) if np is not None else None
        extra = _extra_verbs()[0].get(form)
        if extra:
            return self._extra(extra, m, np, ss, se)
        if np is None:
            # inverted: "..., said X." / "“...” says X"
            if pre[-1:] in ",”\"'" and ce < se:
                np = np_after(t, ce + 1, se, lex)
                if np is None or np.kind == "pronoun":
                    return None
                comma = pre.rstrip(",").rstrip()
                a, b = _strip_end(t, ss, ss + len(comma))
                if b - a < 8:
                    return None
                tail = t[np.end:se]
                if tail.strip(" .") and not re.match(r"\s*(?:,|on|in|at|during|last|this|earlier|to|told|"
                                                    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)",
                                                    tail):
                    return None
                return self._finish(a, b, np, cs, ce, "", se, conf=0.75)
            return None
        # "As FT notes, ..."
        lead = t[ss:np.start]
        if re.search(r"(?:^|,\s*)(?:[Aa]s|[Ll]ike)\s+$", lead):
            at = t.find(",", ce, min(se, ce + 80))
            if at < 0:
                return None
            span = self._content(at + 1, se)
            if span is None:
                return None
            return self._finish(span[0], span[1], np, cs, ce, "", se, conf=0.7)
        # listener / venue / time between the cue and the content
        after = ce
        cue_end = ce
        venue = ""
        if lex.verb_frame.get(form) == "listener":
            after, suffix, venue = self.listener(ce, se)
            if suffix:
                cue_end = ce + len(suffix)
        rest = t[after:se]
        # postposed "CONTENT, X said (in an interview ...)." / parenthetical "A, X said, B." /
        # fronted adverbial "For his part, X said (that) ..." (the content follows the cue)
        before_np = t[ss:np.start].rstrip()
        if before_np.endswith((",", "”", "\"", "''")) and np.name != "which":
            tail = self._tail(after, se)
            if tail != "clause":
                if tail == "mid":
                    # "A, X said, B, although C": the content is the sentence, cut like any other
                    end = se
                    for cut in lex.cut_re.finditer(t, after + (t[after:after + 1] == ","), se):
                        if not self.in_quote(cut.start()):
                            end = cut.start()
                            break
                    a, b = _strip_end(t, ss, end)
                else:
                    a, b = _strip_end(t, ss, ss + len(before_np.rstrip(",")))
                    if _FRONTED.match(t, a) and "," not in t[a:b]:
                        return None  # "For his part, X said": a fronted phrase, not content
                    if len(_WORD.findall(t[a:b])) < 4:
                        # "The truth, Cruz said, is ...": too short to be the content by itself
                        if len(_WORD.findall(t[after:se])) < 3:
                            return None
                        a, b = _strip_end(t, ss, se)
                if b - a < 8 or not t[a].isalnum() and t[a] not in "\"“'`‘(":
                    return None
                venue = venue or self.venue_in(ce, se)
                # the content must not hold another attribution already found
                if any(c.qs <= a and c.qe >= b - 2 for c in self.sent_cands):
                    return None
                return self._finish(a, b, np, cs, cue_end, venue, se, conf=0.8)
        # "X said (on Monday / in a statement / in an interview with Y ...) that ..."
        venue = venue or self.venue_in(after, min(se, after + 140))
        that = _THAT.search(t, after, min(se, after + 140))
        if that and self._intent(form, after + 1) and lex.verb_frame.get(form) == "intent":
            that = None  # "pledged to push for a law that ...": the infinitive is the content
        if that and (_LEAD_OK.match(t[after:that.start()]) or _ADVERB_LEAD.fullmatch(t, after, that.start())
                     or lex.verb_frame.get(form) == "listener"
                     and _LISTENER_LEAD.fullmatch(t, ce, that.start())):
            # "told a meeting of Pacific Island leaders that ...": the listener, then the content
            span = self._content(that.start(), se)
        else:
            lead_m = _SKIP_LEAD.match(t, after)
            start = lead_m.end() if lead_m else after
            while start < se and t[start] in " ,:\u00a0":
                start += 1
            if start >= se or t[start] in "\"“'`" and not self._quote_opens_clause(start, se):
                return None  # a direct quote the quote rules did not take
            if _BAD_CONTENT_START.match(t, start) and not self._intent(form, start) \
                    and not (form in ("say", "says", "said") and _ABOUT_NUMBER.match(t, start)):
                return None
            if not rest.strip():
                return None
            span = self._content(start, se)
        if span is None:
            return None
        if _SUBORD_LEAD.fullmatch(t, ss, np.start) or np.kind == "relative" and np.name == "which":
            # "When X noted that A, B" and "the Commission, which contended that A, is ...": the
            # content ends with its clause
            span = self._clause_cut(span)
            if span is None:
                return None
        return self._finish(span[0], span[1], np, cs, cue_end, venue, se, conf=0.7)

    def _extra(self, frame: str, m: re.Match[str], np: NP | None, ss: int, se: int) -> Cand | None:
        """Cues of statement_verbs.csv: "accuse" ('X accused Y of Z': the object and the charge;
        active only, an object before "of"), "object" ('The IMF pointed to Britain's decision'),
        "topic" ('X spoke (out) (emotionally) (on Tuesday) of/about Y'). After a relative pronoun
        with a comma ('Berg, who accused the board of lying, said ...') the content ends with the
        relative clause."""
        t = self.text
        cs, ce = m.start(), m.end()
        if np is None or ce >= se or t[ce] != " ":
            return None
        cue_end = ce
        if frame == "accuse":
            if _ACCUSE.match(t, ce, se) is None \
                    or re.search(r"\b(?:was|were|is|are|be|been|being)\s+(?:[a-z]+ly\s+)?$", t[max(ss, cs - 20):cs]):
                return None
            span = self._content(ce + 1, se)
        elif frame == "object":
            span = self._content(ce + 1, se)
            if span is not None and _BAD_CONTENT_START.match(t, span[0]):
                return None
        elif frame == "topic":
            tm = _topic(t, ce, se)
            if tm is None:
                return None
            if _FINITE.match(t, tm.end()):
                return None  # "spoke of was changing ...": no topic phrase
            span, cue_end = self._content(tm.end(), se), tm.end(1)
        else:
            return None
        if span is not None and np.kind == "relative" and t[:np.start].rstrip()[-1:] in (",", "-", "—", "–"):
            span = self._clause_cut(span)
        if span is None:
            return None
        return self._finish(span[0], span[1], np, cs, cue_end, "", se, conf=0.6)

    def _wh_clause(self, a: int, np: NP, m: re.Match[str], se: int) -> Cand | None:
        """'what Trump says his tax plan would do', 'the test, which state media claimed now
        allows ...': the clause from the wh-word at ``a`` is the content (the cue inside it); it
        must go on after the cue ("what Trump said." alone is a reference)."""
        t = self.text
        cs, ce = m.start(), m.end()
        if ce + 1 >= se or t[ce] != " " or not t[ce + 1].isalnum() or _THAT.match(t, ce + 1):
            return None
        lead = _SKIP_LEAD.match(t, ce)
        if lead is not None and not t[lead.end():se].strip(" .,") or _SUBORD_IN.match(t, ce + 1) \
                or _TAIL_MOD.match(t, ce + 1):
            return None  # "what Wahl said when she resigned": an adverbial, no clause of content
        if _BAD_CONTENT_START.match(t, ce + 1) or re.match(r"(?:under|over|through|against|after|before)\b", t[ce + 1:]):
            return None  # "what it says about America", "which Cruz proposed under a flat rate"
        span = self._content(ce + 1, se)
        if span is None:
            return None
        if t[:a].rstrip()[-1:] in (",", "—", "–", "-"):
            span = self._clause_cut((a, span[1]))  # ", which she said was a mistake, was ...": the aside
            if span is None:
                return None
        b = span[1]
        cut = _WH_AND.search(t, ce, b)
        if cut is not None:
            b = _strip_end(t, ce, cut.start())[1]
        # "how experts say it would shape tax law has endured": the wh-clause is the subject of
        # the sentence; it ends before the main clause's own finite verb (a second auxiliary)
        fin = list(_FINITE.finditer(t, ce, b))
        if len(fin) >= 2 and not _SUBORD_IN.search(t, fin[0].end(), fin[1].start()) \
                and t[:fin[1].start()].rstrip()[-1:].isalnum():
            b = _strip_end(t, ce, fin[1].start())[1]
        if len(_WORD.findall(t[ce:b])) < 2:
            return None
        return self._finish(a, b, np, cs, ce, "", se, conf=0.6, wh=True)

    def _which_subject(self, ss: int, cs: int) -> NP | None:
        """'the European Union, which contended that ...': "which" names the speaker and stands
        for the phrase before the comma or dash."""
        t = self.text
        m = _WHICH_SUBJ.search(t, max(ss, cs - 40), cs)
        if m is None:
            return None
        ref = np_before(t, ss, m.start(), self.lex, appositive=False)
        if ref is None or ref.kind == "pronoun" or t[ref.start:ref.end].endswith(("’s", "'s")):
            return None
        if ref.kind == "noun" and ref.noun_type == "person" and not ref.role[:1].isupper():
            return None  # "a quarter, which adds", "this banner, which confirms": not a speaker
        return NP(m.start(1), m.end(1), m.start(1), m.end(1), "which", "relative", ref=ref)

    def _head_word(self, ss: int, hi: int) -> NP | None:
        """The noun right before ``hi`` as a bare role phrase ("... families of the victims, many
        of whom say"): what a relative phrase stands for when no word list knows it."""
        t = self.text
        w = re.search(r"([A-Za-z][\w’'-]*)\s*$", t[max(ss, hi - 40):hi])
        if w is None or w.group(1).lower() in self.lex.function_words:
            return None
        a = max(ss, hi - 40) + w.start(1)
        return NP(a, a + len(w.group(1)), a, a + len(w.group(1)), w.group(1), "noun", role=w.group(1))

    def _relative_head(self, ss: int, cs: int) -> NP | None:
        """'an architect who said ...': no comma before "who", a head noun no word list knows;
        the speaker is named by "who", which stands for the indefinite phrase."""
        t = self.text
        q = _REL_QUANT.search(t, max(ss, cs - 40), cs)
        if q is not None:
            # "family members of victims, many of whom say ...": the phrase before the comma
            ref = np_before(t, ss, q.start(), self.lex, appositive=False) or self._head_word(ss, q.start())
            if ref is not None and ref.kind != "pronoun":
                return NP(q.start(1), q.end(1), q.start(1), q.end(1), t[q.start(1):q.end(1)], "relative", ref=ref)
        m = _REL_HEAD.search(t, max(ss, cs - 120), cs)
        if m is None or m.group(2) in self.lex.function_words or m.group(2) in self.lex.verb_kind:
            return None
        a, b = m.span(1)
        ref = NP(a, b, a, b, t[a:b], "noun", role=m.group(2))
        return NP(m.start(3), m.end(3), m.start(3), m.end(3), "who", "relative", ref=ref)

    def _clause_cut(self, span: tuple[int, int]) -> tuple[int, int] | None:
        """The content of a subordinate clause ends at its first comma or dash outside quotes."""
        t = self.text
        a, b = span
        for cut in _CLAUSE_BREAK.finditer(t, a, b):
            if not self.in_quote(cut.start()):
                b = _strip_end(t, a, cut.start())[1]
                break
        if len(_WORD.findall(t[a:b])) < 3:
            return None
        return a, b

    def _summoned(self, m: re.Match[str], ss: int, se: int) -> Cand | None:
        """'Russia summoned France's ambassador to denounce ...': a protest delivered in person is
        a statement by the subject; the verbs of kind "act" (denounce, condemn, protest) count only
        here. The content is the object, up to a following cause ('following ...', 'over ...')."""
        t = self.text
        sm = _SUMMONED.search(t, max(ss, m.start() - 120), m.start())
        if sm is None:
            return None
        np = self._sentence_subject(ss, sm.start())
        if np is None or np.kind == "pronoun" or np.end > sm.start():
            return None
        span = self._content(m.end(), se)
        if span is None:
            return None
        cut = _CAUSE.search(t, span[0], span[1])
        b = _strip_end(t, span[0], cut.start())[1] if cut else span[1]
        if len(_WORD.findall(t[span[0]:b])) < 2:
            return None
        return self._finish(span[0], b, np, sm.start(), m.end(), "", se, conf=0.6)

    def _intent(self, form: str, start: int) -> bool:
        """'promised/pledged/vowed to ...', 'asked/told X to ...': the infinitive is the content."""
        return self.lex.verb_frame.get(form) in ("intent", "listener") and self.text.startswith("to ", start)

    def _call(self, m: re.Match[str], np: NP, se: int) -> Cand | None:
        """'X called for/on ...' (content after for/on) and 'X called Y "..."' (needs a quote)."""
        t = self.text
        cs, ce = m.start(), m.end()
        fm = re.match(r"\s+(?:(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|"
                      r"yesterday|again|also)\s+)?(?:for|on)\s+", t[ce:se])
        if fm:
            span = self._content(ce + fm.end(), se)
            if span is not None:
                # "called for cutting the rate, but Mrs. Clinton would leave it": what was called
                # for is a phrase; a new clause with its own named subject is not part of it
                nc = _NEW_CLAUSE.search(t, span[0], span[1])
                if nc is not None and not self.in_quote(nc.start()):
                    span = (span[0], _strip_end(t, span[0], nc.start())[1])
            return None if span is None else self._finish(span[0], span[1], np, cs, ce + fm.end() - 1, "", se,
                                                          conf=0.6)
        span = self._content(ce + 1, se)
        if span is None:
            return None
        if not self.quotes_in(span[0], span[1] + 1):
            # 'X called the charges unsubstantiated': object + judgement, no quote marks; not
            # 'called the police to the scene' / 'called him back' / 'called off the talks'
            words = _WORD.findall(t[span[0]:span[1]])
            # 'called her vote for the war a mistake', 'called the election a sham': a possessive or
            # "the" object, then an "a/an" complement, is a judgement whatever the object's noun
            art = next((k for k in range(2, min(16, len(words))) if words[k].lower() in ("a", "an")), 0)
            judged = words[0].lower() in ("her", "his", "their", "its", "the") and art > 0 \
                and words[art - 1].lower() not in self.lex.function_words \
                and not any(w.lower() in _CALL_AWAY for w in words[1:art])
            if t[m.start():m.end()].lower().startswith("calling") or len(words) > (35 if judged else 25) \
                    or words[0].lower() in _CALL_FIRST \
                    or not judged and any(w.lower() in _CALL_STOP for w in words[:5]) \
                    or np.kind == "noun" and np.noun_type == "document":
                return None
        return self._finish(span[0], span[1], np, cs, ce, "", se, conf=0.6)

    def _clause_after(self, m: re.Match[str], np: NP, ss: int, se: int) -> Cand | None:
        """Content after a cue whose subject is known: "(that) ..." to the end of the sentence."""
        t = self.text
        cs, ce = m.start(), m.end()
        that = _THAT.search(t, ce, min(se, ce + 140))
        if that and _LEAD_OK.match(t[ce:that.start()]):
            span = self._content(that.start(), se)
        else:
            lead_m = _SKIP_LEAD.match(t, ce)
            start = lead_m.end() if lead_m else ce
            if start >= se or _BAD_CONTENT_START.match(t, start):
                return None
            span = self._content(start, se)
        if span is None or t[span[0]] in "\"“'`" and not self.quotes_in(span[0], span[1] + 1)[:1]:
            return None
        return self._finish(span[0], span[1], np, cs, ce, "", se, conf=0.6)

    def _tail(self, after: int, se: int) -> str:
        """What follows a cue whose subject comes after a comma: "end" (only modifiers: the
        content was before), "mid" (", <clause>": the attribution sits inside the sentence) or
        "clause" (the content follows the cue)."""
        t = self.text
        that = _THAT.search(t, after, min(se, after + 140))
        if that and _LEAD_OK.match(t[after:that.start()]):
            return "clause"
        rest = t[after:min(se, after + 400)].strip()
        rest = rest.rstrip(".!?\"”' ")
        if not rest:
            return "end"
        if _TAIL_MOD.match(rest):
            # "said in a June report, and those in the bottom fifth paid 0.8 percent": after the
            # modifiers the sentence goes on with a clause of the content
            comma = rest.find(",")
            if comma < 0:
                return "end"
            rest = rest[comma:]
        if rest.startswith(","):
            nxt = rest[1:].lstrip()
            if _TAIL_MOD.match(nxt) or _TAIL_END.match(nxt) or len(_WORD.findall(nxt)) < 3:
                gm = _GERUND_SUBJ.match(nxt)
                if gm is not None and gm.group(1) not in self.lex.verb_kind:
                    return "mid"  # "A, he said, replacing Clinton would be harder": a subject
                return "end"
            return "mid"
        return "clause"

    def _subject_ok(self, ss: int, np: NP) -> bool:
        """A subject after a fronted phrase: "In a statement, X said", "On Monday X said"."""
        lead = self.text[ss:np.start]
        return bool(re.match(r"^(?:[A-Z][\w’'-]*(?:\s+[\w’'-]+){0,6}\s*,\s*)$", lead)) or not lead.strip()

    def _gerund(self, m: re.Match[str], ss: int, se: int, last: Cand | None) -> Cand | None:
        t, lex = self.text, self.lex
        cs, ce = m.start(), m.end()
        pre = t[ss:cs].rstrip()
        np: NP | None = None
        same = None
        pm = re.search(r"\b(for|after|by|while|when|in|from|before|without|and|despite)$", pre)
        if re.search(r",\s*(?:even|also|again|then|later|repeatedly|often|once\s+again)$", pre):
            pre = pre[:pre.rindex(",") + 1]  # "..., even suggesting he may have been sabotaged"
        if pm and pm.group(1) == "for":
            np = np_before(t, ss, ss + pm.start(), lex)  # "blasted X for saying"
        elif pm and pm.group(1) == "and":
            np = self._sentence_subject(ss, cs)  # "X and Y vied ..., each touting ... and saying ..."
        elif pre.rstrip("\"”'").endswith(",") or pm:
            if last is not None and last.np is not None and last.np.kind == "relative" \
                    and t[last.np.start - 1:last.np.start] != ",":
                last = None  # "... an architect who said ..., saying": the main clause's subject
            if last is not None:
                same = last
            else:
                np = self._sentence_subject(ss, cs)
        else:
            return None
        if np is None and same is None:
            return None
        that = _THAT.match(t, ce + 1) if ce + 1 < se else None
        start = that.start() if that else ce + 1
        if lex.verb_frame.get(m.group().lower()) == "call":
            fm = re.match(r"\s+(?:for|on)\s+", t[ce:se])  # ", calling for ...": content after "for"
            if fm is None:
                return None
            start, ce = ce + fm.end(), ce + fm.end() - 1
        elif _extra_verbs()[0].get(m.group().lower()) == "topic":
            tm = _topic(t, ce, se)  # ", speaking of Clinton's health": the topic
            if tm is None:
                return None
            start, ce = tm.end(), tm.end(1)
        elif _extra_verbs()[0].get(m.group().lower()) == "accuse" and _ACCUSE.match(t, ce, se) is None:
            return None
        if start < se and t[start] in "\"“":
            pass
        span = self._content(start, se)
        if span is not None and pm is not None and pm.group(1) not in ("for", "and") \
                and t[ss:ss + pm.start()].rstrip().endswith(","):
            span = self._clause_cut(span)  # "Ryan, despite admitting that A, voted ...": A only
        if span is None or _BAD_CONTENT_START.match(t, span[0]) and not self._intent(m.group().lower(), span[0]):
            return None
        cand = self._finish(span[0], span[1], np if np is not None else (same.np if same else None),
                            cs, ce, "", se, conf=0.6)
        if cand is not None and same is not None:
            cand.same_as = same
        return cand

    def _sentence_subject(self, ss: int, hi: int) -> NP | None:
        """The subject at the start of a sentence (after a fronted 'On Monday,')."""
        t = self.text
        p = ss
        m = re.match(r"[A-Z][\w’'-]*(?:\s+[\w’'-]+){0,9}\s*,\s*(?:(?:however|though|meanwhile|too|also)\s*,\s*)?",
                     t[ss:hi])
        np = np_after(t, p, hi, self.lex)
        if np is None and m:
            np = np_after(t, ss + m.end(), hi, self.lex)
        if np is None:
            # "Mr. Schultz generally supported Democrats ..., and said": a name, then a lowercase word
            for st in (ss, ss + m.end()) if m else (ss,):
                nm = _NAME_SUBJ.match(t, st, hi)
                if nm is not None:
                    got = np_before(t, st, nm.end(), self.lex, appositive=False)
                    if got is not None and got.kind == "name" and got.start == st:
                        return got
        if np is None:
            np = self._generic_subject(ss, hi)
        if np is None:
            # "His ex-wife agreed, but also contended that ...": a possessive subject, then a verb
            pm = _POSS_SUBJ.match(t, ss, hi)
            if pm is not None and pm.group(2) not in self.lex.function_words:
                np = NP(pm.start(1), pm.end(1), pm.start(1), pm.end(1), pm.group(1), "noun", role=pm.group(2))
        return np

    def _quote_opens_clause(self, start: int, se: int) -> bool:
        """'said "budget reforms" and the collection of taxes would pay for it': a short quoted
        fragment (no statement by itself) that the clause goes on after."""
        t = self.text
        q = self.quotes_in(start, se)
        if not q or q[0][0] != start or _is_long(t, *q[0]):
            return False
        return bool(re.match(r"\s+[a-z][\w’'-]*(?:\s+[\w’'-]+){2}", t[q[0][1]:se]))

    def _generic_subject(self, ss: int, hi: int, cue: int | None = None) -> NP | None:
        """'(In a column on Monday,) two Democratic speechwriters implored her ...': a plural
        noun phrase no word list knows, opening the sentence (after a fronted phrase) and
        followed by a verb (a past tense, an auxiliary) or, when ``cue`` is given, by nothing but
        auxiliaries and adverbs up to the cue."""
        t, lex = self.text, self.lex
        starts = [ss]
        fm = re.match(r"[A-Z][\w’'-]*(?:\s+[\w’'-]+){0,14}\s*,\s*", t[ss:hi])
        if fm:
            starts.append(ss + fm.end())
        for st in starts:
            g = _GENERIC_SUBJ.match(t, st, hi)
            if g is None or g.group(2) in lex.function_words or g.group(2) in lex.verb_kind \
                    or g.group(2) in lex.aux or g.group(2) in _NOT_PLURAL \
                    or any(w.lower() in lex.verb_kind or w.lower() in lex.aux for w in g.group(1).split()[1:]):
                continue
            if cue is not None and t[cue:cue + 12].split()[0].lower() in _NOUN_SENSE:
                continue  # "The strong jobs report has cleared the way": a noun, not a cue
            if cue is not None:
                gap = t[g.end():cue].split()
                if not all(w.lower() in lex.aux or w.lower() in lex.adverbs or w.lower() in ("all", "both")
                           for w in gap):
                    continue
            else:
                nxt = re.match(r"[a-z]+", t[g.end():hi])
                if nxt is None or not (nxt.group().endswith("ed") or nxt.group() in lex.aux):
                    continue
            a, b = g.span(1)
            return NP(a, b, a, b, t[a:b], "noun", role=g.group(2))
        return None

    def _according(self, m: re.Match[str], ss: int, se: int) -> Cand | None:
        t = self.text
        pre = t[ss:m.start()].rstrip()
        np = np_after(t, m.end() + 1, se, self.lex) if m.end() < se else None
        if np is None and m.end() < se:
            # "according to federal statistics": any short phrase up to the comma or the end
            ph = re.match(r"\s+((?:[\w’'.-]+\s+){0,6}?[\w’'-]+)\s*(?:[,.;]|$)", t[m.end():se])
            if ph and not re.fullmatch(r"(?:he|she|they|it|we|I|you|him|her|them|us|me)", ph.group(1), re.IGNORECASE):
                a0, b0 = m.end() + ph.start(1), m.end() + ph.end(1)
                np = NP(a0, b0, a0, b0, t[a0:b0], "noun", role=t[a0:b0].split()[-1], noun_type="document")
        if np is None:
            return None
        if not pre or re.fullmatch(r"(?:[Bb]ut|[Aa]nd|[Yy]et|[Ss]o|[Hh]owever|[Bb]esides)\s*,?", pre) or (
                _FRONTED.match(pre) and pre.endswith(",") and len(pre) < 50
                and t.find(",", np.end, min(se, np.end + 120)) >= 0):
            comma = t.find(",", np.end, min(se, np.end + 120))
            if comma < 0:
                return None
            span = self._content(comma + 1, se)
            if span is None:
                return None
            return self._finish(span[0], span[1], np, m.start(), m.end(), "", se, conf=0.75)
        if pre.endswith((",", "—", "–", "--")):
            a, b = _strip_end(t, ss, ss + len(pre.rstrip(",—–-").rstrip()))
            if b - a < 8:
                return None
            return self._finish(a, b, np, m.start(), m.end(), "", se, conf=0.75)
        return None

    def _noun(self, m: re.Match[str], ss: int, se: int) -> Cand | None:
        """'X's comments to The Economist last week that ...'."""
        t = self.text
        pm = re.search(r"([’']s)\s+(?:[a-z]+\s+)?$", t[max(ss, m.start() - 30):m.start()])
        if not pm:
            return None
        apos = max(ss, m.start() - 30) + pm.start()
        np = np_before(t, ss, apos, self.lex)
        if np is None or np.kind == "pronoun":
            return None
        that = re.compile(r"\s+that\s+").search(t, m.end(), min(se, m.end() + 100))
        if not that or re.search(r"[,.;:!?\"“”]", t[m.end():that.start()]):
            return None
        venue = ""
        vm = re.match(r"\s+to\s+", t[m.end():m.end() + 12])
        if vm:
            vnp = np_after(t, m.end() + vm.end(), that.start(), self.lex)
            if vnp is not None and vnp.kind != "pronoun":
                surface = t[vnp.start:vnp.end]
                venue = self.venue_name(surface) or self.venue_name(vnp.name) or surface
        span = self._content(that.start() + 1, se)
        if span is None:
            return None
        return self._finish(span[0], span[1], np, m.start(), m.end(), venue, se, conf=0.6)

    def _finish(self, a: int, b: int, np: NP | None, cs: int, ce: int, venue: str, se: int,
                *, conf: float, wh: bool = False) -> Cand | None:
        t = self.text
        if b <= a or not (t[a].isalnum() or t[a] in "\"“'`‘("):
            return None  # "claims Republican – a 2 to 1 margin"
        if np is not None:
            if t[np.start:np.end].endswith(("’s", "'s")):
                return None  # a possessive is not a speaker
            if not wh and re.search(r"\b(?:what|how|whatever)\s*$", t[max(0, np.start - 12):np.start]):
                return None  # "what Trump says his plan would do": a reference, not a statement
        kind = "indirect"
        inner = self.quotes_in(a, b + 1)
        if inner:
            if len(inner) == 1 and inner[0][0] <= a + 1 and inner[0][1] >= b - 1:
                kind = "direct"
            elif any(not _TITLE_BEFORE.search(self.text, max(0, q[0] - 20), q[0]) for q in inner):
                kind = "mixed"
        return Cand(a, b, kind, np, cs, ce, venue=venue, cue_text=self.text[cs:ce], confidence=conf)


def _overlap(a: Cand, b: Cand) -> float:
    inter = min(a.qe, b.qe) - max(a.qs, b.qs)
    if inter <= 0:
        return 0.0
    return inter / min(a.qe - a.qs, b.qe - b.qs)


def article_statements(text: str, *, article_id: str = "", published: Any = None,
                       kb_cache: dict[Any, Any] | None = None, use_mentions: bool = False,
                       country: str = "") -> list[dict[str, Any]]:
    """Statement records (the statements table's columns) for one article text.
    ``kb_cache`` may be shared between articles of one batch (knowledge-base lookups).
    ``country`` (ISO3, the outlet's) says whose "the President" an unresolved role noun is."""
    lex = lexicon()
    res = Resolver(text, lex, published, kb_cache if kb_cache is not None else {}, use_mentions=use_mentions,
                   country=country)
    art = _Article(text, lex, res)
    art.direct()
    art.indirect()
    art.split_coordinated()
    art.split_inner_cues()
    art.orphans()
    kept: list[Cand] = []
    starts: list[int] = []  # kept, sorted by start; only near neighbours can overlap much
    for c in sorted(art.cands, key=lambda c: (c.kind != "direct", c.qs)):
        if c.np is None and c.same_as is None:
            continue
        i = bisect.bisect_left(starts, c.qs)
        if any(_overlap(c, kept[j]) > 0.5 for j in range(max(0, i - 4), min(len(kept), i + 4))):
            continue
        starts.insert(i, c.qs)
        kept.insert(i, c)
    kept.sort(key=lambda c: c.np.start if c.np is not None else c.qs)
    ents: dict[int, Any] = {}
    triggers: dict[tuple[int, int], bool] = {}
    records = []
    for c in kept:
        np = c.np
        if c.same_as is not None and id(c.same_as) in ents:
            ent = ents[id(c.same_as)]
            np = c.same_as.np
        elif np is not None:
            ent = res.resolve(np)
        else:
            continue
        ents[id(c)] = ent
        assert np is not None
        if ent.type == "unknown" and np.kind == "pronoun" and np.name.lower() in _FIRST_SECOND:
            continue  # "I said", "you say": the writer or the reader, not a source we can name
        lo = min(c.qs, np.start, c.cs if c.cs is not None else c.qs)
        hi = max(c.qe, np.end, c.ce if c.ce is not None else c.qe)
        date, date_text, basis = _date(text, lo, hi, published, c, triggers)
        sid = hashlib.sha1(f"{article_id}:{c.qs}:{c.qe}".encode()).hexdigest()[:16]
        records.append({
            "statement_id": sid, "article_id": article_id, "kind": c.kind,
            "quote": text[c.qs:c.qe], "quote_start": c.qs, "quote_end": c.qe,
            "speaker": ent.name or np.name, "speaker_start": np.name_start, "speaker_end": np.name_end,
            "speaker_id": ent.entity_id or None, "speaker_type": ent.type or "unknown",
            "speaker_role": ent.role or np.role or None, "speaker_country": ent.country or None,
            "cue": c.cue_text or None, "cue_start": c.cs, "cue_end": c.ce, "venue": c.venue or None,
            "statement_date": date, "date_text": date_text, "date_basis": basis,
            "confidence": c.confidence if np.kind != "pronoun" else c.confidence - 0.1,
        })
    records.sort(key=lambda r: r["quote_start"])
    return records


@lru_cache(maxsize=1)
def _date_words() -> frozenset[str]:
    """Words without which no date expression can match (weekdays, months, the last word of
    every relative phrase, 'ago'; years are checked apart): lets us skip statement_date where
    it would fall back to the publication date anyway. Read from the dates module's word list."""
    words = {"ago"}
    path = _paths.LEXICONS / "date_words.csv"
    if path.exists():
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                kind, word = (row.get("kind") or "").strip(), (row.get("word") or "").strip().lower()
                if kind in ("weekday", "month", "month_abbr", "ago_unit") and word:
                    words.add(word)
                elif kind == "relative" and word:
                    words.add(word.split()[-1])
    return frozenset(words | {w + "s" for w in words})


_LOWER_WORD = re.compile(r"[a-z]+")
_YEAR_RE = re.compile(r"(?:1[89]|20)\d\d")


def _date_triggers(text: str, a: int, b: int) -> bool:
    """Does text[a:b] hold a word that can start or end a date expression?"""
    para = text[a:b]
    return bool(_YEAR_RE.search(para)) or not _date_words().isdisjoint(_LOWER_WORD.findall(para.lower()))


def _date(text: str, lo: int, hi: int, published: Any, c: Cand,
          triggers: dict[tuple[int, int], bool] | None = None) -> tuple[Any, Any, str]:
    fallback = (published if published is not None and not _isna(published) else None, None, "published")
    if _statement_date is None:
        return fallback
    if triggers is not None:
        # statement_date looks at the sentences around the statement, never across a newline
        # the paragraph(s) around the statement, from a window of at most 3,000 characters
        nl = text.find("\n", hi, hi + 3000)
        start = text.rfind("\n", max(0, lo - 3000), lo) + 1 or max(0, lo - 3000)
        para = (start, min(len(text), hi + 3000) if nl < 0 else nl)
        if para not in triggers:
            triggers[para] = _date_triggers(text, *para)
        if not triggers[para]:
            return fallback  # no date word in the paragraph, where statement_date looks
    try:
        return _statement_date(text, lo, hi, published=published, cue_start=c.cs, cue_end=c.ce,
                               quote_start=c.qs, quote_end=c.qe)
    except TypeError:
        try:
            return _statement_date(text, lo, hi, published=published)
        except Exception as exc:  # noqa: BLE001  a date problem never loses the statement
            log.debug("statement_date failed: %r", exc)
            return fallback
    except Exception as exc:  # noqa: BLE001  a date problem never loses the statement
        log.debug("statement_date failed: %r", exc)
        return fallback


def _isna(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def extract_statements(articles: pd.DataFrame, *, use_mentions: bool = False) -> pd.DataFrame:
    """The statements table of ``articles`` (a frame with article_id and text, optionally
    published). The input is not modified. An article whose text is missing or not a string
    is skipped and logged; the count is in ``result.attrs["skipped"]``.

    ``use_mentions=True`` lets a "he"/"she" or "the minister" that the article's own names do
    not resolve fall back on toolkit.extract.mentions (KB officials met by surname only).
    Off by default: building the mention index costs about 0.3-0.5 s once per process."""
    if not isinstance(use_mentions, bool):
        raise TypeError(f"use_mentions must be a bool, got {use_mentions!r}")
    schema.validate(articles, "articles", required=("article_id", "text"), name="articles")
    has_pub = "published" in articles.columns
    records: list[dict[str, Any]] = []
    skipped = 0
    cache: dict[Any, Any] = {}
    ids = articles["article_id"].tolist()
    texts = articles["text"].tolist()
    pubs = articles["published"].tolist() if has_pub else [None] * len(ids)
    # the outlet's country: "the President" with no antecedent is that country's
    countries = [c if isinstance(c, str) else "" for c in articles["outlet_country"].tolist()] \
        if "outlet_country" in articles.columns else [""] * len(ids)
    for aid, text, pub, country in zip(ids, texts, pubs, countries):
        if not isinstance(text, str):
            skipped += 1
            log.warning("article %r skipped: text is %s, not str", aid, type(text).__name__)
            continue
        if pub is not None and _isna(pub):
            pub = None
        try:
            records.extend(article_statements(text, article_id=str(aid), published=pub, kb_cache=cache,
                                              use_mentions=use_mentions, country=country))
        except Exception as exc:  # noqa: BLE001  one bad article never loses the batch
            skipped += 1
            log.warning("article %r skipped: statements failed: %r", aid, exc)
    out = schema.from_records(records, "statements")
    out.attrs["skipped"] = skipped
    return out
