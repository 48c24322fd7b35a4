"""Saved HTML pages -> raw records, offline: body and metadata by trafilatura, title by newspaper3k.

Measured on ../shared/data/web-eval with benchmarks/compare_web.py (figures in the README):
trafilatura finds the body (with its readability/jusText fallbacks), the date (htmldate, see
DATE_PARAMS; asked for the time and offset, so that both the page's own day and the UTC
instant are kept), the canonical URL and the authors (its byline and metadata rules, comments
left out); the language is the page's declared one (newspaper's meta_lang). newspaper3k's title rule (the <title> cut at the site-name
separator that matches the headline) beats trafilatura's title, so the title comes from
newspaper's ContentExtractor run on the same parsed tree; newspaper's body extraction is not
run. The page is parsed once (lxml, via trafilatura.utils.load_html) and the tree shared.

Bounds: a page over MAX_PARSE_CHARS characters has its <script> and <style> contents and
inline images dropped and is then cut to that length before parsing (the time and memory of
lxml and trafilatura grow with the page: a 49 MB page took six minutes with newspaper3k); the
record says so in ``_notes``. A text over MAX_TEXT_CHARS is cut there, also noted.

A page with little body (under MIN_BODY_WORDS words) but a title or a date is kept, with the
reason in ``_notes`` (the load report lists it as degraded); a page with neither body, title
nor date is BadInput. Authors go through toolkit.io.bylines (person names only).
"""
from __future__ import annotations

import functools
import importlib.util
import logging
import re
from typing import Any

from toolkit.io.bylines import person_names
from toolkit.io.records import BadInput, clean_text, domain_of

log = logging.getLogger(__name__)

MIN_BODY_WORDS = 15  # fewer words than this: not an article body (index, paywall, error page)
# Pages longer than this are cut before parsing (see the docstring). trafilatura's time grows
# with the number of elements: a page of 1,000,000 characters of link lists takes ~9 s and
# 2,000,000 ~14 s (benchmarks/bench_load.py --big-page-mb); the longest page of web-eval is
# 636,000 characters without its scripts and styles.
MAX_PARSE_CHARS = 1_000_000
MAX_TEXT_CHARS = 10_000_000  # article text longer than this is cut
# htmldate: the first publication (not the last update), searched for in the text when the
# metadata has none; the time and offset kept when the page states them; the URL's date only
# when the page's own metadata has none (same days on web-eval, 443 instead of 354 pages with
# a time of day).
DATE_PARAMS: dict[str, Any] = {"original_date": True, "extensive_search": True, "outputformat": "%Y-%m-%dT%H:%M:%S%z",
               "deferred_url_extractor": True}

# Checked when the toolkit is imported (cheaply: the modules are imported at the first page), so
# that a broken install fails at once, not as one skipped page after another. lxml_html_clean is
# the part of lxml that newspaper3k needs and that old pips leave out of "lxml[html_clean]".
REQUIRED = {"trafilatura": "trafilatura", "htmldate": "htmldate", "newspaper": "newspaper3k",
            "lxml_html_clean": "lxml_html_clean", "charset_normalizer": "charset_normalizer"}


def check_dependencies() -> None:
    """ImportError naming every package the HTML loader needs that is not installed."""
    missing = [pkg for mod, pkg in REQUIRED.items() if importlib.util.find_spec(mod) is None]
    if missing:
        raise ImportError("toolkit cannot read HTML pages: missing package(s) " + ", ".join(missing)
                          + f"; install them with: pip install {' '.join(missing)}")


check_dependencies()

_SCRIPT_STYLE = re.compile(r"(<(script|style)\b[^>]*>).*?</\2\s*>", re.IGNORECASE | re.DOTALL)
_DATA_URI = re.compile(r"data:[\w/+.-]+;base64,[A-Za-z0-9+/=\s]{1000,}")  # an inline image


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in text[:65536].lower() or (
        head.startswith("<") and "<p" in text[:65536].lower())


@functools.lru_cache(maxsize=1)
def _newspaper() -> Any:
    from newspaper.configuration import Configuration
    from newspaper.extractors import ContentExtractor

    return ContentExtractor(Configuration())


def bound_html(html: str) -> tuple[str, str | None]:
    """(html, note): a page over MAX_PARSE_CHARS without its script and style contents (never
    text; JSON-LD metadata is kept) and inline base64 images, then cut at MAX_PARSE_CHARS;
    note None when not touched."""
    if len(html) <= MAX_PARSE_CHARS:
        return html, None
    size = len(html)
    html = _SCRIPT_STYLE.sub(lambda m: m.group(0) if "ld+json" in m.group(1).lower() else m.group(1) + "</"
                             + m.group(2) + ">", html)
    html = _DATA_URI.sub("data:,", html)
    if len(html) <= MAX_PARSE_CHARS:
        return html, f"page of {size:,} characters: scripts, styles and inline images dropped before parsing"
    return html[:MAX_PARSE_CHARS], (f"page of {size:,} characters cut to the first {MAX_PARSE_CHARS:,} "
                                    "before parsing (MAX_PARSE_CHARS); text after that is lost")


def parse_html(html: str, *, url: str | None = None) -> dict[str, Any]:
    """One raw record from a saved page: url, title, authors, published (an ISO string with
    the page's offset when it states one), published_day (the day as the page states it),
    language, text, and ``_notes`` (why it is degraded, if it is). BadInput when the page has
    no body, title or date."""
    from trafilatura import bare_extraction
    from trafilatura.utils import load_html

    notes: list[str] = []
    if "\x00" in html:
        html = html.replace("\x00", "")
    html, note = bound_html(html)
    if note:
        notes.append(note)
    tree = load_html(html)
    if tree is None:
        raise BadInput("HTML could not be parsed (no element tree)")
    title = _title(tree)
    page_url, authors, date, meta_title = _metadata(tree, url)
    doc = bare_extraction(tree, url=page_url, with_metadata=False, include_comments=False)
    published, day = _date(date)
    title = title or meta_title
    text = _paragraphs(getattr(doc, "text", None) or "")
    if len(text) > MAX_TEXT_CHARS:
        notes.append(f"text of {len(text):,} characters cut at {MAX_TEXT_CHARS:,} (MAX_TEXT_CHARS)")
        text = text[:MAX_TEXT_CHARS]
    text = _drop_leading_meta(clean_text(text, title=title))
    words = len(text.split())
    if words < MIN_BODY_WORDS:
        if not (title or published):
            raise BadInput(f"no article body ({words} words of text), title or date found in the HTML")
        notes.append(f"little article body found ({words} words of text); kept for its "
                     + ("title and date" if title and published else "title" if title else "date"))
    return {
        "url": page_url,
        "title": title,
        "authors": authors,
        "language": _lang(tree),
        "published": published,
        "published_day": day,
        "text": text,
        "_notes": notes,
    }


def _metadata(tree: Any, url: str | None) -> tuple[str | None, list[str], str | None, str | None]:
    """(url, authors, date, meta title) by the steps of trafilatura's extract_metadata that the
    record needs: meta tags, JSON-LD, its byline search, the canonical URL, htmldate. Its
    sitename, categories, tags, licence and title searches are left out: they were 60% of
    its metadata time on web-eval (41 -> 12.5 ms a page)."""
    from htmldate import find_date
    from trafilatura.metadata import examine_meta, extract_author, extract_meta_json, extract_url

    meta = examine_meta(tree)
    if meta.author and " " not in meta.author:  # trafilatura's rule: a one-word meta author is a handle
        meta.author = None
    try:
        meta = extract_meta_json(tree, meta)
    except Exception as exc:  # noqa: BLE001  trafilatura guards this call the same way (bad JSON-LD)
        log.debug("JSON-LD metadata failed: %s", exc)
    author = meta.author or extract_author(tree)
    page_url = url or _str(meta.url) or _str(extract_url(tree, None))
    date = find_date(tree, url=page_url, **DATE_PARAMS)
    names = person_names(author or "", publisher=(_str(meta.sitename), domain_of(page_url)))
    return page_url, names, date, _str(meta.title)


def _title(tree: Any) -> str | None:
    try:
        return _str(_newspaper().get_title(tree))
    except Exception as exc:  # noqa: BLE001  a title is optional; trafilatura's is used instead
        log.debug("newspaper title failed: %s", exc)
        return None


def _lang(tree: Any) -> str | None:
    try:
        return _str(_newspaper().get_meta_lang(tree))
    except Exception:  # noqa: BLE001  the language is optional (the loader defaults to "en")
        return None


def _date(value: str | None) -> tuple[str | None, str | None]:
    """(published, published_day) from htmldate's DATE_PARAMS outputformat string: published keeps the
    time and offset when the page gave them (the loader converts it to UTC), else the day
    alone; published_day is the day as written on the page."""
    if not value:
        return None, None
    day = value[:10]
    if value[10:] in ("", "T00:00:00"):  # a day without a time (htmldate writes midnight)
        return day, day
    return value, day


def _paragraphs(text: str) -> str:
    """trafilatura's text has one line per block; the articles table separates paragraphs by a
    blank line."""
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


def _str(value: Any) -> str | None:
    s = value.strip() if isinstance(value, str) else ""
    return s or None


_META_PARA = re.compile(
    r"^(?:(?i:by)\s+[A-Z][^.!?]{0,80}|(?i:(?:published|updated|posted)\s*:?\s*)?"
    r"(?:[A-Z][a-z]{2,8},?\s+)?(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4})"
    r"[\s,|T]*(?:\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[aApP]\.?[mM]\.?)?)?\s*(?:[A-Z]{2,5}|UTC[+-]?\d*|Z)?\s*)$"
)


def _drop_leading_meta(text: str) -> str:
    """Drop leading paragraphs that are only a date line or a byline ("By Jane Doe")."""
    paras = text.split("\n\n")
    while len(paras) > 1 and len(paras[0]) < 120 and _META_PARA.match(paras[0].strip()):
        paras = paras[1:]
    return "\n\n".join(paras)
