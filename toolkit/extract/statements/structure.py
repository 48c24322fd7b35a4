"""Statements that the layout of a document makes, not a reporting verb: transcript turns and
first-person texts. Reads the shared per-article model (model.py Article:
text, sentences, paragraphs, quotes, resolver) and returns candidates; it never subclasses it.

* turns: "Vladimir Putin: ...", "President of Russia Vladimir Putin: ...", "Gazprom CEO Alexei
  Miller: ...", "Question: ...", "Q: ...", "A: ..." at the start of a sentence (or a label that
  opens with an office title right after a heading) start a direct statement of the labelled
  speaker that runs to the next turn or a "* * *" break, cut into pieces at paragraph and
  sentence boundaries when long. The label's name is the speaker span. A two-word label is a
  turn only when its first word is a known first name, an office title precedes the name, or the
  same label opens two turns of the text (so "Large Construction: ..." is not a speaker). A
  question turn ("Question", "Q") is the journalist's: speaker "" with type "media"; "Remark",
  "Reply", "Answer", "A" have no named speaker (type "unknown") unless the document is one
  person's interview.
* first-person texts: a title that says the text is one person's address, speech, statement or
  message ("Address by President Volodymyr Zelenskyy to ...", "... - address by the President
  of Ukraine", "Zelenskyy's video address") attributes the body to that person (the speaker is
  named only in the title: no speaker span); a body that opens "The message reads, in part:"
  on a head of state's own site (the outlet is "President of X" in the KB) is that head of
  state's (speaker span: "The message").

Statements that other rules find inside these texts keep their own speakers; those whose
speaker is the text's own "I"/"we"/"you" are dropped (the turn already holds those words).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from toolkit.extract.speakers import NP, TOOLTIP, np_after
from toolkit.extract.statements.model import Article, Cand, strip_end

CHUNK = 700  # characters: longer turns are cut at paragraph and sentence boundaries
TURN_WORDS = {"question": "media", "q": "media", "remark": "unknown", "reply": "unknown",
              "response": "unknown", "answer": "answer", "a": "answer"}
# a run of capitalised words and "of"/"the"/"and" right before ": " (the turn's label; a
# title's "for"/"to"/"in" and dashes too: "Commissioner for Children's Rights", "Envoy to the ...")
_WORD = r"(?:[A-Z]\.|(?:Mr|Mrs|Ms|Dr)\.|[A-Z][\w’'-]*–?)"  # a period only after an initial
_LABEL = re.compile(rf"({_WORD}(?:[ \t]+(?:{_WORD}|of|the|and|for|to|in|–|de|van|von|al|el|bin)){{0,23}})"
                    r"([ \t]*\([^()\n]{1,80}\))?[ \t]?:[ \t]*(?=\S)")
_NAME_COMMA = re.compile(r"([A-Z][\w’'-]+(?: [A-Z][\w’'-]+){1,2}), ([^,:]+)$")
_NAME_BEFORE = re.compile(r"[A-Z][\w’'-]+(?: [A-Z][\w’'-]+){1,2}, $")
_SENT_END = re.compile(r"(?:^|[.!?…\"”*)>\]])\s*$")
_BREAK = re.compile(r"\*\s*\*\s*\*|<…>")
_TITLE_FIRST = re.compile(
    r"(?:^|\s[-–—]\s)(?:(?:video|televised|new\s+year|easter|christmas)\s+)?(?:address|speech|statement|message|"
    r"appeal|remarks|greetings|congratulations|op-ed)\s+(?:by|of)\s+(?P<who>.+?)(?=\s+(?:to|at|on|in|during|before|for|regarding|following|"
    r"after|dedicated|with)\s|[,.:;]|$)", re.IGNORECASE)
_TITLE_OWN = re.compile(r"(?:^|\s[-–—]\s)(?P<who>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3})[’']s\s+(?:video\s+|televised\s+)?"
                        r"(?:address|speech|message|statement|appeal)\b")
_MESSAGE = re.compile(r"\s*(The\s+(?:message|letter|address|telegram))\s+(reads|says|states)(?:,\s*in\s+part)?"
                      r"\s*:\s*")
_FIRST_PERSON = frozenset({"i", "we", "me", "us", "you", "my", "our"})


@dataclass
class Region:
    """Where a turn or a first-person text runs, and whose it is."""
    start: int
    end: int
    np: NP | None
    speaker_type: str = ""  # "media"/"unknown" for a turn word with no named speaker
    cue: str = ""
    cs: int | None = None
    ce: int | None = None
    in_title: bool = False  # the speaker is named in the title only


def label_np(text: str, a: int, b: int, art: Article) -> NP | None:
    """The speaker of a label text[a:b]: the trailing name ("President of Russia Vladimir
    Putin" -> name "Vladimir Putin", role "President", prefix "Russia"), else a role phrase
    ("the President of Ukraine"). None when no person can be read from it."""
    lex = art.lex
    dup = TOOLTIP.search(text, a, b)
    if dup is not None:
        # "Moscow Mayor Sergei Sobyanin Sobyanin SergeiMoscow Mayor", "Olaf Scholz Scholz
        # OlafFederal Chancellor" (a page's tooltip): the name, its role before it or glued after
        ns, ne = dup.start("given"), dup.end("surname")
        role = text[a:ns].strip().rstrip(",").strip() or text[dup.end():b].strip()
        return NP(a, ne, ns, ne, text[ns:ne], "name", role=role, noun_type="person")
    named = _NAME_COMMA.match(text, a, b)
    if named is not None and named.group(1).split()[0].lower() in lex.first_names:
        # "Anna Popova, Head of the Federal Service ...": the name, then its title
        ns, ne = named.span(1)
        return NP(a, ne, ns, ne, text[ns:ne], "name", role=named.group(2).strip(), noun_type="person")
    toks = list(re.finditer(r"[\w’'.-]+", text[a:b]))
    words = [m.group() for m in toks]
    k = len(words)
    while k > 0 and (words[k - 1][:1].isupper() or words[k - 1].lower() in ("de", "van", "von", "bin", "al", "el")
                     or words[k - 1].startswith(("el-", "al-"))) and words[k - 1].lower() not in lex.titles:
        k -= 1
    run = list(range(k, len(words)))
    # country names, acronyms ("VTB", "CEO") and titles before the name belong to the role
    while len(run) > 1 and (art.res.kb("country", words[run[0]].rstrip("’'s")) or words[run[0]].isupper()
                            or words[run[0]].lower() in lex.titles):
        run = run[1:]
    if len(run) > 2:
        first = next((i for i in run[:-1] if words[i].lower() in lex.first_names), None)
        if first is not None:
            run = run[run.index(first):]
    if len(run) > 3:
        run = run[-2:]
    if not run or not words[run[-1]][:1].isupper() or len(run) == 1 and art.res.kb("country", words[run[0]]):
        return None  # "the President of Ukraine": a role, no name
    role_words = words[:run[0]]
    titled = any(w.lower() in lex.titles for w in role_words) or any(
        " ".join(role_words[i:i + 2]).lower() in lex.titles for i in range(len(role_words)))
    if len(run) == 1 and not titled and not role_words:
        return None
    ns, ne = a + toks[run[0]].start(), a + toks[run[-1]].end()
    role = next((w for w in reversed(role_words) if w.lower() in lex.titles), "")
    prefix = " ".join(w for w in role_words if w not in ("of", "the") and w != role)
    if not role_words:
        np = np_after(text, ns, ne, lex)
        if np is not None and np.kind == "name" and np.end == ne:
            return np
    return NP(a, ne, ns, ne, text[ns:ne], "name", role=role, prefix=prefix, noun_type="person")


def _labels(art: Article) -> list[tuple[int, int, int, str]]:
    """(label start, its colon, content start, turn word or "") of every turn label."""
    t, lex = art.text, art.lex
    out = []
    for m in _LABEL.finditer(t):
        a, b = m.start(1), m.end(1)
        if art.in_quote(a):
            continue
        if not (a == 0 or _SENT_END.search(t[max(0, a - 3):a])):
            # "... talks President of Russia Vladimir Putin:": the label opens with a title
            words = list(re.finditer(r"[\w’'.-]+", t[a:b]))
            start = next((a + w.start() for w in words if w.group()[:1].isupper()
                          and w.group().lower() in lex.titles), None)
            dup = TOOLTIP.search(t, a, b)
            if dup is not None and (start is None or start > dup.start()):
                start = dup.start()  # "..., Alexander Lukashenko Lukashenko AlexanderPresident of Belarus:"
            elif start is not None:
                nc = _NAME_BEFORE.search(t, max(0, start - 60), start)
                if nc is not None and (nc.start() == 0 or _SENT_END.search(t[max(0, nc.start() - 3):nc.start()])):
                    start = nc.start()  # "Anna Popova, Head of the Federal Service ...:"
            if start is None or start == a and t[a - 1:a] not in (" ", "\n"):
                continue
            a = start
        label = t[a:b]
        low = label.lower()
        colon = t.rfind(":", b, m.end())
        if low in TURN_WORDS and not m.group(2):
            out.append((a, colon, m.end(), low))
        elif low not in TURN_WORDS:
            out.append((a, colon, m.end(), ""))
    return out


def turns(art: Article, interviewee: NP | None = None) -> list[Region]:
    t, lex = art.text, art.lex
    found = _labels(art)
    if not found:
        return []
    # a text with paragraphs puts each turn at a paragraph start (else "Ted Cruz: ..." headlines)
    by_para = len(art.paras) >= 3
    counts: dict[str, int] = {}
    for a, colon, _, _ in found:
        counts[t[a:colon]] = counts.get(t[a:colon], 0) + 1
    regions: list[Region] = []
    sure: list[bool] = []
    for a, colon, cs, word in found:
        if by_para and a > 0 and t[a - 1] != "\n" or not word and t[a:colon].split()[0].lower() in lex.function_words:
            continue
        b = strip_end(t, a, colon)[1]
        if t[b - 1:b] == ")":  # "Name (role):" -> the name
            b = strip_end(t, a, t.rfind("(", a, b))[1]
        if word:
            typ = TURN_WORDS[word]
            if typ == "answer" and interviewee is not None:  # the interview's own subject
                np = NP(a, b, a, b, interviewee.name, interviewee.kind, role=interviewee.role,
                        prefix=interviewee.prefix, noun_type=interviewee.noun_type)
                regions.append(Region(a, cs, np, cue=":", cs=colon, ce=colon + 1))
            else:  # the label stays at the speaker span; no name
                np = NP(a, b, a, b, t[a:b], "turn")
                regions.append(Region(a, cs, np, "unknown" if typ == "answer" else typ, cue=":", cs=colon,
                                      ce=colon + 1))
            sure.append(True)
            continue
        named = label_np(t, a, b, art)
        if named is None:
            continue
        first = named.name.split()[0].lower()
        regions.append(Region(a, cs, named, cue=":", cs=colon, ce=colon + 1))
        sure.append(bool(named.role or named.prefix or first in lex.first_names or counts[t[a:colon]] > 1))
    dialogue = sure.count(True) >= 2
    if not dialogue:
        # not a transcript: one label that names a person for sure ("Prime Minister X:"), at
        # the text's start or with an office title (a news text's first line is its headline)
        regions = [r for r, ok in zip(regions, sure) if ok and r.np is not None and (
            r.np.role or r.np.prefix if by_para else r.start == 0 or r.np.role or r.np.prefix)]
    out = []
    for i, r in enumerate(regions):
        end = regions[i + 1].start if i + 1 < len(regions) else len(t)
        brk = _BREAK.search(t, r.end, end)
        if brk is not None:
            end = brk.start()
        r.start, r.end = r.end, end  # the content: after the colon, to the next turn
        if by_para:
            # news with paragraphs: a turn is its paragraph, and a sentence (not a heading)
            nl = t.find("\n", r.start, r.end)
            r.end = nl if nl >= 0 else r.end
            if not re.search(r"[.!?…\"”’)]\s*$", t[r.start:r.end]) or _headline(t[r.start:r.end]):
                continue
        if dialogue and re.search(r"\w", t[r.start:r.end]) or len(re.findall(r"\w+", t[r.start:r.end])) >= 3:
            out.append(r)
    return out


def _headline(s: str) -> bool:
    """Title Case ("Bernie Sanders: ‘It Is Not A Radical Idea’ To Ask ..."): a headline, not a turn."""
    long = [w for w in re.findall(r"[\w’'-]+", s) if len(w) > 3]
    return len(long) >= 2 and sum(w[0].isupper() for w in long) >= 0.6 * len(long)


def first_person(art: Article, title: str, outlet: str, country: str) -> Region | None:
    """The region of a text that is one person's own words, from its title or its opening."""
    t = art.text
    m = _TITLE_FIRST.search(title) or _TITLE_OWN.search(title)
    if m is not None and not title.lower().startswith("joint"):
        who = m.group("who").strip()
        if " and " not in who and "," not in who:
            np = label_np(who, 0, len(who), art) or np_after(who, 0, len(who), art.lex)
            if np is not None and np.kind in ("name", "noun") and np.noun_type in ("person", ""):
                # named only in the title: no span in the text
                spoken = NP(0, 0, 0, 0, np.name, np.kind, role=np.role, prefix=np.prefix,
                            noun_type=np.noun_type, gender=np.gender)
                return Region(0, len(t), spoken, cue="address", in_title=True)
    mm = _MESSAGE.match(t)
    if mm is not None and country and _head_of_state_site(art, outlet):
        np = NP(mm.start(1), mm.end(1), mm.start(1), mm.end(1), "the President", "noun", role="President",
                prefix=country, noun_type="person")
        return Region(mm.end(), len(t), np, cue=mm.group(2), cs=mm.start(2), ce=mm.end(2))
    return None


def _head_of_state_site(art: Article, outlet: str) -> bool:
    """Whether ``outlet`` is a head of state's own site (its KB name or alias: "President of X")."""
    hit = art.res.kb("outlet", outlet) if outlet else None
    if not hit:
        return False
    names = [str(hit.get("name") or "")] + str(hit.get("aliases") or "").split("|")
    return any(n.startswith("President of ") for n in names)


def pieces(art: Article, a: int, b: int) -> list[tuple[int, int]]:
    """text[a:b] cut at paragraph ends and, past CHUNK characters, at sentence ends."""
    t = art.text
    out: list[tuple[int, int]] = []
    cur = a
    for ss, se in art.sents:
        if se <= a:
            continue
        if ss >= b:
            break
        se = min(se, b)
        para_break = "\n" in t[cur:se].rstrip()
        if cur < ss and (se - cur > CHUNK or para_break):
            out.append((cur, ss))
            cur = ss
    if cur < b:
        out.append((cur, b))
    spans = []
    for x, y in out:
        x, y = strip_end(t, x, y)
        if y > x and re.search(r"\w", t[x:y]):
            spans.append((x, y))
    return spans


def regions(art: Article, *, title: str = "", outlet: str = "", country: str = "") -> list[Region]:
    """The turns of a transcript, else the whole text of a first-person document."""
    doc = first_person(art, title, outlet, country)
    found = turns(art, interviewee=doc.np if doc is not None else None) or ([doc] if doc is not None else [])
    # a he/she in these texts is not their speaker (who would say "I"): the resolver skips them
    for r in found:
        if r.np is not None and not r.speaker_type and r.np.kind in ("name", "noun"):
            who = r.np.name if r.np.kind == "name" else art.res.resolve(r.np).name
            if who:
                art.res.owned.append((r.start, r.end, who))
    return found


def candidates(art: Article, found: list[Region]) -> list[Cand]:
    """One direct candidate per piece of each region."""
    out = []
    for r in found:
        for x, y in pieces(art, r.start, r.end):
            out.append(Cand(x, y, "direct", r.np, r.cs, r.ce, cue_text=r.cue, confidence=0.9,
                            family="document", speaker_type=r.speaker_type, in_title=r.in_title))
    return out


def inside(found: list[Region], c: Cand) -> bool:
    """Whether a rule's candidate sits in a turn or first-person text with the text's own
    I/we/you as its speaker (the region already holds those words)."""
    if c.np is None or c.np.kind != "pronoun" or c.np.name.lower() not in _FIRST_PERSON:
        return False
    return any(r.start <= c.qs < r.end for r in found)
