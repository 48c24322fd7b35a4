"""fetch_pages against a local HTTP server on 127.0.0.1 serving pages written here."""
from __future__ import annotations

import hashlib
import itertools
import json
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from toolkit.io.fetch import FetchResult, _DomainThrottle, fetch_pages

GOOD = "<html><head><title>Good {n}</title></head><body><p>Article {n} body.</p></body></html>"
# the test server is on 127.0.0.1, a loopback address fetch_pages refuses unless allowed
FAST = {"timeout": 2.0, "retries": 2, "backoff": 0.01, "per_domain_delay": 0.0, "progress": False,
        "allow_private": True}


class Server:
    """A tiny site; counts requests per path and remembers the User-Agents it saw."""

    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self.agents: list[str] = []
        self.order: list[tuple[str, str]] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self.trickled = 0
        self.lock = threading.Lock()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # keep test output quiet
                pass

            def do_GET(self) -> None:
                with owner.lock:
                    owner.hits[self.path] += 1
                    n = owner.hits[self.path]
                    owner.agents.append(self.headers.get("User-Agent", ""))
                    owner.order.append((self.headers.get("Host", "").split(":")[0], self.path))
                    owner.in_flight += 1
                    owner.max_in_flight = max(owner.max_in_flight, owner.in_flight)
                try:
                    owner.route(self, n)
                except (BrokenPipeError, ConnectionResetError):  # client gave up (timeout test)
                    pass
                finally:
                    with owner.lock:
                        owner.in_flight -= 1

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"

    @staticmethod
    def send(h: BaseHTTPRequestHandler, status: int, body: bytes, ctype: str,
             headers: dict[str, str] | None = None) -> None:
        h.send_response(status)
        h.send_header("Content-Type", ctype)
        h.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        h.end_headers()
        h.wfile.write(body)

    def route(self, h: BaseHTTPRequestHandler, n: int) -> None:
        path = h.path
        html = "text/html; charset=utf-8"
        if path.startswith("/good"):
            self.send(h, 200, GOOD.format(n=path[5:]).encode(), html)
        elif path == "/missing":
            self.send(h, 404, b"<html>not found</html>", html)
        elif path == "/flaky":  # 500 the first time, then fine
            if n == 1:
                self.send(h, 500, b"oops", "text/plain")
            else:
                self.send(h, 200, GOOD.format(n="flaky").encode(), html)
        elif path == "/busy":  # 429 with Retry-After the first time, then fine
            if n == 1:
                self.send(h, 429, b"slow down", "text/plain", {"Retry-After": "2"})
            else:
                self.send(h, 200, GOOD.format(n="busy").encode(), html)
        elif path == "/broken":
            self.send(h, 503, b"down", "text/plain")
        elif path == "/slow":
            time.sleep(1.2)
            self.send(h, 200, GOOD.format(n="slow").encode(), html)
        elif path == "/held":  # for the concurrency test
            time.sleep(0.3)
            self.send(h, 200, GOOD.format(n="held").encode(), html)
        elif path == "/redirect":
            self.send(h, 302, b"", "text/plain", {"Location": "/good-target"})
        elif path == "/doc.pdf":
            self.send(h, 200, b"%PDF-1.4 fake", "application/pdf")
        elif path == "/huge":  # declares 60 MB; the client must not read it
            h.send_response(200)
            h.send_header("Content-Type", html)
            h.send_header("Content-Length", str(60 * 1024 * 1024))
            h.end_headers()
            h.wfile.write(b"<html>")
        elif path == "/feed.xml":
            body = b'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title></channel></rss>'
            self.send(h, 200, body, "application/rss+xml; charset=utf-8")
        elif path == "/later":  # a PDF the first time, the real page afterwards
            if n == 1:
                self.send(h, 200, b"%PDF-1.4 fake", "application/pdf")
            else:
                self.send(h, 200, GOOD.format(n="later").encode(), html)
        elif path == "/later-huge":  # declares 60 MB the first time, the real page afterwards
            if n == 1:
                h.send_response(200)
                h.send_header("Content-Type", html)
                h.send_header("Content-Length", str(60 * 1024 * 1024))
                h.end_headers()
            else:
                self.send(h, 200, GOOD.format(n="later").encode(), html)
        elif path == "/trickle":  # one byte every 0.5 s, 40 bytes (20 s) at most
            h.send_response(200)
            h.send_header("Content-Type", html)
            h.send_header("Content-Length", "40")
            h.end_headers()
            for _ in range(40):
                h.wfile.write(b"x")
                h.wfile.flush()
                self.trickled += 1
                time.sleep(0.5)
        elif path == "/truncated":  # the first answer stops short of its Content-Length
            body = GOOD.format(n="whole").encode()
            if n == 1:
                h.send_response(200)
                h.send_header("Content-Type", html)
                h.send_header("Content-Length", str(len(body) + 500))
                h.end_headers()
                h.wfile.write(body[:20])
                h.close_connection = True
            else:
                self.send(h, 200, body, html)
        elif path == "/gzip":  # a compressed page, as most sites send
            import gzip

            self.send(h, 200, gzip.compress(GOOD.format(n="zipped").encode() * 200), html,
                      {"Content-Encoding": "gzip"})
        elif path == "/stall":  # headers and a few bytes, then nothing for 1.5 s
            h.send_response(200)
            h.send_header("Content-Type", html)
            h.send_header("Content-Length", "100")
            h.end_headers()
            h.wfile.write(b"<html>")
            h.wfile.flush()
            time.sleep(1.5)
        elif path == "/to-private":  # a public page redirecting into the private network
            self.send(h, 302, b"", "text/plain", {"Location": "http://10.0.0.7/admin"})
        elif path == "/latin":  # declared charset is not UTF-8
            body = "<html><body><p>Caf\u00e9 cr\u00e8me</p></body></html>".encode("cp1252")
            self.send(h, 200, body, "text/html; charset=windows-1252")
        else:
            self.send(h, 404, b"", "text/plain")


@pytest.fixture
def server() -> Iterator[Server]:
    s = Server()
    s.thread.start()
    yield s
    s.httpd.shutdown()
    s.httpd.server_close()


def test_batch_results_in_input_order_with_each_outcome(server: Server) -> None:
    urls = [server.url("/good1"), server.url("/missing"), server.url("/redirect"),
            server.url("/doc.pdf"), "ftp://example.org/file", "not a url", server.url("/good2"),
            server.url("/feed.xml")]
    results = fetch_pages(urls, workers=3, **FAST)

    assert [r.url for r in results] == urls
    good1, missing, redirect, pdf, ftp, junk, good2, feed = results
    assert good1.status == 200 and good1.error is None and "Article 1 body." in (good1.html or "")
    assert good1.content_type == "text/html" and good1.final_url == urls[0] and not good1.from_cache
    assert good2.html is not None and "Article 2 body." in good2.html
    assert missing.status == 404 and missing.html is None and missing.error == "HTTP 404"
    assert redirect.status == 200 and redirect.final_url == server.url("/good-target")
    assert "Article -target body." in (redirect.html or "")
    assert pdf.html is None and pdf.error == "not HTML: application/pdf" and pdf.status == 200
    assert feed.error is None and feed.content_type == "application/rss+xml"
    assert feed.html is not None and "<rss" in feed.html  # feeds are text the loader reads
    for bad in (ftp, junk):
        assert bad.status is None and bad.html is None and bad.error and "invalid URL" in bad.error


def test_500_then_200_is_retried(server: Server) -> None:
    [r] = fetch_pages([server.url("/flaky")], **FAST)
    assert r.status == 200 and r.error is None and "Article flaky body." in (r.html or "")
    assert server.hits["/flaky"] == 2


def test_retry_after_is_honoured(server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    from toolkit.io import fetch

    pauses: list[float] = []
    monkeypatch.setattr(fetch.time, "sleep", pauses.append)  # record instead of waiting
    [r] = fetch_pages([server.url("/busy")], **FAST)
    assert r.status == 200 and "Article busy body." in (r.html or "")
    assert server.hits["/busy"] == 2
    assert pauses == [2.0]  # the server's 2 s, not the 0.01 s backoff
    assert fetch._retry_after("600") == fetch.MAX_RETRY_AFTER and fetch._retry_after("soon") is None


def test_4xx_is_not_retried_but_5xx_is_bounded(server: Server) -> None:
    missing, broken = fetch_pages([server.url("/missing"), server.url("/broken")], **FAST)
    assert server.hits["/missing"] == 1
    assert server.hits["/broken"] == 3  # first try + retries=2
    assert broken.status == 503 and broken.error == "HTTP 503" and broken.html is None
    assert missing.error == "HTTP 404"


def test_slow_page_times_out_without_raising(server: Server) -> None:
    opts = {**FAST, "timeout": 0.3, "retries": 1}
    slow, good = fetch_pages([server.url("/slow"), server.url("/good3")], **opts)
    assert slow.html is None and slow.status is None
    assert slow.error is not None and "timeout" in slow.error
    assert server.hits["/slow"] == 2  # timeouts are retried, a bounded number of times
    assert good.html is not None  # the rest of the batch is unaffected


def test_cache_second_run_makes_no_requests(server: Server, tmp_path) -> None:  # type: ignore[no-untyped-def]
    urls = [server.url(p) for p in ("/good1", "/redirect", "/doc.pdf", "/missing")]
    first = fetch_pages(urls, cache_dir=tmp_path, **FAST)
    before = sum(server.hits.values())
    assert before == 5  # good1, redirect + its target, pdf, missing

    second = fetch_pages(urls, cache_dir=tmp_path, **FAST)
    # only the PDF and the 404 (not cached: only pages are, errors are tried again next run)
    # reach the server
    assert sum(server.hits.values()) - before == 2 and server.hits["/missing"] == 2
    assert server.hits["/doc.pdf"] == 2
    for a, b in zip(first[:2], second[:2]):
        assert b.from_cache and not a.from_cache
        assert (b.html, b.status, b.final_url, b.content_type, b.error) == (
            a.html, a.status, a.final_url, a.content_type, a.error)
    assert second[1].final_url == server.url("/good-target")
    assert second[2].error == "not HTML: application/pdf" and not second[2].from_cache
    assert not second[3].from_cache

    key = hashlib.sha1(urls[0].encode()).hexdigest()
    meta = json.loads((tmp_path / f"{key}.json").read_text())
    assert meta["url"] == urls[0] and meta["status"] == 200
    assert (tmp_path / f"{key}.html").read_text() == first[0].html
    assert not list(tmp_path.glob("*.tmp"))  # atomic writes leave no temp files behind


def test_real_user_agent_and_decoding(server: Server) -> None:
    [r] = fetch_pages([server.url("/latin")], **FAST)
    assert r.html is not None and "Caf\u00e9 cr\u00e8me" in r.html
    assert server.agents and server.agents[0].startswith("Mozilla/5.0")
    fetch_pages([server.url("/good1")], user_agent="TestBot/1.0", **FAST)
    assert server.agents[-1] == "TestBot/1.0"


def test_repeated_urls_fetched_once_and_results_independent(server: Server) -> None:
    u = server.url("/good7")
    a, b = fetch_pages([u, u], **FAST)
    assert server.hits["/good7"] == 1
    assert a.html == b.html and a is not b


def test_pool_downloads_concurrently(server: Server) -> None:
    urls = [server.url(f"/held?{i}") for i in range(4)]
    server_paths = [f"/held?{i}" for i in range(4)]
    # query strings make distinct URLs; route on the path only
    orig = server.route

    def route(h: BaseHTTPRequestHandler, n: int) -> None:
        h.path = h.path.split("?")[0]
        orig(h, n)

    server.route = route  # type: ignore[method-assign]
    results = fetch_pages(urls, workers=4, **FAST)
    assert all(r.html is not None for r in results)
    assert sorted(server.hits) == sorted(server_paths)
    assert server.max_in_flight > 1


def test_domain_throttle_spaces_requests_to_one_domain() -> None:
    throttle = _DomainThrottle(0.15)
    times: dict[str, list[float]] = {"a": [], "b": []}
    lock = threading.Lock()

    def hit(domain: str) -> None:
        throttle.wait(domain)
        with lock:
            times[domain].append(time.monotonic())

    threads = [threading.Thread(target=hit, args=(d,)) for d in ("a", "a", "a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    a = sorted(times["a"])
    assert len(a) == 3 and len(times["b"]) == 1
    # a lower bound only: sleeping never returns early
    assert all(later - earlier >= 0.14 for earlier, later in itertools.pairwise(a))


def test_domains_are_interleaved(server: Server) -> None:
    port = server.httpd.server_address[1]
    other = f"http://localhost:{port}/good9"  # same server, another domain name
    urls = [server.url("/good1"), server.url("/good2"), server.url("/good3"), other]
    results = fetch_pages(urls, workers=1, **{**FAST, "per_domain_delay": 0.05})
    assert [r.url for r in results] == urls and all(r.html for r in results)
    # one worker: the localhost page is not queued behind the three 127.0.0.1 pages
    assert server.order[1] == ("localhost", "/good9")


def test_progress_bar_only_when_asked(server: Server, capsys: pytest.CaptureFixture[str]) -> None:
    urls = [server.url("/good1"), server.url("/good2")]
    fetch_pages(urls, **{**FAST, "progress": True})
    assert "fetching" in capsys.readouterr().err
    fetch_pages(urls, **FAST)
    assert "fetching" not in capsys.readouterr().err


def test_caller_mistakes_raise() -> None:
    with pytest.raises(TypeError, match="urls must be a list"):
        fetch_pages("http://example.org/")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="only str"):
        fetch_pages([1])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="workers"):
        fetch_pages([], workers=0)
    with pytest.raises(ValueError, match="timeout"):
        fetch_pages([], timeout=0)
    assert fetch_pages([]) == []


def test_huge_page_is_refused(server: Server) -> None:
    [r] = fetch_pages([server.url("/huge")], **FAST)
    assert r.html is None and r.error is not None and r.error.startswith("too large: 60 MB")
    assert server.hits["/huge"] == 1  # not retried


def test_fetch_result_ok() -> None:
    assert FetchResult(url="u", html="<p>x</p>").ok
    assert not FetchResult(url="u", error="HTTP 404").ok


# -- answers that must not stick, pages that must not hold a batch ---------------------------

@pytest.mark.parametrize("path", ["/later", "/later-huge"])
def test_pdf_or_oversized_answer_is_not_cached_so_the_real_page_is_fetched_later(
        server: Server, tmp_path, path: str) -> None:  # type: ignore[no-untyped-def]
    [first] = fetch_pages([server.url(path)], cache_dir=tmp_path, **FAST)
    assert first.html is None and first.error
    [second] = fetch_pages([server.url(path)], cache_dir=tmp_path, **FAST)
    assert second.error is None and "Article later body." in (second.html or "")
    assert server.hits[path] == 2
    [third] = fetch_pages([server.url(path)], cache_dir=tmp_path, **FAST)
    assert third.from_cache and server.hits[path] == 2  # the page, once there, is kept


def test_server_trickling_one_byte_every_half_second_hits_the_page_deadline(server: Server) -> None:
    started = time.monotonic()
    [r] = fetch_pages([server.url("/trickle")], **{**FAST, "retries": 0, "deadline": 1.5})
    elapsed = time.monotonic() - started
    assert r.html is None and r.error is not None and "deadline" in r.error
    # the 2 s read timeout never fires (a byte comes every 0.5 s); the 20 s trickle is cut off
    assert elapsed < 10 and server.trickled < 30


def test_gzip_page_is_decompressed(server: Server) -> None:
    [r] = fetch_pages([server.url("/gzip")], **FAST)
    assert r.error is None and r.html == GOOD.format(n="zipped") * 200


def test_body_stalling_past_the_read_timeout_is_a_retried_timeout(server: Server) -> None:
    [r] = fetch_pages([server.url("/stall")], **{**FAST, "timeout": 0.5, "retries": 1})
    assert r.html is None and r.error == "timeout after 0.5s"
    assert server.hits["/stall"] == 2


def test_truncated_body_is_retried(server: Server) -> None:
    [r] = fetch_pages([server.url("/truncated")], **FAST)
    assert r.error is None and "Article whole body." in (r.html or "")
    assert server.hits["/truncated"] == 2


# -- addresses a fetched list or page must not make the toolkit reach -------------------------

@pytest.fixture
def connections(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every address a socket connects to; only 127.0.0.1 is really connected."""
    import socket

    seen: list[object] = []
    real = socket.socket.connect

    def connect(self: socket.socket, address: object) -> None:
        seen.append(address)
        if isinstance(address, tuple) and address[0] == "127.0.0.1":
            return real(self, address)
        raise OSError("test: no connection outside 127.0.0.1")

    monkeypatch.setattr(socket.socket, "connect", connect)
    return seen


@pytest.mark.parametrize("url", ["http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/",
                                 "http://192.168.1.1/", "http://[::1]/", "http://0.0.0.0/",
                                 "http://[::ffff:10.0.0.1]/", "http://100.64.0.1/", "http://240.0.0.1/"])
def test_private_link_local_loopback_or_reserved_address_is_refused_without_connecting(
        url: str, connections: list[object]) -> None:
    opts = {k: v for k, v in FAST.items() if k != "allow_private"}
    [r] = fetch_pages([url], **opts)
    assert r.html is None and r.error is not None and r.error.startswith("refused:")
    assert "allow_private" in r.error
    assert connections == []


def test_host_name_resolving_to_a_private_address_is_refused_without_connecting(
        monkeypatch: pytest.MonkeyPatch, connections: list[object]) -> None:
    import socket

    asked: list[str] = []

    def getaddrinfo(host: str, port: object, *args: object, **kwargs: object) -> list[tuple]:  # type: ignore[type-arg]
        asked.append(host)
        # one public and one private address: one private is enough to refuse
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", 80)),
                (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.7", 80))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    opts = {k: v for k, v in FAST.items() if k != "allow_private"}
    [r] = fetch_pages(["http://intranet.example.org/page"], **opts)
    assert asked == ["intranet.example.org"]
    assert r.error is not None and "10.0.0.7" in r.error and r.error.startswith("refused:")
    assert connections == []


def test_redirect_from_a_public_page_to_a_private_address_is_refused(
        server: Server, monkeypatch: pytest.MonkeyPatch, connections: list[object]) -> None:
    from toolkit.io import fetch

    real = fetch._non_public

    def non_public(address: str) -> str | None:  # the test server stands in for a public site
        return None if address == "127.0.0.1" else real(address)

    monkeypatch.setattr(fetch, "_non_public", non_public)
    opts = {k: v for k, v in FAST.items() if k != "allow_private"}
    good, bad = fetch_pages([server.url("/redirect"), server.url("/to-private")], **opts)
    assert good.error is None and good.final_url == server.url("/good-target")
    assert bad.html is None and bad.error is not None and "10.0.0.7" in bad.error
    assert bad.error.startswith("refused:") and server.hits["/to-private"] == 1  # not retried
    assert all(addr[0] == "127.0.0.1" for addr in connections)  # type: ignore[index]


def test_loopback_server_is_fetched_only_with_allow_private(server: Server, connections: list[object]) -> None:
    opts = {k: v for k, v in FAST.items() if k != "allow_private"}
    [refused] = fetch_pages([server.url("/good1")], **opts)
    assert refused.error is not None and "loopback" in refused.error and not server.hits
    [allowed] = fetch_pages([server.url("/good1")], **opts, allow_private=True)
    assert allowed.error is None and server.hits["/good1"] == 1


def test_dns_rebinding_to_a_private_address_after_the_check_is_refused_before_any_request(
        server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    port = server.httpd.server_address[1]
    answers = iter([("93.184.216.34", port)])  # the check sees a public address...

    def getaddrinfo(host: str, p: object, *args: object, **kwargs: object) -> list[tuple]:  # type: ignore[type-arg]
        address = next(answers, ("127.0.0.1", port))  # ...the connection then gets the test server
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", address)]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    opts = {k: v for k, v in FAST.items() if k != "allow_private"}
    [r] = fetch_pages([f"http://rebinding.example:{port}/good1"], **opts)
    assert r.html is None and r.error is not None and r.error.startswith("refused:")
    assert "127.0.0.1" in r.error and "loopback" in r.error
    assert not server.hits  # connected, but not a byte of a request was sent
