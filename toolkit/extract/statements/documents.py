"""Statements issued as documents: "X issued a statement saying ...", "X released a video
calling ...", "X put out a statement Tuesday urging ...", "X sent a letter that accuses ...".
The speaker is the subject of the issuing verb, the content follows the participle (or the
relative clause's verb). One family of the statement rules, over the shared per-article model
(model.py)."""
from __future__ import annotations

import re

from toolkit.extract.speakers import np_before
from toolkit.extract.statements import indirect
from toolkit.extract.statements.model import Article, Cand

_ISSUED = re.compile(
    r"(?<![\w’'-])(?:issu|releas|publish|post|sen[dt]\s+out|sen[dt]|put(?:s|ting)?\s+out)(?:e|es|ed|ing|s)?\s+"
    r"(?:an?|the|its|his|her|their|a\s+joint)\s+(?:[\w’'-]+\s+){0,3}?"
    r"(?:statement|report|video|letter|memo|release|ad|advertisement|op-ed|message|email|note|tweet|post)"
    r"(?:\s+(?:on|this|last|late|early)\s+[\w’'-]+|\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"today|yesterday|tonight))?"
    r"(?:\s+|,\s*)(?P<p>that\s+(?:also\s+)?[a-z]+|[a-z]{3,}ing)(?![\w’'-])")


def find(art: Article) -> None:
    t, lex = art.text, art.lex
    extra = indirect.extra_verbs()[0]
    for ss, se in art.sents:
        for m in _ISSUED.finditer(t, ss, se):
            if art.in_quote(m.start()):
                continue
            verb = m.group("p").split()[-1].lower()
            if lex.verb_kind.get(verb) != "speech" and verb not in extra:
                continue  # "issued a statement of concern", "posted a video showing the fire"
            np = np_before(t, ss, m.start(), lex) or indirect.sentence_subject(art, ss, m.start())
            if np is None or np.end > m.start() or np.kind == "relative":
                continue
            start = m.end()
            if lex.verb_frame.get(verb) == "call":
                fm = re.match(r"\s+(?:for|on)\s+", t[start:se])
                if fm is None:
                    continue
                start += fm.end()
            that = re.match(r"\s+that\s+", t[start:se])
            span = indirect.content_span(art, start + (that.start() if that else 0), se)
            if span is None:
                continue
            cs, ce = m.start(), m.end()
            art.cands.append(Cand(span[0], span[1], "indirect" if not art.quotes_in(*span) else "mixed", np,
                                  cs, ce, cue_text=t[cs:ce], confidence=0.6))
