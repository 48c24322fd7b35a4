"""Subjects of a cue that no word list knows: a generic plural phrase opening the sentence
("two Democratic speechwriters implored"), any noun phrase running up to the cue ("The veteran
shipbuilder says", "But harbour engineers say") and a loose phrase after an inverted cue
('"...," said former harbour pilot Anna Berg'). Fallbacks of the indirect-speech family
(indirect.py) for when the speaker finder (speakers.py) finds no one."""
from __future__ import annotations

import re

from toolkit.extract.speakers import NP, TIME_WORDS, np_after
from toolkit.extract.statements.model import WORD, Article

# words ending in "s" that are not plural nouns (a generic subject's head)
_NOT_PLURAL = frozenset({"was", "has", "is", "does", "this", "thus", "its", "his", "hers", "ours", "yours", "theirs",
                         "as", "us", "yes", "less", "unless", "perhaps", "always", "sometimes", "news", "whereas"})
# cue forms that are as often nouns ("the jobs report", "the disruptions promises"): no generic subject
_NOUN_SENSE = frozenset({"report", "reports", "claim", "claims", "promise", "promises", "call", "calls", "demand",
                         "demands", "comment", "comments", "pledge", "pledges", "vow", "vows", "note", "notes",
                         "warning", "warnings", "statement", "post", "posts", "tweet", "tweets", "point", "points"})
# a generic subject at the start of a clause: "two Democratic speechwriters implored her"
_GENERIC_SUBJ = re.compile(r"((?:[Aa]n?|[Tt]he|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]everal|[Ss]ome|[Mm]any|"
                           r"[Oo]ther|[Mm]ost|[Bb]oth)\s+(?:[\w’'-]+\s+){0,3}?([a-z][a-z-]+s))\s+")
FINITE = re.compile(r"(?<![\w’'-])(?:is|are|was|were|has|have|had|will|would|can|could|may|might|should|must|"
                     r"does|did)(?![\w’'-])")
# cue_subject: what may sit between a subject and its cue, the words of the subject, a clause start
_SUBJ_GAP = frozenset({"also", "however", "though", "too", "today", "now", "still", "both", "all", "meanwhile",
                       "generally", "themselves", "itself", "himself", "herself", "would", "could", "may", "might",
                       "never"})
_SUBJ_GROUPS = frozenset({"people", "children", "police", "staff", "media", "public", "clergy", "crew", "youth"})
_SUBJ_MODAL = frozenset({"will", "must", "should", "can", "shall", "cannot", "ca", "wo"})
_SUBJ_INFER = re.compile(r"(?:suggest|reveal|confirm|show|indicat|boast|point|predict|add|mean)")
_SUBJ_DETS = frozenset({"the", "a", "an", "one", "another", "his", "her", "their", "its", "our", "this", "each",
                        "every", "some", "many", "most", "several", "other", "two", "three", "few", "these",
                        "those", "both", "such", "no", "all"})
_SUBJ_WORD = re.compile(r"[A-Za-z][\w’'.-]*")
_SUBJ_LEAD = re.compile(r"(?:(?:[A-Z][\w’'-]*(?:\s+[\w’'-]+){0,10}\s*,\s*)|(?:But|And|Yet|Still|So|Now|Instead|"
                        r"Meanwhile|However|Indeed)\s*,?\s*)")
_SUBJ_NOT_HEAD = frozenset({"week", "weeks", "year", "years", "day", "days", "time", "times", "night", "morning",
                            "month", "months", "hours", "minutes", "way", "ways", "thing", "things", "lot",
                            "we", "you", "they", "he", "she", "it", "one", "i", "us", "them", "him", "me"})
_LOOSE = re.compile(r"((?:[\w’'.()-]+\s+){0,9}?[\w’'.)-]+?)\.?(?=\s*(?:,|[.!?]?\s*$|\s+(?:who|in|on|at|during|after)\s))")
# inverted cues that take no object ("said the 46-year-old"; not "explained its goals")
LOOSE_CUES = frozenset({"said", "says", "say", "added", "adds", "wrote", "writes", "recalled", "recalls",
                         "concluded", "concludes", "remarked", "quipped", "joked", "insisted", "insists"})
_APPOSITIVE = re.compile(r"((?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen)\.\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}),\s+"
                         r"([^,;:\"“”()]{3,80}(?:,\s+[^,;:\"“”()]{2,40})?),\s*(?:(?:also|later|then|[a-z]+ly)\s+)?$")
_LOOSE_MODS = frozenset({"former", "retired", "undecided", "senior", "longtime", "veteran", "top", "local",
                         "chief", "deputy", "acting", "then"})


def generic_subject(art: Article, ss: int, hi: int, cue: int | None = None) -> NP | None:
    """'(In a column on Monday,) two Democratic speechwriters implored her ...': a plural
    noun phrase no word list knows, opening the sentence (after a fronted phrase) and
    followed by a verb (a past tense, an auxiliary) or, when ``cue`` is given, by nothing but
    auxiliaries and adverbs up to the cue."""
    t, lex = art.text, art.lex
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


def cue_subject(art: Article, ss: int, cs: int) -> NP | None:
    """'The billionaire real estate magnate says', 'But hacking specialists say', 'One California
    delegate has said': a noun phrase no word list knows, opening a clause (the sentence, after
    a fronted phrase or a first conjunction) and running up to the cue with nothing but
    auxiliaries and adverbs between. A singular head needs a determiner; a bare phrase needs
    a plural head."""
    t, lex = art.text, art.lex
    fm = WORD.match(t, cs)
    form = fm.group().lower() if fm else ""
    nxt = re.match(r"\s*([\w’'-]+|[,.;:])(?:\s+([\w’'-]+))?", t[cs + len(form):cs + len(form) + 40])
    if nxt is None or nxt.group(1) == ";" or nxt.group(1).lower() in lex.aux \
            or FINITE.fullmatch(nxt.group(1).lower()) or nxt.group(1) == "to" and nxt.group(2) == "be":
        return None  # "His second tweet, an hour later, was ...", "The debate promised to be": no words said
    if nxt.group(1).lower() in ("itself", "himself", "herself", "themselves") \
            or lex.verb_frame.get(form) == "colon" and nxt.group(1) not in (":", ","):
        return None  # "the question suggests itself", "troops continued strikes"
    words = list(WORD.finditer(t, ss, cs))
    gap = 0
    while words and (words[-1].group().lower() in lex.aux or words[-1].group().lower() in lex.adverbs
                     or words[-1].group().lower() in _SUBJ_GAP or words[-1].group().endswith("ly")):
        words.pop()
        gap += 1
    if re.match(_SUBJ_INFER, form):
        return None  # "The plan suggests that ...": what a thing shows is an inference, not words said
    if words and words[-1].group().lower() in _SUBJ_MODAL:
        return None  # "we will observe", "the world must admit": not a report of words said
    if not words or form in _NOUN_SENSE and not gap:
        return None  # "The most telling promise": a noun, not a cue
    # the phrase: back from the cue to a clause start, at most five words
    k = len(words) - 1
    while k > 0 and len(words) - k < 5 and words[k].group().lower() not in _SUBJ_DETS \
            and _SUBJ_WORD.fullmatch(words[k - 1].group()) and t[words[k - 1].end():words[k].start()] == " ":
        prev = words[k - 1].group().lower()
        if prev in lex.function_words and prev not in _SUBJ_DETS and prev != "and":
            break
        k -= 1
    first = words[k]
    lead = t[ss:first.start()]
    if lead.strip() and not _SUBJ_LEAD.fullmatch(lead) or nxt.group(1) == "." and not lead.rstrip().endswith(","):
        return None  # "The ferry was late, the crew admitted.": the content before; no "The crew admitted."
    if re.search(r"[^\w\s’'-]", t[words[-1].end():cs]):
        return None  # "X, said": punctuation between the subject and the cue
    phrase = words[k:]
    head = phrase[-1].group()
    low = [w.group().lower() for w in phrase]
    det = low[0] in _SUBJ_DETS
    if not re.fullmatch(r"[a-z][a-z-]{2,}", head) or head in lex.function_words or head in lex.verb_kind \
            or head in lex.aux or head in _NOT_PLURAL or head.endswith("ing") or head in _SUBJ_NOT_HEAD:
        return None
    if any(w in lex.verb_kind or w in lex.aux or w in lex.function_words and w != "and"
           for w in low[1:]) or low[-1] == "and":
        return None
    plural = head.endswith(("s", "men")) and not head.endswith("ss") or head in _SUBJ_GROUPS
    if det and len(phrase) < 2 or not det and (not plural or low[0] in lex.function_words):
        return None
    a, b = first.start(), phrase[-1].end()
    return NP(a, b, a, b, t[a:b], "noun", role=head)


def loose_after(art: Article, a: int, se: int) -> NP | None:
    """After an inverted cue ('"...," said former harbour pilot Anna Berg.', '..., said a 2008
    campaign veteran.'): a phrase the speaker finder did not take, up to a comma, "who" or the
    sentence's end; it opens with a determiner, a modifier or a capital and holds no verb. A
    final run of capitalised words is the name."""
    t, lex = art.text, art.lex
    m = _LOOSE.match(t, a, se)
    if m is None:
        return None
    words = WORD.findall(m.group(1))
    low = [w.lower() for w in words]
    if not words or len(words) > 10 or any(w in lex.verb_kind or w in lex.aux or FINITE.fullmatch(w) for w in low) \
            or not (low[0] in _SUBJ_DETS or low[0] in _LOOSE_MODS or words[0][:1].isupper() or words[0][:1].isdigit()) \
            or low[-1] in lex.function_words or words[-1][:1].isdigit() and low[0] not in _SUBJ_DETS:
        return None
    if any(w in TIME_WORDS for w in low):
        return None  # 'said Tuesday the group': a time, then the phrase
    return phrase_np(art, a, m.end(1))


def phrase_np(art: Article, a: int, b: int) -> NP:
    """A speaker phrase with no head noun the finder knows: a final run of two or more
    capitalised words is the name (its titles split off by the finder), the words before it
    the role ("former harbour pilot Anna Berg", "retired Army Lt. Gen. Mark Stone"); else the
    phrase is the speaker ("a 2008 campaign veteran")."""
    t = art.text
    words = WORD.findall(t[a:b])
    caps = re.search(r"(?:(?<=\s)|^)((?:[A-Z][\w’'.-]*\s+)*[A-Z][\w’'.-]*)$", t[a:b])
    if caps is not None and 2 <= len(caps.group(1).split()) < len(t[a:b].split()):
        ns = a + caps.start(1)
        np = np_after(t, ns, b, art.lex)
        if np is not None and np.kind == "name" and np.end == b and " " in np.name:
            role = t[a:np.name_start].strip()
            return NP(a, b, np.name_start, b, np.name, "name", role=role, gender=np.gender)
        return NP(a, b, ns, b, t[ns:b], "name", role=t[a:ns].strip())
    return NP(a, b, a, b, t[a:b], "noun", role=words[-1] if words else "")


def appositive_subject(art: Article, ss: int, cs: int) -> NP | None:
    """'Tom Lind, South Harbour director for the union, said ...': a name opening the sentence,
    then an appositive of one or two comma-separated parts (no verb in them), right before the
    cue; the speaker is the name."""
    t, lex = art.text, art.lex
    m = _APPOSITIVE.match(t, ss, cs)
    if m is None:
        return None
    np = np_after(t, ss, m.end(1), lex)
    if np is None or np.kind != "name" or np.end != m.end(1):
        return None
    words = [w.lower() for w in WORD.findall(m.group(2))]
    if not words or any(w in lex.verb_kind or w in lex.aux or FINITE.fullmatch(w) for w in words) \
            or words[0] in ("who", "which", "whose", "and", "but", "or", "if", "when", "as"):
        return None
    return np


