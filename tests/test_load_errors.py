"""Bad input: a caller's mistake raises naming the file; a bad item in a batch is skipped and reported."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from toolkit.io import LoadError, SourceNotFoundError, load_articles, load_articles_with_report

GOOD = "Good title\n\nA good body of text that loads without trouble."


def _good(folder: Path) -> Path:
    p = folder / "good.txt"
    p.write_text(GOOD, encoding="utf-8")
    return p


def _skipped(rep, path: Path) -> str:
    reasons = [why for inp, why in rep.skipped if inp == str(path)]
    assert reasons, rep.skipped
    return reasons[0]


def test_missing_path_raises(tmp_path: Path) -> None:
    missing = tmp_path / "nope.md"
    with pytest.raises(SourceNotFoundError, match="nope.md") as info:
        load_articles(missing)
    assert isinstance(info.value, FileNotFoundError) and isinstance(info.value, ValueError)
    assert "no such file" in str(info.value)
    with pytest.raises(SourceNotFoundError, match="matches no file"):
        load_articles(str(tmp_path / "*.html"))


def test_missing_path_in_a_list_is_skipped(tmp_path: Path) -> None:
    good = _good(tmp_path)
    df, rep = load_articles_with_report([good, tmp_path / "nope.md"])
    assert len(df) == 1
    assert rep.skipped == [(str(tmp_path / "nope.md"), "no such file or directory")]


@pytest.mark.parametrize("bad", [42, None, 3.5, {"a": 1}, b"bytes"])
def test_wrong_type_raises(bad: object) -> None:
    with pytest.raises(TypeError, match="source"):
        load_articles(bad)


def test_wrong_type_inside_list_and_bad_options(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="42"):
        load_articles([_good(tmp_path), 42])
    with pytest.raises(ValueError, match="on_error"):
        load_articles(tmp_path, on_error="ignore")
    with pytest.raises(ValueError, match="max_file_mb"):
        load_articles(tmp_path, max_file_mb=0)
    with pytest.raises(ValueError, match="workers"):
        load_articles(tmp_path, workers=0)


def test_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    with pytest.raises(LoadError, match=r"empty\.md.*empty"):
        load_articles(empty)
    blank = tmp_path / "blank.txt"
    blank.write_text("  \n\n ", encoding="utf-8")
    _good(tmp_path)
    df, rep = load_articles_with_report(tmp_path)
    assert list(df["title"]) == ["Good title"]
    assert "empty" in _skipped(rep, empty) and "whitespace" in _skipped(rep, blank)


def test_binary_file(tmp_path: Path) -> None:
    binary = tmp_path / "image.html"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(LoadError, match=r"image\.html.*binary"):
        load_articles(binary)
    _good(tmp_path)
    df, rep = load_articles_with_report(tmp_path)
    assert len(df) == 1 and "binary" in _skipped(rep, binary)


def test_huge_file(tmp_path: Path) -> None:
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as f:  # sparse: 51 MB on paper, nothing written
        f.truncate(51 * 1024 * 1024)
    with pytest.raises(LoadError, match=r"huge\.csv.*51\.0 MB, over the 50 MB limit"):
        load_articles(huge)
    _good(tmp_path)
    df, rep = load_articles_with_report(tmp_path)
    assert len(df) == 1 and "over the 50 MB limit" in _skipped(rep, huge)
    # the limit is an option
    small = tmp_path / "small.txt"
    small.write_text("Title\n\n" + "word " * 400, encoding="utf-8")
    with pytest.raises(LoadError, match="limit"):
        load_articles(small, max_file_mb=0.001)


def test_non_utf8_cp1252_is_decoded_and_noted(tmp_path: Path) -> None:
    p = tmp_path / "cp.txt"
    p.write_bytes("Caf\u00e9 news\n\nHe said \u201cno\u201d \u2014 twice.".encode("cp1252"))
    df, rep = load_articles_with_report(p)
    assert df["title"].iloc[0] == "Caf\u00e9 news"
    assert "\u201cno\u201d \u2014 twice" in df["text"].iloc[0]
    assert rep.degraded == [(str(p), "not valid UTF-8; decoded as cp1252")]


def test_bytes_that_are_neither_utf8_nor_cp1252(tmp_path: Path) -> None:
    p = tmp_path / "junk.md"
    p.write_bytes(b"# Title\n\nText \x81\x8d\x8f\x90\x9d more text")  # undefined in cp1252, invalid UTF-8
    with pytest.raises(LoadError, match=r"junk\.md.*not valid UTF-8"):
        load_articles(p)
    _good(tmp_path)
    df, rep = load_articles_with_report(tmp_path)
    assert len(df) == 1 and "UTF-8" in _skipped(rep, p)


def test_utf8_bom_and_utf16(tmp_path: Path) -> None:
    (tmp_path / "bom.txt").write_bytes("\ufeffBom title\n\nBody with a BOM.".encode())
    (tmp_path / "u16.txt").write_text("Sixteen\n\nBody in UTF-16.", encoding="utf-16")
    df = load_articles(tmp_path)
    assert sorted(df["title"]) == ["Bom title", "Sixteen"]


def test_html_without_article_body(tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    page.write_text("<html><head></head><body><nav><a href='/a'>A</a> <a href='/b'>B</a>"
                    "</nav><p>Subscribe.</p></body></html>", encoding="utf-8")
    with pytest.raises(LoadError, match=r"index\.html.*no article body"):
        load_articles(page)
    _good(tmp_path)
    df, rep = load_articles_with_report(tmp_path)
    assert len(df) == 1 and "no article body" in _skipped(rep, page)
    # with a title the page is kept, degraded (see tests/test_html_pages.py)
    page.write_text("<html><head><title>Home</title></head><body><p>Subscribe.</p></body></html>", encoding="utf-8")
    df, rep = load_articles_with_report(page)
    assert list(df["title"]) == ["Home"] and "little article body" in rep.degraded[0][1]


def test_csv_without_text_column(tmp_path: Path) -> None:
    p = tmp_path / "meta.csv"
    pd.DataFrame({"link": ["https://x.example.com/a"], "headline": ["H"], "summary": ["S"]}).to_csv(p, index=False)
    with pytest.raises(LoadError, match=r"meta\.csv.*no text column.*summary"):
        load_articles(p)
    _good(tmp_path)
    df, rep = load_articles_with_report(tmp_path)
    assert len(df) == 1 and "no text column" in _skipped(rep, p)


def test_unparseable_and_future_dates_keep_the_article(tmp_path: Path) -> None:
    p = tmp_path / "dates.csv"
    pd.DataFrame({"title": ["ok", "garbled", "future"],
                  "date": ["2022-01-05", "the day before yesterday-ish", "2999-01-01"],
                  "text": ["Text one.", "Text two.", "Text three."]}).to_csv(p, index=False)
    df, rep = load_articles_with_report(p)
    assert list(df["title"]) == ["ok", "garbled", "future"]
    assert df["published"].iloc[0] == pd.Timestamp("2022-01-05", tz="UTC")
    assert df["published"].iloc[1:].isna().all()
    reasons = dict(rep.degraded)
    assert "unparseable date" in reasons[f"{p} row 2"]
    assert "2999-01-01 is in the future" in reasons[f"{p} row 3"]
    assert rep.skipped == []


def test_future_date_in_markdown(tmp_path: Path) -> None:
    p = tmp_path / "f.md"
    p.write_text("# Title\n\nJanuary 01, 2999\n\nBody text here.\n", encoding="utf-8")
    df, rep = load_articles_with_report(p)
    assert pd.isna(df["published"].iloc[0]) and "future" in rep.degraded[0][1]


def test_rows_without_text_and_bad_json_lines(tmp_path: Path) -> None:
    p = tmp_path / "rows.jsonl"
    p.write_text("\n".join([json.dumps({"title": "a", "text": "Body a."}), "{not json",
                            json.dumps({"title": "b", "text": ""}), json.dumps([1, 2]),
                            json.dumps({"title": "c", "text": "Body c."})]), encoding="utf-8")
    df, rep = load_articles_with_report(p)
    assert list(df["title"]) == ["a", "c"]
    reasons = dict(rep.skipped)
    assert "invalid JSON" in reasons[f"{p}:2"]
    assert "not an object" in reasons[f"{p}:4"]
    assert reasons[f"{p} row 2"] == "no article text"


def test_unsupported_file_type(tmp_path: Path) -> None:
    doc = tmp_path / "report.docx"
    doc.write_bytes(b"PK\x03\x04 not really a docx")
    with pytest.raises(LoadError, match=r"report\.docx.*unsupported file type"):
        load_articles(doc)
    _good(tmp_path)
    df, rep = load_articles_with_report(tmp_path)
    assert len(df) == 1 and "unsupported" in _skipped(rep, doc)


def test_invalid_json_and_parquet(tmp_path: Path) -> None:
    bad_json = tmp_path / "b.json"
    bad_json.write_text('{"articles": [', encoding="utf-8")
    with pytest.raises(LoadError, match="invalid JSON"):
        load_articles(bad_json)
    bad_pq = tmp_path / "b.parquet"
    bad_pq.write_bytes(b"this is not parquet")
    with pytest.raises(LoadError, match="Parquet|parquet"):
        load_articles(bad_pq)


def test_on_error_options(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    df, rep = load_articles_with_report(empty, on_error="skip")
    assert df.empty and rep.skipped == [(str(empty), "file is empty")]
    _good(tmp_path)
    with pytest.raises(LoadError, match="empty"):
        load_articles(tmp_path, on_error="raise")


def test_urls_without_fetching(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="fetch=False"):
        load_articles("https://example.org/a", fetch=False)
    lst = tmp_path / "l.urls"
    lst.write_text("https://example.org/a\nnot a url\n", encoding="utf-8")
    df, rep = load_articles_with_report(lst, fetch=False)
    assert df.empty
    assert ("https://example.org/a", "not fetched (fetch=False)") in rep.skipped
    assert any("not a url" in inp for inp, _ in rep.skipped)


def test_one_bad_file_never_loses_the_rest(tmp_path: Path) -> None:
    for i in range(5):
        (tmp_path / f"ok{i}.txt").write_text(f"Title {i}\n\nBody number {i}.", encoding="utf-8")
    (tmp_path / "zero.md").write_bytes(b"")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02")
    df, rep = load_articles_with_report(tmp_path)
    assert len(df) == 5 and rep.loaded == 5 and len(rep.skipped) == 2
    text = rep.summary()
    assert "loaded 5" in text and "zero.md" in text and "bin.txt" in text


def test_html_in_its_declared_charset(tmp_path: Path) -> None:
    body = "Президент заявил во вторник, что переговоры возобновятся в следующем месяце после долгой паузы. "
    page = (f'<html lang="ru"><head><meta charset="windows-1251"><title>Переговоры возобновятся в следующем месяце</title>'
            f'</head><body><article><h1>Переговоры возобновятся в следующем месяце</h1>'
            f'{"".join(f"<p>{body}{k}.</p>" for k in range(4))}</article></body></html>')
    p = tmp_path / "ru.html"
    p.write_bytes(page.encode("cp1251"))
    df, rep = load_articles_with_report(p)
    assert df["language"].iloc[0] == "ru"
    assert "Президент заявил" in df["text"].iloc[0]
    assert rep.degraded == [(str(p), "not valid UTF-8; decoded as windows-1251")]


def test_unknown_extension_sniffed(tmp_path: Path) -> None:
    body = "".join(f"<p>The council voted on Monday to extend the programme for another year, item {k}.</p>"
                   for k in range(5))
    (tmp_path / "story.php").write_text(f"<!DOCTYPE html><html><head><title>Council extends the programme"
                                        f"</title></head><body><article>{body}</article></body></html>",
                                        encoding="utf-8")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    df, rep = load_articles_with_report(tmp_path)
    assert list(df["title"]) == ["Council extends the programme"]
    assert "unsupported file type '.jpg'" in _skipped(rep, tmp_path / "photo.jpg")


@pytest.mark.parametrize("cell", ["0000-01-01", "0001-01-01", "-5"])
@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_year_zero_or_one_date_in_a_cell_keeps_the_batch(tmp_path: Path, cell: str, fmt: str) -> None:
    bad = tmp_path / f"bad.{fmt}"
    rows = [{"text": "An article with an impossible date.", "date": cell},
            {"text": "An article with a real date.", "date": "2022-03-14"}]
    if fmt == "csv":
        pd.DataFrame(rows).to_csv(bad, index=False)
    else:
        bad.write_text(json.dumps(rows), encoding="utf-8")
    _good(tmp_path)
    df, rep = load_articles_with_report(tmp_path)
    assert len(df) == 3  # the good file and both rows of the bad one
    by_text = df.set_index("text")["published"]
    assert pd.isna(by_text["An article with an impossible date."])
    assert by_text["An article with a real date."] == pd.Timestamp("2022-03-14", tz="UTC")
    assert any(where.startswith(str(bad)) and "implausible date" in why for where, why in rep.degraded)


@pytest.mark.parametrize("line", ["January 01, 0000", "May 08, 0024"])
def test_markdown_date_line_with_a_zero_padded_year_is_not_read_as_2000s(tmp_path: Path, line: str) -> None:
    md = tmp_path / "a.md"
    md.write_text(f"# Title\n\n{line}\n\nThe body of the article.\n", encoding="utf-8")
    df, rep = load_articles_with_report(md)
    assert pd.isna(df.loc[0, "published"])
    assert rep.degraded and "implausible date" in rep.degraded[0][1]


def test_jsonl_with_one_undecodable_line_keeps_the_other_lines(tmp_path: Path) -> None:
    lines = [json.dumps({"text": f"Article number {i} says caf\u00e9 in a body."}).encode("utf-8")
             for i in range(1000)]
    lines[500] = b'{"text": "a broken \xff\xfe line"}'
    bad = tmp_path / "a.jsonl"
    bad.write_bytes(b"\n".join(lines) + b"\n")
    df, rep = load_articles_with_report(bad)
    assert len(df) == 999
    assert "caf\u00e9" in df.loc[0, "text"]  # the good lines are read as UTF-8, not as cp1252
    assert [why for where, why in rep.skipped] == ["not valid UTF-8 text"]
    assert rep.skipped[0][0] == f"{bad}:501"


def test_csv_with_one_row_of_too_many_fields_keeps_the_other_rows(tmp_path: Path) -> None:
    bad = tmp_path / "a.csv"
    rows = [f"Article {i} body text,Title {i}" for i in range(10)]
    rows[4] = "Article 4 body text,Title 4,an extra field"
    bad.write_text("text,title\n" + "\n".join(rows) + "\n", encoding="utf-8")
    df, rep = load_articles_with_report(bad)
    assert len(df) == 9 and "Title 4" not in set(df["title"])
    assert rep.skipped == [(f"{bad}:6", "expected 2 fields, saw 3")]


def test_csv_with_an_undecodable_row_keeps_the_other_rows(tmp_path: Path) -> None:
    bad = tmp_path / "a.csv"
    rows = [f"Article {i} body text \u2014 caf\u00e9,Title {i}".encode() for i in range(10)]
    rows[3] = b"Article 3 \xff\xfe broken,Title 3"
    bad.write_bytes(b"text,title\n" + b"\n".join(rows) + b"\n")
    df, rep = load_articles_with_report(bad)
    assert len(df) == 9 and "\u2014 caf\u00e9" in df.loc[0, "text"]
    assert rep.skipped == [(f"{bad} row 4", "not valid UTF-8 text")]


def test_csv_with_an_unclosed_quote_keeps_the_rows_before_it(tmp_path: Path) -> None:
    bad = tmp_path / "a.csv"
    bad.write_text('text,title\nFirst body,One\n"Second body, never closed,Two\nThird body,Three\n',
                   encoding="utf-8")
    df, rep = load_articles_with_report(bad)
    assert list(df["title"]) == ["One"]
    [(where, why)] = rep.skipped
    assert where == f"{bad}:3" and "unclosed quote" in why and "2 line(s) not read" in why


def test_symlink_out_of_a_loaded_folder_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.txt"
    secret.write_text("Secret title\n\nA private file that is not part of the corpus.", encoding="utf-8")
    folder = tmp_path / "corpus-in"
    folder.mkdir()
    _good(folder)
    (folder / "link.txt").symlink_to(secret)
    (folder / "linked-dir").symlink_to(outside, target_is_directory=True)
    (folder / "inner.txt").symlink_to(folder / "good.txt")  # a link inside the folder is fine
    df, rep = load_articles_with_report(folder)
    assert list(df["text"]) == [GOOD.split("\n\n")[1]]  # good.txt once (inner.txt is its duplicate)
    why = _skipped(rep, folder / "link.txt")
    assert "symbolic link" in why and "outside" in why and str(secret) in why
    assert not any("secret" in str(where) for where in df["source"])
    # named explicitly, the link is loaded: the caller chose it
    assert len(load_articles(folder / "link.txt")) == 1


def test_fifo_is_refused_as_not_a_regular_file(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(LoadError, match="not a regular file") as info:
        load_articles(fifo)
    assert "FIFO" in str(info.value)
    _good(tmp_path)
    df, rep = load_articles_with_report(tmp_path)  # in a folder: skipped, never opened (it would block)
    assert len(df) == 1 and "not a regular file" in _skipped(rep, fifo)


def test_dev_zero_is_refused_as_not_a_regular_file() -> None:
    with pytest.raises(LoadError, match="not a regular file") as info:
        load_articles("/dev/zero")
    assert "character device" in str(info.value)
    assert not isinstance(info.value, FileNotFoundError)


def test_url_list_and_feed_naming_private_addresses_are_refused_without_connecting(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    tried: list[object] = []

    def connect(self: socket.socket, address: object) -> None:
        tried.append(address)
        raise OSError("test: no connection")

    monkeypatch.setattr(socket.socket, "connect", connect)
    urls = tmp_path / "list.urls"
    urls.write_text("http://169.254.169.254/latest/meta-data/\nhttp://10.0.0.1/\n", encoding="utf-8")
    feed = tmp_path / "feed.rss"
    feed.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>F</title><item><title>A</title>'
                    "<link>http://192.168.0.10/story</link></item></channel></rss>", encoding="utf-8")
    df, rep = load_articles_with_report([urls, feed], fetch_options={"retries": 0, "progress": False})
    assert df.empty and tried == []
    reasons = dict(rep.skipped)
    assert set(reasons) == {"http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/",
                            "http://192.168.0.10/story"}
    assert all(why.startswith("fetch failed: refused:") and "allow_private" in why for why in reasons.values())
    assert "link-local" in reasons["http://169.254.169.254/latest/meta-data/"]


def test_symlink_out_of_a_glob_folder_and_fifo_matched_by_a_glob_are_refused(tmp_path: Path) -> None:
    import os

    secret = tmp_path / "secret.txt"
    secret.write_text("Secret title\n\nA private file that is not part of the corpus.", encoding="utf-8")
    folder = tmp_path / "pages"
    folder.mkdir()
    _good(folder)
    (folder / "link.txt").symlink_to(secret)
    os.mkfifo(folder / "pipe.txt")
    df, rep = load_articles_with_report(str(folder / "*.txt"))
    assert len(df) == 1 and df.loc[0, "source"] == str(folder / "good.txt")
    assert "outside the folder" in _skipped(rep, folder / "link.txt")
    assert "not a regular file" in _skipped(rep, folder / "pipe.txt")
