"""Indirect speech: "X said (that) ...", gerunds and participles (", arguing that ..."),
relative and subordinate clauses ("who said", "X, which contended that", "When X noted that"),
"according to", noun cues, "called for", summons, and where each content ends. A layer of
toolkit/extract/statements.py's per-article rules (see its docstring for the whole picture)."""
from __future__ import annotations

import bisect
import re

from toolkit.extract._rules import (
    _ABOUT_NUMBER,
    _ACCUSE,
    _ADVERB_LEAD,
    _BAD_CONTENT_START,
    _CALL_AWAY,
    _CALL_FIRST,
    _CALL_STOP,
    _CAP_WORD,
    _CAUSE,
    _CLAUSE_BREAK,
    _CONTRACTED,
    _COORD_VERB,
    _FINITE,
    _FRONTED,
    _GENERIC_SUBJ,
    _GERUND_SUBJ,
    _LEAD_OK,
    _LISTENER_LEAD,
    _NAME_SUBJ,
    _NEW_CLAUSE,
    _NOT_PLURAL,
    _NOUN_SENSE,
    _OBJECT_SENSE,
    _PARTICIPLE_ASIDE,
    _POSS_SUBJ,
    _REL_HEAD,
    _REL_QUANT,
    _SKIP_LEAD,
    _SUBORD_IN,
    _SUBORD_LEAD,
    _SUMMONED,
    _TAIL_END,
    _TAIL_MOD,
    _THAT,
    _TITLE_BEFORE,
    _WH_AND,
    _WH_BEFORE,
    _WHICH_SUBJ,
    _WORD,
    ArticleBase,
    Cand,
    _extra_verbs,
    _is_long,
    _strip_end,
    _topic,
)
from toolkit.extract.speakers import NP, np_after, np_before


class IndirectRules(ArticleBase):
    """The indirect-speech rules of one article (see the module docstring)."""

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
