"""The Markdown export format of the founding example (datasets/articles/*.md), and plain text.

Markdown: the title is the first ``# `` heading; the date is a short line among the first
lines under it that parses as a date ("May 08, 2024"); the URL comes from the footer
``Original url:`` followed by ``<https://...>`` (everything from that line on is dropped).
The first paragraph under the date is dropped when it is an image caption with a credit (it
ends with a licence such as "(CC BY 4.0)", holds "©" or a "Photo:" credit, or is an image).
A YAML-like front matter block (``---`` ... ``---`` with title/date/url/author/outlet keys)
is read too. The body keeps paragraphs; link markup is reduced to its words and
"Related article" lines are dropped by ``records.clean_text``.

Plain text: the first non-empty line is the title when it is short (<= 150 characters), does
not end like a sentence ('.', ',', ';', ':') and more text follows; the rest is the text. A
date in the file name (YYYY-MM-DD) is taken as the publication date.
"""
from __future__ import annotations

import re
from typing import Any

from toolkit.io.records import clean_text, is_junk_line, strip_markup

_FOOTER = re.compile(r"^\s*(?:\*\*)?original\s+url\s*:?(?:\*\*)?\s*(.*)$", re.IGNORECASE)
_URL_IN = re.compile(r"<?(https?://[^\s>]+)>?")
_DATE_LINE = re.compile(
    r"^\s*(?:published\s*:?\s*|updated\s*:?\s*)?("
    r"[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4}(?:,? \d{1,2}:\d{2}(?:\s?[ap]\.?m\.?)?)?"
    r"|\d{1,2} [A-Z][a-z]{2,8}\.? \d{4}"
    r"|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r")\s*$")
_FILE_DATE = re.compile(r"(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)")
_FRONT_KEYS = {"title": "title", "date": "published", "published": "published", "url": "url",
               "link": "url", "author": "authors", "authors": "authors", "outlet": "outlet",
               "source": "outlet", "language": "language", "lang": "language"}


def _front_matter(lines: list[str]) -> tuple[dict[str, Any], list[str]]:
    if not lines or lines[0].strip() != "---":
        return {}, lines
    for i in range(1, min(len(lines), 60)):
        if lines[i].strip() in ("---", "..."):
            meta: dict[str, Any] = {}
            for ln in lines[1:i]:
                key, sep, val = ln.partition(":")
                key = key.strip().lower()
                if sep and key in _FRONT_KEYS:
                    meta[_FRONT_KEYS[key]] = val.strip().strip("\"'")
            return meta, lines[i + 1:]
    return {}, lines


def _is_caption(paragraph: str) -> bool:
    if re.fullmatch(r"\s*!\[[^\]]*\]\([^)]*\)\s*", paragraph):
        return True
    last = paragraph.strip().split("\n")[-1]
    return bool(re.search(r"\]\(https?://[^)]*\)\s*(?:\([^)]*\))?\s*$", last)) or is_junk_line(strip_markup(last))


def parse_markdown(text: str, *, filename: str = "") -> dict[str, Any]:
    """One raw record from a Markdown article (see the module docstring)."""
    lines = text.replace("\r\n", "\n").split("\n")
    rec, lines = _front_matter(lines)
    # Footer: "Original url:" and everything after it.
    for i, ln in enumerate(lines):
        m = _FOOTER.match(ln)
        if m:
            tail = " ".join([m.group(1)] + lines[i + 1:i + 4])
            u = _URL_IN.search(tail)
            if u and "url" not in rec:
                rec["url"] = u.group(1).rstrip(").,")
            lines = lines[:i]
            break
    # Title: the first '# ' heading.
    body_start = 0
    for i, ln in enumerate(lines):
        if ln.startswith("# "):
            rec.setdefault("title", strip_markup(ln[2:]).strip())
            body_start = i + 1
            break
        if ln.strip() and not ln.startswith("#"):
            break  # no heading before the text begins
    lines = lines[body_start:]
    # Date: a short date-only line among the first non-empty lines; a caption right under it.
    nonempty = [i for i, ln in enumerate(lines) if ln.strip()][:3]
    for i in nonempty:
        m = _DATE_LINE.match(strip_markup(lines[i]).strip("*_ "))
        if m:
            rec.setdefault("published", m.group(1))
            lines = lines[i + 1:]
            paras = re.split(r"\n\s*\n", "\n".join(lines).strip("\n"), maxsplit=1)
            if paras and _is_caption(paras[0]):
                lines = (paras[1] if len(paras) > 1 else "").split("\n")
            break
    if "published" not in rec:
        m = _FILE_DATE.search(filename)
        if m:
            rec["published"] = m.group(1)
    body = "\n".join(re.sub(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+)", "", ln) for ln in lines)
    rec["text"] = clean_text(body, title=rec.get("title"))
    return rec


def parse_plain_text(text: str, *, filename: str = "") -> dict[str, Any]:
    """One raw record from a plain-text article (see the module docstring)."""
    lines = text.replace("\r\n", "\n").strip().split("\n")
    rec: dict[str, Any] = {}
    first = lines[0].strip()
    rest = "\n".join(lines[1:]).strip()
    if rest and len(first) <= 150 and not first.endswith((".", ",", ";", ":")):
        rec["title"] = first
        lines = lines[1:]
    m = _FILE_DATE.search(filename)
    if m:
        rec["published"] = m.group(1)
    rec["text"] = clean_text("\n".join(lines))
    return rec
