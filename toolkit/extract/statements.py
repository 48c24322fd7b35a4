"""Statements: who said what, how, where and when.

    import toolkit as tk
    statements = tk.extract_statements(articles)   # any frame with article_id and text

One row per attributed statement (the statements table of DESIGN.md). Pure rules over
paragraphs, sentences and quote marks (no parser), with compiled regexes built from the word
lists in datasets/lexicons/ (reporting_verbs.csv, cue_nouns.csv, cue_modifiers.csv, ...). This
module holds the direct-quote rules and the public functions; the indirect-speech rules are in
toolkit/extract/indirect.py, the shared patterns and per-article base in toolkit/extract/_rules.py:

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
from functools import lru_cache
from typing import Any

import pandas as pd

from toolkit import _paths, schema
from toolkit.extract._rules import (
    _COORD_END,
    _FIRST_SECOND,
    _NOUN_COLON,
    _WORD,
    Cand,
    _is_long,
    _statement_date,
    _strip_end,
)
from toolkit.extract.cues import lexicon
from toolkit.extract.indirect import IndirectRules
from toolkit.extract.quotes import _family
from toolkit.extract.speakers import Resolver, np_after, np_before

log = logging.getLogger(__name__)


class _Article(IndirectRules):
    """Candidate statements of one article text: the direct-quote rules on top of the
    indirect ones (toolkit/extract/indirect.py) and the shared base (toolkit/extract/_rules.py)."""

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
