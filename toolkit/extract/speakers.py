"""Speaker noun phrases: find them next to a cue, resolve them within the article, link them
to the knowledge base.

``np_before(text, lo, hi)`` reads the noun phrase that ends at ``hi`` (the subject of a cue),
``np_after(text, lo, hi)`` the one that starts at ``lo`` ("said the mayor"). Both only look at a
bounded window, so they cost O(1) per cue. A phrase is a pronoun, a name (capitalised words,
possibly after titles and roles: "Kremlin spokesman Dmitry Peskov" -> name "Dmitry Peskov",
role "spokesman", prefix "Kremlin") or a role noun ("the ministry", "the spokesman").

``Resolver`` keeps, per article, the people and organisations already met, to turn a surname,
a pronoun or a role noun into the full name met earlier, and links names to toolkit.kb.
"""
from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from toolkit.extract.cues import Lexicon
from toolkit.kb import names

log = logging.getLogger(__name__)

# words, keeping abbreviation periods ("U.S.", "Mr.", "E.") but not a sentence's final period
TOKEN = re.compile(r"\([^()\n]{1,40}\)|(?:[A-Z]\.){2,}|[A-Z][a-z]{0,3}\.(?=\s+[A-Z])|"
                   r"\w[\w’'&-]*(?:\.\w[\w’'&-]*)*|--|[,;:—–]")
NAME_RE = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z]\.)?(?:\s+(?:(?:de|van|von|der|den|bin|ibn|da|di|du|la|le)\s+){0,2}"
                     r"(?:al-)?[A-Z][\w’'-]+)+")
# a scraped page's tooltip after a name: "Olaf Scholz Scholz OlafFederal Chancellor" (the name,
# the same words surname first, then the role glued on): the name is the first two or three words
TOOLTIP = re.compile(r"\b(?P<given>[A-Z][\w’'-]+(?: [A-Z][\w’'-]+)?) (?P<surname>[A-Z][\w’'-]+) "
                     r"(?P=surname) (?P=given)(?![a-z])")
PARTICLES = frozenset({"de", "van", "von", "der", "den", "da", "di", "du", "la", "le", "bin", "al", "el", "of"})
DETS = frozenset({"the", "a", "an", "his", "her", "its", "their", "our", "one", "another", "some", "two", "three",
                  "several", "many", "other", "both", "this", "that"})
TIME_WORDS = frozenset({"on", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                        "last", "week", "month", "year", "earlier", "today", "yesterday", "tonight", "night",
                        "morning", "afternoon", "evening", "this"})
MAX_TOKENS = 9
_AGENT = re.compile(r"[a-z]{3,}(?:er|or|ist|ian)s?")
# words of the agent-noun form that are things ("familiar with the matter said")
_NOT_AGENT = frozenset({"matter", "matters", "number", "numbers", "order", "orders", "letter", "water", "paper",
                        "border", "borders", "center", "centre", "corner", "power", "powers", "other", "others",
                        "after", "under", "either", "neither", "never", "ever", "later", "rather", "together",
                        "further", "chapter", "quarter", "manner", "dinner", "weather", "error", "errors", "floor",
                        "door", "factor", "factors", "sector", "sectors", "color", "colour", "mirror", "cancer",
                        "summer", "winter", "october", "november", "december", "september", "tower", "poster"})
# words that open an aside between a subject and its cue: "the office, when contacted, said"
_ASIDE_OPEN = frozenset({"when", "while", "after", "before", "citing", "asked", "pressed", "reached", "contacted",
                         "speaking", "responding", "writing", "in", "on", "at", "during", "like", "unlike", "as"})
# words set off by commas between a subject and its cue: "officials, though, say"
_INSERTED = re.compile(r",\s*(?:though|however|meanwhile|too|also|instead|nonetheless|nevertheless|in\s+turn|"
                       r"in\s+fact|for\s+(?:his|her|their|its)\s+part|in\s+response|in\s+particular),\s*$",
                       re.IGNORECASE)
# post-modifiers of a subject's head: "an official familiar with the matter said", "people with
# knowledge of the plan said", "sources close to the minister say"
_POSTMOD = re.compile(r"\s(?:familiar\s+with|close\s+to|with\s+(?:direct\s+|first-?hand\s+|intimate\s+)?knowledge\s+of|"
                      r"briefed\s+on|involved\s+in|knowledgeable\s+about|aware\s+of|speaking\s+on\s+condition\s+of)"
                      r"\s[^,;:.!?\"“”()]{2,80}$")
# a group named only by a quantifier or a share, at the start of a clause: "Some said",
# "26% say", "half of the voters said"
_SHARE = (r"(?:(?:[Nn]early|[Aa]lmost|[Aa]bout|[Rr]oughly|[Jj]ust\s+over|[Jj]ust\s+under|[Mm]ore\s+than|[Ff]ewer\s+than|"
          r"[Ll]ess\s+than)\s+)?(?:\d+(?:\.\d+)?\s*(?:%|percent|per\s+cent)|[Hh]alf|[Aa]\s+majority|[Mm]ajorities|"
          r"[Aa]\s+(?:third|quarter|fifth)|(?:[Tt]wo|[Tt]hree|[Ff]our)-(?:thirds|fourths|quarters|fifths)|"
          r"(?:\d+|[A-Za-z]+)\s+in\s+(?:10|ten|\d+))")
_BARE_GROUP = re.compile(r"(?:^|\n\s*|[.;:!?\"”]\s+|,\s+|\s(?:and|but|while|whereas)\s+|(?<![\w’'-])(?:But|And|Yet)\s+)((?:Some|Many|Most|Others|Several|Both|Few)|"
                         r"(?<=;\s)most|[Tt]hose\s+(?:surveyed|polled|asked|interviewed|questioned)|"
                         + _SHARE + r"(?:\s+(?:of|in|among)\s+[^,;:.!?\"“”]{2,40}?)?)\s*$")
# a quantifier with its group: "many in the crowd said", "some of the women said"
_QUANT_GROUP = re.compile(r"(?<![\w’'-])((?:[Mm]any|[Ss]ome|[Mm]ost|[Ss]everal|[Ff]ew|[Aa]ll|[Nn]one|[Oo]ne|[Tt]wo|[Tt]hree|"
                          r"[Ff]our|[Ff]ive|[Oo]thers|[Tt]hose|[Bb]oth)\s+(?:of|in|at|among|from)\s+"
                          r"[^,;:.!?\"“”()]{2,60})$")
_HONORIFICS = frozenset({"mr.", "mrs.", "ms.", "dr.", "miss", "sir", "dame", "prof."})
_NUMBERS = frozenset({"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozens", "hundreds",
                      "thousands", "several", "many", "most", "some", "all", "few", "both"})
_AGE = re.compile(r"\d{1,3}[-–]year[-–]old")  # "the 57-year-old scientist"
_TAG_BEFORE = re.compile(r"\s*\((?:[A-Z][\w.]*[-–][\w. ]{1,14}|\d{1,3})\),\s*$")  # "(D-R.I.),", "(54),"
_PP = frozenset({"of", "in", "for", "at", "from", "with", "on"})
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_PARTY = re.compile(r"\(?[RDI]-[A-Z]")  # "R-Ky.", "(D-N.C.)"
_COMPLEMENT = re.compile(r"(?<!according)\s(?:to|of|for|with)(?:\s+the)?\s*$", re.IGNORECASE)  # "adviser to the"
_CAP_WORD = re.compile(r"\b[A-Z][\w’'-]+")
_ARTICLE_BEFORE = re.compile(r"\b(?:[Tt]he|of|for)\s+$")
_OWNER = re.compile(r"(?<![\w’'-])([A-Z]?[a-z]+)\s(?:to|of|for)(?:\s+the)?\s+$")  # "Adviser to the "
_HEAD_OF = re.compile(r"(?:([A-Z][\w’'-]+) )?[Hh]ead of (?:the )?(?:([A-Z][\w’'-]+) )?(state|government)")
_LEADER_ROLES = frozenset({"president", "prime minister", "chancellor", "king", "queen", "emir", "supreme leader"})
_PLACE_NOUNS = frozenset({"region", "oblast", "province", "territory", "district", "city"})  # "Governor of Kharkiv region"
_PAST_HOLDER = re.compile(r"\b(?:former|ex|late)\b|\d", re.IGNORECASE)  # "the former/43rd President"


@lru_cache(maxsize=4096)
def _role_key(role: str) -> str:
    return names.role_key(role)


def kb_country(name: str) -> str:
    """The ISO3 code of a country name ("" when the KB is unavailable or lacks it)."""
    try:
        from toolkit import kb
        return str(kb.country_code(name) or "")
    except Exception:  # noqa: BLE001  the KB is optional
        return ""


_SUBORDINATE = frozenset({"prime", "deputy", "vice", "assistant", "first"})


def _head_in(head: str, role: str) -> bool:
    """Whether a title's head word names the office ``role`` ("minister" in "Foreign Minister" and
    "Minister of Health"; not in "Prime Minister" or "Deputy Head of the Office": another office)."""
    low = role.lower()
    for m in re.finditer(r"(?<![\w-])" + re.escape(head) + r"(?![\w-])", low):
        before = low[:m.start()].split()
        if not before or before[-1] not in _SUBORDINATE or head.split()[0] in _SUBORDINATE:
            return True
    return False


def _role_fits(key: str, role_key: str) -> bool:
    """Whether an office (role key) is the one a title names, or a portfolio of it; word order
    aside ("European Council President" is the "President of the European Council")."""
    return bool(role_key) and (role_key.startswith(key + " ") or _same_office(key, role_key))


def _same_office(key: str, role_key: str) -> bool:
    glue = {"of", "and", "for", "the"}
    return role_key == key or " " in key and set(key.split()) - glue == set(role_key.split()) - glue


def _fold(word: str) -> str:
    """Surname key: casefolded, accents and a possessive 's removed ("Šimonytė" -> "simonyte")."""
    word = unicodedata.normalize("NFKD", word)
    word = "".join(c for c in word if not unicodedata.combining(c)).casefold()
    return word[:-2] if word.endswith(("’s", "'s")) else word


@dataclass
class NP:
    start: int          # whole phrase
    end: int
    name_start: int     # where the speaker is named (pronoun, surname/full name, role noun)
    name_end: int
    name: str
    kind: str           # "pronoun" | "name" | "noun"
    role: str = ""
    prefix: str = ""    # words before the title: "Kremlin", "Lithuanian", "U.K."
    noun_type: str = ""  # speaker type implied by a role noun ("daily" -> media)
    gender: str = ""
    ref: NP | None = None  # for a relative pronoun: the phrase it stands for


def _cap(tok: str) -> bool:
    return tok[:1].isupper() or tok[:1].isdigit() and False


def _clean(tok: str) -> str:
    return tok.lower().rstrip("’'s").rstrip(".") if tok.endswith(("’s", "'s")) else tok.lower()


def _analyse(text: str, toks: list[re.Match[str]], lex: Lexicon) -> NP | None:
    """Turn a token run (already bounded) into an NP: split titles/roles from the name."""
    full_start = toks[0].start() if toks else 0
    while toks and toks[0].group().lower() in DETS:
        toks = toks[1:]
    had_det = bool(toks) and toks[0].start() != full_start
    # lowercase adjectives before a capitalised name: "a new Washington Post-ABC News poll"
    while len(toks) > 1 and toks[0].group()[:1].islower() and toks[0].group().lower() not in lex.titles \
            and toks[0].group().lower() not in lex.speaker_nouns and _cap(toks[1].group()):
        toks = toks[1:]
    if not toks:
        return None
    words = [t.group() for t in toks]
    low = [w.lower() for w in words]
    if len(toks) == 1 and low[0] in lex.pronouns:
        t = toks[0]
        g, _ = lex.pronouns[low[0]]
        return NP(t.start(), t.end(), t.start(), t.end(), words[0], "pronoun", gender=g)
    # find the last role/title word(s): the name is what follows them
    role_end = -1
    first_title: tuple[int, str, str] | None = None  # the first person's title: end, words, gender
    role = ""
    noun_type = ""
    gender = ""
    j = 0
    while j < len(low):
        hit = 0
        for k in (3, 2, 1):
            if j + k <= len(low):
                cand = " ".join(low[j:j + k])
                if cand in lex.titles or cand in lex.speaker_nouns:
                    hit = k
                    break
                if k == 1 and cand.endswith("s") and cand[:-1] in lex.speaker_nouns:
                    hit = k
                    break
                if k == 1 and j == len(low) - 1 and _AGENT.fullmatch(cand) and had_det and cand not in _NOT_AGENT:
                    hit = k
                    break
        if hit and j + hit == len(low) and role_end > 0 and _cap(words[j]) and low[role_end - 1] in _HONORIFICS:
            break  # "Mr. King", "Dr. Judge": after an honorific a title word is the surname
        if hit:
            cand = " ".join(low[j:j + hit])
            role_end = j + hit
            role = " ".join(words[j:j + hit])
            if cand not in lex.speaker_nouns and cand not in lex.titles:
                cand = cand[:-1]
            if cand in lex.speaker_nouns:
                noun_type, g = lex.speaker_nouns[cand]
                gender = g or gender
            else:
                noun_type = "person"
            gender = lex.titles.get(cand, "") or gender
            if first_title is None and noun_type == "person":
                first_title = (role_end, role, gender)
            j += hit
        else:
            j += 1
    if first_title is not None and first_title[0] < role_end and first_title[0] < len(toks) - 1 \
            and low[first_title[0]] == "of":
        # "the President of the European Commission", "the Head of the Office of the President":
        # the first person's title is the role, the rest its complement
        role_end, role, gender = first_title
        noun_type = "person"
    if 0 <= role_end < len(toks) - 1 and low[role_end] == "of" and _cap(toks[-1].group()) \
            and all(_cap(t.group()) or t.group().lower() in ("the", "of", "and") for t in toks[role_end + 1:]):
        # "the President of Ukraine": a role and the country it serves, no name
        a = toks[0].start()
        return NP(full_start, toks[-1].end(), a, toks[-1].end(), text[a:toks[-1].end()], "noun", role=role,
                  prefix=text[toks[role_end + 1].start():toks[-1].end()], noun_type="person", gender=gender)
    name_toks = toks[role_end:] if role_end >= 0 else toks
    prefix_toks = toks[:max(role_end - len(role.split()), 0)] if role_end >= 0 else []
    prefix = " ".join(t.group() for t in prefix_toks)
    if name_toks and all(_cap(t.group()) or t.group().lower() in PARTICLES for t in name_toks) \
            and _cap(name_toks[-1].group()):
        a, b = name_toks[0].start(), name_toks[-1].end()
        name = text[a:b]
        # an organisation name: its last word is an organisation noun ("Defense Ministry")
        last = low[-1]
        names_low = [t.group().lower() for t in name_toks]
        if "of" in names_low:
            # "David Woodard of Clemson University": a person's name, then where they work
            at = names_low.index("of")
            if at >= 2 and names_low[0] in lex.first_names:
                pb = name_toks[at - 1].end()
                return NP(full_start, pb, a, pb, text[a:pb], "name", role=role,
                          prefix=text[name_toks[at + 1].start():b], noun_type=noun_type or "person",
                          gender=gender or lex.first_names[names_low[0]])
        if last in lex.speaker_nouns and lex.speaker_nouns[last][0] != "person":
            a = toks[0].start()
            name = text[a:b]
            return NP(full_start, b, a, b, name, "name", prefix="", noun_type=lex.speaker_nouns[last][0])
        return NP(full_start, b, a, b, name, "name", role=role, prefix=prefix, noun_type=noun_type,
                  gender=gender)
    if role_end == len(toks) and role:
        # a role noun phrase: "the spokesman", "the Italian daily", "Clinton's campaign"
        a = toks[0].start()
        b = toks[-1].end()
        return NP(full_start, b, a, b, text[a:b], "noun", role=role, prefix=prefix, noun_type=noun_type,
                  gender=gender)
    return None


def _gap_ok(text: str, a: int, b: int) -> bool:
    """Only spaces between two tokens."""
    return not text[a:b].strip()


def _plural_noun(word: str, lex: Lexicon) -> bool:
    return word.endswith("s") and word[:-1] in lex.speaker_nouns


def _appositive(text: str, toks: list[re.Match[str]], i: int, lo: int, lex: Lexicon) -> NP | None:
    """'Chad Bown, an expert on trade at the Institute, said': the name before the appositive
    that ends at token i (a comma or dash). Looks up to three commas back and keeps the
    farthest name that starts a chain of appositives ("Scott Pruitt, the attorney general of
    Oklahoma, one of the states suing, said"; "Johnnie Wilson, of Springfield, Va., said")."""
    tries = 0
    found: NP | None = None
    for k in range(i - 1, max(-1, i - 45), -1):
        w = toks[k].group()
        if w in (";", ":"):
            break
        if w not in (",", "--", "—", "–"):
            continue
        tries += 1
        first = toks[k + 1].group() if k + 1 < i else ""
        lf = first.lower()
        ok = bool(first) and (first[:1].islower() or lf in DETS or lf in lex.titles or lf in lex.speaker_nouns
                              or _plural_noun(lf, lex) or lf in lex.role_adjectives or first[:1].isdigit()
                              or first.endswith(("’s", "'s")) or _PARTY.match(first) is not None)
        if tries == 1 and not ok and first[:1].isupper() and i - k - 1 <= 4 \
                and all(_cap(toks[x].group()) for x in range(k + 1, i)):
            # "A lawyer for the news outlets, David Schulz, said": the name is the appositive
            np = np_before(text, lo, toks[i].start(), lex, appositive=False)
            if np is not None and np.kind == "name":
                return np
        # a reporting verb inside means this is a clause, not an appositive
        if ok and (lf == "who" and tries == 1 or not any(toks[x].group() in lex.verb_kind for x in range(k + 1, i))):
            # (a "who" aside may hold a cue of its own: "Berg, who said she rarely votes, said")
            np = np_before(text, lo, toks[k].start(), lex, appositive=False)
            if np is not None and np.kind == "noun" and lf in ("who", "whose") and tries == 1 \
                    and np.noun_type != "document" and text[np.start:np.end].split()[0].lower() in DETS:
                return np  # "The senator, whose committee oversees the program, said"
            if np is not None and np.kind == "name":
                before = text[max(lo, np.start - 12):np.start].split()
                if not before or before[-1].lower() not in _PP:
                    return np  # a complete phrase, not the tail of an earlier appositive
                found = np  # "... attorney general of Oklahoma,": look further back
            if np is not None and np.kind == "noun" and tries == 1 and lf in _ASIDE_OPEN \
                    and np.noun_type != "document":
                return np  # "Powell’s office, when contacted by Reuters, said"
        elif found is not None:
            break
        if tries >= 3:
            break
    return found


_POSSESSIVE = re.compile(r"(?<![\w’'-])(my|our|his|her|their|its|your)\s+$", re.IGNORECASE)
_WHO = re.compile(r"\s(who)\s[^,;:.!?\"“”()]{3,120}$")


def np_before(text: str, lo: int, hi: int, lex: Lexicon, *, appositive: bool = True) -> NP | None:
    """The noun phrase ending at ``hi`` (trailing adverbs, auxiliaries and times skipped);
    also the head of a subject with a restrictive relative clause ("Residents who attended the
    meeting on Monday said")."""
    if appositive:
        ins = _INSERTED.search(text, max(lo, hi - 40), hi)
        if ins is not None:  # "officials, though, say"
            hi = ins.start()
        tag = _TAG_BEFORE.search(text, max(lo, hi - 30), hi)
        if tag is not None:  # "Sen. Jack Reed (D-R.I.), said": a party or age tag, then the cue
            hi = tag.start()
        refl = re.search(r"\s(?:itself|himself|herself|themselves)\s*$", text[max(lo, hi - 14):hi])
        if refl is not None:  # "the company itself said"
            hi = max(lo, hi - 14) + refl.start()
    np = _np_before(text, lo, hi, lex, appositive=appositive)
    titled = _titled_name(text, lo, hi, lex)
    if titled is not None and (np is None or np.name != titled.name):
        return titled
    if np is not None and np.kind == "name" and " " not in np.name:
        office = _AND_TAIL.search(text, max(lo, np.name_start - 120), np.name_start)
        if office is not None and office.group(1).lower() in lex.titles:
            # "the Minister of Agrarian Policy and Food": an office named with an "and", no name
            a = office.start(1)
            return NP(office.start(), np.end, a, np.end, text[a:np.end], "noun", role=office.group(1),
                      prefix=text[office.end(1):np.end].split(None, 1)[1], noun_type="person")
    if np is None and _POSSESSIVE.search(text, max(lo, hi - 8), hi):
        # "during my remarks", "his claim": the owner speaks (the caller's business), not a
        # group phrase before it ("one of the things I mentioned during my")
        return None
    if np is None and appositive:
        m = _WHO.search(text, max(lo, hi - 130), hi)
        if m is not None:
            head = _np_before(text, lo, m.start(1), lex, appositive=False)
            if head is not None:
                head = _of_complement(text, lo, head, lex)
            if head is not None and head.kind in ("name", "noun") and head.noun_type != "document":
                return head
    if appositive and (np is None or np.kind == "noun" and np.noun_type != "document"
                       and not text[np.start:np.end][:1].isupper() and np.start > lo):
        pm = _POSTMOD.search(text, max(lo, hi - 100), hi)
        if pm is not None:
            head = _np_before(text, lo, pm.start(), lex, appositive=False)
            if head is None:
                w = re.search(r"(?<![\w’'-])([Pp]eople|[Ss]ources|[Tt]hose|[Oo]thers|[Ss]omeone|[Aa]nyone)\s*$",
                              text[max(lo, pm.start() - 12):pm.start()])
                if w is not None:
                    a = max(lo, pm.start() - 12) + w.start(1)
                    head = NP(a, hi, a, hi, text[a:hi].strip(), "noun", role=w.group(1), noun_type="person")
            if head is not None and head.kind in ("name", "noun") and head.noun_type != "document":
                return head
        if np is None:
            bg = _BARE_GROUP.search(text, max(0, lo - 3, hi - 60), hi)
            if bg is not None:
                a, b = bg.start(1), len(text[:bg.end(1)].rstrip())
                return NP(a, b, a, b, text[a:b], "noun", role=text[a:b].split()[0].lower(), noun_type="person")
            qg = _QUANT_GROUP.search(text, max(lo, hi - 80), hi)
            if qg is not None:
                a, b = qg.start(1), len(text[:qg.end(1)].rstrip())
                return NP(a, b, a, b, text[a:b], "noun", role=text[a:b].split()[0].lower(), noun_type="person")
    return np


_LAST_NAME = re.compile(r"(?<![\w’'-])([A-Z][\w’'-]+)\s+((?:(?:de|van|von|der|al-)\s*)?[A-Z][\w’'-]+)\s*$")
# a title and its "of"/"for" complement up to an "and" before the phrase's last word
_AND_TAIL = re.compile(r"(?<![\w’'-])(?:[Tt]he\s+)?((?:[A-Z][\w’'-]+\s+){0,2}[A-Z][\w’'-]+)\s+(?:of|for)\s+"
                       r"(?:(?:[A-Z][\w’'-]+|of|the|and)\s+){0,8}and\s+$")
_SUBJECT_PRONOUNS = frozenset({"i", "we", "you", "they", "he", "she"})  # "we hear people": a verb after them
_NONSPACE = re.compile(r"\S+")
_ROLE_GLUE = frozenset({"of", "for", "the", "and", "on", "-", "–", "—"})


def _titled_name(text: str, lo: int, hi: int, lex: Lexicon) -> NP | None:
    """A name after a long title with "of"/"for" complements: "Deputy Prime Minister - Minister
    for Reintegration of the Temporarily Occupied Territories of Ukraine Iryna Vereshchuk" ->
    name "Iryna Vereshchuk", the title its role. Only for a known first name (else the
    complement's last words could be taken for a name)."""
    m = _LAST_NAME.search(text, max(lo, hi - 60), hi)
    if m is None or m.group(1).lower() not in lex.first_names:
        return None
    ns = m.start()
    toks = list(_NONSPACE.finditer(text, max(lo, ns - 300), ns))[::-1]
    start = None
    taken = 0
    for n, t in enumerate(toks[:30]):
        w = t.group()
        if w.lower() in lex.first_names or not (w in _ROLE_GLUE or re.fullmatch(r"[A-Z][\w’'-]*", w)):
            break
        taken = n + 1
    span = toks[:taken][::-1]  # the capitalised run before the name, in text order
    for n in range(len(span)):
        low = [x.group().lower() for x in span[n:n + 3]]
        if (low[0] in lex.role_adjectives or any(" ".join(low[:k]) in lex.titles for k in (1, 2, 3))) \
                and span[n].group()[:1].isupper():
            start = n
            break
    if start is None:
        return None
    a = span[start].start()
    role = text[a:ns].strip()
    if not re.search(r"\s(?:of|for)\s", role) or not role.split()[-1][:1].isupper():
        return None
    return NP(a, m.end(2), ns, m.end(2), text[ns:m.end(2)], "name", role=role, noun_type="person",
              gender=lex.first_names[m.group(1).lower()])


def _of_complement(text: str, lo: int, np: NP, lex: Lexicon) -> NP | None:
    """"the President of the European Council": a role before "of" and the phrase ``np``."""
    m = re.search(r"(?<![\w’'-])of\s+$", text[max(lo, np.start - 4):np.start])
    if m is None:
        return np
    outer = _np_before(text, lo, max(lo, np.start - 4) + m.start(), lex, appositive=False)
    if outer is None or outer.kind != "noun" or outer.noun_type not in ("person", ""):
        return np
    return NP(outer.start, np.end, outer.name_start, np.end, text[outer.name_start:np.end], "noun",
              role=outer.role, prefix=np.name, noun_type=outer.noun_type, gender=outer.gender)


def _np_before(text: str, lo: int, hi: int, lex: Lexicon, *, appositive: bool = True) -> NP | None:
    base = max(lo, hi - (300 if appositive else 160))
    toks = [t for t in TOKEN.finditer(text, base, hi)]
    if not toks:
        return None
    if base > lo:
        toks = toks[1:]  # the first token may be cut
    # skip trailing modifiers
    i = len(toks) - 1
    while i >= 0:
        w = toks[i].group()
        lw = w.lower()
        if w.startswith("(") or lw in lex.aux or lw in lex.adverbs or lw in TIME_WORDS \
                or lw in ("not", "n’t", "n't") or _YEAR.fullmatch(w) or (lw == "in" and i + 1 < len(toks)
                                                                        and _YEAR.fullmatch(toks[i + 1].group())) \
                or (w.endswith("ly") and w.islower() and len(w) > 4 and lw not in lex.speaker_nouns
                    and not _plural_noun(lw, lex) and not (i > 0 and toks[i - 1].group().lower() in DETS)):
            i -= 1  # "forcefully told", "has repeatedly said", "in 2010 said", "Monday said" (a
            # noun in -ly after a determiner stays: "the rally said", "the family says")
            continue
        break
    if i < 0:
        return None
    end_tok = toks[i]
    if end_tok.group() in (",", "--", "—", "–"):
        if appositive and not re.search(r"[.!?\"“”;:]", text[end_tok.end():hi]):
            return _appositive(text, toks, i, lo, lex)
        return None
    if not _gap_ok(text, end_tok.end(), hi) and text[end_tok.end():hi].strip()[:1] not in "(":
        # punctuation between the phrase and the cue: allow only skipped modifiers
        rest = text[end_tok.end():hi]
        if re.search(r"[,;:.!?\"“”]", rest):
            return None
    w0 = end_tok.group()
    l0 = w0.lower()
    if l0 in lex.pronouns:
        return _analyse(text, [end_tok], lex)
    if w0 == "who" and appositive:
        # "Trump, who says he is honored": the relative pronoun names the speaker; it stands
        # for the phrase before it
        j = end_tok.start()
        while j > lo and text[j - 1] in " ,":
            j -= 1
        ref = np_before(text, lo, j, lex, appositive=False)
        if ref is None or ref.kind == "pronoun":
            return None
        return NP(end_tok.start(), end_tok.end(), end_tok.start(), end_tok.end(), "who", "relative", ref=ref)
    run = [end_tok]
    k = i - 1
    if _cap(w0) and l0 not in lex.function_words:
        mode = "name"
    elif l0 in lex.speaker_nouns or l0 in lex.titles or _plural_noun(l0, lex):
        mode = "noun"
    elif _AGENT.fullmatch(l0) and l0 not in _NOT_AGENT and i > 0 and (
            toks[i - 1].group().lower() in DETS
            or i > 1 and _AGE.fullmatch(toks[i - 1].group().lower()) and toks[i - 2].group().lower() in DETS):
        mode = "noun"  # "one questioner", "the narrator": an agent noun after a determiner
    else:
        if appositive and l0.isalpha() and l0 not in lex.function_words:
            # "Experts on North Korea and nuclear nonproliferation said": the head noun sits
            # before a prepositional phrase of up to seven words
            for x in range(i - 1, max(-1, i - 8), -1):
                wx = toks[x].group()
                if not wx[:1].isalnum() or wx in ("who", "which", "that"):
                    break  # a relative clause is not the head's complement
                if wx.lower() in _PP and x > 0:
                    outer = np_before(text, lo, toks[x].start(), lex, appositive=False)
                    if outer is not None and outer.kind == "name":
                        return outer
                    if outer is not None and outer.kind == "noun" and outer.noun_type != "document":
                        e = end_tok.end()
                        return NP(outer.start, e, outer.name_start, e, text[outer.name_start:e], "noun",
                                  role=outer.role, noun_type=outer.noun_type, gender=outer.gender)
                    break
        return None
    while k >= 0 and len(run) < MAX_TOKENS:
        t = toks[k]
        if not _gap_ok(text, t.end(), run[0].start()):
            break
        w = t.group()
        lw = w.lower()
        if lw in lex.pronouns:
            break  # "I hear people say": a pronoun starts a clause, not the phrase
        if lw in DETS or (mode == "noun" and w.endswith(("’s", "'s")) and len(w) > 2):
            run.insert(0, t)  # a determiner, or a possessive one: "the ad’s narrator"
            break
        if lw in PARTICLES and k > 0 and _cap(toks[k - 1].group()):
            run.insert(0, t)
        elif _cap(w) and (lw not in lex.function_words or lw in lex.titles):
            if w.endswith(("’s", "'s")) and mode == "name" and run is not None and len(run) and \
                    not any(x.group().lower() in lex.speaker_nouns for x in run):
                break  # "Clinton's Trump": a possessive before a name starts another phrase
            run.insert(0, t)
        elif lw in lex.speaker_nouns or lw in lex.titles or lw.rstrip("s") in lex.speaker_nouns \
                or lw in lex.role_adjectives or (lw + " " + run[0].group().lower()) in lex.titles \
                or (lw + " " + run[0].group().lower()) in lex.speaker_nouns:
            run.insert(0, t)  # "press secretary", "foreign minister"
        elif mode == "noun" and (w.isdigit() or lw in _NUMBERS or _AGE.fullmatch(lw)):
            run.insert(0, t)  # "another 19 percent", "two officials"
        elif mode == "noun" and len(run) < 3 and lw.isalpha() and lw not in lex.function_words \
                and lw not in lex.verb_kind and not lw.endswith("ly") \
                and not (k > 0 and toks[k - 1].group().lower() in _SUBJECT_PRONOUNS):
            run.insert(0, t)  # an adjective of a role noun: "the former spokesman"
        else:
            break
        k -= 1
    np = _analyse(text, run, lex)
    # a bare plural/role noun with no determiner ("officials said") is fine; a singular one
    # without determiner is usually not a subject
    if np is not None and mode == "noun" and run[0].group().lower() not in DETS \
            and not run[0].group().isdigit() and run[0].group().lower() not in _NUMBERS \
            and not run[0].group().endswith(("’s", "'s")) \
            and not any(_cap(t.group()) for t in run) and np.kind == "noun" \
            and not run[-1].group().lower().endswith("s") and np.noun_type != "organization":
        np = None  # ("police said" is fine: an organisation)
    j = next((x for x in range(len(toks) - 1, -1, -1) if toks[x] is run[0]), 0) - 1
    if appositive and j >= 1 and toks[j].group().lower() in _PP and _gap_ok(text, toks[j].end(), run[0].start()):
        # "a narrator in the Clinton ad asks", "Mr. Morgan of the Sierra Club said": the head
        # of the subject comes before the prepositional phrase
        outer = np_before(text, lo, toks[j].start(), lex, appositive=False)
        if outer is not None and outer.kind == "name":
            return outer
        if outer is not None and outer.kind == "noun" and np is not None:
            # "the Head of the Presidential Office": the role with its complement (and the role
            # before another "of": "the Deputy Head of the Office of the President")
            return _of_complement(text, lo, NP(outer.start, np.end, outer.name_start, np.end,
                                               text[outer.name_start:np.end], "noun", role=outer.role,
                                               prefix=np.name, noun_type=outer.noun_type, gender=outer.gender), lex)
    return np


def np_after(text: str, lo: int, hi: int, lex: Lexicon) -> NP | None:
    """The noun phrase starting at ``lo`` ("said Caddell", "said the mayor", "according to the
    top British medical journal")."""
    toks = [t for t in TOKEN.finditer(text, lo, min(hi, lo + 160))]
    run: list[re.Match[str]] = []
    k = 0
    while k < len(toks):
        t = toks[k]
        if run and not _gap_ok(text, run[-1].end(), t.start()):
            break
        if not run and not _gap_ok(text, lo, t.start()):
            break
        w = t.group()
        lw = w.lower()
        if not run and lw in lex.pronouns:
            nxt = toks[k + 1] if k + 1 < len(toks) else None
            if lw == "her" and nxt is not None and nxt.group()[:1].isalpha() and _gap_ok(text, t.end(), nxt.start()):
                run.append(t)  # "according to her account": a determiner
                k += 1
                continue
            return _analyse(text, [t], lex)
        if (lw in DETS and not run) or (_cap(w) and (lw not in lex.function_words or lw in lex.titles)) \
                or (lw in PARTICLES and run and _cap(run[-1].group())) or lw in lex.speaker_nouns \
                or lw in lex.titles or _plural_noun(lw, lex):
            run.append(t)
        elif run and run[-1].group().lower() in DETS and lw.isalpha() and lw not in lex.function_words \
                and lw not in lex.verb_kind:
            run.append(t)  # "the former governor"
        elif run and lw.isalpha() and lw not in lex.function_words and lw not in lex.verb_kind \
                and not (lw.endswith("ed") and len(lw) > 4 and _cap(run[-1].group())):
            # "British medical journal": lowercase words are kept only up to a role noun (not a
            # past tense after a name: "Anna Berg issued a statement")
            ahead = [x for x in toks[k:k + 3] if x.group().isalpha()]
            hit = next((j for j, x in enumerate(ahead) if x.group().lower() in lex.speaker_nouns
                        or _plural_noun(x.group().lower(), lex)), None)
            if hit is None or any(not _gap_ok(text, ahead[j].end(), ahead[j + 1].start()) for j in range(hit)):
                break
            run.extend(ahead[:hit + 1])
            k += hit + 1
            continue
        else:
            break
        if len(run) >= MAX_TOKENS:
            break
        k += 1
    if len(run) >= 2 and run[-1].group() == "of" and run[-2].group().lower() in lex.titles and k < len(toks):
        # "said the President of the European Council": the title's complement, capitalised words
        more = [run.pop()]
        for t in toks[k:k + 9]:
            if not _gap_ok(text, more[-1].end(), t.start()) or not (_cap(t.group()) or t.group() in ("the", "of", "and")):
                break
            if t.group() == "and" and (len(more) < 2 or not _cap(more[-1].group())
                                       or kb_country(" ".join(x.group() for x in more[1:] if x.group() != "the"))):
                break  # "the National Security and Defense Council", not "the Presidents of Ukraine and Poland"
            more.append(t)
        while more and not _cap(more[-1].group()):
            more.pop()
        if len(more) > 1:
            run.extend(more)
    while run and run[-1].group().lower() in PARTICLES:
        run.pop()
    if not run:
        return None
    return _analyse(text, run, lex)


@dataclass
class Entity:
    name: str
    type: str           # official | person | organization | media | document | unknown
    pos: int
    gender: str = ""
    role: str = ""
    country: str = ""
    entity_id: str = ""


@dataclass
class Resolver:
    """Per-article memory of who was met where; links names through toolkit.kb."""
    text: str
    lex: Lexicon
    published: Any = None
    kb_cache: dict[Any, Any] = field(default_factory=dict)
    people: list[Entity] = field(default_factory=list)     # in text order
    groups: list[Entity] = field(default_factory=list)
    surnames: dict[str, list[Entity]] = field(default_factory=dict)
    use_mentions: bool = False   # fall back on toolkit.extract.mentions for he/she and role nouns
    mentions_loaded: bool = False
    country: str = ""   # ISO3 of the article (its outlet's country): whose "the President" it is
    country_words: list[tuple[int, str]] = field(default_factory=list)  # (position, ISO3) of countries named
    country_scanned: int = 0  # country_words covers text[:country_scanned]
    title: str = ""     # the headline: people named there with their title come before the text
    # (start, end, speaker) of texts one person speaks (a transcript turn, an address): their
    # "he"/"she" is someone else, since the speaker would say "I"
    owned: list[tuple[int, int, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        # people named with a known first name: "Lithuanian Prime Minister Ingrida Simonyte";
        # the headline's first ("Meeting with Perm Territory Governor Dmitry Makhonin"): they
        # stand before the text (position -1), their title is the text's "the Governor"
        for text, at in ((self.title, -1), (self.text, None)):
            for m in NAME_RE.finditer(text):
                parts = m.group().split()
                dup = TOOLTIP.search(text, m.start(), m.end())
                if dup is not None:
                    parts = text[m.start():dup.end("surname")].split()  # not the tooltip and role after it
                if parts[-1].endswith(("’s", "'s")):
                    parts[-1] = parts[-1][:-2]  # "George McGovern’s vice presidential nominee"
                for k, part in enumerate(parts[:-1]):
                    first = part.lower()
                    if first in self.lex.first_names:
                        name = " ".join(parts[k:])
                        pos = m.start() + m.group().index(part)
                        role = self._role_before(pos, text)
                        if at is not None and not role:
                            break
                        country = self._country_of(role.split(" of ", 1)[1]) if " of " in role else ""
                        self._add_person(Entity(name, "person", pos if at is None else at,
                                                self.lex.first_names[first], role, country))
                        break

    def _role_before(self, pos: int, text: str | None = None) -> str:
        """A title or role noun right before a name: "Kremlin spokesman Dmitry Peskov",
        "President of Ukraine Volodymyr Zelenskyy" (role "President"), "The First Lady of
        Ukraine Olena Zelenska", "Governor of Kharkiv region Oleh Synehubov"."""
        text = self.text if text is None else text
        allwords = text[max(0, pos - 80):pos].split()
        words = allwords[-5:]
        before = allwords[-6].lower() if len(allwords) > 5 else ""
        low = [w.lower().strip(",") for w in words]
        for k in range(len(low)):
            cand = " ".join(low[k:])
            if cand in self.lex.titles or cand in self.lex.speaker_nouns:
                prev = low[k - 1] if k else before
                if prev in ("of", "to", "for") or prev == "the" and (low[k - 2] if k > 1 else before) in ("of", "to"):
                    return ""  # "Head of the Office of the President Andriy Yermak": not the President
                return " ".join(words[k:])
            # "<role> of <Country>": the role is what comes before "of" (not the complement of a
            # longer one: "Head of the Office of the President of Ukraine"; "the" is fine unless
            # an "of" comes before it)
            prev2 = low[k - 2] if k > 1 else before if k == 1 else ""
            if "of" in low[k + 1:] and (k == 0 and len(words) < 5 or k > 0 and (
                    low[k - 1] not in ("of", "the") or low[k - 1] == "the" and prev2 != "of")):
                j = low.index("of", k + 1)
                base = " ".join(low[k:j])
                if j + 1 < len(low) and _cap(words[j + 1]) and all(
                        _cap(w) or w.lower() in _PLACE_NOUNS for w in words[j + 1:]) and (
                        base in self.lex.titles or base in self.lex.speaker_nouns):
                    return " ".join(words[k:])
        return ""

    def _add_person(self, ent: Entity, surface: str = "") -> None:
        self.people.append(ent)
        for name in {ent.name, surface}:
            parts = name.split()
            if len(parts) > 1:
                self.surnames.setdefault(_fold(parts[-1]), []).append(ent)
            if len(parts) > 2:
                # a second surname the KB leaves out ("José Manuel Albares Bueno"): "Albares" too
                hit = self.kb("official", name)
                last = str(hit.get("name") or "").split()[-1:] if hit else []
                if last and _fold(last[0]) != _fold(parts[-1]) and _fold(last[0]) == _fold(parts[-2]):
                    self.surnames.setdefault(_fold(parts[-2]), []).append(ent)

    # --- knowledge base -------------------------------------------------------------------
    def kb(self, what: str, name: str) -> Any:
        """A cached toolkit.kb lookup (None when the KB lacks it or is unavailable)."""
        key = (what, name, self.published if what == "official" else None)
        if key in self.kb_cache:
            return self.kb_cache[key]
        hit: Any = None
        try:
            from toolkit import kb
            if what == "official":
                hit = names.find_person(name, on=self.published)
            elif what == "outlet":
                hit = kb.find_outlet(name)
            elif what == "organization":
                hit = kb.find_organization(name)
            elif what == "country":
                hit = kb.country_code(name)
        except Exception as exc:  # noqa: BLE001  the KB is optional: never lose a statement over it
            log.debug("kb lookup %s %r failed: %r", what, name, exc)
            hit = None
        self.kb_cache[key] = hit
        return hit

    def _country_of(self, words: str) -> str:
        for w in [words, *words.split()]:
            w = w.rstrip("’'s").strip() if w.endswith(("’s", "'s")) else w
            if w:
                code = self.kb("country", w)
                if code:
                    return str(code)
        return ""

    def link(self, name: str, *, role: str = "", prefix: str = "", noun_type: str = "", gender: str = "",
             pos: int = 0) -> Entity:
        """Entity for a resolved display name (KB official, outlet, organisation or country).
        A person's honorific and title are split off the name first ("Head of the President's
        Office Mykhailo Podoliak" -> "Mykhailo Podoliak", role "Head of the President's Office");
        the KB is searched by every spelling of the name (toolkit.kb.names); a person the KB
        lacks gets the stable id of the name (``names.person_id``)."""
        first = name.split()[0].lower() if name else ""
        if first not in self.lex.first_names:
            noun_type = self._head_type(name) or noun_type
        person_like = noun_type == "person" or first in self.lex.first_names or " " in name and \
            noun_type == ""
        if not person_like and noun_type in ("organization", "") and len(name.split()) > 2:
            # "Office of the President of Ukraine Andriy Yermak": a title, then a person's name
            split = names.split_name(name)
            if split.role and len(split.name.split()) > 1 and names.is_personal_name(split.name) and (
                    split.name.split()[0].lower() in self.lex.first_names or self.kb("official", split.name)):
                person_like, noun_type = True, "person"
        if person_like and name:
            split = names.split_name(name)
            if split.name and split.name != name:
                name, role = split.name, role or split.role
                if " " not in name:  # "Mr Peskov": the full name met earlier in the text
                    cands = self.surnames.get(_fold(name))
                    if cands:
                        name = ([c for c in cands if c.pos < pos] or cands)[-1].name
                first = name.split()[0].lower()
        off = self.kb("official", name) if person_like or noun_type == "" else None
        if off:
            return Entity(str(off.get("name") or name), "official", pos, str(off.get("gender") or gender),
                          str(off.get("role") or role), str(off.get("country") or ""),
                          str(off.get("official_id") or ""))
        if noun_type != "person" and first not in self.lex.first_names:
            out = self.kb("outlet", name)
            if out and out.get("outlet_type") != "government site":  # "the Kremlin" speaks as a state
                return Entity(str(out.get("name") or name), "media", pos, "", role,
                              str(out.get("country") or ""), str(out.get("domain") or ""))
            org = self.kb("organization", name)
            if org:
                return Entity(str(org.get("name") or name), "organization", pos, "", role,
                              str(org.get("country") or ""), str(org.get("org_id") or ""))
            code = self.kb("country", name)
            if code:
                return Entity(name, "organization", pos, "", role or "government", str(code), str(code))
            if out:  # a government site the KB has no organisation for ("President of Ukraine")
                return Entity(str(out.get("name") or name), "organization", pos, "", role or "government",
                              str(out.get("country") or ""), "")
        country = self._country_of(prefix) if prefix else ""
        words = name.split()
        if not country and noun_type in ("organization", "media", "document") and name:
            country = self._country_of(name.split()[0])
        if noun_type in ("organization", "media", "document"):
            typ = noun_type
        elif len(words) == 1 and not role and first not in self.lex.first_names:
            typ = "person" if _fold(name) in self.surnames or noun_type == "person" else "unknown"
            at = self.text.find(name, pos)  # where the word itself stands (pos: its phrase)
            if _fold(name) not in self.surnames and self._common_word(name, at if at >= 0 else None):
                typ = "unknown"  # "Please", "Article": a word the text also writes in lower case
        elif len(words) == 1 and first not in self.lex.first_names and _fold(name) not in self.surnames \
                and not self._kb_surname(name) and names.has_word(self.text, name.lower()):
            typ = "unknown"  # "the Executive Order", "Article 48": a title-like word, then an ordinary one
        else:
            typ = "person"
        if not gender and name:
            gender = self.lex.first_names.get(first, "")
        pid = self._person_id(name) if typ == "person" and names.is_personal_name(name) else ""
        return Entity(name, typ, pos, gender, role, country, pid)

    def _head_type(self, name: str) -> str:
        """The speaker type a name's head noun gives: "organization" for "Ministry of Health",
        "Kyiv City Council", "US Department of Agriculture" (the word before "of", else the
        last word) and for an acronym alone ("FAO"); "person" for a group of people
        ("international experts", "local residents"); "" when the words say nothing."""
        words = name.split()
        if len(words) == 1:
            return "organization" if len(name) > 1 and name.isupper() and name.isalpha() else ""
        nouns = self.lex.speaker_nouns
        # "X of Y" is headed by X ("Head of the President's Office" is a person); else the last word
        head = _fold(words[words.index("of") - 1]) if "of" in words[1:] else _fold(words[-1])
        typ = nouns.get(head, ("", ""))[0]
        if typ and typ != "person":
            return typ
        tail = _fold(words[-1])
        if tail.islower() and (nouns.get(tail, ("", ""))[0] == "person"
                               or tail.endswith("s") and nouns.get(tail[:-1], ("", ""))[0] == "person"):
            return "person"
        return ""

    def _common_word(self, word: str, pos: int | None = None) -> bool:
        """Whether a capitalised one-word name is an ordinary word, not a surname: it occurs in
        lower case in this text ("Please", "Article"; a surname does not: "Yermak"), or, when
        no one named in full and no KB official has it as surname, it starts a sentence at
        ``pos`` ("Following the talks, ...") or follows "the", "of", "for" ("the West")."""
        low = word.lower()
        if low == word or not low.isalpha():
            return False
        if names.has_word(self.text, low):
            return True
        if pos is None or _fold(word) in self.surnames or self._kb_surname(word):
            return False
        if _ARTICLE_BEFORE.search(self.text, max(0, pos - 5), pos):
            return True  # "the West", "the Republic", "Minister for Reintegration": no person
        before = self.text[max(0, pos - 3):pos].strip()
        return pos == 0 or before[-1:] in (".", "!", "?", "\n", "")

    def _kb_surname(self, word: str) -> bool:
        return names.is_kb_surname(word)

    def _person_id(self, name: str) -> str:
        """The KB official_id of a person's name in any spelling, else the id of the name."""
        off = self.kb("official", name)
        return str(off.get("official_id") or "") if off else names.name_id(name)

    def resolve(self, np: NP) -> Entity:
        """Resolve ``np`` (a speaker met at np.start) to an entity, remembering it."""
        ent = self._resolve(np)
        if ent.type == "person" and not ent.entity_id and " " in ent.name and np.kind != "name":
            linked = self.link(ent.name, role=ent.role, gender=ent.gender, pos=ent.pos)
            if linked.type == "official":
                return linked
        if ent.type == "person" and not ent.entity_id and names.is_personal_name(names.split_name(ent.name).name):
            # a person met earlier in the text (he/she, "the minister"): the id of their name
            ent.entity_id = self._person_id(names.split_name(ent.name).name)
        return ent

    def _load_mentions(self) -> None:
        """Officials and organisations that toolkit.extract.mentions finds (KB-linked, by
        surname too): candidates for he/she, 'the minister', 'the ministry'. Loaded only when
        a speaker needs resolving."""
        if self.mentions_loaded:
            return
        self.mentions_loaded = True
        try:
            from toolkit.extract.mentions import article_mentions
            records = article_mentions(self.text, published=self.published)
        except Exception as exc:  # noqa: BLE001  mentions are optional for statements
            log.debug("article_mentions failed: %r", exc)
            return
        for r in records:
            if r.get("in_quote"):
                continue
            typ, name, pos = r.get("entity_type"), str(r.get("name") or ""), int(r.get("start") or 0)
            if not name:
                continue
            if typ in ("official", "person"):
                off = self.kb("official", name) if typ == "official" else None
                gender = str(off.get("gender") or "") if off else self.lex.first_names.get(name.split()[0].lower(), "")
                self._add_person(Entity(name, typ, pos, gender, str(r.get("role") or ""),
                                        str(r.get("country") or ""), str(r.get("entity_id") or "")),
                                 str(r.get("surface") or ""))
            elif typ == "organization":
                self.groups.append(Entity(name, "organization", pos, "", "", str(r.get("country") or ""),
                                          str(r.get("entity_id") or "")))

    def _resolve(self, np: NP) -> Entity:
        ent = self._resolve_once(np)
        if self.use_mentions and not self.mentions_loaded and ent.name == np.name and (
                np.kind == "pronoun" and np.name.lower() in ("he", "she")
                or np.kind == "noun" and np.noun_type in ("person", "organization")):
            # not resolved from what the text itself showed: try the KB-linked mentions
            self._load_mentions()
            ent = self._resolve_once(np)
        return ent

    def _resolve_once(self, np: NP) -> Entity:
        pos = np.start
        if np.kind == "relative" and np.ref is not None:
            return self._resolve(np.ref)
        if np.kind == "pronoun":
            low = np.name.lower()
            low = {"him": "he", "her": "she", "them": "they", "us": "we", "me": "i"}.get(low, low)
            if low in ("he", "she"):
                want = "m" if low == "he" else "f"
                speaker = {_fold(w) for a, b, who in self.owned if a <= pos < b for w in who.split()[-1:]}
                near: Entity | None = None
                for ent in self.people:
                    if speaker and _fold(ent.name.split()[-1] if ent.name else "") in speaker:
                        continue
                    if ent.pos < pos and (near is None or ent.pos > near.pos):
                        g = ent.gender or self._gender(ent)
                        if g in (want, ""):
                            near = ent
                return near if near is not None else Entity(np.name, "unknown", pos, want)
            if low in ("it", "they", "we"):
                before = [e for e in self.groups if e.pos < pos]
                if before:
                    return max(before, key=lambda e: e.pos)
            return Entity(np.name, "unknown", pos)
        if np.kind == "noun":
            hs = _HEAD_OF.fullmatch(np.name)
            if hs is not None and self._is_country(hs.group(1) or hs.group(2) or ""):
                # "the Ukrainian head of state", "the head of the Ukrainian state": that country's
                np = replace(np, name="head of " + hs.group(3).lower(), role="head of " + hs.group(3).lower(),
                             prefix=hs.group(1) or hs.group(2), noun_type="person")
            head = self._head_type(np.name)
            if head and head != np.noun_type and (head == "person") == (np.noun_type == "document"):
                # "the Ministry of Health" is no person, "international experts" no document
                np = replace(np, noun_type=head)
            # a whole phrase that is a title ("head of state", not "head" of "state") is the role
            whole = np.name.lower() in self.lex.titles
            role = np.name.lower() if whole else np.role.lower()
            # "the Head of State" holds any of the roles it means (titles.csv: "president|king|...")
            roles = [r for r in self.lex.title_means.get(role, role).split("|") if r]
            role = roles[0] if roles else ""
            heads = {r.split()[-1] for r in roles}
            person = np.noun_type in ("person", "")
            org = self.kb("organization", np.name) if not person and np.prefix else None
            if org:  # "the Russian Defense Ministry": a KB organisation named by country + noun
                ent = Entity(str(org.get("name") or np.name), "organization", pos, "", np.role,
                             str(org.get("country") or ""), str(org.get("org_id") or ""))
                self.groups.append(ent)
                return ent
            country = self._country_of(np.prefix) if np.prefix else ""
            qualified = " of " in np.name and not whole  # "the President of X", "the Head of the Office"
            bare = whole or np.name.lower() == np.role.lower()  # "the President"
            # the office's holder now, unless the phrase is another's complement ("adviser to the
            # President") or names a past holder ("the 43rd President", "the former President")
            current = not (_COMPLEMENT.search(self.text[max(0, np.start - 22):np.start])
                           or _PAST_HOLDER.search(self.text[np.start:np.name_start]))
            owner = _OWNER.search(self.text, max(0, np.start - 40), np.start) \
                if person and not current and np.role.lower() in self.lex.titles and not self._names_person(np.name) \
                else None
            if owner is not None:
                # "the Adviser to the Head of the Office": the adviser, whose title this phrase completes
                full = self.text[owner.start(1):np.end]
                key = _role_key(full)
                for ent in reversed(self.people):
                    if ent.pos < pos and any(r and _role_fits(key, _role_key(r))
                                             for r in (ent.role, self._kb_office(ent)[0])):
                        return ent
                return Entity("", "unknown", pos, np.gender, full, "")
            if person and current and role == "leader" and self._is_country(np.prefix):
                # "the Russian leader": the last head of state or government of that country named
                lead = [e for e in self.people if e.pos < pos and self._kb_office(e)[1] == country
                        and self._kb_office(e)[0].lower() in _LEADER_ROLES]
                if lead:
                    return lead[-1]
            if person and role and current and self._is_country(np.prefix):
                off = self._role_holder(roles, country, pos)  # "the President of Ukraine"
                if off is not None:
                    return off
            if person and self._names_person(np.name):
                # "Deputy Head of the Office of the President Rostyslav Shurma": the title names its holder
                split = names.split_name(np.name)
                ent = self.link(split.name, role=split.role, noun_type="person", gender=np.gender, pos=pos)
                self._add_person(ent, split.name)
                return ent
            if person and role and current and qualified and np.prefix and not self._is_country(np.prefix):
                # "the President of the European Commission", "the Head of the Office": that office's
                # holder (named with it in the text, else the KB's), never another leader in the room
                return self._office_holder(np, pos)
            pool = self.people if person else self.groups
            best: Entity | None = None
            home: Entity | None = None  # the last one of the article's own country
            tkey = _role_key(np.name) if person else ""  # "President's wife" = "First Lady"
            for ent in pool if current or not (person and qualified) else ():  # not "adviser to the President of X"
                if ent.pos >= pos or not heads or best is not None and ent.pos <= best.pos:
                    continue
                kb_role, kb_country = self._kb_office(ent) if person else ("", "")
                erole = ent.role or kb_role
                # the title as written (any of its words: "the minister" for "Foreign Minister X"), else
                # the KB office, which must be the title's own (not "Deputy Prime Minister")
                if any(_head_in(h, ent.role) or h in ent.name.lower() for h in heads) \
                        or (not person and ent.type == np.noun_type) \
                        or kb_role and any(_role_fits(k, _role_key(kb_role)) for k in {tkey, *roles} if k) \
                        or tkey and _role_fits(tkey, _role_key(ent.role)):
                    if person and qualified and ent.country != country and np.name.lower() not in erole.lower() and (
                            erole.lower() in roles or " of " in erole
                            and self._country_of(erole.split(" of ", 1)[1])):
                        continue  # "the President of the European Council" is not Ukraine's President
                    best = ent
                    if self.country and (ent.country or kb_country) == self.country:
                        home = ent
            if person and bare and home is not None:
                return home  # an outlet's own "the President" unless qualified ("the Polish President")
            if best is not None:
                return best
            # no antecedent: "the President" of the article's country (else its most named one)
            if person and role and bare and current:
                off = self._role_holder(roles, self.country or self._main_country(pos), pos)
                if off is not None:
                    return off
            split = names.split_name(np.name)
            if split.role and len(split.name.split()) > 1 and names.is_personal_name(split.name):
                # "Office of the President of Ukraine Andriy Yermak": the role noun names a person
                ent = self.link(split.name, role=split.role, noun_type="person", gender=np.gender, pos=pos)
                self._add_person(ent, split.name)
                return ent
            if np.noun_type == "person" and np.role.lower() in self.lex.titles and not np.name.endswith("s"):
                # a title no one in the text or the KB holds ("the Governor"): no one named; the
                # title stays the role (toolkit.identity may still find its holder in the corpus)
                return Entity("", "unknown", pos, np.gender, np.name, country)
            ent = Entity(np.name, np.noun_type or "unknown", pos, np.gender, np.role, country)
            if ent.type in ("organization", "media", "document"):
                self.groups.append(ent)
            return ent
        name = np.name
        if " " not in name:
            cands = self.surnames.get(_fold(name))
            if cands:
                earlier = [c for c in cands if c.pos < pos] or cands
                name = earlier[-1].name
        ent = self.link(name, role=np.role, prefix=np.prefix, noun_type=np.noun_type, gender=np.gender,
                        pos=pos)
        if ent.type == "unknown" and not np.role and not self._common_word(ent.name, np.name_start):
            ent.type = "person" if np.noun_type in ("", "person") else np.noun_type
            if ent.type == "person" and not ent.entity_id and names.is_personal_name(ent.name):
                ent.entity_id = self._person_id(ent.name)
        if ent.type in ("official", "person"):
            if not ent.gender:
                ent.gender = np.gender or self._gender(ent)
            self._add_person(ent, name)
        elif ent.type != "unknown":  # an ordinary word ("Achieving") is no antecedent of "they"
            self.groups.append(ent)
        return ent

    def _names_person(self, phrase: str) -> bool:
        """Whether a title phrase ends with a person's full name ("Head of the Office Andriy
        Yermak"; not "President of the European Commission")."""
        split = names.split_name(phrase)
        words = split.name.split()
        return bool(split.role) and len(words) > 1 and names.is_personal_name(split.name) and (
            words[0].lower() in self.lex.first_names or bool(self.kb("official", split.name))
            or len(words) == 2 and not split.role.endswith("s") and not self._head_type(split.name)
            and not self.kb("country", split.name) and not self.kb("organization", split.name))

    def _kb_office(self, ent: Entity) -> tuple[str, str]:
        """(role, country) of the KB office a person holds on the article's date (("", "") when
        the KB does not know them): for a person the text names without a title."""
        if ent.type not in ("person", "official") or " " not in ent.name:
            return "", ""
        off = self.kb("official", ent.name)
        return (str(off.get("role") or ""), str(off.get("country") or "")) if off else ("", "")

    def _office_holder(self, np: NP, pos: int) -> Entity:
        """The holder of the office ``np`` names with its complement ("the President of the
        European Council"): the last person before ``pos`` whose title (as written, else their KB
        office) is that office; else the one KB holder on the article's date (the outlet's country
        or an international post) when no other holder's office it could also mean fits; else
        the phrase itself, unresolved (the Deputy Head of an office with several deputies)."""
        key = _role_key(np.name)
        best: Entity | None = None
        for ent in self.people:
            if ent.pos < pos and (best is None or ent.pos > best.pos) and any(
                    r and _role_fits(key, _role_key(r)) for r in (ent.role, self._kb_office(ent)[0])):
                best = ent
        if best is not None:
            return best
        off = self._by_office(key)
        if off is not None:
            off.pos = pos
            self._add_person(off)
            return off
        return Entity("", "unknown", pos, np.gender, np.name, "")

    def _by_office(self, key: str) -> Entity | None:
        """The one KB official of the outlet's country, else of an international post, whose
        office has role key ``key`` on the article's date (None when another holder's office
        starts with ``key`` too: "Deputy Head of the Presidential Office" has two)."""
        day = str(self.published)[:10] if self.published is not None else ""
        ck = ("office", key, self.country, day)
        if ck not in self.kb_cache:
            hit = None
            try:
                from toolkit import kb
                rows = kb.officials().fillna("").to_dict("records")
            except Exception as exc:  # noqa: BLE001  the KB is optional
                log.debug("kb officials failed: %r", exc)
                rows = []
            for country in ([self.country] if self.country else []) + [""]:
                fit = [r for r in rows if str(r["country"]) == country and _role_fits(key, _role_key(str(r["role"])))
                       and (not day or str(r["term_start"]) <= day and (not r["term_end"] or str(r["term_end"]) >= day))]
                if fit:
                    ids = {str(r["official_id"]) for r in fit}
                    exact = [r for r in fit if _same_office(key, _role_key(str(r["role"])))]
                    hit = exact[0] if len(ids) == 1 and exact else None
                    break
            self.kb_cache[ck] = hit
        off = self.kb_cache[ck]
        if not off:
            return None
        return Entity(str(off.get("name")), "official", 0, str(off.get("gender") or ""), str(off.get("role") or ""),
                      str(off.get("country") or ""), str(off.get("official_id") or ""))

    def _role_holder(self, roles: list[str], country: str, pos: int) -> Entity | None:
        """The KB holder of the first of ``roles`` that ``country`` has, remembered at ``pos``."""
        if not country:
            return None
        for r in roles:
            off = self._by_role(r, country)
            if off is not None:
                off.pos = pos
                self._add_person(off)
                return off
        return None

    def _is_country(self, prefix: str) -> bool:
        """Whether a role's qualifier names a country: "Ukrainian", "the Republic of Latvia" (its
        last word), not "the Austrian Association of Municipalities"."""
        words = prefix.replace("’s", "").replace("'s", "").split()
        if words and words[0].lower() == "the":
            words = words[1:]
        if not words:
            return False
        if self.kb("country", " ".join(words)) or self.kb("country", words[-1]):
            return True
        # "President of Ukraine Volodymyr Zelenskyy": the country, then the holder's name
        return len(words) > 1 and all(_cap(w) for w in words[1:]) and bool(self.kb("country", words[0]))

    def _main_country(self, pos: int) -> str:
        """The country named most often (name, demonym...) in the text before ``pos``."""
        if pos > self.country_scanned:  # scan on demand, never twice
            for m in _CAP_WORD.finditer(self.text, self.country_scanned, pos):
                code = self.kb("country", m.group())
                if code:
                    self.country_words.append((m.start(), str(code)))
            self.country_scanned = pos
        counts: dict[str, int] = {}
        for at, code in self.country_words:
            if at >= pos:
                break
            counts[code] = counts.get(code, 0) + 1
        return max(counts, key=lambda c: counts[c]) if counts else ""

    def _by_role(self, role: str, country: str) -> Entity | None:
        """The one KB official of ``country`` whose role is ``role`` on the article's date."""
        day = str(self.published)[:10] if self.published is not None else ""
        key = ("role", role, country, day)
        if key not in self.kb_cache:
            hit = None
            if ("officials by role",) not in self.kb_cache:
                # the KB's officials grouped by (role, country), read once per batch
                by_role: dict[tuple[str, str], list[dict[str, Any]]] = {}
                try:
                    from toolkit import kb
                    for rec in kb.officials().fillna("").to_dict("records"):
                        row = {str(k): v for k, v in rec.items()}
                        by_role.setdefault((str(row["role"]).lower(), str(row["country"])), []).append(row)
                except Exception as exc:  # noqa: BLE001  the KB is optional
                    log.debug("kb officials failed: %r", exc)
                self.kb_cache[("officials by role",)] = by_role
            rows = self.kb_cache[("officials by role",)].get((role, country), [])
            if day:
                rows = [r for r in rows if str(r["term_start"]) <= day
                        and (not r["term_end"] or str(r["term_end"]) >= day)]
            if len(rows) == 1:
                hit = rows[0]
            self.kb_cache[key] = hit
        off = self.kb_cache[key]
        if not off:
            return None
        return Entity(str(off.get("name")), "official", 0, str(off.get("gender") or ""), str(off.get("role") or ""),
                      country, str(off.get("official_id") or ""))

    def _gender(self, ent: Entity) -> str:
        parts = ent.name.split()
        return self.lex.first_names.get(parts[0].lower(), "") if parts else ""
