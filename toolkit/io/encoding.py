"""Bytes of a web page -> text: which encoding the page is really in.

A charset header (HTTP Content-Type or <meta charset>) is often wrong, and a UTF-8 page may
carry one stray byte from a pasted snippet; a strict "UTF-8, else the header, else cp1252"
chain garbles every accented letter of such pages. Order here:

1. A byte-order mark (UTF-8, UTF-16) wins.
2. Bytes that are valid UTF-8 are UTF-8, whatever a header says: text in a single-byte
   encoding with letters above ASCII is almost never valid UTF-8 by chance.
3. Bytes that are UTF-8 but for a few stray bytes (at most one invalid sequence per ten valid
   multi-byte characters, or a handful when the page itself declares UTF-8) are UTF-8 with the
   stray bytes replaced by U+FFFD, and the note says how many.
4. Otherwise the declared charset, when the bytes decode in it; else charset_normalizer's
   guess (Cyrillic, Greek, CJK single- and multi-byte encodings); else cp1252.
NUL bytes without a UTF-16 byte-order mark mean a binary file (BadInput), unless the data starts
with markup and holds only a few (saved pages do: padding after an inline image), which are removed.
"""
from __future__ import annotations

import codecs
import re

from toolkit.io.records import BadInput, decode_marked

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
MAX_NUL_SHARE = 100  # a page with more than one NUL byte per 100 bytes of its start is binary
STRAY_BYTES_DECLARED = 8  # invalid sequences tolerated in a page that declares UTF-8 and has few other letters


def _meta_label(data: bytes) -> str | None:
    """The charset a page's <meta> declares in its first 32 KB, as written; None when none."""
    m = _META_CHARSET.search(data[:32768])
    return m.group(1).decode("ascii", "ignore") if m else None


def _codec(name: str | None) -> str | None:
    """Python's name of a charset label ("ISO-8859-1" -> "iso8859-1"); None when unknown."""
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def decode_page(data: bytes, *, declared: str | None = None) -> tuple[str, str | None]:
    """(text, note) of a page's bytes; ``declared`` is a charset from outside the page (an HTTP
    header), else the page's <meta> is read. ``note`` is None for clean UTF-8 and says what was
    done otherwise (see the module docstring). BadInput for binary data."""
    marked = decode_marked(data)
    if marked is not None:
        return marked
    nul_note = None
    if b"\x00" in data[:65536] or b"\x00" in data[-4096:]:
        head = data[:65536]
        if head.count(0) * MAX_NUL_SHARE > len(head) or not head.lstrip()[:1] == b"<":
            raise BadInput("binary file (contains NUL bytes), not text")
        nul_note = f"{data.count(0)} NUL byte(s) removed"  # a few in markup: a page, not a binary file
        data = data.replace(b"\x00", b"")
    text, note = _decode(data, declared)
    return text, "; ".join(n for n in (nul_note, note) if n) or None


def _decode(data: bytes, declared: str | None) -> tuple[str, str | None]:
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    label = declared if _codec(declared) else _meta_label(data)
    charset = _codec(label)
    text = data.decode("utf-8", errors="replace")
    stray = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    letters = len(_NON_ASCII.findall(text)) - text.count("\ufffd")
    if stray * 10 <= letters or (charset == "utf-8" and stray <= STRAY_BYTES_DECLARED):
        return text, f"{stray} byte(s) not valid UTF-8 replaced by U+FFFD"
    if charset and charset != "utf-8":
        try:
            return data.decode(charset), f"not valid UTF-8; decoded as {label}"
        except (UnicodeDecodeError, LookupError):
            pass
    guess = _guess(data)
    if guess:
        return data.decode(guess, errors="replace"), f"not valid UTF-8; decoded as {guess} (detected)"
    try:
        return data.decode("cp1252"), "not valid UTF-8; decoded as cp1252"
    except UnicodeDecodeError:
        raise BadInput("not valid UTF-8 text, and no charset that decodes it was found") from None


def _guess(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:262144]).best()
    name = _codec(best.encoding) if best is not None else None
    return None if name in (None, "utf-8", "ascii") else name
