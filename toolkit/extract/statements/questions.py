"""Questions put to a speaker: "Asked whether he would run, Berg said ...", "When asked about
the budget, ...", '"...," Berg said when asked if ...', "Berg was asked whether ...". The
question is a statement of its own, by whoever asked it: the "by X" after the cue when the text
names them, else an unnamed questioner (speaker type "unknown"; the span is the cue). One family of the statement rules, over the shared per-article
model (model.py)."""
from __future__ import annotations

import re

from toolkit.extract.speakers import NP, np_after
from toolkit.extract.statements.model import WORD, Article, Cand, strip_end

# "Asked", "When asked", ", when asked", "after being asked", "was asked": the cue and how it sits
_ASKED = re.compile(r"(?<![\w’'-])(?:(?P<sub>[Ww]hen|[Aa]fter\s+being|[Ii]f|[Oo]nce|[Uu]pon\s+being)\s+"
                    r"|(?P<pas>(?:was|were|is|are|been|being)\s+(?:[a-z]+ly\s+)?))?"
                    r"(?P<cue>[Aa]sked)(?![\w’'-])")
_ADVERB = re.compile(r"\s+(?:[a-z]{3,}ly|later|again|once\s+more|point-blank)(?![\w’'-])")
_BY = re.compile(r"\s+by\s+")
_TIME = re.compile(r",?\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|"
                   r"last\s+(?:week|month|year)|earlier|this\s+week)(?![\w’'-])|,?\s+(?:in|during|at)\s+(?:an?|the|his|"
                   r"her)\s+(?:[\w’'-]+\s+){0,3}?(?:interview|debate|conference|briefing|hearing|event|rally|"
                   r"appearance|meeting)(?![\w’'-])")
# a place: "in Iowa", "at the White House"
_PLACE = re.compile(r",?\s+(?:in|at)\s+(?:the\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,2}(?![\w’'-])")
# what a question starts with; a passive "was asked" only takes a real question, never an
# errand ("was asked to leave") or a topic ("was asked about the bridge")
_QUESTION = re.compile(r"\s+(?P<w>if|whether|what|who|whom|whose|why|how|which|when|where|about|to)(?![\w’'-])")
_PASSIVE_OK = frozenset({"if", "whether", "what", "who", "whom", "whose", "why", "how", "which", "when", "where"})
_END = re.compile(r"[,;:]|\s[—–]\s|\s--\s")


def find(art: Article) -> None:
    t = art.text
    for ss, se in art.sents:
        if "sked" not in t[ss:se]:
            continue
        for m in _ASKED.finditer(t, ss, se):
            if art.in_quote(m.start("cue")):
                continue
            cand = _question(art, m, ss, se)
            if cand is not None:
                art.cands.append(cand)


def _question(art: Article, m: re.Match[str], ss: int, se: int) -> Cand | None:
    t = art.text
    fronted = m.start() == ss or not t[ss:m.start()].strip("\"“'‘ ")
    if not (fronted or m.group("sub") or m.group("pas")):
        return None  # "Berg asked whether ...": an active cue, the reporting verbs' business
    if m.group("sub") and not fronted and t[max(ss, m.start() - 2):m.start()].strip() not in ("", ",") \
            and not re.search(r"(?:said|says|told|replied|responded|answered)\s+(?:[\w’'.-]+\s+){0,3}$",
                              t[max(ss, m.start() - 60):m.start()]):
        return None  # "..., Berg said when asked ..." and ", when asked ..." only
    p = m.end()
    am = _ADVERB.match(t, p, se)
    if am:
        p = am.end()
    asker: NP | None = None
    bm = _BY.match(t, p, se)
    if bm:
        asker = np_after(t, bm.end(), se, art.lex)
        if asker is None:
            return None
        p = asker.end
    for pattern in (_TIME, _PLACE, _ADVERB):  # "Asked in Iowa recently whether ..."
        pm = pattern.match(t, p, se)
        if pm:
            p = pm.end()
    if t[p:p + 1] == ",":
        p += 1
    qm = _QUESTION.match(t, p, se)
    if qm is None or m.group("pas") and qm.group("w") not in _PASSIVE_OK:
        return None
    a = qm.start("w") if qm.group("w") != "about" else qm.end()
    end = se
    for x in _END.finditer(t, qm.end(), se):
        if not art.in_quote(x.start()):
            end = x.start()
            break
    if fronted and end == se:
        return None  # "Asked whether ..., Berg said": the main clause must follow the question
    a, b = strip_end(t, a, end)
    words = WORD.findall(t[a:b])
    if len(words) < 2 or qm.group("w") == "about" and words[0].lower() in ("it", "this", "that", "them", "him", "her"):
        return None  # "Asked about it": no question to report
    cs, ce = m.start("cue"), m.end("cue")
    if asker is not None:
        return Cand(a, b, "indirect", asker, cs, ce, cue_text=t[cs:ce], confidence=0.6)
    who = NP(cs, ce, cs, ce, t[cs:ce], "noun")
    return Cand(a, b, "indirect", who, cs, ce, cue_text=t[cs:ce], confidence=0.5, speaker_type="unknown")
