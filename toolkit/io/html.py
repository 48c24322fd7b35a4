"""Saved HTML pages -> raw records, offline: body and metadata by trafilatura, title by the h1.

Measured on ../shared/data/web-eval with benchmarks/compare_web.py (figures in the README):
trafilatura finds the body (with its readability/jusText fallbacks), the date (htmldate, see
DATE_PARAMS; asked for the time and offset, so that both the page's own day and the UTC
instant are kept), the canonical URL, the meta tags and JSON-LD, and the byline element
(its search, comments left out); authors are chosen among them by _authors. The language is the
page's declared one (newspaper's meta_lang). The title is the page's h1 that the metadata or
the <title> confirms, not the site's name (_headline), with newspaper3k's title rule (the
<title> cut at the site-name separator) as the fallback; newspaper's body extraction is not
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
import json
import logging
import re
from copy import deepcopy
from typing import Any

from toolkit.io.bylines import choose_authors, is_lead_in
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
    page_url, authors, date, meta_title, sitename = _metadata(tree, url)
    title = _headline(tree, sitename=sitename, meta_title=meta_title)
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


def _metadata(tree: Any, url: str | None) -> tuple[str | None, list[str], str | None, str | None, str | None]:
    """(url, authors, date, meta title, site name) by the steps of trafilatura's extract_metadata that the
    record needs: meta tags, JSON-LD, the canonical URL, htmldate. Its sitename, categories,
    tags, licence and title searches are left out: they were 60% of its metadata time on
    web-eval (41 -> 12.5 ms a page). Authors: see _authors."""
    from htmldate import find_date
    from trafilatura.metadata import examine_meta, extract_meta_json, extract_url

    meta = examine_meta(tree)
    try:
        meta = extract_meta_json(tree, meta)
    except Exception as exc:  # noqa: BLE001  trafilatura guards this call the same way (bad JSON-LD)
        log.debug("JSON-LD metadata failed: %s", exc)
    page_url = url or _str(meta.url) or _str(extract_url(tree, None))
    date = find_date(tree, url=page_url, **DATE_PARAMS)
    names = _authors(tree, publisher=(_str(meta.sitename), domain_of(page_url)))
    return page_url, names, date, _str(meta.title), _str(meta.sitename)


# JSON-LD nodes whose author is not the article's: a photo's or a video's credit, a comment's or
# a review's writer.
_NOT_ARTICLE_TYPES = frozenset({"imageobject", "videoobject", "audioobject", "mediaobject", "comment", "review"})
_META_AUTHOR_KEYS = frozenset({"og:author", "og:article:author"})
# trafilatura's search for byline elements after dropping comments, sidebars, dates and figures;
# its own list of what to drop matches parts of class names ("category" in a WordPress post's
# "category-news", "print" in "print-active"), which drops the whole post with its byline, and
# misses WordPress's "comment-list", whose comment authors then pass for the page's author.
_AUTHOR_DISCARD = r"""//*[self::a or self::div or self::section or self::span or self::p or self::ol or self::ul
  or self::li or self::form or self::aside][
  @class='title' or @class='date' or contains(@data-component, 'Figure') or
  re:test(@id, '^(?:comments?|respond|reply)(?:[-_]|$)|comment-?list|ProductReviews') or
  re:test(@class, '(?:^|\s)(?:comments?|commentlist|respond|reply|sidebar|print)(?:[-_\s]|$)|(?:^|\s)[\w-]*quote|is-hidden|embedly-instagram|article-(?:share|support)|(?:^|\s)[\w-]*categor(?:y|ies)(?:\s|$)|meta-date|meta-reviewer')]"""


def _authors(tree: Any, *, publisher: tuple[str | None, ...]) -> list[str]:
    """The page's authors from the first of these that names a person: the JSON-LD article's
    author (Person or untyped; an Organization is not an author), the author meta tags
    (including Twitter's "Written by" label), the byline element (trafilatura's search)."""
    return choose_authors([_jsonld_authors(tree), _meta_authors(tree), lambda: _byline(tree)], publisher=publisher)


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _types(node: dict[str, Any]) -> set[str]:
    return {t.casefold() for t in _as_list(node.get("@type")) if isinstance(t, str) and t}


def _jsonld_authors(tree: Any) -> list[str]:
    nodes: list[dict[str, Any]] = []
    for script in tree.iterfind('.//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "", strict=False)
        except ValueError:
            continue
        for block in _as_list(data):
            if isinstance(block, dict):
                nodes.extend(n for n in _as_list(block.get("@graph", block)) if isinstance(n, dict))
    by_id = {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str)}
    names: list[str] = []
    for node in nodes:
        if "author" not in node or _types(node) & _NOT_ARTICLE_TYPES:
            continue
        if names:
            break  # the first article's authors: later nodes are other articles (a list of teasers)
        for author in _as_list(node["author"]):
            if isinstance(author, dict) and "name" not in author and isinstance(author.get("@id"), str):
                author = by_id.get(author["@id"], author)  # {"@id": ...}: the Person node of the graph
            if isinstance(author, str):
                names.append(author)
            elif isinstance(author, dict) and (not _types(author) or "person" in _types(author)):
                name = author.get("name") or " ".join(
                    str(author[k]) for k in ("givenName", "familyName") if isinstance(author.get(k), str))
                names.extend(n for n in _as_list(name) if isinstance(n, str))
    return names


def _meta_authors(tree: Any) -> list[str]:
    """Author meta tags (trafilatura's list of names); one word alone is taken for a handle
    or a site, as trafilatura does; Twitter's twitter:data1 when its label1 is a byline's lead-in."""
    from trafilatura.metadata import METANAME_AUTHOR

    names: list[str] = []
    label = data = None
    for elem in tree.iterfind(".//head/meta[@content]"):
        key = (elem.get("name") or elem.get("property") or elem.get("itemprop") or "").strip().casefold()
        content = " ".join(elem.get("content", "").split())
        if not content or content.casefold().startswith(("http", "www.")):
            continue
        if key in METANAME_AUTHOR or key in _META_AUTHOR_KEYS:
            if " " in content:
                names.append(content)
        elif key == "twitter:label1":
            label = content
        elif key == "twitter:data1":
            data = content
    if label and data and is_lead_in(label):
        names.append(data)
    return names


@functools.lru_cache(maxsize=1)
def _discard_xpaths() -> list[Any]:
    from lxml.etree import XPath
    from trafilatura.xpaths import REGEXP_NS

    return [XPath(_AUTHOR_DISCARD, namespaces={"re": REGEXP_NS}), XPath("//time|//figure")]


def _byline(tree: Any) -> list[str]:
    from trafilatura.htmlprocessing import prune_unwanted_nodes
    from trafilatura.metadata import extract_metainfo
    from trafilatura.xpaths import AUTHOR_XPATHS

    text = extract_metainfo(prune_unwanted_nodes(deepcopy(tree), _discard_xpaths()), AUTHOR_XPATHS, len_limit=120)
    return [text] if text else []


# The <title>'s parts: "Headline | Site", "Site » Blog Archive » Headline".
_TITLE_SEPARATOR = re.compile(r"\s+[|–—»«·:/•-]\s+|\s*[|»«•]\s*")
# An h1 that is the site's name: a logo or a site title in the page header, or one hidden for
# screen readers.
_SITE_HEADING = re.compile(r"(?:^|\s)(?:[\w-]*(?:logo|branding|masthead)[\w-]*|(?:site|blog)[-_]?(?:title|name|logo)"
                           r"|header|aural|element-invisible|sr-only|screen-reader-text|visually-hidden)(?:\s|$)",
                           re.IGNORECASE)
_HOME_PATHS = frozenset({"", "/", "/index.html", "index.html", "../index.html", "./", "/index.php"})


def _headline(tree: Any, *, sitename: str | None, meta_title: str | None) -> str | None:
    """The page's headline: the h1 (not the site's own name) that the metadata title
    (og:title, twitter:title, JSON-LD headline) repeats; the metadata title when the h1 is it
    with a kicker before ("Kicker: Headline"); the h1 that a part of the <title> repeats; the one
    h1 left; else newspaper3k's title rule, without a site name that the metadata title leaves
    out. Measured on web-eval: 0.707 exact with newspaper3k alone, 0.762 with trafilatura's
    title, 0.862 with this."""
    headings = [h for h in (_heading_text(e) for e in tree.iter("h1") if not _site_heading(e, sitename)) if h]
    refs = [r for r in (*(_str(e.get("content")) for e in tree.iterfind(".//head/meta[@property='og:title']")),
                        *(_str(e.get("content")) for e in tree.iterfind(".//head/meta[@name='twitter:title']")),
                        meta_title) if r]
    folded_refs = [_fold_title(r) for r in refs]
    for h in headings:
        if _fold_title(h) in folded_refs:
            return h
    for h in headings:
        for r, fr in zip(refs, folded_refs):
            if len(fr) > 10 and len(fr) < len(_fold_title(h)) and _fold_title(h).endswith(fr):
                return r
    title_elem = tree.find(".//head//title")
    parts = [_fold_title(p) for p in _TITLE_SEPARATOR.split(title_elem.text_content() if title_elem is not None else "")]
    if len([p for p in parts if p]) > 1:
        for h in headings:
            if _fold_title(h) in parts:
                return h
    if len(headings) == 1:
        return headings[0]
    title = _newspaper_title(tree)
    if title and refs:
        ft, fr = _fold_title(title), folded_refs[0]
        rest = ft[len(fr):] if ft.startswith(fr) else ft[:-len(fr)] if ft.endswith(fr) else None
        if len(fr) > 10 and rest and not rest[0 if ft.startswith(fr) else -1].isalnum():
            return refs[0]  # "Headline | Site" where og:title is "Headline"
    return title


def _heading_text(elem: Any) -> str | None:
    return _str(" ".join(" ".join(elem.itertext()).replace("\xad", "").split()))


def _site_heading(elem: Any, sitename: str | None) -> bool:
    from urllib.parse import urlsplit

    text = _letters(" ".join(elem.itertext()))
    if not text or (sitename and text == _letters(sitename)):
        return True
    for a in elem.iter("a"):
        href = a.get("href") or ""
        if "/web/" in href and "http" in href[8:]:  # a web.archive.org copy: the archived URL
            href = href[href.index("http", 8):]
        if urlsplit(href).path in _HOME_PATHS or "home" in (a.get("rel") or ""):
            return True
    classes = [elem.get("class"), elem.get("id")] + [a.get("class") for a in list(elem.iterancestors())[:2]]
    return bool(_SITE_HEADING.search(" ".join(c for c in classes if c)))


def _fold_title(text: str) -> str:
    """Casefolded, whitespace collapsed, punctuation at both ends cut: how two titles compare."""
    return " ".join(text.replace("\xad", "").casefold().split()).strip(" \t.,:;!?-–—|»«\"'“”„")


def _letters(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


def _newspaper_title(tree: Any) -> str | None:
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
