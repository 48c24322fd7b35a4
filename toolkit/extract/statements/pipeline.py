"""The statements table: runs the families of rules over each article's model (direct quotes,
indirect speech, document structure), joins and cuts their contents, keeps one candidate per
content, resolves speakers and dates and writes the rows."""
from __future__ import annotations

import bisect
import csv
import hashlib
import logging
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import pandas as pd

from toolkit import _paths, schema
from toolkit.extract.cues import Lexicon, lexicon
from toolkit.extract.speakers import Entity, Resolver
from toolkit.extract.statements import direct, documents, indirect, questions, structure
from toolkit.extract.statements.model import WORD, Article, Cand, strip_end
from toolkit.kb import names

log = logging.getLogger(__name__)

_statement_date: Callable[..., tuple[Any, Any, str]] | None
try:  # owned by the dates engineer; fall back to the publication date until it is there
    from toolkit.extract.dates import statement_date as _statement_date
except ImportError:  # pragma: no cover - depends on another module landing
    _statement_date = None

_COORD_END = re.compile(r"(?:[,;]\s*(?:and|but|while|whereas)?|\s(?:and|but|while|whereas|though|although)|\s[—–-]+)"
                        r"(?:\s*\b(?:as|like))?\s*$")  # "..., but as FT notes, ..."
_FIRST_SECOND = frozenset({"i", "we", "you"})
_GROUP_DETS = frozenset({"the", "both", "two", "all", "these", "those", "three"})


def _ordinary_word(word: str, text: str, lex: Lexicon) -> bool:
    """A one-word "name" that is an ordinary word: a function word or adverb ("First",
    "Therefore"), or a word the article also writes in lower case ("Please ... please", "Go"),
    which a surname or a first name never is."""
    if not word.isalpha() or not word[:1].isupper() or " " in word:
        return False
    low = word.lower()
    if low in lex.speaker_nouns or low in lex.titles or low.rstrip("s") in lex.speaker_nouns:
        return False  # "Government", "Experts": a role noun names a speaker
    return low in lex.function_words or low in lex.adverbs or names.has_word(text, low)


def split_coordinated(art: Article) -> None:
    """'X said A, and Y warned B': A's content ends where Y's own attribution begins."""
    t = art.text
    # a direct quote counts when its speaker is named before it ('..., and when pressed, the
    # mother of three replied, "..."')
    starts = sorted(((c.np.start, c) for c in art.cands if c.np is not None and c.cs is not None
                     and c.np.start < c.cs and (c.kind != "direct" or c.np.end <= c.qs)),
                    key=lambda p: p[0])
    keys = [k for k, _ in starts]
    for a in art.cands:
        if a.kind == "direct" or a.np is None:
            continue
        k = bisect.bisect_right(keys, a.qs)
        if k >= len(starts) or starts[k][0] >= a.qe:
            continue
        b = starts[k][1]
        if b is a or b.np is None:
            continue
        head = t[a.qs:b.np.start]
        m = _COORD_END.search(head)
        if m is None or len(WORD.findall(head[:m.start()])) < 4:
            continue
        a.qe = strip_end(t, a.qs, a.qs + m.start())[1]
        if a.kind == "mixed" and not art.quotes_in(a.qs, a.qe + 1):
            a.kind = "indirect"


def split_inner_cues(art: Article) -> None:
    """'X has said A, but he refuses ..., aside from saying B': when another statement's cue
    (with its content after it) sits inside an indirect content, that content ends at the last
    comma or semicolon before that cue, when at least four words are left."""
    t = art.text
    by_cue = sorted(((c.cs, c) for c in art.cands if c.cs is not None and c.qs > c.cs), key=lambda p: p[0])
    keys = [k for k, _ in by_cue]
    for a in art.cands:
        if a.kind == "direct" or a.cs is None or a.qs < a.cs:
            continue
        k = bisect.bisect_right(keys, a.qs)
        if k >= len(by_cue) or by_cue[k][0] >= a.qe:
            continue
        b = by_cue[k][1]
        if b is a:
            continue
        cut = None
        for x in re.finditer(r"[,;]", t[a.qs:b.cs]):
            if not art.in_quote(a.qs + x.start()):
                cut = a.qs + x.start()
        if cut is None or len(WORD.findall(t[a.qs:cut])) < 4:
            continue
        a.qe = strip_end(t, a.qs, cut)[1]


def _overlap(a: Cand, b: Cand) -> float:
    inter = min(a.qe, b.qe) - max(a.qs, b.qs)
    if inter <= 0:
        return 0.0
    return inter / min(a.qe - a.qs, b.qe - b.qs)


def article_statements(text: str, *, article_id: str = "", published: Any = None,
                       kb_cache: dict[Any, Any] | None = None, use_mentions: bool = False,
                       country: str = "", title: str = "", outlet: str = "") -> list[dict[str, Any]]:
    """Statement records (the statements table's columns) for one article text.
    ``kb_cache`` may be shared between articles of one batch (knowledge-base lookups).
    ``country`` (ISO3, the outlet's) says whose "the President" an unresolved role noun is;
    ``title`` and ``outlet`` tell a first-person text ("Address by ...", structure.py)."""
    lex = lexicon()
    res = Resolver(text, lex, published, kb_cache if kb_cache is not None else {}, use_mentions=use_mentions,
                   country=country, title=title)
    art = Article(text, lex, res)
    direct.find(art)
    indirect.find(art)
    questions.find(art)
    documents.find(art)
    split_coordinated(art)
    split_inner_cues(art)
    direct.cut_at_attributed_quote(art)
    direct.orphans(art)
    # transcript turns and first-person texts: a layer of their own over the other rules' finds
    found = structure.regions(art, title=title, outlet=outlet, country=country)
    cands = [c for c in art.cands if not structure.inside(found, c)] if found else art.cands
    kept: list[Cand] = []
    starts: list[int] = []  # kept, sorted by start; only near neighbours can overlap much
    for c in sorted(cands, key=lambda c: (c.kind != "direct", c.qs)):
        if c.np is None and c.same_as is None:
            continue
        i = bisect.bisect_left(starts, c.qs)
        if any(_overlap(c, kept[j]) > 0.5 for j in range(max(0, i - 4), min(len(kept), i + 4))):
            continue
        starts.insert(i, c.qs)
        kept.insert(i, c)
    kept.extend(structure.candidates(art, found))
    kept.sort(key=lambda c: c.np.start if c.np is not None else c.qs)
    ents: dict[int, Any] = {}
    triggers: dict[tuple[int, int], bool] = {}
    records: list[dict[str, Any]] = []
    for c in kept:
        np = c.np
        if c.same_as is not None and id(c.same_as) in ents:
            ent = ents[id(c.same_as)]
            np = c.same_as.np
        elif np is not None and c.speaker_type:
            ent = Entity("", c.speaker_type, np.start)  # "Question:": a speaker with no name
        elif np is not None:
            ent = res.resolve(np)
        else:
            continue
        ents[id(c)] = ent
        assert np is not None
        if ent.type == "unknown" and np.kind == "pronoun" and np.name.lower() in _FIRST_SECOND:
            continue  # "I said", "you say": the writer or the reader, not a source we can name
        word = ent.name or np.name
        *det, head = word.lower().split() or [""]
        if det and all(w in _GROUP_DETS for w in det):
            word = head  # "both leaders", "the two sides": the group word itself
        if np.kind != "pronoun" and ent.entity_id in ("", names.name_id(word), names.name_id(ent.name or np.name)) and (
                word.lower() in lex.generic_speakers or _ordinary_word(word, text, lex)):
            ent = Entity("", "unknown", np.start)  # "some said", "Please tell us", "the two sides":
            # no one named (a slug id of the word itself is no one either; a KB id is someone)
        lo = min(c.qs, np.start, c.cs if c.cs is not None else c.qs)
        hi = max(c.qe, np.end, c.ce if c.ce is not None else c.qe)
        if c.family == "document":  # a transcript or an address: said when it was published; its
            # own words ("yesterday ...") are content, not the time of speaking
            date, date_text, basis = (published if published is not None and not _isna(published) else None,
                                      None, "published")
        else:
            date, date_text, basis = _date(text, lo, hi, published, c, triggers)
        sid = hashlib.sha1(f"{article_id}:{c.qs}:{c.qe}".encode()).hexdigest()[:16]
        records.append({
            "statement_id": sid, "article_id": article_id, "kind": c.kind,
            "quote": text[c.qs:c.qe], "quote_start": c.qs, "quote_end": c.qe,
            # an unresolved pronoun names no one: no name, the pronoun stays at the span
            "speaker": "" if c.speaker_type or ent.type == "unknown" and (np.kind == "pronoun" or not ent.name)
            else ent.name or np.name,
            "speaker_start": None if c.in_title else np.name_start,
            "speaker_end": None if c.in_title else np.name_end,
            "speaker_id": ent.entity_id or None, "speaker_type": ent.type or "unknown",
            "speaker_role": ent.role or np.role or None, "speaker_country": ent.country or None,
            "cue": c.cue_text or None, "cue_start": c.cs, "cue_end": c.ce, "venue": c.venue or None,
            "statement_date": date, "date_text": date_text, "date_basis": basis,
            "confidence": c.confidence if np.kind != "pronoun" else c.confidence - 0.1,
        })
    records.sort(key=lambda r: r["quote_start"])
    return records


@lru_cache(maxsize=1)
def _date_words() -> frozenset[str]:
    """Words without which no date expression can match (weekdays, months, the last word of
    every relative phrase, 'ago'; years are checked apart): lets us skip statement_date where
    it would fall back to the publication date anyway. Read from the dates module's word list."""
    words = {"ago"}
    path = _paths.LEXICONS / "date_words.csv"
    if path.exists():
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                kind, word = (row.get("kind") or "").strip(), (row.get("word") or "").strip().lower()
                if kind in ("weekday", "month", "month_abbr", "ago_unit") and word:
                    words.add(word)
                elif kind == "relative" and word:
                    words.add(word.split()[-1])
    return frozenset(words | {w + "s" for w in words})


_LOWER_WORD = re.compile(r"[a-z]+")


_YEAR_RE = re.compile(r"(?:1[89]|20)\d\d")


def _date_triggers(text: str, a: int, b: int) -> bool:
    """Does text[a:b] hold a word that can start or end a date expression?"""
    para = text[a:b]
    return bool(_YEAR_RE.search(para)) or not _date_words().isdisjoint(_LOWER_WORD.findall(para.lower()))


def _date(text: str, lo: int, hi: int, published: Any, c: Cand,
          triggers: dict[tuple[int, int], bool] | None = None) -> tuple[Any, Any, str]:
    fallback = (published if published is not None and not _isna(published) else None, None, "published")
    if _statement_date is None:
        return fallback
    if triggers is not None:
        # statement_date looks at the sentences around the statement, never across a newline
        # the paragraph(s) around the statement, from a window of at most 3,000 characters
        nl = text.find("\n", hi, hi + 3000)
        start = text.rfind("\n", max(0, lo - 3000), lo) + 1 or max(0, lo - 3000)
        para = (start, min(len(text), hi + 3000) if nl < 0 else nl)
        if para not in triggers:
            triggers[para] = _date_triggers(text, *para)
        if not triggers[para]:
            return fallback  # no date word in the paragraph, where statement_date looks
    try:
        return _statement_date(text, lo, hi, published=published, cue_start=c.cs, cue_end=c.ce,
                               quote_start=c.qs, quote_end=c.qe)
    except TypeError:
        try:
            return _statement_date(text, lo, hi, published=published)
        except Exception as exc:  # noqa: BLE001  a date problem never loses the statement
            log.debug("statement_date failed: %r", exc)
            return fallback
    except Exception as exc:  # noqa: BLE001  a date problem never loses the statement
        log.debug("statement_date failed: %r", exc)
        return fallback


def _isna(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def extract_statements(articles: pd.DataFrame, *, use_mentions: bool = False) -> pd.DataFrame:
    """The statements table of ``articles`` (a frame with article_id and text, optionally
    published). The input is not modified. An article whose text is missing or not a string
    is skipped and logged; the count is in ``result.attrs["skipped"]``.

    ``use_mentions=True`` lets a "he"/"she" or "the minister" that the article's own names do
    not resolve fall back on toolkit.extract.mentions (KB officials met by surname only).
    Off by default: building the mention index costs about 0.3-0.5 s once per process."""
    if not isinstance(use_mentions, bool):
        raise TypeError(f"use_mentions must be a bool, got {use_mentions!r}")
    schema.validate(articles, "articles", required=("article_id", "text"), name="articles")
    has_pub = "published" in articles.columns
    records: list[dict[str, Any]] = []
    skipped = 0
    cache: dict[Any, Any] = {}
    ids = articles["article_id"].tolist()
    texts = articles["text"].tolist()
    pubs = articles["published"].tolist() if has_pub else [None] * len(ids)
    # the outlet's country: "the President" with no antecedent is that country's
    countries = [c if isinstance(c, str) else "" for c in articles["outlet_country"].tolist()] \
        if "outlet_country" in articles.columns else [""] * len(ids)

    def column(name: str) -> list[str]:
        if name not in articles.columns:
            return [""] * len(ids)
        return [v if isinstance(v, str) else "" for v in articles[name].tolist()]

    for aid, text, pub, country, title, outlet in zip(ids, texts, pubs, countries, column("title"),
                                                      column("outlet")):
        if not isinstance(text, str):
            skipped += 1
            log.warning("article %r skipped: text is %s, not str", aid, type(text).__name__)
            continue
        if pub is not None and _isna(pub):
            pub = None
        try:
            records.extend(article_statements(text, article_id=str(aid), published=pub, kb_cache=cache,
                                              use_mentions=use_mentions, country=country, title=title,
                                              outlet=outlet))
        except Exception as exc:  # noqa: BLE001  one bad article never loses the batch
            skipped += 1
            log.warning("article %r skipped: statements failed: %r", aid, exc)
    out = schema.from_records(records, "statements")
    out.attrs["skipped"] = skipped
    return out


