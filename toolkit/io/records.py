"""Shared helpers of the loaders: reading a text file safely, cleaning article text, dates,
URLs and the stable ``article_id``.

Every parser returns *raw records*: dicts with some of url, title, authors, published (any
value), language, text, outlet, plus ``where`` (the input label used in the load report).
``loaders.finalise`` turns them into rows of the articles table.
"""
from __future__ import annotations

import hashlib
import math
import re
import stat
import unicodedata
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pandas as pd

MB = 1024 * 1024


class BadInput(Exception):
    """Internal: this whole input cannot be loaded (reason in args[0]); the caller decides
    whether that raises (a single file) or is skipped (a batch)."""


# --- reading -------------------------------------------------------------------------------

_SPECIAL = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
            (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def not_regular(mode: int) -> str | None:
    """Why a file of this ``st_mode`` is not read (a FIFO would block, /dev/zero never ends),
    or None for a regular file or a folder."""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    what = next((name for test, name in _SPECIAL if test(mode)), "a special file")
    return f"not a regular file ({what}); only regular files are read"


def read_bytes(path: Path, *, max_bytes: int) -> bytes:
    """The file's bytes, or BadInput when it is missing, not a regular file, empty or too big."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise BadInput("file does not exist") from None
    except OSError as exc:
        raise BadInput(f"cannot read file: {exc.strerror or exc}") from None
    problem = not_regular(st.st_mode) or ("a folder, not a file" if stat.S_ISDIR(st.st_mode) else None)
    if problem:
        raise BadInput(problem)
    size = st.st_size
    if size == 0:
        raise BadInput("file is empty")
    if size > max_bytes:
        raise BadInput(f"file is {size / MB:.1f} MB, over the {max_bytes / MB:.0f} MB limit (max_file_mb)")
    try:
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)  # the file may have grown since stat
    except OSError as exc:
        raise BadInput(f"cannot read file: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise BadInput(f"file is over the {max_bytes / MB:.0f} MB limit (max_file_mb)")
    return data


def decode_marked(data: bytes) -> tuple[str, str | None] | None:
    """(text, note) of data that opens with a UTF-8 or UTF-16 byte-order mark, else None."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "decoded as UTF-16 (byte-order mark)"
        except UnicodeDecodeError:
            raise BadInput("has a UTF-16 byte-order mark but is not valid UTF-16") from None
    return None


def decode(data: bytes, *, declared: str | None = None, by_line: bool = False) -> tuple[str, str | None]:
    """Decode text bytes -> (text, note). Order: a BOM (UTF-8 or UTF-16) wins; then UTF-8;
    then the charset the document declares (HTML meta), when it decodes cleanly; then cp1252
    only when every byte decodes cleanly. latin-1 is never guessed (it accepts any bytes, so
    it would turn binary junk into text). NUL bytes without a UTF-16 BOM mean binary: BadInput.
    ``note`` is None for UTF-8 and says which encoding was used otherwise.

    ``by_line`` (line-based formats: CSV, JSON Lines): a UTF-8 file with a few undecodable
    lines (at most one in ten) stays UTF-8; the bad bytes become lone surrogates
    (``surrogateescape``), so that the reader skips just those rows (``has_bad_bytes``)."""
    marked = decode_marked(data)
    if marked is not None:
        return marked
    if b"\x00" in data[:65536] or b"\x00" in data[-4096:]:
        raise BadInput("binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    if by_line:
        lines = data.splitlines()
        bad = sum(1 for ln in lines if not _is_utf8(ln))
        if bad * 10 <= len(lines):
            return data.decode("utf-8", errors="surrogateescape"), None
    for enc in (declared, "cp1252"):
        if not enc:
            continue
        try:
            return data.decode(enc), f"not valid UTF-8; decoded as {enc}"
        except (UnicodeDecodeError, LookupError):
            continue
    raise BadInput("not valid UTF-8 (nor cp1252) text")


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


_BAD_BYTE = re.compile("[\udc80-\udcff]")


def has_bad_bytes(text: str) -> bool:
    """Whether ``text`` holds bytes that were not valid UTF-8 (see ``decode(by_line=True)``)."""
    return _BAD_BYTE.search(text) is not None


def read_text(path: Path, *, max_bytes: int, declared_charset: bool = False,
              by_line: bool = False) -> tuple[str, str | None]:
    """Read and decode a text file -> (text, note); BadInput for empty/huge/binary/undecodable.
    ``by_line``: see ``decode``."""
    data = read_bytes(path, max_bytes=max_bytes)
    declared = None
    if declared_charset:
        m = re.search(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_-]+)""", data[:4096], re.IGNORECASE)
        declared = m.group(1).decode("ascii") if m else None
    text, note = decode(data, declared=declared, by_line=by_line)
    if not text.strip():
        raise BadInput("file holds only whitespace")
    return text, note


# --- text cleaning -----------------------------------------------------------------------------

_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\((?:[^()\s]|\([^)]*\))*(?:\s+\"[^\"]*\")?\)")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
# Whole lines that are not body text: cross-links, credits and footers.
_JUNK_LINE = re.compile(
    r"""^\W*(?:
        related(?:\s+(?:article|articles|story|stories|content|news|reading))?\s*:
      | read\s+(?:more|also)\s*(?:[:»›>|]|$)
      | see\s+also\s*:
      | also\s+read\s*:
      | original\s+url\s*:
      | (?:photo|image|picture|photograph|illustration)s?(?:\s+credits?)?\s*:
      | credits?\s*:
      | ©
      | copyright\s+(?:©|\(c\)|\d{4})
      | all\s+rights\s+reserved
      | share\s+(?:this|on)\b
      | (?:follow|subscribe)\s+(?:us|to\s+our)\b
      | advertisement\s*$
      | skip\s+to\s+(?:main\s+)?content\s*$
      | sign\s+up\s+for\s+(?:our|the)\s+[\w\s]{0,40}newsletter
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# A credit anywhere in a short line: a licence in brackets or a copyright sign.
_CREDIT = re.compile(r"\((?:CC[ -]BY|CC0|Public Domain)[^)]*\)\s*$|©"
                     r"|\b(?:photo|image|picture)s?\s*(?:credit\s*)?(?::|by\b)\s*[^.!?]{1,60}\)?\s*$", re.IGNORECASE)


def is_junk_line(line: str) -> bool:
    """True for a line that is a cross-link, a photo credit or a footer, not body text."""
    s = line.strip()
    if _JUNK_LINE.match(s):
        return True
    return len(s) < 300 and bool(_CREDIT.search(s))


def strip_markup(line: str) -> str:
    """Markdown link/image/emphasis markup reduced to its words: '[published](#)' -> 'published'."""
    if "](" in line:  # the checks skip the regexes on the common line without markup
        line = _LINK.sub(r"\1", _IMAGE.sub("", line))
    if "<http" in line:
        line = _AUTOLINK.sub(r"\1", line)
    if "**" in line or "__" in line:
        line = _EMPHASIS.sub(r"\2", line)
    return line


def clean_text(text: str, *, title: str | None = None) -> str:
    """Body text: markup reduced to words, junk lines dropped, a leading copy of the title
    dropped, whitespace tidied; paragraphs separated by one blank line."""
    paras: list[str] = []
    for raw in re.split(r"\n\s*\n|\r\n\s*\r\n", text.replace("\r\n", "\n")):
        lines = [strip_markup(ln) for ln in raw.split("\n")]
        para = " ".join(ln.strip() for ln in lines if not is_junk_line(ln))
        para = " ".join(para.split())
        if para:
            paras.append(para)
    if title and paras and len(paras[0]) <= 2 * len(title) + 10 and fold(paras[0]) == fold(title):
        paras = paras[1:]
    return "\n\n".join(paras)


def fold(text: str) -> str:
    """Normalised form used for comparing and hashing text."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return " ".join(text.casefold().split())


def text_key(text: str) -> str:
    """sha1 hex of the folded text: the identity of a text without a URL."""
    return hashlib.sha1(fold(text).encode("utf-8")).hexdigest()


# --- dates ---------------------------------------------------------------------------------

_YEAR_TOKEN = re.compile(r"(?<!\d)\d{4}(?!\d)")


def to_utc(value: Any, *, latest: pd.Timestamp) -> tuple[pd.Timestamp | None, str | None]:
    """Any date-like value -> (UTC timestamp or None, problem or None). Naive values are taken
    as UTC; numbers as Unix seconds (milliseconds when > 1e11). Unparseable values, dates
    before 1800 (year 0 or 1 of a broken export; "May 08, 0024", which a parser would read as
    2024) and dates later than ``latest`` (the loaders use now + 1 day) give (None, reason)."""
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None, None
    written = None  # the four-digit years written in a string value
    try:
        if isinstance(value, pd.Timestamp):  # also the fast path: parsed in bulk
            ts = value
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            ts = pd.Timestamp(value / 1000 if abs(value) > 1e11 else value, unit="s", tz="UTC")
        elif isinstance(value, (datetime, date)):
            ts = pd.Timestamp(value)
        else:
            s = str(value).strip()
            if not s:
                return None, None
            written = _YEAR_TOKEN.findall(s)
            ts = pd.Timestamp(s)
    except (ValueError, TypeError, OverflowError, NotImplementedError):
        return None, f"unparseable date {str(value)[:60]!r}"
    if ts is pd.NaT or pd.isna(ts):
        return None, f"unparseable date {str(value)[:60]!r}"
    # a year written with four digits is the year meant: "0024" read as 2024 is not it
    if ts.year < 1800 or (written and f"{ts.year:04d}" not in written):
        return None, f"implausible date {str(value)[:60]!r}"
    ts = ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")
    if ts > latest:
        return None, f"date {ts.date()} is in the future"
    return ts.as_unit("ns"), None


# --- URLs and ids ----------------------------------------------------------------------------

_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid|ref|ref_src|smid|at_medium|at_campaign)$",
                       re.IGNORECASE)


def domain_of(url: str | None) -> str | None:
    """Host name of ``url`` in lower case without 'www.'; None when there is none."""
    if not url:
        return None
    host = (urlsplit(url.strip()).hostname or "").lower().rstrip(".")
    host = host.removeprefix("www.")
    return host or None


def url_key(url: str) -> str:
    """Normalised URL for identity: scheme-less, lower-case host without www., no fragment or
    tracking parameters, sorted query, no trailing slash."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    host = host.removeprefix("www.")
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                             if not _TRACKING.match(k)))
    path = parts.path.rstrip("/") or "/"
    return urlunsplit(("", host, path, query, ""))


def article_id(url: str | None, text: str, *, key: str | None = None, ukey: str | None = None) -> str:
    """Stable id: sha1 of the normalised URL, else of the folded text, first 16 hex digits.
    ``key``/``ukey``: the text's ``text_key`` / the URL's ``url_key`` when already computed."""
    if url:
        return hashlib.sha1(("url:" + (ukey or url_key(url))).encode("utf-8")).hexdigest()[:16]
    return (key or text_key(text))[:16]


def is_url(value: str) -> bool:
    return bool(re.match(r"^https?://[^\s/]+\S*$", value.strip(), re.IGNORECASE))


def split_authors(value: Any) -> list[str]:
    """Authors from a list, or a string separated by ';', '|', ',' or ' and '."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    if isinstance(value, dict):
        value = value.get("name", "")
    if isinstance(value, (list, tuple)) or hasattr(value, "tolist"):
        items = list(value.tolist() if hasattr(value, "tolist") else value)
        return [n for v in items for n in split_authors(v)]
    s = str(value).strip()
    parts = re.split(r"\s*[;|]\s*", s) if re.search(r"[;|]", s) else re.split(r"\s*,\s*|\s+and\s+", s)
    out = [re.sub(r"^by\s+", "", p.strip(), flags=re.IGNORECASE) for p in parts]
    return [p for p in out if p]
