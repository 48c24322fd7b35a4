"""Download web pages politely: real User-Agent, timeouts, bounded retries with backoff,
a per-domain delay, a small thread pool and an on-disk cache of raw HTML.

Only network I/O lives here; the HTML is parsed by the loaders (newspaper3k). A bad URL in a
batch never raises: its ``FetchResult.error`` says what went wrong.

What it refuses: a host that resolves to a private, loopback, link-local, shared, multicast
or reserved address (169.254.169.254, 10.0.0.1, 127.0.0.1, ...), checked after DNS
resolution and again at every redirect (followed here, one hop at a time), before any
connection is made, and once more on the connected socket's peer (a DNS answer that changed
in between) before a request is sent; ``allow_private=True`` lifts this (an intranet, a test
server). A page
that takes longer than ``deadline`` seconds in all (a server trickling bytes never trips the
per-read ``timeout``) is given up; bodies over MAX_BYTES are not read.

    results = fetch_pages(["https://example.org/a", "https://example.org/b"], cache_dir="cache/")
    for r in results:
        if r.html is not None: ...
"""
from __future__ import annotations

import hashlib
import ipaddress
import json
import logging
import re
import socket
import threading
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests
import urllib3
from requests.adapters import HTTPAdapter
from tqdm.auto import tqdm
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from toolkit.io.atomic import write_atomic
from toolkit.io.encoding import decode_page
from toolkit.io.records import BadInput

log = logging.getLogger(__name__)

DEFAULT_USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.0.0 Safari/537.36"
)
HTML_TYPES = ("text/html", "application/xhtml+xml")
# RSS/Atom feeds are text the loader reads too (their entries become URLs to fetch)
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml",
              "application/xml", "text/xml")
MAX_BYTES = 50 * 1024 * 1024  # same ceiling as for local files: larger is not an article
_RETRY_STATUS = {429, 500, 502, 503, 504}
MAX_RETRY_AFTER = 30.0  # seconds: a longer Retry-After is cut to this
MAX_REDIRECTS = 10
_REDIRECT_STATUS = {301, 302, 303, 307, 308}
_CACHE_VERSION = 1


class _Refused(Exception):
    """This URL must not be fetched (a private address, a redirect to one): not retried."""


class _Truncated(Exception):
    """The body ended before its Content-Length: a transient failure, retried."""


@dataclass
class FetchResult:
    """What happened to one URL. ``html`` is set only for a successful HTML (or RSS/Atom/XML
    feed) response; its text is decoded with the declared charset, else UTF-8."""

    url: str
    final_url: str | None = None
    status: int | None = None
    html: str | None = None
    content_type: str | None = None
    error: str | None = None
    from_cache: bool = False

    @property
    def ok(self) -> bool:
        return self.html is not None and self.error is None


class _DomainThrottle:
    """Spaces consecutive requests to the same domain by ``delay`` seconds, across threads."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self._lock = threading.Lock()
        self._next: dict[str, float] = {}

    def wait(self, domain: str) -> None:
        if self.delay <= 0:
            return
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next.get(domain, now))
            self._next[domain] = slot + self.delay
        if slot > now:
            time.sleep(slot - now)


def _cache_key(url: str) -> str:
    return hashlib.sha1(url.encode("utf-8")).hexdigest()


def _cache_read(cache_dir: Path, url: str) -> FetchResult | None:
    key = _cache_key(url)
    meta_path = cache_dir / f"{key}.json"
    if not meta_path.exists():
        return None
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        html = None
        if meta.get("has_html"):
            html = (cache_dir / f"{key}.html").read_text(encoding="utf-8")
    except (OSError, ValueError) as exc:  # a damaged entry is a miss, not a failure
        log.warning("ignoring damaged cache entry for %s: %s", url, exc)
        return None
    if meta.get("url") != url:  # sha1 collision or foreign file
        return None
    return FetchResult(url=url, final_url=meta.get("final_url"), status=meta.get("status"),
                       html=html, content_type=meta.get("content_type"), error=meta.get("error"),
                       from_cache=True)


def _cache_write(cache_dir: Path, result: FetchResult) -> None:
    key = _cache_key(result.url)
    meta = {k: v for k, v in asdict(result).items() if k not in ("html", "from_cache")}
    meta["has_html"] = result.html is not None
    meta["version"] = _CACHE_VERSION
    meta["fetched_at"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    try:
        # body first, sidecar last: the sidecar is what makes an entry count as present
        if result.html is not None:
            html = result.html.encode("utf-8")
            write_atomic(cache_dir / f"{key}.html", lambda fh: fh.write(html))
        sidecar = json.dumps(meta, ensure_ascii=False).encode("utf-8")
        write_atomic(cache_dir / f"{key}.json", lambda fh: fh.write(sidecar))
    except OSError as exc:
        log.warning("could not cache %s: %s", result.url, exc)


def _cacheable(result: FetchResult) -> bool:
    # Pages only: any other answer (an error, a PDF, an oversized body) may be a transient
    # wrong answer, and kept it would hide the real page for ever; it is asked again next run.
    return result.html is not None and result.error is None


def _decode(body: bytes, header_charset: str | None) -> str:
    """The page's text: toolkit.io.encoding.decode_page (valid UTF-8 wins over a wrong header,
    a stray byte does not turn a UTF-8 page into cp1252); binary bodies as UTF-8 with replacement."""
    try:
        return decode_page(body, declared=header_charset)[0]
    except BadInput:
        return body.decode("utf-8", errors="replace")


def _charset(content_type_header: str) -> str | None:
    m = re.search(r"charset=([^;\s]+)", content_type_header, re.IGNORECASE)
    return m.group(1).strip("\"'") if m else None


def _looks_like_html(body: bytes) -> bool:
    head = body[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<!--", b"<meta",
                            b"<?xml", b"<rss", b"<feed"))


def _retry_after(value: str | None) -> float | None:
    """Seconds of a Retry-After header given in seconds (the HTTP-date form is ignored)."""
    if value and value.strip().isdigit():
        return min(float(value.strip()), MAX_RETRY_AFTER)
    return None


def _non_public(address: str) -> str | None:
    """What kind of non-public address ``address`` is ("loopback", "private", ...), or None
    for a public (globally routable) one."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone ("fe80::1%eth0")
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:10.0.0.1 is 10.0.0.1
    for kind in ("loopback", "link_local", "multicast", "unspecified", "private", "reserved"):
        if getattr(ip, f"is_{kind}"):
            return kind.replace("_", "-")
    return None if ip.is_global else "non-public"


def _check_address(url: str) -> None:
    """Raise _Refused when the host of ``url`` resolves to a non-public address (any of its
    addresses: the connection could go to any). A name that does not resolve is left to the
    request, which fails as a connection error."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, ValueError):
        return
    for info in infos:
        address = str(info[4][0])
        kind = _non_public(address)
        if kind:
            shown = "" if address == host.strip("[]") else f" resolves to {address}, which"
            raise _Refused(f"refused: {host}{shown} is a {kind} address (allow_private=True "
                           "fetches it)")


def _checked_socket(conn: HTTPConnection, sock: socket.socket) -> socket.socket:
    """The socket of a new connection, once its peer is known to be public: a DNS answer
    that changed since ``_check_address`` (DNS rebinding) is caught here, before a byte of
    the request is sent."""
    try:
        peer = str(sock.getpeername()[0])
    except OSError:
        return sock
    kind = _non_public(peer)
    if kind:
        sock.close()
        raise _Refused(f"refused: {conn.host} resolved to {peer} when connecting, which is a "
                       f"{kind} address (allow_private=True fetches it)")
    return sock


class _PublicHTTPConnection(HTTPConnection):
    def _new_conn(self) -> socket.socket:
        return _checked_socket(self, super()._new_conn())


class _PublicHTTPSConnection(HTTPSConnection):
    def _new_conn(self) -> socket.socket:
        return _checked_socket(self, super()._new_conn())


class _PublicHTTPPool(HTTPConnectionPool):
    ConnectionCls = _PublicHTTPConnection


class _PublicHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _PublicHTTPSConnection


class _PublicOnlyAdapter(HTTPAdapter):
    """Direct connections only to public addresses. (Through a proxy, requests connects to
    the proxy, not with these pools: the check before each request still applies.)"""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _PublicHTTPPool, "https": _PublicHTTPSPool}


def _get_once(session: requests.Session, url: str, timeout: float, deadline: float,
              allow_private: bool) -> tuple[FetchResult, float | None]:
    """One request, redirects followed one hop at a time (each hop's address checked) ->
    (result, Retry-After seconds of a 429/503). Raises requests exceptions on network
    failure, _Refused for a forbidden address, _Truncated for a short body."""
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        if not allow_private:
            _check_address(current)
        if time.monotonic() > deadline:
            raise requests.Timeout("deadline")
        with session.get(current, timeout=timeout, allow_redirects=False, stream=True) as resp:
            location = resp.headers.get("Location")
            if resp.status_code not in _REDIRECT_STATUS or not location:
                return _read_response(resp, url, deadline), _retry_after(resp.headers.get("Retry-After"))
            current = urljoin(current, location)
            if urlsplit(current).scheme not in ("http", "https"):
                raise _Refused(f"redirect to {current[:100]!r}, not an http(s) URL")
    raise _Refused(f"more than {MAX_REDIRECTS} redirects")


def _read_response(resp: requests.Response, url: str, deadline: float) -> FetchResult:
    """Status, content type and decoded text of a response (the body is read only for HTML)."""
    header = resp.headers.get("Content-Type", "")
    ctype = header.split(";")[0].strip().lower() or None
    result = FetchResult(url=url, final_url=resp.url, status=resp.status_code, content_type=ctype)
    if resp.status_code >= 400:
        result.error = f"HTTP {resp.status_code}"
        return result
    if ctype is not None and ctype not in HTML_TYPES + FEED_TYPES:
        result.error = f"not HTML: {ctype}"
        return result
    declared = resp.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > MAX_BYTES:
        result.error = f"too large: {int(declared) // (1024 * 1024)} MB (limit {MAX_BYTES // (1024 * 1024)} MB)"
        return result
    body = bytearray()
    while True:
        if time.monotonic() > deadline:
            raise requests.Timeout("deadline")
        try:
            # read1: at most one read from the socket, so the deadline is checked at least once
            # per read timeout, however slowly the bytes come
            chunk = resp.raw.read1(65536, decode_content=True)
        except urllib3.exceptions.ReadTimeoutError as exc:  # what requests' iter_content would say
            raise requests.ReadTimeout(str(exc)) from None
        except urllib3.exceptions.ProtocolError as exc:  # shorter than its Content-Length, reset
            raise _Truncated(str(exc)) from None
        except urllib3.exceptions.HTTPError as exc:  # a body that does not decode (gzip), TLS
            raise requests.ConnectionError(str(exc)) from None
        if not chunk:
            break
        body.extend(chunk)
        if len(body) > MAX_BYTES:
            result.error = f"too large: more than {MAX_BYTES // (1024 * 1024)} MB"
            return result
    if ctype is None and not _looks_like_html(bytes(body)):
        result.error = "not HTML: no Content-Type and the body is not HTML"
        return result
    result.html = _decode(bytes(body), _charset(header))
    return result


def _fetch_one(url: str, *, session: requests.Session, throttle: _DomainThrottle, timeout: float,
               retries: int, backoff: float, deadline: float, allow_private: bool) -> FetchResult:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return FetchResult(url=url, error=f"invalid URL: {url!r} (need http:// or https://)")
    domain = (parts.hostname or parts.netloc).lower()
    result = FetchResult(url=url)
    asked: float | None = None  # the server's Retry-After, honoured up to MAX_RETRY_AFTER
    ends = time.monotonic() + deadline  # the whole page, retries included
    for attempt in range(retries + 1):
        if attempt:
            pause = max(backoff * (2 ** (attempt - 1)), asked or 0.0)
            if time.monotonic() + pause > ends:
                break
            log.info("retrying %s in %.2fs (%s)", url, pause, result.error)
            time.sleep(pause)
        throttle.wait(domain)
        try:
            result, asked = _get_once(session, url, timeout, ends, allow_private)
        except _Refused as exc:
            log.warning("not fetched: %s: %s", url, exc)
            return FetchResult(url=url, error=str(exc))
        except _Truncated as exc:
            result = FetchResult(url=url, error=f"truncated body: {exc}")
            continue
        except requests.Timeout as exc:
            if str(exc) == "deadline" or time.monotonic() > ends:
                result = FetchResult(url=url, error=f"deadline of {deadline:g}s per page passed")
                break
            result = FetchResult(url=url, error=f"timeout after {timeout:g}s")
            continue
        except requests.ConnectionError as exc:
            result = FetchResult(url=url, error=f"connection error: {exc.__class__.__name__}")
            continue
        except requests.RequestException as exc:  # invalid URL, too many redirects...: not transient
            return FetchResult(url=url, error=f"{exc.__class__.__name__}: {exc}")
        if result.status not in _RETRY_STATUS:
            return result
    log.warning("giving up on %s after %d attempt(s): %s", url, retries + 1, result.error)
    return result


def _interleave_domains(urls: list[str]) -> list[str]:
    """Round-robin over domains, so that the pool's workers tend to hit different sites
    instead of all queueing on one site's per-domain delay."""
    by_domain: dict[str, list[str]] = {}
    for url in urls:
        by_domain.setdefault((urlsplit(url).hostname or "").lower(), []).append(url)
    queues = list(by_domain.values())
    out: list[str] = []
    for i in range(max((len(q) for q in queues), default=0)):
        out.extend(q[i] for q in queues if i < len(q))
    return out


def _check_options(urls: object, timeout: float, retries: int, backoff: float,
                   per_domain_delay: float, workers: int, deadline: float) -> list[str]:
    if isinstance(urls, (str, bytes)) or not isinstance(urls, Iterable):
        raise TypeError(f"urls must be a list of str, got {type(urls).__name__}")
    urls = list(urls)
    bad = [u for u in urls if not isinstance(u, str)]
    if bad:
        raise TypeError(f"urls must hold only str, got {type(bad[0]).__name__}: {bad[0]!r}")
    if not timeout > 0:
        raise ValueError(f"timeout must be > 0 seconds, got {timeout!r}")
    if not deadline > 0:
        raise ValueError(f"deadline must be > 0 seconds, got {deadline!r}")
    if not isinstance(retries, int) or retries < 0:
        raise ValueError(f"retries must be an int >= 0, got {retries!r}")
    if backoff < 0:
        raise ValueError(f"backoff must be >= 0 seconds, got {backoff!r}")
    if per_domain_delay < 0:
        raise ValueError(f"per_domain_delay must be >= 0 seconds, got {per_domain_delay!r}")
    if not isinstance(workers, int) or workers < 1:
        raise ValueError(f"workers must be an int >= 1, got {workers!r}")
    return urls


def fetch_pages(
    urls: list[str],
    *,
    cache_dir: str | Path | None = None,
    timeout: float = 15.0,
    retries: int = 3,
    backoff: float = 0.5,
    per_domain_delay: float = 1.0,
    workers: int = 4,
    user_agent: str = DEFAULT_USER_AGENT,
    progress: bool = True,
    deadline: float = 60.0,
    allow_private: bool = False,
) -> list[FetchResult]:
    """Download ``urls`` and return one FetchResult per URL, in input order.

    Retries (at most ``retries`` more attempts, waiting ``backoff * 2**k`` seconds) on timeouts,
    connection errors, truncated bodies, 429 and 5xx — never on other 4xx. ``timeout`` bounds
    each connect and read; ``deadline`` the whole page, retries and redirects included.
    ``allow_private``: also fetch hosts on private, loopback, link-local or reserved
    addresses (refused by default; see the module docstring). Requests to one domain are spaced by
    ``per_domain_delay`` seconds; ``workers`` downloads run at once. With ``cache_dir``, every
    page fetched is kept on disk (``<sha1 of URL>.html`` + ``.json`` with final_url,
    status and content type) and later calls read it instead of the network; other answers
    are not kept. A non-HTML
    response gives ``error="not HTML: <type>"`` and ``html=None`` (RSS/Atom/XML feeds are
    returned as text in ``html``, for the loader to read their entries). Repeated URLs are fetched once.
    """
    url_list = _check_options(urls, timeout, retries, backoff, per_domain_delay, workers, deadline)
    cache = Path(cache_dir) if cache_dir is not None else None
    if cache is not None:
        if cache.exists() and not cache.is_dir():
            raise ValueError(f"cache_dir={str(cache)!r} is a file, not a folder")
        cache.mkdir(parents=True, exist_ok=True)

    done: dict[str, FetchResult] = {}
    todo: list[str] = []
    for url in dict.fromkeys(url_list):
        hit = _cache_read(cache, url) if cache is not None else None
        if hit is not None:
            done[url] = hit
        else:
            todo.append(url)
    if done:
        log.info("%d of %d URL(s) read from the cache", len(done), len(done) + len(todo))

    throttle = _DomainThrottle(per_domain_delay)
    local = threading.local()  # requests.Session is not thread-safe: one per worker thread
    sessions: list[requests.Session] = []

    def session() -> requests.Session:
        if not hasattr(local, "session"):
            s = requests.Session()
            s.headers.update({"User-Agent": user_agent,
                              "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8",
                              "Accept-Language": "en;q=0.9,*;q=0.5"})
            if not allow_private:
                s.mount("http://", _PublicOnlyAdapter())
                s.mount("https://", _PublicOnlyAdapter())
            local.session = s
            sessions.append(s)
        return local.session

    def work(url: str) -> FetchResult:
        result = _fetch_one(url, session=session(), throttle=throttle, timeout=timeout,
                            retries=retries, backoff=backoff, deadline=deadline,
                            allow_private=allow_private)
        if cache is not None and _cacheable(result):
            _cache_write(cache, result)
        return result

    bar = tqdm(total=len(todo), desc="fetching", unit="page",
               disable=not (progress and len(todo) > 1))
    try:
        with ThreadPoolExecutor(max_workers=min(workers, max(1, len(todo)))) as pool:
            futures = {pool.submit(work, url): url for url in _interleave_domains(todo)}
            for fut in as_completed(futures):
                url = futures[fut]
                try:
                    done[url] = fut.result()
                except Exception as exc:  # a bug in one download must not lose the batch
                    log.exception("unexpected error fetching %s", url)
                    done[url] = FetchResult(url=url, error=f"{exc.__class__.__name__}: {exc}")
                bar.update(1)
    finally:
        bar.close()
        for s in sessions:
            s.close()

    failed = sum(1 for u in todo if done[u].error)
    if todo:
        log.info("fetched %d URL(s): %d failed", len(todo), failed)
    # each position gets its own object so callers may modify results independently
    return [FetchResult(**asdict(done[url])) for url in url_list]
