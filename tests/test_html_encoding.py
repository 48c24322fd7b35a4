"""Decoding web pages whose charset header is wrong or whose bytes are not clean (issue 15,
item 10): saved files and pages fetched from a local server on 127.0.0.1."""
from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from toolkit.io import load_articles_with_report
from toolkit.io.fetch import fetch_pages

TITLE = "Überraschung in Zürich: Gespräche über Energiepreise"
BODY = ("Die Ministerin sagte am Dienstag, dass die Gespräche über Energiepreise und Grenzübergänge "
        "im nächsten Monat weitergehen würden. Beide Seiten trafen sich in Zürich, um die Tagesordnung "
        "vorzubereiten; Fragen zu Gebühren, Zöllen und Straßen stehen darauf.")
FAST = {"timeout": 5.0, "retries": 0, "backoff": 0.01, "per_domain_delay": 0.0, "progress": False,
        "allow_private": True}  # the test server is on 127.0.0.1


def _page(charset: str, body: str = BODY) -> str:
    paras = "".join(f"<p>{body} Absatz {k}.</p>" for k in range(4))
    return (f'<!DOCTYPE html><html lang="de"><head><meta charset="{charset}"><title>{TITLE}</title></head>'
            f"<body><article><h1>{TITLE}</h1>{paras}</article></body></html>")


def _stray_byte(page: str) -> bytes:
    """The page's UTF-8 bytes with one byte that is not UTF-8 (a cp1252 '’' pasted in) in the
    first paragraph."""
    data = page.encode("utf-8")
    at = data.index(b"Ministerin")
    return data[:at] + b"\x92" + data[at:]


def test_utf8_page_with_one_stray_byte(tmp_path: Path) -> None:
    (tmp_path / "stray.html").write_bytes(_stray_byte(_page("utf-8")))
    df, rep = load_articles_with_report(tmp_path, workers=1)
    row = df.iloc[0]
    assert row["title"] == TITLE
    assert "Grenzübergänge" in row["text"] and "Ã" not in row["text"]
    assert any("1 byte(s) not valid UTF-8" in why for _, why in rep.degraded)


def test_utf8_page_with_one_stray_byte_and_a_latin1_meta_charset(tmp_path: Path) -> None:
    (tmp_path / "stray.html").write_bytes(_stray_byte(_page("iso-8859-1")))
    row = load_articles_with_report(tmp_path, workers=1)[0].iloc[0]
    assert row["title"] == TITLE and "Straßen" in row["text"] and "Ã" not in row["text"]


def test_latin1_page_declared_latin1_still_decodes_as_latin1(tmp_path: Path) -> None:
    (tmp_path / "latin.html").write_bytes(_page("iso-8859-1").encode("latin-1"))
    df, rep = load_articles_with_report(tmp_path, workers=1)
    assert df.iloc[0]["title"] == TITLE and "Grenzübergänge" in df.iloc[0]["text"]
    assert rep.degraded == [(str(tmp_path / "latin.html"), "not valid UTF-8; decoded as iso-8859-1")]


def test_undeclared_cyrillic_page_is_detected() -> None:
    from toolkit.io.encoding import decode_page

    text = "Президент заявил во вторник, что переговоры возобновятся в следующем месяце. " * 20
    html, note = decode_page(f"<html><body><p>{text}</p></body></html>".encode("cp1251"))
    assert "Президент заявил" in html and note is not None and "detected" in note


class _Server:
    def __init__(self, body: bytes, content_type: str) -> None:
        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/article"


@pytest.fixture
def latin1_header_server() -> Iterator[_Server]:
    server = _Server(_page("utf-8").encode("utf-8"), "text/html; charset=ISO-8859-1")
    yield server
    server.httpd.shutdown()


def test_latin1_charset_header_on_a_utf8_page(latin1_header_server: _Server) -> None:
    [res] = fetch_pages([latin1_header_server.url], **FAST)
    assert res.html is not None
    assert TITLE in res.html and "Ã" not in res.html


def test_page_with_a_few_nul_bytes_is_read(tmp_path: Path) -> None:
    data = _page("utf-8").encode("utf-8").replace(b"<article>", b"<img src='a.gif'>" + b"\x00" * 11 + b"<article>")
    (tmp_path / "nul.html").write_bytes(data)
    df, rep = load_articles_with_report(tmp_path, workers=1)
    assert df.iloc[0]["title"] == TITLE and not rep.skipped
    assert any("11 NUL byte(s) removed" in why for _, why in rep.degraded)


def test_binary_file_named_html_is_still_refused(tmp_path: Path) -> None:
    (tmp_path / "img.html").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00\x01\x02\x03" * 5000)
    df, rep = load_articles_with_report(tmp_path, workers=1)
    assert len(df) == 0 and "binary" in rep.skipped[0][1]
