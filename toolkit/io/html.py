"""Saved HTML pages -> raw records, offline, with newspaper3k (dates: htmldate as fallback).

Before newspaper sees the page, elements that are never body text are cut out with a regex
(scripts except JSON-LD, styles, nav, aside, footer, figure/figcaption, forms, iframes,
comments): the body it finds no longer carries photo captions or related-links boxes, and
parsing is about twice as fast. Newspaper gives title, authors, meta language, canonical URL,
date and text; when it finds no date, htmldate looks at the same (cut) page with
``original_date=True, extensive_search=True`` and the page URL, never the network (it gets a
string that is HTML, not a URL). The text then goes through ``records.clean_text`` (link
markup, "Related article"/"Read more" lines, photo credits, copyright footers, a leading copy
of the title).
"""
from __future__ import annotations

import functools
import logging
import re
from typing import Any

from toolkit.io.records import BadInput, clean_text

log = logging.getLogger(__name__)

MIN_BODY_WORDS = 15  # fewer words than this: the page has no article body (index, paywall, error page)

_NOT_BODY = re.compile(
    r"<(script(?![^>]*ld\+json)|style|noscript|nav|aside|footer|figure|figcaption|form|iframe|svg|template)"
    r"\b[^>]*>.*?</\1\s*>|<!--.*?-->",
    re.IGNORECASE | re.DOTALL,
)


def strip_non_body(html: str) -> str:
    """The page without elements that are never article text (see the module docstring)."""
    return _NOT_BODY.sub(" ", html)


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in text[:65536].lower() or (
        head.startswith("<") and "<p" in text[:65536].lower())


@functools.lru_cache(maxsize=1024)
def _css(selector: str) -> Any:
    from lxml.cssselect import CSSSelector

    return CSSSelector(selector, translator="html")


@functools.lru_cache(maxsize=1024)
def _xpath(expression: str, regex: bool) -> Any:
    from lxml import etree

    return etree.XPath(expression, namespaces={"re": "http://exslt.org/regular-expressions"} if regex else None)


@functools.lru_cache(maxsize=1)
def _config_class() -> type:
    """newspaper's Config whose parser compiles each CSS selector and XPath once: newspaper
    recompiles them on every call, a sixth of its parsing time. Results are the same."""
    import string

    from newspaper import Config
    from newspaper.parsers import Parser

    lower = f'"{string.ascii_uppercase}", "{string.ascii_lowercase}"'

    class CachingParser(Parser):
        @classmethod
        def css_select(cls, node: Any, selector: str) -> Any:
            return _css(selector)(node)

        @classmethod
        def xpath_re(cls, node: Any, expression: str) -> Any:
            return _xpath(expression, True)(node)

        @classmethod
        def getElementsByTag(cls, node: Any, tag: str | None = None, attr: str | None = None,
                             value: str | None = None, childs: bool = False, use_regex: bool = False) -> list:
            selector = f"descendant-or-self::{tag or '*'}"
            if attr and value:  # the same expressions as newspaper's own
                if use_regex:
                    selector = f'{selector}[re:test(@{attr}, "{value}", "i")]'
                else:
                    selector = f'{selector}[contains(translate(@{attr}, {lower}), "{value.lower()}")]'
            elems = _xpath(selector, bool(attr and value and use_regex))(node)
            if node in elems and (tag or childs):
                elems.remove(node)
            return elems

    class FastConfig(Config):
        @staticmethod
        def get_parser() -> type:
            return CachingParser

    return FastConfig


def _newspaper_config() -> Any:
    cfg = _config_class()()
    cfg.fetch_images = False  # otherwise newspaper may download images to size them
    cfg.memoize_articles = False
    cfg.MAX_TEXT = 10_000_000  # newspaper truncates at 100,000 characters by default
    cfg.MAX_AUTHORS = 20
    return cfg


def parse_html(html: str, *, url: str | None = None) -> dict[str, Any]:
    """One raw record from a saved page: url, title, authors, published, language, text.
    BadInput when the page has no article body."""
    from newspaper import Article

    if "\x00" in html:
        html = html.replace("\x00", "")
    cut = strip_non_body(html)
    art = Article(url or "", config=_newspaper_config())
    art.download(input_html=cut)
    try:
        art.parse()
    except Exception as exc:  # noqa: BLE001  newspaper raises many kinds on odd pages
        raise BadInput(f"HTML could not be parsed: {exc}") from None
    page_url = url or art.canonical_link or None
    rec: dict[str, Any] = {
        "url": page_url,
        "title": (art.title or "").strip() or None,
        "authors": list(art.authors or []),
        "language": art.meta_lang or None,
        "published": art.publish_date or None,
    }
    if rec["published"] is None:
        rec["published"] = _htmldate(cut, page_url)
    text = _drop_leading_meta(clean_text(art.text or "", title=rec["title"]))
    if len(text.split()) < MIN_BODY_WORDS:
        raise BadInput(f"no article body found in the HTML ({len(text.split())} words of text)")
    rec["text"] = text
    return rec


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


def _htmldate(html: str, url: str | None) -> str | None:
    from htmldate import find_date

    if "<" not in html:  # htmldate would take a bare URL string as something to download
        return None
    try:
        return find_date(html, url=url, original_date=True, extensive_search=True)
    except Exception as exc:  # noqa: BLE001  a date is optional: log and go on
        log.debug("htmldate failed on %s: %s", url, exc)
        return None
