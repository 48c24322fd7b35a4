"""RSS and Atom feeds (feedparser) -> entries.

An entry whose content (``content`` or ``summary``) holds at least ``FULL_CONTENT_WORDS``
words of text is an article by itself; every other entry is a URL to fetch, with the feed's
title, date and authors kept as fallbacks for the fetched page.
"""
from __future__ import annotations

import calendar
import re
from typing import Any

import pandas as pd

from toolkit.io.records import BadInput, clean_text

FULL_CONTENT_WORDS = 150


def looks_like_feed(text: str) -> bool:
    head = text[:4096].lower()
    return "<rss" in head or "<rdf:rdf" in head or bool(re.search(r"<feed[\s>]", head))


def _html_to_text(html: str) -> str:
    import lxml.html

    try:
        root = lxml.html.fromstring(f"<div>{html}</div>")
    except Exception:  # noqa: BLE001  malformed markup: fall back to removing tags
        return re.sub(r"<[^>]+>", " ", html)
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    blocks = [el.text_content() for el in root.iter("p", "h2", "h3", "li", "blockquote")]
    return "\n\n".join(blocks) if blocks else root.text_content()


def parse_feed(text: str, *, where: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(articles with full content, entries to fetch) from a feed document; each is a raw
    record (the second kind without text, its ``url`` to be fetched)."""
    import feedparser

    feed = feedparser.parse(text.encode("utf-8"))  # bytes: never taken as a URL to download
    if not feed.entries:
        problem = getattr(feed, "bozo_exception", None)
        raise BadInput(f"feed has no entries{f' ({problem})' if problem else ''}")
    language = (feed.feed.get("language") or "").strip() or None
    full: list[dict[str, Any]] = []
    to_fetch: list[dict[str, Any]] = []
    for n, entry in enumerate(feed.entries, 1):
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        rec: dict[str, Any] = {
            "url": entry.get("link") or None,
            "title": (entry.get("title") or "").strip() or None,
            "authors": [a.get("name") for a in entry.get("authors", []) if a.get("name")]
            or ([entry["author"]] if entry.get("author") else []),
            "published": pd.Timestamp(calendar.timegm(stamp), unit="s", tz="UTC") if stamp else
            (entry.get("published") or entry.get("updated")),
            "language": language,
            "where": f"{where} entry {n}",
        }
        contents = [c.get("value", "") for c in entry.get("content", [])] + [entry.get("summary", "")]
        body = max((clean_text(_html_to_text(c), title=rec["title"]) for c in contents if c), key=len, default="")
        if len(body.split()) >= FULL_CONTENT_WORDS:
            full.append({**rec, "text": body})
        else:
            to_fetch.append(rec)  # without a link it is reported as skipped by the loader
    return full, to_fetch
