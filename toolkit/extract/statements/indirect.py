"""Indirect speech: "X said (that) ...", gerunds and participles (", arguing that ...", a fronted
"Insisting ..., X said"), relative and subordinate clauses ("who said", "X, which contended
that", "When X noted that"), "according to", noun cues, "called for", noun-phrase and topic
contents (statement_verbs.csv), summons, and where each content ends. One family of the
statement rules, over the shared per-article model (model.py)."""
from __future__ import annotations

import bisect
import csv
import re
from functools import lru_cache

from toolkit import _paths
from toolkit.extract.speakers import NP, np_after, np_before
from toolkit.extract.statements.model import WORD, Article, Cand, is_long, strip_end
from toolkit.extract.statements.subjects import (
    FINITE,
    LOOSE_CUES,
    appositive_subject,
    cue_subject,
    generic_subject,
    loose_after,
)

_LEAD_ING = re.compile(r"[A-Z][a-z]{2,}ing(?![\w’'-])")
_PREP_WORDS = (r"in|on|at|during|to|of|from|after|before|by|with|for|while|when|last|this|earlier|later|"
         r"yesterday|today|tonight|(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
         r"recently|previously|again|too|also|then|afterward|afterwards|late|early|Twitter|twice")
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
_SKIP_LEAD = re.compile(r"\s*(?:(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|at\s+one\s+point|"
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
_TOPIC = re.compile(r"(?:\s+(?:out|up))?(?:\s+(?:[a-z]{3,}ly|more|less|often|in\s+public|at\s+length)){0,3}(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|"
                    r"Friday|Saturday|Sunday|today|yesterday|tonight)|\s+during\s+(?:his|her|their|the|a)\s+\w+)?"
                    r"\s+(of|about|against)\s+")
# "accused Holt of", "accusing her of", "accused Rafael Cruz, who ..., of": an object, then "of"
_ACCUSE = re.compile(r"\s+(?!of\b|by\b|in\b|on\b|at\b|to\b)[^.;:!?\"“”]{1,100}?\s+of\s+\w")
# "said about 20 people have applied": a number, not a topic
_ABOUT_NUMBER = re.compile(r"about\s+(?:\d|(?:a\s+)?(?:dozen|hundred|thousand|million|third|quarter|half)\b|"
                           r"(?:two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty)\b)")
_REL_QUANT = re.compile(r",\s*((?:many|most|some|several|all|both|one|two|three|few|none)\s+of\s+whom)\s+$")
# "complain bitterly that ...": a manner adverb between the cue and "that"
_ADVERB_LEAD = re.compile(r"\s+[a-z]{3,}ly\s+")
# an object relative around the cue: "what Trump says his plan would do", "the test, which state
# media claimed now allows ...": the content is the whole clause, from the wh-word
_WH_BEFORE = re.compile(r"(?<![\w’'-])(what|which|how)\s+$")
# a subject relative on an organisation or a document: "the European Union, which contended that"
_WHICH_SUBJ = re.compile(r"(?:,|\s--|\s[—–])\s*(which)\s+(?:(?:also|later|then|together|has|have|had|[a-z]{3,}ly)\s+)*$")
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
                                r"goodbye|hello|little\s+(?:about|of|on|to))\b", re.IGNORECASE)
_PASSIVE = re.compile(r"(?<![\w’'-])(?:was|were|is|are|be|been|being)\s+(?:[a-z]+ly\s+)?$")
@lru_cache(maxsize=1)
def extra_verbs() -> tuple[dict[str, str], re.Pattern[str]]:
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


@lru_cache(maxsize=1)
def _act_objects() -> dict[str, re.Pattern[str]]:
    """Cue forms whose object makes them an act, not words said (datasets/lexicons/act_objects.csv:
    "declared a ceasefire", "conceded a penalty", "claiming asylum"): form -> the objects' pattern."""
    out: dict[str, list[str]] = {}
    path = _paths.LEXICONS / "act_objects.csv"
    if path.exists():
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                objects = [o.strip() for o in (row.get("objects") or "").split("|") if o.strip()]
                for form in (row.get("forms") or "").split("|"):
                    if form.strip():
                        out.setdefault(form.strip().lower(), []).extend(objects)
    return {form: re.compile(r"\s+(?:(?:a|an|the|its|their|his|her|our)\s+)?(?:" + "|".join(
        re.escape(o).replace(r"\ ", r"\s+") for o in sorted(objs, key=len, reverse=True)) + r")(?![\w’'-])",
        re.IGNORECASE) for form, objs in out.items()}


def _topic(text: str, ce: int, se: int) -> re.Match[str] | None:
    """The topic's preposition after "speak" ("spoke of", "spoke out against"; a bare "spoke
    against the backdrop" is a place)."""
    m = _TOPIC.match(text, ce, se)
    if m is None or m.group(1) == "against" and not re.match(r"\s+out\b", text[ce:m.end()]):
        return None
    return m




def find(art: Article) -> None:
    t, lex = art.text, art.lex
    extra_frames, extra_re = extra_verbs()
    ex_all = list(extra_re.finditer(t))  # one pass over the text; sentences take their share
    ex_starts = [x.start() for x in ex_all]
    ex_k = 0
    direct_cues = sorted((c.cs, i) for i, c in enumerate(art.cands) if c.kind == "direct" and c.cs is not None)
    cue_pos = [p for p, _ in direct_cues]
    head_end = 0
    if art.paras:
        hs, he = art.paras[0]
        words = [w.strip("'’-") for w in WORD.findall(t[hs:he])]
        content = [w for w in words if len(w) > 3]  # Title Case leaves "of", "and" small
        if 3 <= len(words) <= 25 and content and sum(w[:1].isupper() for w in content) >= 0.75 * len(content):
            head_end = he
    for si, (ss, se) in enumerate(art.sents):
        k = bisect.bisect_left(cue_pos, ss)
        last: Cand | None = art.cands[direct_cues[k][1]] if k < len(cue_pos) and cue_pos[k] < se else None
        art.sent_cands = []
        while k < len(cue_pos) and cue_pos[k] < se:
            art.sent_cands.append(art.cands[direct_cues[k][1]])
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
        lead = lead_gerund(art, ss, se)
        if lead is not None:  # "Insisting it wasn't rehearsed, Trump said ..."
            cand = _fronted(art, lead, ss, se)
            if cand is not None:
                art.cands.append(cand)
                art.sent_cands.append(cand)
        for m in cues:
            cs = m.start()
            if cs in art.used_cues or art.in_quote(cs):
                continue
            vk = lex.verb_kind.get(m.group().lower()) or ("speech" if m.group().lower() in extra_frames else None)
            if vk == "act":
                cand = _summoned(art, m, ss, se)
            elif vk != "speech":
                continue
            else:
                cand = _verb(art, m, ss, se, last)
                if cand is not None and cand.cs == cs and cand.np is not None and cand.np.end <= cs \
                        and m.group().lower() in ("told", "asked") and _PASSIVE.search(t, max(ss, cs - 20), cs):
                    # "Berg was told that ...": Berg heard it; who said it is not named ("we were
                    # told" stays the writer's, dropped as before; "was asked to leave" is an errand)
                    if cand.np.kind == "pronoun" and cand.np.name.lower() in ("i", "we", "you") \
                            or t.startswith("to ", cand.qs):
                        cand = None
                    else:
                        cand.np = NP(cs, m.end(), cs, m.end(), m.group(), "noun")
                        cand.speaker_type = "unknown"
            if cand is not None:
                art.cands.append(cand)
                art.sent_cands.append(cand)
                last = cand
                if cand.qs == ss and t[ss:ss + 1] in "\"“'" and cand.cs is not None and cand.cs > cand.qe:
                    # "''I admire the mechanics'' of the plans, Mr. Holtz said. ''They're ...''": the
                    # quote sentences after a postposed attribution are the same speaker's
                    art.merge_next(cand, si)
        for m in lex.according_re.finditer(t, ss, se):
            if not art.in_quote(m.start()):
                cand = _according(art, m, ss, se)
                if cand is not None:
                    art.cands.append(cand)
        for m in lex.noun_re.finditer(t, ss, se):
            if not art.in_quote(m.start()):
                cand = _noun(art, m, ss, se)
                if cand is not None:
                    art.cands.append(cand)


def content_span(art: Article, start: int, se: int) -> tuple[int, int] | None:
    """Content from ``start`` to the end of the sentence (cut at ', adding' etc.)."""
    t = art.text
    while start < se and t[start] in " ,:\u00a0":
        start += 1
    end = se
    for cut in art.lex.cut_re.finditer(t, start, se):
        if not art.in_quote(cut.start()):  # a quoted passage is never cut
            end = cut.start()
            break
    for pc in _PARTICIPLE_ASIDE.finditer(t, start, end):
        if pc.group(1) not in art.lex.verb_kind and not art.in_quote(pc.start()):
            end = pc.start()
            break
    end = strip_end(t, start, end)[1]
    if end - start < 8 or len(WORD.findall(t[start:end])) < 3:
        return None
    return start, end


def _verb(art: Article, m: re.Match[str], ss: int, se: int, last: Cand | None) -> Cand | None:
    t, lex = art.text, art.lex
    cs, ce = m.start(), m.end()
    form = m.group().lower()
    pre = t[ss:cs].rstrip()
    # "is calling for ...", "was insisting that ...": a finite verb, not a gerund
    if form in _OBJECT_SENSE and not re.match(r"[\s\u00a0]+(?:that\b|(?:he|she|they|it|we|I)\s)", t[cs + len(form):se]):
        return None  # "Rubio still maintains an overwhelming lead": not words said
    if lex.verb_frame.get(form) == "colon" and not re.match(r"\s*(?:[:,.\"“”]|$)", t[ce:se]):
        return None  # "The talks continued late into the night": only '..., he continued: "..."'
    act = _act_objects().get(form)
    if act is not None and act.match(t, cs + len(form), se):
        return None  # "claimed responsibility", "declared a ceasefire": an act, not words said
    contracted = _CONTRACTED.search(t, max(ss, cs - 30), cs)
    if form.endswith("ing") and not contracted and not re.search(r"\b(?:is|are|was|were|been)\s+(?:[a-z]+ly\s+)?$",
                                                                 t[max(ss, cs - 30):cs]):
        return _gerund(art, m, ss, se, last)
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
        np = _relative_head(art, ss, cs) or _which_subject(art, ss, cs) \
            or generic_subject(art, ss, cs, cue=cs) or appositive_subject(art, ss, cs) \
            or cue_subject(art, ss, cs)
    if np is None and re.search(r",\s*(?:going|went)\s+on\s+to$", pre) and last is not None \
            and last.np is not None:
        # '"...," Sanders said, going on to say that ...': the same speaker
        got = _clause_after(art, m, last.np, ss, se)
        if got is not None:
            got.same_as = last
        return got
    if np is None and _COORD_VERB.search(pre):
        # "Cruz exhorted Republicans ... and said he was ...": the sentence's subject
        np = last.np if last is not None and last.np is not None else sentence_subject(art, ss, cs)
        if np is None or np.start >= cs:
            return None
        if extra_verbs()[0].get(form):
            return _extra(art, extra_verbs()[0][form], m, np, ss, se)
        return _clause_after(art, m, np, ss, se)
    # not "called": "denounced what Turnbull called X's 'reckless' actions" is the outer
    # speaker's content, with a label in it
    wh = _WH_BEFORE.search(t, max(ss, np.start - 8), np.start) \
        if np is not None and np.kind != "relative" and lex.verb_frame.get(form) != "call" else None
    if wh is not None and wh.group(1) == "which" and re.search(r"(?<![\w’'-])(?:in|of|on|at|by|for|with|from|under|to|about)\s+$",
                                    t[max(ss, wh.start(1) - 8):wh.start(1)]):
        wh = None  # "in which he continued his assault": not an object of the cue
    if wh is not None and np is not None:
        got = _wh_clause(art, wh.start(1), np, m, se)
        if got is not None or not _THAT.match(t, ce + 1):
            return got  # "in which Democrats argued that ...": the that-clause, as usual
    extra = extra_verbs()[0].get(form)
    if lex.verb_frame.get(form) == "call":
        got = _call(art, m, np, se) if np is not None else None
        if got is None and extra:  # "described the meeting as a waste of time"
            return _extra(art, extra, m, np, ss, se)
        return got
    if extra:
        return _extra(art, extra, m, np, ss, se)
    if np is None:
        # inverted: "..., said X." / "“...” says X"
        if pre[-1:] in ",”\"'" and ce < se:
            np = np_after(t, ce + 1, se, lex) or (loose_after(art, ce + 1, se) if form in LOOSE_CUES else None)
            if np is None or np.kind == "pronoun":
                return None
            comma = pre.rstrip(",").rstrip()
            a, b = strip_end(t, ss, ss + len(comma))
            if b - a < 8:
                return None
            rest_np = t[np.end:se]
            if rest_np.strip(" .") and not re.match(r"\s*(?:,|on|in|at|during|last|this|earlier|to|told|who|"
                                                r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)",
                                                rest_np):
                return None
            return _finish(art, a, b, np, cs, ce, "", se, conf=0.75)
        return None
    # "As FT notes, ..."
    lead = t[ss:np.start]
    if re.search(r"(?:^|,\s*)(?:[Aa]s|[Ll]ike)\s+$", lead):
        if np.kind == "pronoun" and np.name.lower() in ("they", "you", "one", "we", "people"):
            return None  # "as they say", "as you know": an idiom, not a source
        at = t.find(",", ce, min(se, ce + 80))
        if at < 0:
            return None
        span = content_span(art, at + 1, se)
        if span is None:
            return None
        return _finish(art, span[0], span[1], np, cs, ce, "", se, conf=0.7)
    # listener / venue / time between the cue and the content
    after = ce
    cue_end = ce
    venue = ""
    if lex.verb_frame.get(form) == "listener":
        after, suffix, venue = art.listener(ce, se)
        if suffix:
            cue_end = ce + len(suffix)
    rest = t[after:se]
    # postposed "CONTENT, X said (in an interview ...)." / parenthetical "A, X said, B." /
    # fronted adverbial "For his part, X said (that) ..." (the content follows the cue)
    before_np = t[ss:np.start].rstrip()
    if before_np.endswith((",", "”", "\"", "''")) and np.name != "which":
        where = tail(art, after, se)
        if where != "clause":
            if where == "mid":
                # "A, X said, B, although C": the content is the sentence, cut like any other
                end = se
                for cut in lex.cut_re.finditer(t, after + (t[after:after + 1] == ","), se):
                    if not art.in_quote(cut.start()):
                        end = cut.start()
                        break
                a, b = strip_end(t, ss, end)
            else:
                a, b = strip_end(t, ss, ss + len(before_np.rstrip(",")))
                if _FRONTED.match(t, a) and "," not in t[a:b]:
                    # "In a letter, X asked Y to ...": a fronted phrase, not content; any content
                    # follows the cue
                    a = b = -1
                elif len(WORD.findall(t[a:b])) < 4:
                    # "The truth, Cruz said, is ...": too short to be the content by itself
                    if len(WORD.findall(t[after:se])) < 2:
                        return None
                    a, b = strip_end(t, ss, se)
            if a < 0:
                if not re.match(r"\s+to\s+[a-z]", t[after:se]):
                    return None  # "For his part, X said.": nothing after the cue either
            else:
                if b - a < 8 or not t[a].isalnum() and t[a] not in "\"“'`‘(" or lead_gerund(art, a, b):
                    return None  # "Warning that A, the minister asked ...": A is the participle's
                venue = venue or art.venue_in(ce, se)
                # the content must not hold another attribution already found
                if any(c.qs <= a and c.qe >= b - 2 for c in art.sent_cands):
                    return None
                return _finish(art, a, b, np, cs, cue_end, venue, se, conf=0.8)
    # "X said (on Monday / in a statement / in an interview with Y ...) that ..."
    venue = venue or art.venue_in(after, min(se, after + 140))
    that = _THAT.search(t, after, min(se, after + 140))
    if that and _intent(art, form, after + 1) and lex.verb_frame.get(form) == "intent":
        that = None  # "pledged to push for a law that ...": the infinitive is the content
    if that and (_LEAD_OK.match(t[after:that.start()]) or _ADVERB_LEAD.fullmatch(t, after, that.start())
                 or lex.verb_frame.get(form) == "listener"
                 and _LISTENER_LEAD.fullmatch(t, ce, that.start())):
        # "told a meeting of Pacific Island leaders that ...": the listener, then the content
        span = content_span(art, that.start(), se)
    else:
        lead_m = _SKIP_LEAD.match(t, after)
        start = lead_m.end() if lead_m else after
        while start < se and t[start] in " ,:\u00a0":
            start += 1
        if start >= se or t[start] in "\"“'`" and not _quote_opens_clause(art, start, se):
            return None  # a direct quote the quote rules did not take
        if _BAD_CONTENT_START.match(t, start) and not _intent(art, form, start) \
                and not (form in ("say", "says", "said") and _ABOUT_NUMBER.match(t, start)):
            return None
        if not rest.strip():
            return None
        span = content_span(art, start, se)
    if span is None:
        return None
    if _SUBORD_LEAD.fullmatch(t, ss, np.start) or np.kind == "relative" and (
            np.name == "which" or t[max(ss, np.start - 2):np.start].strip() == ","):
        # "When X noted that A, B", "the Commission, which contended that A, is ..." and "Berg,
        # who said A, said B": the content ends with its clause
        span = _clause_cut(art, span)
        if span is None:
            return None
    return _finish(art, span[0], span[1], np, cs, cue_end, venue, se, conf=0.7)


def _extra(art: Article, frame: str, m: re.Match[str], np: NP | None, ss: int, se: int) -> Cand | None:
    """Cues of statement_verbs.csv: "accuse" ('X accused Y of Z': the object and the charge;
    active only, an object before "of"), "object" ('The IMF pointed to Britain's decision'),
    "as" ('X described Y as Z', 'X described how ...'),
    "topic" ('X spoke (out) (emotionally) (on Tuesday) of/about Y'). After a relative pronoun
    with a comma ('Berg, who accused the board of lying, said ...') the content ends with the
    relative clause."""
    t = art.text
    cs, ce = m.start(), m.end()
    if np is None or ce >= se or t[ce] != " ":
        return None
    cue_end = ce
    if frame == "accuse":
        if _ACCUSE.match(t, ce, se) is None \
                or re.search(r"\b(?:was|were|is|are|be|been|being)\s+(?:[a-z]+ly\s+)?$", t[max(ss, cs - 20):cs]):
            return None
        span = content_span(art, ce + 1, se)
    elif frame == "object":
        if re.search(r"\b(?:was|were|is|are|be|been|being)\s+(?:[a-z]+ly\s+)?$", t[max(ss, cs - 20):cs]):
            return None  # "was asked about it": the one asked is not the speaker
        span = content_span(art, ce + 1, se)
        if span is not None and (_BAD_CONTENT_START.match(t, span[0]) or any(
                t[max(0, x.start() - 3):x.start()] in ("’s ", "'s ")
                for x in art.lex.noun_re.finditer(t, span[0], span[1]))):
            return None  # "reacted to Macron's comments that ...": the comments are the statement
    elif frame == "as":
        # "described the meeting as a waste of time", "described how ...": an object with its
        # label, or a wh-clause
        if re.match(r"\s+(?:how|what|why|whether)\b", t[ce:se]):
            span = content_span(art, ce + 1, se)
        else:
            am = re.match(r"[^,;:.!?\"“”]{2,80}?\sas\s", t[ce:se])
            span = content_span(art, ce + 1, se) if am is not None else None
        if span is not None and _BAD_CONTENT_START.match(t, span[0]):
            return None
    elif frame == "topic":
        tm = _topic(t, ce, se)
        if tm is None:
            return None
        if FINITE.match(t, tm.end()):
            return None  # "spoke of was changing ...": no topic phrase
        span, cue_end = content_span(art, tm.end(), se), tm.end(1)
    else:
        return None
    if span is not None and np.kind == "relative" and t[:np.start].rstrip()[-1:] in (",", "-", "—", "–"):
        span = _clause_cut(art, span)
    if span is None:
        return None
    return _finish(art, span[0], span[1], np, cs, cue_end, "", se, conf=0.6)


def _wh_clause(art: Article, a: int, np: NP, m: re.Match[str], se: int) -> Cand | None:
    """'what Trump says his tax plan would do', 'the test, which state media claimed now
    allows ...': the clause from the wh-word at ``a`` is the content (the cue inside it); it
    must go on after the cue ("what Trump said." alone is a reference)."""
    t = art.text
    cs, ce = m.start(), m.end()
    if ce + 1 >= se or t[ce] != " " or not t[ce + 1].isalnum() or _THAT.match(t, ce + 1):
        return None
    lead = _SKIP_LEAD.match(t, ce)
    if lead is not None and not t[lead.end():se].strip(" .,") or _SUBORD_IN.match(t, ce + 1) \
            or _TAIL_MOD.match(t, ce + 1):
        return None  # "what Wahl said when she resigned": an adverbial, no clause of content
    if _BAD_CONTENT_START.match(t, ce + 1) or re.match(r"(?:under|over|through|against|after|before)\b", t[ce + 1:]):
        return None  # "what it says about America", "which Cruz proposed under a flat rate"
    span = content_span(art, ce + 1, se)
    if span is None:
        return None
    if t[:a].rstrip()[-1:] in (",", "—", "–", "-"):
        span = _clause_cut(art, (a, span[1]))  # ", which she said was a mistake, was ...": the aside
        if span is None:
            return None
    b = span[1]
    cut = _WH_AND.search(t, ce, b)
    if cut is not None:
        b = strip_end(t, ce, cut.start())[1]
    # "how experts say it would shape tax law has endured": the wh-clause is the subject of
    # the sentence; it ends before the main clause's own finite verb (a second auxiliary)
    fin = list(FINITE.finditer(t, ce, b))
    if len(fin) >= 2 and not _SUBORD_IN.search(t, fin[0].end(), fin[1].start()) \
            and t[:fin[1].start()].rstrip()[-1:].isalnum():
        b = strip_end(t, ce, fin[1].start())[1]
    if len(WORD.findall(t[ce:b])) < 2:
        return None
    return _finish(art, a, b, np, cs, ce, "", se, conf=0.6, wh=True)


def _which_subject(art: Article, ss: int, cs: int) -> NP | None:
    """'the European Union, which contended that ...': "which" names the speaker and stands
    for the phrase before the comma or dash."""
    t = art.text
    m = _WHICH_SUBJ.search(t, max(ss, cs - 40), cs)
    if m is None:
        return None
    ref = np_before(t, ss, m.start(), art.lex, appositive=False)
    if ref is None or ref.kind == "pronoun" or t[ref.start:ref.end].endswith(("’s", "'s")):
        return None
    if ref.kind == "noun" and ref.noun_type == "person" and not ref.role[:1].isupper():
        return None  # "a quarter, which adds", "this banner, which confirms": not a speaker
    return NP(m.start(1), m.end(1), m.start(1), m.end(1), "which", "relative", ref=ref)


def _head_word(art: Article, ss: int, hi: int) -> NP | None:
    """The noun right before ``hi`` as a bare role phrase ("... families of the victims, many
    of whom say"): what a relative phrase stands for when no word list knows it."""
    t = art.text
    w = re.search(r"([A-Za-z][\w’'-]*)\s*$", t[max(ss, hi - 40):hi])
    if w is None or w.group(1).lower() in art.lex.function_words:
        return None
    a = max(ss, hi - 40) + w.start(1)
    return NP(a, a + len(w.group(1)), a, a + len(w.group(1)), w.group(1), "noun", role=w.group(1))


def _relative_head(art: Article, ss: int, cs: int) -> NP | None:
    """'an architect who said ...': no comma before "who", a head noun no word list knows;
    the speaker is named by "who", which stands for the indefinite phrase."""
    t = art.text
    q = _REL_QUANT.search(t, max(ss, cs - 40), cs)
    if q is not None:
        # "family members of victims, many of whom say ...": the phrase before the comma
        ref = np_before(t, ss, q.start(), art.lex, appositive=False) or _head_word(art, ss, q.start())
        if ref is not None and ref.kind != "pronoun":
            return NP(q.start(1), q.end(1), q.start(1), q.end(1), t[q.start(1):q.end(1)], "relative", ref=ref)
    m = _REL_HEAD.search(t, max(ss, cs - 120), cs)
    if m is None or m.group(2) in art.lex.function_words or m.group(2) in art.lex.verb_kind:
        return None
    a, b = m.span(1)
    ref = NP(a, b, a, b, t[a:b], "noun", role=m.group(2))
    return NP(m.start(3), m.end(3), m.start(3), m.end(3), "who", "relative", ref=ref)


def _clause_cut(art: Article, span: tuple[int, int]) -> tuple[int, int] | None:
    """The content of a subordinate clause ends at its first comma or dash outside quotes."""
    t = art.text
    a, b = span
    for cut in _CLAUSE_BREAK.finditer(t, a, b):
        if not art.in_quote(cut.start()):
            b = strip_end(t, a, cut.start())[1]
            break
    if len(WORD.findall(t[a:b])) < 3:
        return None
    return a, b


def _summoned(art: Article, m: re.Match[str], ss: int, se: int) -> Cand | None:
    """'Russia summoned France's ambassador to denounce ...': a protest delivered in person is
    a statement by the subject; the verbs of kind "act" (denounce, condemn, protest) count only
    here. The content is the object, up to a following cause ('following ...', 'over ...')."""
    t = art.text
    sm = _SUMMONED.search(t, max(ss, m.start() - 120), m.start())
    if sm is None:
        return None
    np = sentence_subject(art, ss, sm.start())
    if np is None or np.kind == "pronoun" or np.end > sm.start():
        return None
    span = content_span(art, m.end(), se)
    if span is None:
        return None
    cut = _CAUSE.search(t, span[0], span[1])
    b = strip_end(t, span[0], cut.start())[1] if cut else span[1]
    if len(WORD.findall(t[span[0]:b])) < 2:
        return None
    return _finish(art, span[0], b, np, sm.start(), m.end(), "", se, conf=0.6)


def _intent(art: Article, form: str, start: int) -> bool:
    """'promised/pledged/vowed to ...', 'asked/told X to ...': the infinitive is the content."""
    return art.lex.verb_frame.get(form) in ("intent", "listener") and art.text.startswith("to ", start)


def _call(art: Article, m: re.Match[str], np: NP, se: int) -> Cand | None:
    """'X called for/on ...' (content after for/on) and 'X called Y "..."' (needs a quote)."""
    t = art.text
    cs, ce = m.start(), m.end()
    fm = re.match(r"\s+(?:(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|"
                  r"yesterday|again|also)\s+)?(?:for|on)\s+", t[ce:se])
    if fm:
        span = content_span(art, ce + fm.end(), se)
        if span is not None:
            # "called for cutting the rate, but Mrs. Clinton would leave it": what was called
            # for is a phrase; a new clause with its own named subject is not part of it
            nc = _NEW_CLAUSE.search(t, span[0], span[1])
            if nc is not None and not art.in_quote(nc.start()):
                span = (span[0], strip_end(t, span[0], nc.start())[1])
        return None if span is None else _finish(art, span[0], span[1], np, cs, ce + fm.end() - 1, "", se,
                                                      conf=0.6)
    span = content_span(art, ce + 1, se)
    if span is None:
        return None
    if not art.quotes_in(span[0], span[1] + 1):
        # 'X called the charges unsubstantiated': object + judgement, no quote marks; not
        # 'called the police to the scene' / 'called him back' / 'called off the talks'
        words = WORD.findall(t[span[0]:span[1]])
        # 'called her vote for the war a mistake', 'called the election a sham': a possessive or
        # "the" object, then an "a/an" complement, is a judgement whatever the object's noun
        det = next((k for k in range(2, min(16, len(words))) if words[k].lower() in ("a", "an")), 0)
        judged = words[0].lower() in ("her", "his", "their", "its", "the") and det > 0 \
            and words[det - 1].lower() not in art.lex.function_words \
            and not any(w.lower() in _CALL_AWAY for w in words[1:det])
        if t[m.start():m.end()].lower().startswith("calling") or len(words) > (35 if judged else 25) \
                or words[0].lower() in _CALL_FIRST \
                or not judged and any(w.lower() in _CALL_STOP for w in words[:5]) \
                or np.kind == "noun" and np.noun_type == "document":
            return None
    else:
        # 'called Cruz the "ultimate hypocrite," linking to ...': the name given ends the content
        qa, qb = art.quotes_in(span[0], span[1] + 1)[0]
        if qb < span[1] and (t[qb - 2:qb - 1] in (",", ";") or re.match(r"\s*(?:[,;]|\s[—–]|\s--|\s(?:and|but)\s)", t[qb:span[1] + 1])) \
                and len(WORD.findall(t[span[0]:qa])) <= 8:
            span = (span[0], qb)
    return _finish(art, span[0], span[1], np, cs, ce, "", se, conf=0.6)


def _clause_after(art: Article, m: re.Match[str], np: NP, ss: int, se: int) -> Cand | None:
    """Content after a cue whose subject is known: "(that) ..." to the end of the sentence."""
    t = art.text
    cs, ce = m.start(), m.end()
    that = _THAT.search(t, ce, min(se, ce + 140))
    if that and _LEAD_OK.match(t[ce:that.start()]):
        span = content_span(art, that.start(), se)
    else:
        lead_m = _SKIP_LEAD.match(t, ce)
        start = lead_m.end() if lead_m else ce
        if start >= se or _BAD_CONTENT_START.match(t, start):
            return None
        span = content_span(art, start, se)
    if span is None or t[span[0]] in "\"“'`" and not art.quotes_in(span[0], span[1] + 1)[:1]:
        return None
    return _finish(art, span[0], span[1], np, cs, ce, "", se, conf=0.6)


def tail(art: Article, after: int, se: int) -> str:
    """What follows a cue whose subject comes after a comma: "end" (only modifiers: the
    content was before), "mid" (", <clause>": the attribution sits inside the sentence) or
    "clause" (the content follows the cue)."""
    t = art.text
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
        if _TAIL_MOD.match(nxt) or _TAIL_END.match(nxt) or len(WORD.findall(nxt)) < 3:
            gm = _GERUND_SUBJ.match(nxt)
            if gm is not None and gm.group(1) not in art.lex.verb_kind:
                return "mid"  # "A, he said, replacing Clinton would be harder": a subject
            return "end"
        return "mid"
    return "clause"


def _subject_ok(art: Article, ss: int, np: NP) -> bool:
    """A subject after a fronted phrase: "In a statement, X said", "On Monday X said"."""
    lead = art.text[ss:np.start]
    return bool(re.match(r"^(?:[A-Z][\w’'-]*(?:\s+[\w’'-]+){0,6}\s*,\s*)$", lead)) or not lead.strip()


def _gerund(art: Article, m: re.Match[str], ss: int, se: int, last: Cand | None) -> Cand | None:
    t, lex = art.text, art.lex
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
        np = sentence_subject(art, ss, cs)  # "X and Y vied ..., each touting ... and saying ..."
    elif not pre:
        return _fronted(art, m, ss, se)
    elif pre.rstrip("\"”'").endswith(",") or pm:
        if last is not None and last.np is not None and last.np.kind == "relative" \
                and t[last.np.start - 1:last.np.start] != ",":
            last = None  # "... an architect who said ..., saying": the main clause's subject
        if last is not None:
            same = last
        else:
            np = sentence_subject(art, ss, cs)
    else:
        return None
    if np is None and same is None:
        return None
    that = _THAT.match(t, ce + 1) if ce + 1 < se else None
    start = that.start() if that else ce + 1
    if that is None and ce + 1 < se and _BAD_CONTENT_START.match(t, ce + 1) and _TAIL_MOD.match(t, ce + 1):
        # ", stating on the radio that ...", ", saying at one point, ...": a time or venue first
        far = _THAT.search(t, ce, min(se, ce + 140))
        if far is not None and _LEAD_OK.match(t[ce:far.start()]) and not art.in_quote(far.start()):
            start = far.start()
        else:
            lead_m = _SKIP_LEAD.match(t, ce)
            if lead_m is not None and lead_m.end() > ce + 1:
                start = lead_m.end()
    if lex.verb_frame.get(m.group().lower()) == "call":
        fm = re.match(r"\s+(?:for|on)\s+", t[ce:se])  # ", calling for ...": content after "for"
        if fm is None:
            return _calling(art, m, np if np is not None else (same.np if same else None), same, se)
        start, ce = ce + fm.end(), ce + fm.end() - 1
    elif extra_verbs()[0].get(m.group().lower()) == "topic":
        tm = _topic(t, ce, se)  # ", speaking of Clinton's health": the topic
        if tm is None:
            return None
        start, ce = tm.end(), tm.end(1)
    elif extra_verbs()[0].get(m.group().lower()) == "accuse" and _ACCUSE.match(t, ce, se) is None:
        return None
    if start < se and t[start] in "\"“":
        pass
    span = content_span(art, start, se)
    if span is not None and pm is not None and pm.group(1) not in ("for", "and") \
            and t[ss:ss + pm.start()].rstrip().endswith(","):
        span = _clause_cut(art, span)  # "Ryan, despite admitting that A, voted ...": A only
    if span is None or _BAD_CONTENT_START.match(t, span[0]) and not _intent(art, m.group().lower(), span[0]):
        return None
    cand = _finish(art, span[0], span[1], np if np is not None else (same.np if same else None),
                        cs, ce, "", se, conf=0.6)
    if cand is not None and same is not None:
        cand.same_as = same
    return cand


def lead_gerund(art: Article, ss: int, se: int) -> re.Match[str] | None:
    """The capitalised participle of a speech cue opening the sentence ("Insisting", "Calling")."""
    m = _LEAD_ING.match(art.text, ss, se)
    if m is None:
        return None
    form = m.group().lower()
    if art.lex.verb_kind.get(form) != "speech" and form not in extra_verbs()[0]:
        return None
    return m


def _fronted(art: Article, m: re.Match[str], ss: int, se: int) -> Cand | None:
    """A participle opening the sentence: "Insisting it wasn't rehearsed, Berg said ...",
    "Calling the plan "a disaster," Berg urged ...": the content runs to the first comma, the
    speaker is the main clause's subject right after it."""
    t, lex = art.text, art.lex
    cs, ce = m.start(), m.end()
    form = m.group().lower()
    comma = next((x.start() for x in re.finditer(r",", t[ce:min(se, ce + 250)])
                  if not art.in_quote(ce + x.start()) or t[ce + x.end():ce + x.end() + 1] in "\"”"
                  and not art.in_quote(ce + x.end())), None)  # '..., "a disaster,"' too
    if comma is None:
        return None
    comma += ce
    after = comma + 1
    while after < se and t[after] in " \"”'’":
        after += 1
    np = np_after(t, after, se, lex)
    if np is None or not re.match(r"\s+(?:[a-z]{3,}ly\s+)?[a-z]{2,}", t[np.end:se]):
        return None  # the main clause's subject, then its verb
    start = ce + 1
    if lex.verb_frame.get(form) == "call":
        fm = re.match(r"\s+(?:for|on)\s+", t[ce:comma])
        if fm is not None:
            start, ce = ce + fm.end(), ce + fm.end() - 1
        elif not art.quotes_in(ce, comma + 2) and not re.search(r"\s(?:a|an)\s", t[ce:comma]):
            return None  # "Calling the police, ...": a phone call
    elif extra_verbs()[0].get(form) == "topic":
        tm = _topic(t, ce, comma)
        if tm is None:
            return None
        start, ce = tm.end(), tm.end(1)
    elif form in ("according", "following", "including"):
        return None
    a, b = strip_end(t, start, comma)
    if t[comma - 1:comma + 1] == ",\"" or t[comma + 1:comma + 2] in "\"”":
        b = comma + 2 if t[comma + 1:comma + 2] in "\"”" else b  # '..."a disaster,"': the quote closes
    if len(WORD.findall(t[a:b])) < 2 or _BAD_CONTENT_START.match(t, a) and not _intent(art, form, a):
        return None
    return _finish(art, a, b, np, cs, ce, "", se, conf=0.6)


def _calling(art: Article, m: re.Match[str], np: NP | None, same: Cand | None, se: int) -> Cand | None:
    """', calling him a "stiff"', ', calling them rapists', ', calling Christmas a sham': a
    judgement of an object (a pronoun, a name or a "the/his" phrase), with a quote, an "a/an"
    complement, or a pronoun and one or two words; it ends at the clause's end or at
    'and <-ing>'."""
    t = art.text
    cs, ce = m.start(), m.end()
    if np is None or ce >= se:
        return None
    end = se
    stop = re.search(r",\s|\s(?:and|but|while)\s+[a-z]+ing\b|;|\s--\s|\s[—–]\s", t[ce:se])
    if stop is not None and not art.in_quote(ce + stop.start()):
        end = ce + stop.start()
    a, b = strip_end(t, ce + 1, end)
    words = WORD.findall(t[a:b])
    if not words or words[0].lower() in _CALL_AWAY or words[0].lower() in ("off", "up", "back", "in"):
        return None
    first = words[0]
    obj = first.lower() in ("him", "her", "them", "it", "himself", "herself", "themselves", "the", "his",
                            "their", "its", "this", "that") or first[:1].isupper()
    det = next((k for k in range(1, min(9, len(words))) if words[k].lower() in ("a", "an")), 0)
    quoted = bool(art.quotes_in(a, b + 1)) or t[b:b + 1] in "\"”"
    short = first.lower() in ("him", "her", "them", "it") and 2 <= len(words) <= 3
    if not obj or not (quoted or det or short) or len(words) > 25 \
            or any(w.lower() in _CALL_AWAY for w in words[1:det or 3]):
        return None
    cand = _finish(art, a, b if not quoted or t[b:b + 1] not in "\"”" else b + 1, np, cs, ce, "", se, conf=0.6)
    if cand is not None and same is not None:
        cand.same_as = same
    return cand


def sentence_subject(art: Article, ss: int, hi: int) -> NP | None:
    """The subject at the start of a sentence (after a fronted 'On Monday,')."""
    t = art.text
    p = ss
    m = re.match(r"[A-Z][\w’'-]*(?:\s+[\w’'-]+){0,9}\s*,\s*(?:(?:however|though|meanwhile|too|also)\s*,\s*)?",
                 t[ss:hi])
    np = np_after(t, p, hi, art.lex)
    if np is None and m:
        np = np_after(t, ss + m.end(), hi, art.lex)
    if np is None:
        # "Mr. Schultz generally supported Democrats ..., and said": a name, then a lowercase word
        for st in (ss, ss + m.end()) if m else (ss,):
            nm = _NAME_SUBJ.match(t, st, hi)
            if nm is not None:
                got = np_before(t, st, nm.end(), art.lex, appositive=False)
                if got is not None and got.kind == "name" and got.start == st:
                    return got
    if np is None:
        np = generic_subject(art, ss, hi)
    if np is None:
        # "His ex-wife agreed, but also contended that ...": a possessive subject, then a verb
        pm = _POSS_SUBJ.match(t, ss, hi)
        if pm is not None and pm.group(2) not in art.lex.function_words:
            np = NP(pm.start(1), pm.end(1), pm.start(1), pm.end(1), pm.group(1), "noun", role=pm.group(2))
    return np


def _quote_opens_clause(art: Article, start: int, se: int) -> bool:
    """'said "budget reforms" and the collection of taxes would pay for it': a short quoted
    fragment (no statement by itself) that the clause goes on after."""
    t = art.text
    q = art.quotes_in(start, se)
    if not q or q[0][0] != start or is_long(t, *q[0]):
        return False
    return bool(re.match(r"\s+[a-z][\w’'-]*(?:\s+[\w’'-]+){2}", t[q[0][1]:se]))


# after "according to X": a comma, then the clause going on in lower case ("..., is that ...")
_INSERTED_GOES_ON = re.compile(r"\s*,\s+(?!and\b|but\b|or\b|who\b|which\b|where\b|when\b)[a-z]")


def _according(art: Article, m: re.Match[str], ss: int, se: int) -> Cand | None:
    t = art.text
    pre = t[ss:m.start()].rstrip()
    np = np_after(t, m.end() + 1, se, art.lex) if m.end() < se else None
    if np is not None and np.name.endswith(("'s", "’s")):
        np = None  # "according to Lazar's plea agreement": the whole phrase is the source
    if np is None and m.end() < se:
        # "according to federal statistics": any short phrase up to the comma or the end
        ph = re.match(r"\s+((?:[\w’'.-]+\s+){0,20}?[\w’'-]+)\s*(?:[,.;]|$)", t[m.end():se])
        if ph and not re.fullmatch(r"(?:he|she|they|it|we|I|you|him|her|them|us|me)", ph.group(1), re.IGNORECASE):
            a0, b0 = m.end() + ph.start(1), m.end() + ph.end(1)
            np = NP(a0, b0, a0, b0, t[a0:b0], "noun", role=t[a0:b0].split()[-1], noun_type="document")
    if np is None:
        return None
    if not pre or pre.endswith(":") or re.fullmatch(r"(?:[Bb]ut|[Aa]nd|[Yy]et|[Ss]o|[Hh]owever|[Bb]esides)\s*,?", pre) or (
            _FRONTED.match(pre) and pre.endswith(",") and len(pre) < 50
            and t.find(",", np.end, min(se, np.end + 120)) >= 0):
        # "According to X, ..." (also after "...:"): the content follows X's comma
        comma = t.find(",", np.end, min(se, np.end + 120))
        if comma < 0:
            return None
        span = content_span(art, comma + 1, se)
        if span is None:
            return None
        return _finish(art, span[0], span[1], np, m.start(), m.end(), "", se, conf=0.75)
    if pre.endswith((",", "—", "–", "--")):
        a, b = strip_end(t, ss, ss + len(pre.rstrip(",—–-").rstrip()))
        if b - a < 8 and _INSERTED_GOES_ON.match(t, np.end, se) is None:
            return None
        if _INSERTED_GOES_ON.match(t, np.end, se) is not None and "," not in pre.rstrip(",").rstrip():
            # "The implication, according to the aide, is that ...": an attribution set inside
            # its clause; the content is the whole sentence (PolNeAR's convention)
            a, b = strip_end(t, ss, se)
        return _finish(art, a, b, np, m.start(), m.end(), "", se, conf=0.75)
    if re.search(r",\s*(?:[\"”’]|'')$", pre):
        # '"... the high-water mark," according to Mr. Rhodes.': the quote before (not "built
        # according to plan": without the comma "according to" is a manner as often as a source)
        a, b = strip_end(t, ss, ss + len(pre))
        if b - a < 8:
            return None
        return _finish(art, a, b, np, m.start(), m.end(), "", se, conf=0.7)
    return None


def _noun(art: Article, m: re.Match[str], ss: int, se: int) -> Cand | None:
    """'X's comments to The Economist last week that ...'."""
    t = art.text
    pm = re.search(r"([’']s)\s+(?:[a-z]+\s+)?$", t[max(ss, m.start() - 30):m.start()])
    if not pm:
        return None
    apos = max(ss, m.start() - 30) + pm.start()
    np = np_before(t, ss, apos, art.lex)
    if np is None or np.kind == "pronoun":
        return None
    that = re.compile(r"\s+that\s+").search(t, m.end(), min(se, m.end() + 100))
    if not that or re.search(r"[,.;:!?\"“”]", t[m.end():that.start()]):
        return None
    venue = ""
    vm = re.match(r"\s+to\s+", t[m.end():m.end() + 12])
    if vm:
        vnp = np_after(t, m.end() + vm.end(), that.start(), art.lex)
        if vnp is not None and vnp.kind != "pronoun":
            surface = t[vnp.start:vnp.end]
            venue = art.venue_name(surface) or art.venue_name(vnp.name) or surface
    span = content_span(art, that.start() + 1, se)
    if span is None:
        return None
    return _finish(art, span[0], span[1], np, m.start(), m.end(), venue, se, conf=0.6)


def _finish(art: Article, a: int, b: int, np: NP | None, cs: int, ce: int, venue: str, se: int,
            *, conf: float, wh: bool = False) -> Cand | None:
    t = art.text
    if b <= a or not (t[a].isalnum() or t[a] in "\"“'`‘("):
        return None  # "claims Republican – a 2 to 1 margin"
    if np is not None:
        if t[np.start:np.end].endswith(("’s", "'s")):
            return None  # a possessive is not a speaker
        if not wh and re.search(r"\b(?:what|how|whatever)\s*$", t[max(0, np.start - 12):np.start]):
            return None  # "what Trump says his plan would do": a reference, not a statement
    kind = "indirect"
    inner = art.quotes_in(a, b + 1)
    if inner:
        if len(inner) == 1 and inner[0][0] <= a + 1 and inner[0][1] >= b - 1:
            kind = "direct"
        elif any(not _TITLE_BEFORE.search(art.text, max(0, q[0] - 20), q[0]) for q in inner):
            kind = "mixed"
    return Cand(a, b, kind, np, cs, ce, venue=venue, cue_text=art.text[cs:ce], confidence=conf)
