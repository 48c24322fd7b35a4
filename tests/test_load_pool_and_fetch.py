"""load_articles with many HTML pages (the process pool) and with URLs served on 127.0.0.1."""
from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from toolkit.io import load_articles, load_articles_with_report

BODY = ("Officials said on Thursday that the new bridge across the river would open next spring, "
        "two years later than planned, because of higher costs and a shortage of steel. ")


def _page(i: int, *, dated: bool = True) -> str:
    meta = f'<meta property="article:published_time" content="2023-04-{i % 28 + 1:02d}T10:00:00Z">' if dated else ""
    paras = "".join(f"<p>{BODY}Detail {k} of story {i}.</p>" for k in range(3))
    return (f"<html><head><title>Bridge story number {i} opens late | Paper</title>{meta}"
            f'<link rel="canonical" href="https://paper.example.com/story/{i}"></head>'
            f"<body><nav><a href='/'>Home</a></nav><article><h1>Bridge story number {i} opens late</h1>"
            f"{paras}</article><footer>© Paper</footer></body></html>")


def test_many_pages_use_the_pool_and_keep_order(tmp_path: Path) -> None:
    n = 40  # above POOL_MIN_PAGES
    for i in range(n):
        (tmp_path / f"p{i:03d}.html").write_text(_page(i), encoding="utf-8")
    (tmp_path / "p999.html").write_text("<html><body><p>Nothing here.</p></body></html>", encoding="utf-8")
    df, rep = load_articles_with_report(tmp_path, workers=2)
    assert len(df) == n
    assert list(df["url"]) == [f"https://paper.example.com/story/{i}" for i in range(n)]
    assert df["published"].notna().all()
    assert rep.skipped == [(str(tmp_path / "p999.html"), rep.skipped[0][1])]
    assert "no article body" in rep.skipped[0][1]
    serial = load_articles(tmp_path, workers=1)
    pd.testing.assert_frame_equal(df, serial)


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path.startswith("/story/"):
            body, ctype, status = _page(int(self.path.rsplit("/", 1)[1]), dated=False).encode(), "text/html", 200
        elif self.path == "/feed.rss":
            items = "".join(f"<item><title>Story {i}</title><link>http://127.0.0.1:{self.server.server_port}"
                            f"/story/{i}</link><pubDate>Mon, 0{i} May 2023 10:00:00 GMT</pubDate></item>"
                            for i in (1, 2))
            body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>{items}</channel></rss>'.encode()
            ctype, status = "application/rss+xml", 200
        elif self.path == "/doc.pdf":
            body, ctype, status = b"%PDF-1.4 not html", "application/pdf", 200
        else:
            body, ctype, status = b"not found", "text/plain", 404
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


def test_urls_feed_and_failures_through_fetch(server: str, tmp_path: Path) -> None:
    pytest.importorskip("toolkit.io.fetch")
    # the server is on 127.0.0.1, which the fetcher refuses unless allowed
    opts = {"retries": 0, "timeout": 5, "per_domain_delay": 0, "progress": False, "allow_private": True}
    lst = tmp_path / "urls.txt"
    lst.write_text(f"{server}/story/7\n{server}/missing\n{server}/doc.pdf\n", encoding="utf-8")
    df, rep = load_articles_with_report([lst, f"{server}/feed.rss"], cache_dir=tmp_path / "cache", fetch_options=opts)
    assert sorted(df["title"]) == [f"Bridge story number {i} opens late" for i in (1, 2, 7)]
    by_title = df.set_index("title")
    # the pages carry no date: the feed's date is kept for feed entries
    assert by_title.loc["Bridge story number 1 opens late", "published"] == pd.Timestamp("2023-05-01 10:00", tz="UTC")
    skipped = dict(rep.skipped)
    assert f"{server}/missing" in skipped and f"{server}/doc.pdf" in skipped
    # a second run reads the cache and gives the same table
    again = load_articles([lst, f"{server}/feed.rss"], cache_dir=tmp_path / "cache", fetch_options=opts)
    assert list(again["article_id"]) == list(df["article_id"])
