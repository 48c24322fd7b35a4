"""Direct quotes: a quote of 4+ words (or ending in sentence punctuation) with its attribution
after it (`"...," Peskov said.` / `"...," said the mayor`), before it (`Trump said: "..."`,
inverted `Said Ellis: "..."`), in the previous sentence ending in a colon (`Caddell continued:`,
`X made the following comment:`), or a closing byline dash (`"..." ― Name`); a paragraph that is
only a quote after a paragraph whose last statement has a speaker (orphans). One family of the
statement rules, over the shared per-article model (model.py)."""
from __future__ import annotations

import bisect
import re

from toolkit.extract.quotes import quote_family
from toolkit.extract.speakers import DETS, NP, TIME_WORDS, np_after, np_before
from toolkit.extract.statements.indirect import lead_gerund, tail
from toolkit.extract.statements.model import WORD, Article, Cand, is_long, strip_end
from toolkit.extract.statements.subjects import phrase_np

# "made the following comment:" / "issued this statement:" closing a sentence before a quote
# words before a name after a quote: "columnist", "organizing director", "former State policy planning director"
_OCCUPATION = re.compile(r"(?:[\w.’'-]+\s+){1,6}")
_NOUN_COLON = re.compile(r"\b((?:made|issued|released|posted|gave|offered|delivered|had)\s+(?:the|a|an|this|these|"
                         r"following|his|her|their|its|\s)*)(\w+)\s*:$")


def find(art: Article) -> None:
    t = art.text
    sents = art.sents
    for si, (ss, se) in enumerate(sents):
        for qa, qb in art.quotes_ending_in(ss, se):
            short = not is_long(t, qa, qb)
            if short and not _short_turn(t, qa, qb, ss) and not (
                    qb >= se - 1 and re.search(r"[,:]\s*$", t[ss:qa]) and WORD.search(t, qa, qb)):
                continue
            if any(c.qs <= qa < c.qe for c in art.cands):
                continue
            cand = _after(art, qa, qb, se)
            if short and cand is None and qb >= se - 1 and t[qa:qb].rstrip("\"”'’»")[-1:] in ".!?" \
                    and re.search(r"[,:]\s*$", t[ss:qa]):
                cand = _before(art, qa, qb, ss)  # 'Asked if he would quit, Berg said, "Never."'
                if cand is not None and cand.np is not None and (
                        cand.np.kind == "pronoun" and cand.np.name.lower() not in ("he", "she")
                        or re.search(r"\bas\s*$", t[max(ss, cand.np.start - 4):cand.np.start])):
                    if cand.cs is not None:
                        art.used_cues.discard(cand.cs)
                    cand = None  # 'It says: "A City for Life."', 'as they said in Moscow, "..."'
            if short:  # '"Absolutely," she said.': only an attribution right after it
                if cand is not None:
                    art.cands.append(cand)
                    art.merge_next(cand, si)
                continue
            cand = cand or _before(art, qa, qb, ss) or _colon(art, qa, qb, si)
            at = si
            if cand is None and qb >= se - 1 and si + 1 < len(sents):
                # '“...?” Graham asked. “...”': the attribution was split off as a sentence
                ns, ne = sents[si + 1]
                asked = t[qa:qb].rstrip("\"”'’»")[-1:] in "?!"
                if not t[se:ns].count("\n") and (len(WORD.findall(t[ns:ne])) <= 12 or asked):
                    cand = _after(art, qa, qb, ne)
                    if cand is not None and (cand.np is None or cand.np.start - ns > 4 or cand.ce is None
                                             or tail(art, cand.ce, ne) != "end"
                                             and not (asked and _no_clause(t, cand.ce, ne))):
                        if cand.cs is not None:
                            art.used_cues.discard(cand.cs)
                        cand = None  # "She says it underscores ...": a new statement
                    at = si + 1
            if cand is None:
                continue
            lead = t[ss:qa]
            if lead_gerund(art, ss, qa) is not None and cand.cs is not None and cand.cs > qb:
                art.used_cues.discard(cand.cs)
                continue  # 'Calling the plan "a disaster," Berg urged ...': the participle's content
            inner = t[qa:qb].lstrip("\"“'` ")
            fragment = inner[:1].islower() and not art.lex.verb_re.search(lead) \
                and not re.search(r"[:;!?\"“”]", lead) and len(WORD.findall(lead)) >= 3
            if lead.strip() and cand.cs is not None and cand.cs > qa and (fragment or (
                    len(WORD.findall(lead)) <= 4 and not re.search(r"[,:;.!?\"“”]", lead))):
                # 'Mills "got an immunity agreement," Jordan said' and 'Her plans send a clear
                # message that a top priority "is increasing the tax," Mr. Kamin said': the
                # sentence the quoted words complete is the content
                # 'Mills "got an immunity agreement," Jordan said': the subject is content too
                cand.qs = ss
                cand.kind = "mixed"
            if cand.cs is not None and cand.cs < qa and cand.qe == qb:
                _run_on(art, cand, se)
                _fronted_part(art, cand, ss, inner)
            art.cands.append(cand)
            art.merge_next(cand, at)


# a lead clause that is part of what is said ('If he wins, she said, "..."'), not a circumstance
_COND_LEAD = re.compile(r"(?:If|Unless|While|Whether|Once|Even if|As for)\s")


def _fronted_part(art: Article, cand: Cand, ss: int, inner: str) -> None:
    """'No name change, he said, "hides what it really is."' / 'If he wins, Berg said, "..."':
    an attribution set between the two parts of what is said; the part before it is content
    too (PolNeAR's convention) when the quote goes on from it in lowercase or it is a condition."""
    t = art.text
    if cand.np is None or cand.ce is None or cand.np.start <= ss:
        return
    lead = t[ss:cand.np.start].rstrip()
    if not lead.endswith(",") or re.search(r"[\"“”„«»]|''", lead) or not 2 <= len(WORD.findall(lead)) <= 18 \
            or not re.fullmatch(r"\s*,\s*", t[cand.ce:cand.qs]):
        return
    if not (inner[:1].islower() or _COND_LEAD.match(lead)) or lead_gerund(art, ss, cand.np.start) is not None:
        return
    cand.qs = ss
    cand.kind = "mixed"


def _run_on(art: Article, cand: Cand, se: int) -> None:
    """'Trump said "the fear is as high as it's ever been" in the establishment': a quote
    with no closing punctuation of its own that the sentence goes on from, in lowercase, is
    part of a content that runs to the clause's end (the next comma, semicolon or dash)."""
    t, qb = art.text, cand.qe
    inner = t[cand.qs:qb].rstrip("\"”'’»` ")
    m = _RUN_ON.match(t, qb, se)
    if not inner or inner[-1] in ".,;:!?…-—" or m is None or art.lex.verb_re.match(t, m.end(1)) \
            or art.lex.verb_re.match(t, m.end()):
        return
    end = se
    for x in re.finditer(r"[,;(\u2014\u2013]|\s-+\s", t[qb:se]):
        if not art.in_quote(qb + x.start()):
            end = qb + x.start()
            break
    end = strip_end(t, qb, end)[1]
    if end > qb:
        cand.qe = end
        cand.kind = "mixed"


# verb forms the lexicon leaves out as nouns ("EU states"), a cue right after a quote and its subject
_QUOTE_VERB = re.compile(r"(?<=\s)(?:states|state|concludes|conclude)(?=[\s.,;]|$)")
# a lowercase word going on from a quote, not a new clause ('"..." as he promised', '"..." and declared')
_RUN_ON = re.compile(r"\s+(?!(?:as|and|but|or|while|which|who|he|she|they|it|said|says)\b)([a-z][\w’'-]*)\s*")


# a word that ends a descriptor after "said" ("said a 2008 Clinton veteran, who ...")
_DESC_END = re.compile(r"[,;:(\u2014\u2013\u2015\"“”]|\s(?:who|which|that|in|at|on|during|after|before|to|as|when|while|"
                       r"about|of\s+(?:the|a|an|his|her|their)\s+\w+\s+(?:plan|deal|bill|idea|proposal)|via)\b|\s-")
_DESC_BAD = frozenset({"but", "and", "or", "yet", "so", "if", "when", "while", "because", "although", "though",
                       "as", "that", "who", "which", "where", "whether", "what", "then", "also", "not", "it",
                       "there", "i", "we", "you", "they", "he", "she"})


def _descriptor(art: Article, a: int, b: int) -> NP | None:
    """A speaker phrase the name finder has no head noun for, right next to a quote's cue
    ('"...," said a 2008 Clinton veteran' / '"...," the bespectacled, 71-year-old diplomat
    said'): a determiner, a number or a capitalised word, then at most nine words, none a
    conjunction, pronoun or verb; the speaker is the phrase itself (no one the KB knows)."""
    t, lex = art.text, art.lex
    while a < b and t[a].isspace():
        a += 1
    while b > a and (t[b - 1].isspace() or t[b - 1] in ".,"):
        b -= 1
    words = t[a:b].replace(",", " ").split()
    if not 1 <= len(words) <= 10 or "\n" in t[a:b]:
        return None
    low = [w.lower().strip(".") for w in words]
    first = words[0]
    if not (low[0] in DETS or first[:1].isupper() or first[:1].isdigit()
            or any(w[:1].isupper() for w in words[1:])):
        return None
    # a cue word is a noun after a determiner or as the head ("one tweet", "an early statement")
    verbs = [i for i, w in enumerate(low) if i and w in lex.verb_kind
             and not (low[i - 1] in DETS or i == len(low) - 1 and low[0] in DETS)]
    if any(w in TIME_WORDS and w not in DETS for w in low) or verbs or any(w in _DESC_BAD for w in low[1:]) \
            or low[0] in _DESC_BAD or low[-1] in DETS and low[-1] != "another" or low[-1] in lex.function_words:
        return None
    if low[-1].endswith(("’s", "'s")) or len(words) == 1 and low[0] != "another" \
            and (low[0] in lex.function_words or not first[:1].isupper()):  # '"...," tweeted another.'
        return None
    return phrase_np(art, a, b)


_CLAUSE = re.compile(r"\b(?:that|is|are|was|were|has|have|had|will|would|could|can|should|must|may|might|do|"
                     r"does|did)\b|\b(?:he|she|they|it|we|I)\s+[a-z]|[\"“”:;]")


def _no_clause(t: str, ce: int, ne: int) -> bool:
    """After the cue that follows a '?' or '!' quote, only phrases: 'Todd asked the mogul',
    'Trump said of Apple in February, when the company balked' (no content clause of its own)."""
    return not _CLAUSE.search(t, ce, ne)


def _short_turn(t: str, qa: int, qb: int, ss: int) -> bool:
    """A quote of a word or two that opens its sentence and closes on ',', '!' or '?' inside
    its marks ('"Savage," she said'): a reply, not a scare quote, when an attribution follows."""
    inner = t[qa:qb].rstrip("\"”'’»")
    return not t[ss:qa].strip() and inner[-1:] in ",!?" and bool(WORD.search(inner))


def _after(art: Article, qa: int, qb: int, se: int) -> Cand | None:
    t, lex = art.text, art.lex
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
    m = lex.according_re.match(t, p)
    lead = t[max(0, qa - 4):qa].rstrip(" \u00a0")
    if m and m.end() < se and t[m.end()] == " " and (not lead or lead[-1] in "\n.!?:\"”'"):
        # '"...," according to CNN.' (a quote inside a sentence: the sentence is the content)
        cut = _DESC_END.search(t, m.end() + 1, se)
        b = cut.start() if cut and t[cut.start()] in ",;:(" else se
        np = np_after(t, m.end() + 1, se, lex) or _descriptor(art, m.end(), b)
        if np is None or np.kind == "pronoun":
            return None
        return Cand(qa, qb, "direct", np, m.start(), m.end(), confidence=0.8, cue_text=t[m.start():m.end()])
    m = lex.verb_re.match(t, p)
    if m:  # "..., said Caddell"
        np = np_after(t, m.end() + 1, se, lex) if m.end() < se else None
        if np is None and m.end() < se and t[m.end()] == " ":
            cut = _DESC_END.search(t, m.end(), se)
            np = _descriptor(art, m.end(), cut.start() if cut else se)
        if np is None:
            return None
        art.used_cues.add(m.start())
        return Cand(qa, qb, "direct", np, m.start(), m.end(), confidence=0.9,
                    cue_text=t[m.start():m.end()])
    m = lex.verb_re.search(t, p, min(se, p + 250))
    am = _QUOTE_VERB.search(t, p, min(se, p + 120))
    if am is not None and (m is None or am.start() < m.start()) and not _CLAUSE.search(t, am.end(), se):
        # '"...," the document states.': a noun-like verb form is a cue only in this slot
        np = np_before(t, p, am.start(), lex) or _descriptor(art, p, am.start())
        if np is not None and np.start - p <= 4:
            return Cand(qa, qb, "direct", np, am.start(), am.end(), confidence=0.8, cue_text=am.group())
    if not m or art.in_quote(m.start()):
        return None
    np = np_before(t, p, m.start(), lex)
    if np is None and m.start() - p < 60:  # '"...," he will say.' / '"...," Berg later wrote.'
        sub = np_after(t, p, m.start(), lex)
        if sub is not None and _MODAL.fullmatch(t, sub.end, m.start()):
            np = sub
    if np is None and m.start() - p < 90 and not re.search(r"[.!?;:\"“”()]", t[p:m.start()]):
        np = _descriptor(art, p, m.start())  # '"...," the retired neurosurgeon told ...'
    pre = t[p:np.start].split() if np is not None else []
    if np is not None and np.start - p > 4 and _OCCUPATION.fullmatch(t, p, np.start) \
            and not any(w.lower() in art.lex.verb_kind or w.lower() in art.lex.function_words
                        and not (i == 0 and w.lower() in DETS) for i, w in enumerate(pre)):
        pass  # '"...," columnist Ai Jun wrote' / 'the presumptive Republican nominee told': the subject's words
    elif np is None or np.start - p > 4 or t[p:np.start].strip() in ("but", "and", "yet"):
        return None  # '"...," but he said that ...': a new statement, not this quote's attribution
    return _cued(art, qa, qb, np, m, se, 0.9)


def _cued(art: Article, qa: int, qb: int, np: NP, m: re.Match[str], limit: int, conf: float) -> Cand:
    """The quote [qa, qb) attributed to ``np`` by the cue ``m``, with the listener ("told
    reporters") and the venue up to ``limit`` read after it."""
    ce, suffix, venue = m.end(), "", ""
    if art.lex.verb_frame.get(m.group().lower()) == "listener":
        _, suffix, venue = art.listener(m.end(), limit)
        if suffix:
            ce = m.end() + len(suffix)
    venue = venue or art.venue_in(ce, limit)
    art.used_cues.add(m.start())
    return Cand(qa, qb, "direct", np, m.start(), ce, venue=venue, confidence=conf, cue_text=art.text[m.start():ce])


def _before(art: Article, qa: int, qb: int, ss: int) -> Cand | None:
    t, lex = art.text, art.lex
    if not t[max(ss, qa - 160):qa].strip():
        return None
    lo = max(ss, qa - 160)
    inv = re.match(r"([A-Z][a-z]+) (?=.{2,80}[:,]\s*$)", t[ss:qa], re.DOTALL)
    if inv and lex.verb_kind.get(inv.group(1).lower()) == "speech":
        # inverted 'Said Ellis: "..."' / 'Added the mayor: "..."'
        np = np_after(t, ss + inv.end(), qa, lex)
        if np is not None and np.kind != "pronoun" and t[np.end:qa].strip() in (":", ","):  # 'Said Comey, "..."'
            ce = ss + len(inv.group(1))
            art.used_cues.add(ss)
            return Cand(qa, qb, "direct", np, ss, ce, confidence=0.85, cue_text=t[ss:ce])
    best = None
    for m in lex.verb_re.finditer(t, lo, qa):
        best = m
    if best is None or art.in_quote(best.start()):
        return None
    between = t[best.end():qa]
    if len(between) > 90 or re.search(r"[.!?\"“”]|\bthat\b", between):
        return None
    if between.strip() and between.rstrip()[-1:] not in ":,":
        return None
    np = np_before(t, ss, best.start(), lex)
    if np is None and re.fullmatch(r"\s*[,:]?\s*", between):
        np = _subject_of_chain(art, ss, best.start())
    if np is None:
        return None
    return _cued(art, qa, qb, np, best, qa, 0.85)


# 'went on to say', 'was prompted to say', 'shook her head and said': the cue ends a chain of
# verbs whose subject opens the sentence
_LEAD_CONJ = re.compile(r"(?:And|But|So|Yet|Then)(?:\s+then)?,?\s+")
_CHAIN = re.compile(r"\s+(?:(?:[\w’'-]+,?\s+){1,10}?(?:to|and)|(?:also|then|later|again|only|just)"
                    r"(?:\s+(?:also|then|later|again|only|just))?)\s+")  # no modal: 'They will say: "..."' is no one's
_MODAL = re.compile(r"\s+(?:(?:will|would|could|can|may|might|must|should|did|does|also|then|later|again|"
                    r"only|just|once|has|have|had)\s+){1,3}")
# 'The Times confirmed the story, reporting:': a participle after the main clause
_CHAIN_ING = re.compile(r"\s+(?:[\w’'-]+\s+){1,8}?[\w’'-]+,\s+")


def _subject_of_chain(art: Article, ss: int, cs: int) -> NP | None:
    """The speaker of a cue right before its quote when the name finder sees no phrase just
    before the cue: the sentence's subject before a verb chain ('He went on to say, "..."'),
    or the whole lead as a descriptor ('One tweet said: "..."')."""
    t = art.text
    lead = _LEAD_CONJ.match(t, ss, cs)  # 'And then Trump went on the attack, saying, "..."'
    np = np_after(t, lead.end() if lead else ss, cs, art.lex)
    cue = art.lex.verb_re.match(t, cs)
    chain = _CHAIN_ING if cue is not None and cue.group().endswith("ing") else _CHAIN
    if np is not None and np.end < cs and chain.fullmatch(t, np.end, cs) and not art.in_quote(np.start) \
            and np.name.lower() not in ("it", "this", "that", "there"):  # not 'It was time to say'
        return np
    if np is None or np.end >= cs - 1:
        # 'The next day, her Twitter account posted:': the descriptor after the lead's last comma
        comma = t.rfind(",", ss, cs)
        return _descriptor(art, comma + 1 if comma >= 0 else ss, cs)
    return None


def _colon(art: Article, qa: int, qb: int, si: int) -> Cand | None:
    """A quote opening a sentence after one that ends with 'X continued:' (the quote may run
    over several sentences and paragraphs: the colon is before its first sentence)."""
    if art.sents[si][0] > qa:
        si = bisect.bisect_right(art.sents, (qa, len(art.text) + 1)) - 1
    if si <= 0:
        return None
    ps, pe = art.sents[si - 1]
    t = art.text
    if t[pe - 1:pe] != ":" or t[art.sents[si][0]:qa].strip():
        return None
    best = None
    for m in art.lex.verb_re.finditer(t, max(ps, pe - 80), pe):
        best = m
    if best is None:
        # 'Sanders made the following comment:' / 'issued this statement:': a cue noun
        nm = _NOUN_COLON.search(t, max(ps, pe - 80), pe)
        if nm is None or nm.group(2).lower() not in art.lex.noun_cues:
            return None
        np = np_before(t, ps, nm.start(), art.lex)
        if np is None or np.kind == "pronoun":
            return None
        return Cand(qa, qb, "direct", np, nm.start(1), nm.end(2), confidence=0.75,
                    cue_text=t[nm.start(1):nm.end(2)])
    np = np_before(t, ps, best.start(), art.lex)
    if np is None and not t[best.end():pe - 1].strip():
        np = _subject_of_chain(art, ps, best.start())  # 'She went on to say:' + a quote paragraph
    if np is None:
        return None
    art.used_cues.add(best.start())
    return Cand(qa, qb, "direct", np, best.start(), best.end(), confidence=0.8,
                cue_text=t[best.start():best.end()])


def orphans(art: Article) -> None:
    """A paragraph that is only a quote, with no attribution of its own, right after a
    paragraph whose last statement has a speaker: that speaker's words too (lower confidence).
    Chains: a run of such paragraphs all go to the same speaker."""
    t = art.text
    by_end = sorted(art.cands, key=lambda c: c.qe)
    ends = [c.qe for c in by_end]
    prev_para: tuple[int, int] | None = None
    for ps, pe in art.paras:
        pp, prev_para = prev_para, (ps, pe)
        if pp is None or t[ps:ps + 1] not in "\"“'" or t[pp[1]:ps].count("\n") > 2:
            continue
        qs = art.quotes_in(ps, pe)
        if len(qs) != 1 or t[ps:qs[0][0]].strip() or t[qs[0][1]:pe].strip() \
                or not is_long(t, *qs[0]) or qs[0][1] - qs[0][0] < 20:
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
            if quote_family(t[last.qs]) != quote_family(t[qa]):
                continue  # '"' paragraphs after a curly quote: an excerpt's own marks
            j = by_end.index(last)
            del by_end[j], ends[j]
            last.qe = qb  # the same speaker goes on: one statement in two paragraphs
            cand = last
        else:
            cand = Cand(qa, qb, "direct", last.np, None, None, confidence=round(max(0.3, last.confidence - 0.3), 2),
                        same_as=last)
            art.cands.append(cand)
        i = bisect.bisect_right(ends, qb)
        ends.insert(i, qb)
        by_end.insert(i, cand)


def cut_at_attributed_quote(art: Article) -> None:
    """An indirect or mixed content that runs past a quote closing on a comma with an
    attribution right after it ends with that quote: 'calling Trump "a buffoon," Susan said as
    ...' (the quote's own attribution) and 'insisted that he has "grown the party," claiming
    that ...' (a participle cue: a new statement of the same speaker)."""
    t = art.text
    for c in art.cands:
        if c.kind == "direct" or c.cs is None or c.cs > c.qs:
            continue
        for qa, qb in art.quotes_in(c.qs, c.qe):
            if qb >= c.qe - 2 or t[qb - 2:qb - 1] not in ",":
                continue
            p = qb
            while p < c.qe and t[p] in " ,\u00a0":
                p += 1
            ger = art.lex.verb_re.match(t, p)
            used = set(art.used_cues)
            own = None if ger is not None and ger.group().endswith("ing") else _after(art, qa, qb, c.qe)
            art.used_cues = used
            if own is not None and own.np is not None or ger is not None and ger.group().endswith("ing"):
                c.qe = qb
                break
