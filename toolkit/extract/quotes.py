"""Quote marks, paragraphs and sentences: the linear-time text scaffolding of statements.

``quote_spans(text)`` pairs double quote marks (straight ``"`` and curly ``“ ”``, also ``„ « »``)
paragraph by paragraph with a small stack, so mixed straight/curly and nested marks pair up;
a mark that never closes is dropped (the rest of the paragraph is rescanned once without it).
A paragraph that opens with a quote mark and has none closing it continues the quote into the
next paragraph when that one also opens with a mark (the news convention for long quotes).
Single quotes are ignored (they are mostly apostrophes).

``sentences(text, quotes)`` splits paragraphs at ``.!?`` followed by space and a capital,
except after abbreviations/initials and inside quote spans, so a multi-sentence quote stays in
one sentence. Every step is a single pass over the text: no backtracking-prone regexes.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from toolkit import _paths

OPEN_ONLY = "“„«"
MAX_SENTENCE = 2000  # longer runs are cut at spaces (linear time on text without punctuation)
CLOSE_ONLY = "”»"
MARKS = re.compile(r"''|``|[\"“”„«»]")  # '' and `` : the NYT/LaTeX style
_BOUNDARY = re.compile(r"[.!?…]+(?:''|[\"”’)\]])*\s+(?=(?:''|``|[\"“‘(\[])?[A-Z0-9])")
_INITIALS = re.compile(r"(?:[a-z]\.)+[a-z]")  # "G.K." in "Rep. G.K. Butterfield"
_LAST_WORD = re.compile(r"([\w.]+)[.!?…]*$")
_OPENERS_BEFORE = set("([{—–-/\u00a0")


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    path = _paths.LEXICONS / "abbreviations.txt"
    words = path.read_text(encoding="utf-8").split() if path.exists() else []
    return frozenset(w.strip().lower().rstrip(".") for w in words)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line of ``text``."""
    out = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip():
            out.append((pos, end))
        pos = end + 1
    return out


def _kind(text: str, i: int, j: int, start: int, end: int) -> str:
    """'open', 'close' or 'either' for the quote mark text[i:j] (paragraph [start, end))."""
    ch = text[i]
    if ch in OPEN_ONLY or ch == "`":
        return "open"
    if ch in CLOSE_ONLY:
        return "close"
    before = text[i - 1] if i > start else " "
    after = text[j] if j < end else " "
    space_before = before.isspace() or before in _OPENERS_BEFORE
    space_after = after.isspace() or after in ".,;:!?)]—–-"
    if space_before and not space_after:
        return "open"
    if space_after and not space_before:
        return "close"
    return "either"


def _pair(text: str, start: int, end: int, skip: set[int]
          ) -> tuple[list[tuple[int, int]], int | None, int | None]:
    """Pair the marks of one paragraph.

    Returns (spans, first unclosed opener or None, first closer with no opener or None)."""
    spans: list[tuple[int, int]] = []
    stack: list[tuple[int, str]] = []  # (position, family): '"' straight, '“' curly-ish
    stray: int | None = None
    for m in MARKS.finditer(text, start, end):
        i = m.start()
        if i in skip:
            continue
        kind = _kind(text, i, m.end(), start, end)
        fam = '"' if text[i] in "\"'" else "“"
        if kind == "either":
            kind = "close" if any(f == fam for _, f in stack) else "open"
        if kind == "open":
            stack.append((i, fam))
            continue
        # close: pop back to the latest opener of the same family (others above were stray)
        for k in range(len(stack) - 1, -1, -1):
            if stack[k][1] == fam:
                o = stack[k][0]
                del stack[k:]
                if not stack:
                    spans.append((o, m.end()))
                break
        else:
            if stack:  # a close of the other family ends the opener (mixed straight/curly)
                o = stack[0][0]
                stack.clear()
                spans.append((o, m.end()))
            elif stray is None:
                stray = i
    return spans, (stack[0][0] if stack else None), stray


def quote_family(ch: str) -> str:
    return '"' if ch in "\"'" else "“"


def _opens(text: str, para: tuple[int, int] | None, family: str | None = None) -> bool:
    """Does the paragraph open with a quote mark (of ``family``, when given)?"""
    if para is None:
        return False
    head = text[para[0]:para[1]].lstrip()
    if not (head[:1] in "\"“„«`" or head[:2] == "''"):
        return False
    return family is None or quote_family(head[0]) == family


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Top-level quoted spans [start, end) including their marks, in text order."""
    out: list[tuple[int, int]] = []
    paras = paragraphs(text)
    carry: int | None = None  # start of a quote continued from the previous paragraph
    prev_end = 0
    for n, (ps, pe) in enumerate(paras):
        if carry is not None and not _opens(text, (ps, pe), quote_family(text[carry])):
            out.append((carry, prev_end))  # the continuation stopped: the quote ends there
            carry = None
        prev_end = pe
        raw = text[ps:pe]
        lead = ps + (len(raw) - len(raw.lstrip()))
        nxt = paras[n + 1] if n + 1 < len(paras) else None
        skip: set[int] = set()
        if carry is not None and _opens(text, (ps, pe)):
            skip.add(lead)  # the continuation's opening mark is not a new quote
        spans, unclosed, stray = _pair(text, ps, pe, skip)
        if carry is None and unclosed is not None and unclosed != lead:
            skip.add(unclosed)  # stray opener: rescan the paragraph once without it
            spans, unclosed, stray = _pair(text, ps, pe, skip)
            if unclosed is not None and unclosed != lead:
                unclosed = None
        if carry is not None:
            if stray is not None:  # the continued quote closes here
                out.append((carry, stray + (2 if text[stray] == "'" else 1)))
                spans = [sp for sp in spans if sp[0] > stray]
                carry = None
            elif unclosed is None and not spans and _opens(text, nxt, quote_family(text[carry])):
                continue  # the quote goes on into the next paragraph
            else:
                out.append((carry, pe))
                carry = None
                spans = []
        out.extend(spans)
        if unclosed is not None and unclosed == lead and carry is None:
            if _opens(text, nxt, quote_family(text[unclosed])):
                carry = unclosed
            else:
                out.append((unclosed, pe))
    if carry is not None:
        out.append((carry, paras[-1][1]))
    out.sort()
    return out


def sentences(text: str, quotes: list[tuple[int, int]], paras: list[tuple[int, int]] | None = None
              ) -> list[tuple[int, int]]:
    """(start, end) of sentences; no split inside a quote span or after an abbreviation."""
    starts = [q[0] for q in quotes]
    abbr = abbreviations()
    out: list[tuple[int, int]] = []
    for ps, pe in paras if paras is not None else paragraphs(text):
        s = ps
        for m in _BOUNDARY.finditer(text, ps, pe):
            cut = m.start()
            e = m.end()
            while text[e - 1].isspace():
                e -= 1
            k = bisect.bisect_right(starts, cut) - 1
            if k >= 0 and quotes[k][0] < cut and quotes[k][1] > e:
                continue  # inside a quote
            w = _LAST_WORD.search(text, max(s, cut - 20), cut + 1)
            if w:
                word = w.group(1).lower().rstrip(".")
                if word in abbr or (len(word) == 1 and word.isalpha()) or _INITIALS.fullmatch(word):
                    continue
            end = m.end()
            if e > s:
                out.append((s, e))
            s = end
        if s < pe:
            out.append((s, pe))
    if any(e - s > MAX_SENTENCE for s, e in out):
        out = [piece for s, e in out for piece in _chunks(text, s, e)]
    return out


def _chunks(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """A run-on "sentence" (no punctuation for pages) cut at spaces every MAX_SENTENCE
    characters, so that the work per sentence stays bounded."""
    out = []
    while e - s > MAX_SENTENCE:
        cut = text.rfind(" ", s + MAX_SENTENCE // 2, s + MAX_SENTENCE)
        cut = cut if cut > s else s + MAX_SENTENCE
        out.append((s, cut))
        s = cut + 1 if text[cut:cut + 1] == " " else cut
    out.append((s, e))
    return out
