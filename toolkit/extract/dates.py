"""When was it said? Date expressions near a statement, resolved against the publication date.

    from toolkit.extract.dates import statement_date
    statement_date(text, start, end, published="2024-05-08")   # (Timestamp|None, date_text|None, basis)

The word lists (weekdays, months, relative phrases, number words, blockers) are data:
``datasets/lexicons/date_words.csv``. No dateparser (it reads "we" as Wednesday); one compiled
regular expression is run over a short window around the statement.

Which expression governs a statement (``statement_date``)
--------------------------------------------------------
The window is the span ``text[start:end]`` (quote + cue + speaker) widened to the sentence(s) it
sits in (at most 400 characters each way; a long span is scanned only at its head, its tail and
around the cue). Candidates are every date expression in the window, minus:

* expressions inside quote marks (the content of a direct quote speaks about its own time);
* expressions inside ``[quote_start, quote_end)`` when the caller gives the content's offsets
  (dates inside indirect content describe the content: "said the talks would be on Friday");
* with a cue: expressions after the content that follow a subordinating word ("pledged to ...,
  after he introduced a bill last month": ``subordinator`` in the lexicon);
* with a cue: expressions after the cue that are separated from it by "that" or ":" (they are in
  the reported content), and expressions before the cue separated from it by a comma or a quote
  mark unless the sentence opens with the date or with an opener word (``sentence_opener`` in the
  lexicon: "On Monday, Peskov said", "Speaking on Monday, ..." count; "Russia will strike next
  week, he said" does not).

With ``cue_start``/``cue_end`` the candidate nearest the cue wins ("Russia on Monday summoned",
"comments to The Economist last week that", "reported on Sunday", "said ... published
Wednesday"). Without a cue, the first candidate inside the span wins, else the one nearest the
span in its sentence. With no candidate the statement is dated by publication:
``(published, None, "published")``.

How expressions resolve (``published`` is the article's date; results are UTC midnight)
-------------------------------------------------------------------------------------
* basis "explicit" — the text fixes the calendar date: "May 2, 2024", "2 May 2024",
  "2024-05-02", "02.05.2024" (day first), "5/13/2024" (a slash date resolves only when one part
  is over 12 or both are equal), "May 2024" (1st of the month; "mid-May 2024" the 15th, "late" the
  21st). A day and month without a year ("on May 2", "2 May") is explicit too, its year taken so
  that the date is the latest one no more than 7 days after publication (announced events).
* basis "relative" — needs ``published``:
  - a weekday ("Wednesday", "on Sunday", "this Friday") is the latest such day on or before
    publication ("Wednesday" in an article of Wednesday 8 May 2024 is 8 May); "last Friday" the
    latest strictly before; "next Monday" the first strictly after (announced events: allowed);
  - "today", "this morning", "tonight", "hours ago", "earlier today": the publication day;
    "yesterday", "last night": the day before; "the day before yesterday": two days before;
    "tomorrow": the day after;
  - "N days/weeks ago": N days / 7N days before; "N months/years ago": calendar months/years
    before; "a few"/"several" count as 3;
  - "last week": the Monday of the previous ISO week (8 May 2024 -> 29 April 2024);
    "this week"/"earlier this week": the Monday of the current week; "next week": next Monday;
  - "last weekend", "over the weekend", "this weekend": the latest Saturday on or before;
  - "last month": the 1st of the previous month; "this month"/"earlier this month": the 1st of
    the current month; "next month": the 1st of the next one; same for years (1 January);
  - a month without day ("in February", "since March", "early May"): the latest such month on or
    before publication ("last February": strictly before the current month; "next June":
    strictly after); day 1, or 15 for "mid", 21 for "late", never after publication.
* With ``published`` missing, relative expressions give ``(None, date_text, "relative")`` and a
  day-month without year ``(None, date_text, "explicit")``; full dates still resolve.

Pitfalls handled: capitalised relative words inside a sentence are titles ("USA Today", "This
Morning"); "May"/"March" as verbs (a month needs a capital letter and a day number, a
year, or a preceding "in/on/since/last/early/late/..."); weekday names inside names ("Sunday
Times", "Good Friday"); plural weekdays ("on Mondays") are habits, not dates.
"""
from __future__ import annotations

import csv
import datetime as dt
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from numbers import Integral
from pathlib import Path
from typing import Any

import pandas as pd

from toolkit import _paths

log = logging.getLogger(__name__)

__all__ = ["date_expressions", "resolve_published", "statement_date"]

CONTEXT = 400  # characters searched each way for the sentence boundary
LONG_SPAN = 3000  # spans longer than this are scanned only at head, tail and around the cue
FUTURE_SLACK = 7  # days after publication a yearless day-month may fall (announced events)
QUOTE_BACK = 1500  # how far back quote marks are paired from


@dataclass(frozen=True)
class _Lexicon:
    pattern: re.Pattern[str]
    weekdays: dict[str, int]
    months: dict[str, int]
    relative: dict[str, tuple[str, int]]
    numbers: dict[str, int]
    ago_units: dict[str, tuple[str, int]]
    not_before: frozenset[str]
    not_after: frozenset[str]
    weekday_mods: dict[str, str]
    month_parts: dict[str, int]
    openers: frozenset[str]
    starters: frozenset[str]
    not_end_before: re.Pattern[str]
    subordinator: re.Pattern[str]


def _alt(words: list[str]) -> str:
    """Regex alternation, longest first so 'sept' wins over 'sep', 'earlier this week' over 'this week'."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]


def _both(words: list[str]) -> list[str]:
    return [*words, *(_cap(w) for w in words)]


@lru_cache(maxsize=4)
def _lexicon(folder: str) -> _Lexicon:
    rows: dict[str, list[tuple[str, str]]] = {}
    with (Path(folder) / "date_words.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            rows.setdefault(row["kind"].strip(), []).append((row["word"].strip().lower(), row["value"].strip()))

    def table(kind: str) -> list[tuple[str, str]]:
        return rows.get(kind, [])

    weekdays = {w: int(v) for w, v in table("weekday")}
    full_months = {w: int(v) for w, v in table("month")}
    months = {**full_months, **{w: int(v) for w, v in table("month_abbr")}}
    relative = {}
    for w, v in table("relative"):
        unit, off = v.split(":")
        relative[" ".join(w.split())] = (unit, int(off))
    numbers = {w: int(v) for w, v in table("number")}
    ago_units = {}
    for w, v in table("ago_unit"):
        unit, k = v.split(":")
        ago_units[w] = (unit, int(k))
    # Case-sensitive (IGNORECASE makes the alternation several times slower): names of days and
    # months capitalised, other words lower case or capitalised at the start of a sentence.
    ctx = _both([w for w, _ in table("month_context")])
    ctx_re = "|".join(
        re.escape(w) + (r"\s*" if w.endswith("-") else r"\s+")
        for w in sorted(set(ctx), key=len, reverse=True)
    ).replace(r"\ ", r"\s+")
    mods = {w: v for w, v in table("weekday_modifier")}

    wd = _alt([_cap(w) for w in weekdays])
    abbr = [_cap(w) for w in months if w not in full_months]
    mon = _alt([_cap(w) for w in full_months])
    mon_all = rf"(?:(?:{mon})\b|(?:{_alt(abbr)})\b\.?)"
    num = _alt(_both(list(numbers)))
    units = _alt(list(ago_units))
    year = r"(?:1[89]|20)\d{2}"
    day = r"\d{1,2}(?:st|nd|rd|th)?(?!\d|,\d|:\d)"
    parts = [
        rf"(?P<iso>\b(?P<iso_y>{year})-(?P<iso_m>\d{{1,2}})-(?P<iso_d>\d{{1,2}})\b)",
        rf"(?P<num>\b(?P<n1>\d{{1,2}})(?P<sep>[/.])(?P<n2>\d{{1,2}})(?P=sep)(?P<n3>{year})\b)",
        (rf"(?P<md>(?:\b[Oo]n\s+)?(?:\b(?:{wd}),?\s+)?\b(?P<md_m>{mon_all})\s*(?<=\.|\s)(?P<md_d>{day})"
        rf"(?:,?\s+(?P<md_y>{year})\b)?)"),
        (rf"(?P<dm>(?:\b[Oo]n\s+)?(?:\b(?:{wd}),?\s+)?(?:\b[Tt]he\s+)?\b(?P<dm_d>\d{{1,2}})(?:st|nd|rd|th)?\s+"
        rf"(?:of\s+)?(?P<dm_m>{mon_all})(?:,?\s+(?P<dm_y>{year})\b)?)"),
        rf"(?P<my>(?:\b(?P<my_ctx>(?:{ctx_re}){{1,2}}))?\b(?P<my_m>{mon})\s+(?P<my_y>{year})\b)",
        rf"(?P<mo>\b(?P<mo_ctx>(?:{ctx_re}){{1,2}})\b(?P<mo_m>{mon})\b)",
        rf"(?P<ago>\b(?P<ago_n>\d{{1,3}}|{num})\s+(?P<ago_u>{units})s?\s+ago\b)",
        rf"(?P<rel>\b(?:{_alt(_both(list(relative)))})\b)",
        rf"(?P<wdx>(?:\b(?P<wd_mod>{_alt(_both(list(mods)))})\s+)?\b(?P<wd>{wd})\b)",
    ]
    return _Lexicon(
        # every alternative starts a word: testing that once first skips mid-word positions fast
        pattern=re.compile(r"\b(?=\w)(?:" + "|".join(parts) + ")"),
        weekdays=weekdays, months=months, relative=relative, numbers=numbers, ago_units=ago_units,
        not_before=frozenset(w for w, _ in table("weekday_not_before")),
        not_after=frozenset(w for w, _ in table("weekday_not_after")),
        weekday_mods=mods,
        month_parts={w.rstrip("-"): int(v) for w, v in table("month_part")},
        openers=frozenset(w for w, _ in table("sentence_opener")),
        not_end_before=re.compile(
            r"(?:\b(?:" + "|".join(re.escape(w) for w, _ in table("abbreviation")) + r")|\b[A-Z])$",
            re.IGNORECASE),
        subordinator=re.compile(
            r"\b(?:" + "|".join(re.escape(w) for w, _ in table("subordinator")) + r")\b", re.IGNORECASE),
        starters=frozenset(
            re.split(r"[\s-]", x)[0]
            for x in [*_both(["on", "the"]), *(_cap(w) for w in months), *(_cap(w) for w in weekdays),
                      *ctx, *_both(list(numbers)), *_both(list(relative)), *_both(list(mods))]
        ),
    )


def _lex() -> _Lexicon:
    return _lexicon(str(_paths.LEXICONS))


# --- resolution --------------------------------------------------------------------------------

def resolve_published(published: Any) -> dt.date | None:
    """The publication day as a ``datetime.date`` (its own calendar date), or None when missing
    or unparseable. Raises TypeError for values that cannot be a date at all (lists, numbers)."""
    if published is None or published is pd.NaT:
        return None
    if isinstance(published, float) and pd.isna(published):
        return None
    if isinstance(published, dt.datetime):
        return published.date()
    if isinstance(published, dt.date):
        return published
    if not isinstance(published, (str, pd.Timestamp)) and not hasattr(published, "dtype"):
        raise TypeError(f"published must be a date, datetime, Timestamp, ISO string or None, "
                        f"got {type(published).__name__} ({published!r})")
    try:
        ts = pd.Timestamp(published)
    except (TypeError, ValueError):
        log.debug("unparseable published date %r treated as missing", published)
        return None
    return None if pd.isna(ts) else ts.date()


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _add_months(day: dt.date, months: int) -> dt.date:
    k = day.year * 12 + day.month - 1 + months
    y, m = divmod(k, 12)
    m += 1
    while True:
        got = _safe_date(y, m, day.day if day.day <= 28 else min(day.day, 31))
        if got is not None:
            return got
        day = day.replace(day=day.day - 1)


def _month_start(pub: dt.date, offset: int) -> dt.date:
    return _add_months(pub.replace(day=1), offset)


def _yearless(m: int, d: int, pub: dt.date) -> dt.date | None:
    """Latest of (year-1, year, year+1) that is at most FUTURE_SLACK days after publication."""
    limit = pub + dt.timedelta(days=FUTURE_SLACK)
    for y in (pub.year + 1, pub.year, pub.year - 1):
        got = _safe_date(y, m, d)
        if got is not None and got <= limit:
            return got
    return None


def _last_word(ctx: str | None) -> str:
    """'in mid-' -> 'mid'; 'earlier in' -> 'in'; None -> ''."""
    words = (ctx or "").lower().replace("-", " ").split()
    return words[-1] if words else ""


def _sentence_start(text: str, pos: int) -> bool:
    before = text[max(0, pos - 4):pos].rstrip(" \t\"“‘'(")
    return not before or before[-1] in ".!?\n:"


def _resolve(m: re.Match[str], lex: _Lexicon, pub: dt.date | None) -> tuple[dt.date | None, str] | None:
    """(date, basis) for one regex match, or None when the match is not a date after all."""
    g = m.group
    text = m.string
    if g("iso"):
        return _safe_date(int(g("iso_y")), int(g("iso_m")), int(g("iso_d"))), "explicit"
    if g("num"):
        a, b, y = int(g("n1")), int(g("n2")), int(g("n3"))
        if g("sep") == ".":
            d, mo = a, b  # dotted dates are day first
        elif a > 12 >= b:
            d, mo = a, b
        elif b > 12 >= a or a == b:
            d, mo = b, a
        else:
            return None  # 05/06/2024: ambiguous, ignored
        got = _safe_date(y, mo, d)
        return None if got is None else (got, "explicit")
    if g("md") or g("dm"):
        key = "md" if g("md") else "dm"
        mname = g(f"{key}_m")
        if not mname[0].isupper():
            return None
        mo = lex.months[mname.lower().rstrip(".")]
        d = int(re.match(r"\d+", g(f"{key}_d")).group())  # type: ignore[union-attr]
        if g(f"{key}_y"):
            got = _safe_date(int(g(f"{key}_y")), mo, d)
            return None if got is None else (got, "explicit")
        if _safe_date(2000, mo, d) is None:
            return None
        return (_yearless(mo, d, pub) if pub else None), "explicit"
    if g("my"):
        if not g("my_m")[0].isupper():
            return None
        part = lex.month_parts.get(_last_word(g("my_ctx")), 1)
        return _safe_date(int(g("my_y")), lex.months[g("my_m").lower()], part), "explicit"
    if g("mo"):
        if not g("mo_m")[0].isupper():
            return None
        if pub is None:
            return None, "relative"
        mo = lex.months[g("mo_m").lower()]
        ctx = _last_word(g("mo_ctx"))
        if ctx == "next":
            y = pub.year if mo > pub.month else pub.year + 1
        elif ctx == "this":
            y = pub.year
        elif ctx == "last":
            y = pub.year if mo < pub.month else pub.year - 1
        else:
            y = pub.year if mo <= pub.month else pub.year - 1
        got = dt.date(y, mo, lex.month_parts.get(ctx, 1))
        if ctx not in ("next", "this") and got > pub:
            got = pub
        return got, "relative"
    if (g("ago") or g("rel")) and m.group()[0].isupper() and not _sentence_start(text, m.start()):
        return None  # "USA Today", "ITV's This Morning": a title, not a time
    if g("ago"):
        if pub is None:
            return None, "relative"
        n_text = " ".join(g("ago_n").lower().split())
        n = int(n_text) if n_text.isdigit() else lex.numbers[n_text]
        unit, k = lex.ago_units[g("ago_u").lower()]
        if unit == "day":
            return pub - dt.timedelta(days=n * k), "relative"
        if unit == "month_exact":
            return _add_months(pub, -n * k), "relative"
        return _add_months(pub, -12 * n * k), "relative"
    if g("rel"):
        if pub is None:
            return None, "relative"
        unit, off = lex.relative[" ".join(g("rel").lower().split())]
        if unit == "day":
            return pub + dt.timedelta(days=off), "relative"
        if unit == "week":
            return pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(weeks=off), "relative"
        if unit == "weekend":
            return pub - dt.timedelta(days=(pub.weekday() - 5) % 7), "relative"
        if unit == "month":
            return _month_start(pub, off), "relative"
        return dt.date(pub.year + off, 1, 1), "relative"
    # weekday
    name = g("wd")
    if not name[0].isupper():
        return None
    after = re.match(r"\s+([A-Za-z]+)", text[m.end():m.end() + 20])
    if after and after.group(1)[0].isupper() and after.group(1).lower() in lex.not_before:
        return None  # "Sunday Times"
    before = re.search(r"([A-Za-z]+)\s+$", text[max(0, m.start() - 20):m.start()])
    if not g("wd_mod") and before and before.group(1).lower() in lex.not_after:
        return None  # "Good Friday"
    if pub is None:
        return None, "relative"
    wd = lex.weekdays[name.lower()]
    mode = lex.weekday_mods.get((g("wd_mod") or "").lower(), "")
    back = (pub.weekday() - wd) % 7
    if mode == "strictly_before":
        back = back or 7
    elif mode == "strictly_after":
        return pub + dt.timedelta(days=(wd - pub.weekday()) % 7 or 7), "relative"
    return pub - dt.timedelta(days=back), "relative"


_WORD = re.compile(r"\w+")


def _matches(lex: _Lexicon, text: str, a: int, b: int) -> Iterator[re.Match[str]]:
    """Same matches as ``lex.pattern.finditer(text, a, b)``, faster: the pattern is only tried
    where a word that can open a date expression starts (a digit or a lexicon starter word)."""
    pos = a
    match = lex.pattern.match
    for w in _WORD.finditer(text, a, b):
        s = w.start()
        if s < pos:
            continue
        word = w.group()
        if not (word[0].isdigit() or word in lex.starters):
            continue
        m = match(text, s, b)
        if m is not None:
            pos = m.end()
            yield m


def _timestamp(day: dt.date | None) -> pd.Timestamp | None:
    return None if day is None else pd.Timestamp(day.year, day.month, day.day, tz="UTC")


def date_expressions(text: str, start: int = 0, end: int | None = None, *,
                     published: Any = None) -> list[dict[str, Any]]:
    """Every date expression in ``text[start:end]``: dicts with start, end, text, date
    (tz-aware UTC Timestamp or None when it needs ``published``) and basis."""
    _check_text(text)
    end = len(text) if end is None else end
    lex = _lex()
    pub = resolve_published(published)
    out = []
    for m in _matches(lex, text, start, end):
        got = _resolve(m, lex, pub)
        if got is None:
            continue
        out.append({"start": m.start(), "end": m.end(), "text": m.group(),
                    "date": _timestamp(got[0]), "basis": got[1]})
    return out


# --- which expression governs a statement ------------------------------------------------------

# A sentence ends at . ! ? (not after an initial or a title like "Mr"), then optional closing
# quotes/brackets, spaces, and a capital or digit; or at a newline.
_END_CHAR = re.compile(r"[.!?\n]")
_AFTER_END = re.compile(r"[\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")


def _boundary_end(text: str, i: int) -> int:
    """End of the sentence boundary whose punctuation is at text[i], or -1."""
    if text[i] == "\n":
        return i + 1
    if _lex().not_end_before.search(text, max(0, i - 8), i):
        return -1
    m = _AFTER_END.match(text, i + 1)
    return m.end() if m else -1


_QUOTES = re.compile(r"[\"“”«»]")
_THAT = re.compile(r"\bthat\b|:")


def _check_text(text: object) -> None:
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")


def _check_offset(value: object, name: str, n: int) -> int:
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise TypeError(f"{name} must be an int offset into text, got {type(value).__name__} ({value!r})")
    if not 0 <= int(value) <= n:
        raise ValueError(f"{name}={value!r} is outside text (allowed 0..{n})")
    return int(value)


def _sentence_window(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max(0, start - CONTEXT)
    ws = lo
    for m in _END_CHAR.finditer(text, lo, start):
        b = _boundary_end(text, m.start())
        if 0 <= b <= start:
            ws = max(ws, b)
    hi = min(len(text), end + CONTEXT)
    we = hi
    for m in _END_CHAR.finditer(text, end, hi):
        if _boundary_end(text, m.start()) >= 0:
            we = m.start() + 1
            break
    return min(ws, start), max(we, end)


def _quoted_regions(text: str, ws: int, we: int) -> list[tuple[int, int]]:
    """Spans inside quote marks, pairing marks from the paragraph start (at most QUOTE_BACK back)."""
    para = text.rfind("\n", max(0, ws - QUOTE_BACK), ws) + 1 or max(0, ws - QUOTE_BACK)
    regions = []
    open_at: int | None = None
    for m in _QUOTES.finditer(text, para, we):
        ch = m.group()
        if open_at is None:
            if ch in "\"“«":
                open_at = m.end()
        elif ch in "\"”»":
            regions.append((open_at, m.start()))
            open_at = None
        elif ch in "“«":  # an opening mark while open: the previous one was unbalanced
            open_at = m.end()
    if open_at is not None:
        regions.append((open_at, we))
    return regions


def _scan_ranges(ws: int, we: int, cue: tuple[int, int] | None) -> list[tuple[int, int]]:
    if we - ws <= LONG_SPAN:
        return [(ws, we)]
    ranges = [(ws, ws + 1000), (we - 1000, we)]
    if cue:
        ranges.append((max(ws, cue[0] - 500), min(we, cue[1] + 500)))
    ranges.sort()
    merged = [ranges[0]]
    for a, b in ranges[1:]:
        if a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def statement_date(text: str, start: int, end: int, *, published: Any,
                   cue_start: int | None = None, cue_end: int | None = None,
                   quote_start: int | None = None, quote_end: int | None = None,
                   ) -> tuple[pd.Timestamp | None, str | None, str]:
    """(statement_date, date_text, date_basis) for the statement spanning ``text[start:end]``.

    ``published`` is the article's publication date (date, datetime, Timestamp, ISO string or
    None/NaT). ``cue_start``/``cue_end`` (the reporting verb) and ``quote_start``/``quote_end``
    (the content) are optional and sharpen the choice; see the module docstring for the rules.
    The date is a tz-aware UTC Timestamp at midnight; basis is "explicit", "relative" or
    "published" (no expression governs: the publication date, date_text None).
    """
    _check_text(text)
    n = len(text)
    start = _check_offset(start, "start", n)
    end = _check_offset(end, "end", n)
    if end < start:
        raise ValueError(f"end={end} is before start={start}")
    cue = None
    if cue_start is not None and cue_end is not None:
        cue = (_check_offset(cue_start, "cue_start", n), _check_offset(cue_end, "cue_end", n))
    content = None
    if quote_start is not None and quote_end is not None:
        content = (_check_offset(quote_start, "quote_start", n), _check_offset(quote_end, "quote_end", n))
    pub = resolve_published(published)
    lex = _lex()

    ws, we = _sentence_window(text, start, end)
    quoted = _quoted_regions(text, ws, we)
    best: tuple[tuple[int, int], re.Match[str], tuple[dt.date | None, str]] | None = None
    for a, b in _scan_ranges(ws, we, cue):
        for m in _matches(lex, text, a, b):
            s, e = m.start(), m.end()
            if any(qa <= s < qb for qa, qb in quoted):
                continue
            if content and content[0] <= s < content[1] and not (cue and cue[0] <= s < cue[1]):
                continue
            got = _resolve(m, lex, pub)
            if got is None:
                continue
            if cue:
                if s >= cue[1]:
                    if _THAT.search(text, cue[1], s):
                        continue  # inside the reported content
                    if content and cue[1] <= content[1] <= s and lex.subordinator.search(text, content[1], s):
                        continue  # "pledged to ..., after he introduced a bill last month"
                    rank = (0, s - cue[1])
                elif e <= cue[0]:
                    between = text[e:cue[0]]
                    if "," in between or _QUOTES.search(between):
                        lead = text[ws:s].split()
                        if lead and lead[0].lower() not in lex.openers:
                            continue  # fronted content: "Russia will strike next week, he said"
                    rank = (0, cue[0] - e)
                else:
                    rank = (0, 0)
            else:
                inside = start <= s < end
                rank = (0, s - start) if inside else (1, start - e if e <= start else s - end)
            if best is None or rank < best[0]:
                best = (rank, m, got)
    if best is not None:
        _, m, (day, basis) = best
        return _timestamp(day), " ".join(m.group().split()), basis
    return _timestamp(pub), None, "published"
