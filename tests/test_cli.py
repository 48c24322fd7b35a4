"""The toolkit command: ingest, info, export; help texts; errors without tracebacks."""
from __future__ import annotations

import functools
import io
import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pandas as pd
import pytest

import toolkit.io
from toolkit import schema
from toolkit._paths import ROOT
from toolkit.cli import main
from toolkit.corpus import Corpus
from toolkit.io import LoadReport

CSV = (
    "url,title,text,published,outlet\n"
    "https://www.example.org/news/1,Troops to Ukraine,\"Lithuania could send troops, the prime minister "
    "said on Wednesday.\",2024-05-08T10:00:00Z,Example News\n"
    "https://www.example.org/news/2,Talks resume,\"The talks resumed in Geneva on Monday, officials "
    "said.\",2024-05-10T08:00:00Z,Example News\n"
)


STORY = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Lithuania ready to send troops to Ukraine - Example News</title>
<meta property="og:title" content="Lithuania ready to send troops to Ukraine">
<meta property="article:published_time" content="2024-05-08T10:00:00+00:00"></head>
<body><nav><a href="/">Home</a></nav><article><h1>Lithuania ready to send troops to Ukraine</h1>
<p>Lithuania is ready to send troops to Ukraine for a training mission, Prime Minister Ingrida
Simonyte told the Financial Times in an interview published on Wednesday.</p>
<p>"We have a parliamentary approval for that," Simonyte said, adding that the decision would need
to be coordinated with allies and with the government in Kyiv before any deployment.</p>
<p>The Kremlin has warned that any such deployment would be a dangerous escalation of the conflict,
spokesman Dmitry Peskov told reporters in Moscow on Tuesday afternoon.</p>
</article><footer>Copyright Example News</footer></body></html>"""


def fake_articles(ids: list[str], *, outlet: str = "Example News", day: int = 8) -> pd.DataFrame:
    return schema.from_records([
        {"article_id": i, "url": f"https://example.org/{i}", "outlet": outlet,
         "outlet_domain": "example.org", "title": f"Title {i}", "authors": ["A. Writer", "B. Writer"],
         "published": f"2024-05-{day:02d}T10:00:00Z", "language": "en", "text": f"Text of {i}.",
         "source": f"https://example.org/{i}"} for i in ids], "articles")


@pytest.fixture
def fake_loader(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Replace load_articles: two articles and a load report with one skipped input."""
    calls: list[object] = []

    def load(source: object, **kwargs: object) -> pd.DataFrame:
        calls.append((source, kwargs))
        df = fake_articles(["a1", "a2"])
        df.attrs["load_report"] = LoadReport(loaded=2, skipped=[("broken.html", "no article body"),
                                                                ("empty.txt", "empty file")],
                                             duplicates=1)
        return df

    monkeypatch.setattr(toolkit.io, "load_articles", load)
    return calls


def test_help_of_each_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    top = capsys.readouterr().out
    assert all(cmd in top for cmd in ("ingest", "info", "export")) and "examples:" in top
    for cmd, expected in (("ingest", "--corpus DIR"), ("info", "--top N"), ("export", "--table")):
        assert main([cmd, "--help"]) == 0
        text = capsys.readouterr().out
        assert f"usage: toolkit {cmd}" in text and expected in text
        assert f"examples:\n  toolkit {cmd} " in text
    assert main([]) == 2
    assert "usage: toolkit" in capsys.readouterr().err


def test_ingest_prints_summary_and_stores(tmp_path: Path, fake_loader: list[object],
                                          capsys: pytest.CaptureFixture[str]) -> None:
    corpus_dir = tmp_path / "corpus"
    assert main(["ingest", "pages/", "more.csv", "--corpus", str(corpus_dir)]) == 0
    out = capsys.readouterr().out
    [(sources, options)] = fake_loader
    assert sources == ["pages/", "more.csv"]
    # downloads are cached inside the corpus; no progress bar when stderr is not a terminal
    assert options == {"cache_dir": str(corpus_dir / "http-cache"), "progress": False}
    assert "Loaded 2 article(s)" in out
    assert "Dropped 1 duplicate(s)" in out
    assert "Skipped 2 input(s):\n  broken.html: no article body\n  empty.txt: empty file" in out
    assert "2 new, 0 already present; now 2 article(s)" in out
    assert sorted(Corpus.open(corpus_dir).articles["article_id"]) == ["a1", "a2"]

    assert main(["ingest", "pages/", "--corpus", str(corpus_dir), "--no-cache", "--no-fetch",
                 "--top", "1"]) == 0
    out = capsys.readouterr().out
    assert "0 new, 2 already present; now 2 article(s)" in out
    assert "broken.html: no article body\n  ... and 1 more" in out and "empty.txt" not in out
    assert fake_loader[-1] == ("pages/", {"fetch": False, "progress": False})  # one source: alone


def test_ingest_errors_go_to_stderr_with_status_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    def missing(source: object, **kwargs: object) -> pd.DataFrame:
        raise FileNotFoundError("source 'nowhere/' does not exist")

    monkeypatch.setattr(toolkit.io, "load_articles", missing)
    assert main(["ingest", "nowhere/", "--corpus", str(tmp_path / "c")]) == 2
    err = capsys.readouterr().err
    assert "toolkit ingest: error: source 'nowhere/' does not exist" in err
    assert "Traceback" not in err

    a_file = tmp_path / "file.txt"
    a_file.write_text("not a corpus")
    assert main(["ingest", "x.txt", "--corpus", str(a_file)]) == 2
    assert "is a file, not a corpus folder" in capsys.readouterr().err


def test_ingest_nothing_loaded_exits_1_without_creating(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def nothing(source: object, **kwargs: object) -> pd.DataFrame:
        df = schema.empty("articles")
        df.attrs["load_report"] = LoadReport(skipped=[("a.bin", "binary file"), ("b.txt", "empty file")])
        return df

    monkeypatch.setattr(toolkit.io, "load_articles", nothing)
    assert main(["ingest", "a.bin", "b.txt", "--corpus", str(tmp_path / "c")]) == 1
    out = capsys.readouterr().out
    assert "Skipped 2 input(s)" in out and "not created" in out
    assert not (tmp_path / "c").exists()


def test_ingest_with_the_real_loader(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv = tmp_path / "export.csv"
    csv.write_text(CSV, encoding="utf-8")
    try:
        toolkit.io.load_articles([str(csv)])
    except NotImplementedError:
        pytest.skip("toolkit.io.load_articles is still a placeholder")
    corpus_dir = tmp_path / "corpus"
    assert main(["ingest", str(csv), "--corpus", str(corpus_dir)]) == 0
    out = capsys.readouterr().out
    assert "Loaded 2 article(s)" in out and "2 new, 0 already present" in out
    stored = Corpus.open(corpus_dir).articles
    assert sorted(stored["title"]) == ["Talks resume", "Troops to Ukraine"]
    assert main(["ingest", str(csv), "--corpus", str(corpus_dir)]) == 0
    assert "0 new, 2 already present" in capsys.readouterr().out

    # one missing SOURCE is the caller's mistake: exit 2, named on stderr, corpus untouched
    missing = tmp_path / "missing.csv"
    assert main(["ingest", str(missing), "--corpus", str(corpus_dir)]) == 2
    err = capsys.readouterr().err
    assert "missing.csv" in err and "Traceback" not in err
    # among several, it is skipped and listed
    assert main(["ingest", str(csv), str(missing), "--corpus", str(corpus_dir)]) == 0
    assert f"Skipped 1 input(s):\n  {missing}: " in capsys.readouterr().out
    assert len(Corpus.open(corpus_dir).articles) == 2


def test_ingest_with_workers_stores_what_one_worker_stores(tmp_path: Path) -> None:
    csv = tmp_path / "export.csv"
    csv.write_text(CSV, encoding="utf-8")
    tables = {}
    for workers in (1, 2):
        corpus_dir = tmp_path / f"corpus{workers}"
        assert main(["ingest", str(csv), "--corpus", str(corpus_dir), "--workers", str(workers)]) == 0
        corpus = Corpus.open(corpus_dir)
        tables[workers] = (corpus.articles.sort_values("article_id").reset_index(drop=True),
                           corpus.statements.sort_values("statement_id").reset_index(drop=True))
    assert len(tables[1][0]) == 2
    pd.testing.assert_frame_equal(tables[1][0], tables[2][0])
    pd.testing.assert_frame_equal(tables[1][1], tables[2][1])


def make_corpus(path: Path) -> Corpus:
    corpus = Corpus.open(path)
    first = fake_articles(["a1", "a2"], outlet="Example News", day=8)
    first.attrs["load_report"] = LoadReport(loaded=2, skipped=[("bad.bin", "binary file")])
    corpus.add(first)
    corpus.add(fake_articles(["b1"], outlet="Other Daily", day=20))
    undated = fake_articles(["c1"], outlet="Example News")
    undated["published"] = pd.NaT
    corpus.add(undated)
    return corpus


def test_info(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_corpus(tmp_path / "c")
    assert main(["info", str(tmp_path / "c")]) == 0
    out = capsys.readouterr().out
    assert "articles           4" in out and "statements         0" in out
    assert "Published: 2024-05-08 .. 2024-05-20 (1 undated)" in out
    assert "Outlets (2):\n         3  Example News\n         1  Other Daily" in out
    assert "Skipped inputs (1):\n  bad.bin: binary file" in out

    assert main(["info", str(tmp_path / "c"), "--json", "--top", "1"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["counts"] == {"articles": 4, "mentions": 0, "statements": 0, "sources": 0}
    assert info["outlets"] == {"Example News": 3} and info["outlets_total"] == 2
    assert info["published"]["first"].startswith("2024-05-08T10:00:00")
    assert info["skipped"] == [{"input": "bad.bin", "reason": "binary file"}]


def test_info_on_missing_corpus_does_not_create_it(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["info", str(tmp_path / "absent")]) == 2
    err = capsys.readouterr().err
    assert "no corpus at path=" in err and "Traceback" not in err
    assert not (tmp_path / "absent").exists()


def test_export_csv_to_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_corpus(tmp_path / "c")
    assert main(["export", str(tmp_path / "c"), "--table", "articles", "--format", "csv"]) == 0
    df = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert len(df) == 4 and list(df.columns[:3]) == ["article_id", "url", "outlet"]
    assert set(df["authors"]) == {"A. Writer|B. Writer"}
    assert sorted(df["article_id"]) == ["a1", "a2", "b1", "c1"]


def test_export_jsonl_and_parquet_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_corpus(tmp_path / "c")
    out = tmp_path / "articles.jsonl"
    assert main(["export", str(tmp_path / "c"), "--table", "articles", "--format", "jsonl",
                 "-o", str(out)]) == 0
    assert "Wrote 4 row(s) of articles" in capsys.readouterr().err
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 4 and rows[0]["authors"] == ["A. Writer", "B. Writer"]
    assert rows[0]["published"].startswith("2024-05-08T10:00:00")

    pq = tmp_path / "articles.parquet"  # format inferred from the suffix
    assert main(["export", str(tmp_path / "c"), "--table", "articles", "-o", str(pq)]) == 0
    back = pd.read_parquet(pq)
    assert sorted(back["article_id"]) == ["a1", "a2", "b1", "c1"]

    assert main(["export", str(tmp_path / "c"), "--table", "mentions", "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("article_id,field,entity_type")  # empty, with header


def test_export_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_corpus(tmp_path / "c")
    assert main(["export", str(tmp_path / "c"), "--table", "quotes", "--format", "csv"]) == 2
    assert "invalid choice: 'quotes'" in capsys.readouterr().err
    assert main(["export", str(tmp_path / "c"), "--table", "articles", "--format", "parquet"]) == 2
    assert "needs --output" in capsys.readouterr().err
    assert main(["export", str(tmp_path / "nope"), "--table", "articles"]) == 2
    err = capsys.readouterr().err
    assert "no corpus" in err and "Traceback" not in err


def test_python_dash_m_toolkit() -> None:
    done = subprocess.run([sys.executable, "-m", "toolkit", "--version"], cwd=ROOT, check=False,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.startswith("toolkit ")


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[str, list[str]]]:
    """A local web site with one article page; yields (base URL, paths requested)."""
    root = tmp_path / "site"
    root.mkdir()
    (root / "story.html").write_text(STORY, encoding="utf-8")
    requested: list[str] = []

    class Handler(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            requested.append(self.path)
            super().do_GET()

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(root)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", requested
    httpd.shutdown()
    httpd.server_close()


def test_ingest_url_downloads_once(tmp_path: Path, site: tuple[str, list[str]],
                                   capsys: pytest.CaptureFixture[str]) -> None:
    base, requested = site
    try:
        toolkit.io.load_articles([], fetch=False)
    except NotImplementedError:
        pytest.skip("toolkit.io.load_articles is still a placeholder")
    corpus_dir = tmp_path / "corpus"
    url = f"{base}/story.html"
    # the test site is on 127.0.0.1: refused without --allow-private, and nothing is created
    assert main(["ingest", url, "--corpus", str(corpus_dir)]) == 2
    err = capsys.readouterr().err
    assert "refused: 127.0.0.1 is a loopback address" in err and "--allow-private" in err
    assert requested == [] and not Corpus.is_corpus(corpus_dir)
    assert main(["ingest", url, "--corpus", str(corpus_dir), "--allow-private"]) == 0
    assert "1 new, 0 already present" in capsys.readouterr().out
    stored = Corpus.open(corpus_dir).articles
    assert stored["title"].tolist() == ["Lithuania ready to send troops to Ukraine"]
    assert stored["published"].iloc[0] == pd.Timestamp("2024-05-08T10:00:00Z")
    assert "parliamentary approval" in stored["text"].iloc[0]
    assert requested == ["/story.html"]
    assert list((corpus_dir / "http-cache").glob("*.html"))  # the raw page is kept

    assert main(["ingest", url, "--corpus", str(corpus_dir), "--allow-private"]) == 0
    assert "0 new, 1 already present" in capsys.readouterr().out
    assert requested == ["/story.html"]  # the second run read the cache

    missing = f"{base}/gone.html"
    assert main(["ingest", url, missing, "--corpus", str(corpus_dir), "--allow-private"]) == 0
    assert f"{missing}: fetch failed: HTTP 404" in capsys.readouterr().out
    assert main(["info", str(corpus_dir)]) == 0
    assert f"Skipped inputs (1):\n  {missing}: fetch failed: HTTP 404" in capsys.readouterr().out


# -- bad arguments: refused before anything is written ---------------------------------------

def test_export_into_the_corpus_folder_is_refused_and_keeps_corpus_json(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_corpus(tmp_path / "c")
    marker = (tmp_path / "c" / "corpus.json").read_bytes()
    for target in ("corpus.json", "articles/x.parquet", "notes.csv"):
        out = tmp_path / "c" / target
        assert main(["export", str(tmp_path / "c"), "--table", "articles", "--format", "csv",
                     "-o", str(out)]) == 2
        err = capsys.readouterr().err
        assert "inside the corpus folder" in err and "Traceback" not in err
    assert (tmp_path / "c" / "corpus.json").read_bytes() == marker
    assert not (tmp_path / "c" / "notes.csv").exists()
    assert main(["info", str(tmp_path / "c")]) == 0


@pytest.mark.parametrize("name", ["out.json", "out.xlsx", "out.txt"])
def test_export_to_a_suffix_it_cannot_write_is_refused(tmp_path: Path, name: str,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    make_corpus(tmp_path / "c")
    assert main(["export", str(tmp_path / "c"), "--table", "articles", "-o", str(tmp_path / name)]) == 2
    err = capsys.readouterr().err
    assert f"cannot write {Path(name).suffix!r}" in err and ".csv, .parquet, .jsonl" in err
    assert not (tmp_path / name).exists()
    # a suffix that says another format than --format is refused too
    assert main(["export", str(tmp_path / "c"), "--table", "articles", "--format", "csv",
                 "-o", str(tmp_path / "out.parquet")]) == 2
    assert "--format csv" in capsys.readouterr().err


def test_info_on_a_folder_that_is_not_a_corpus_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "cat.jpg").write_bytes(b"\xff\xd8")
    assert main(["info", str(folder)]) == 2
    err = capsys.readouterr().err
    assert f"{folder} is not a corpus (no corpus.json)" in err and "toolkit ingest" in err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["info", str(empty)]) == 2
    assert f"{empty} is not a corpus (no corpus.json)" in capsys.readouterr().err
    assert list(empty.iterdir()) == []


def test_info_verify_names_a_missing_or_damaged_part_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_corpus(tmp_path / "c")
    assert main(["info", str(tmp_path / "c"), "--verify"]) == 0
    assert "Verified" in capsys.readouterr().out
    parts = sorted((tmp_path / "c" / "articles").rglob("part-*.parquet"))
    parts[0].write_bytes(b"PAR1 not really")
    parts[-1].unlink()
    assert main(["info", str(tmp_path / "c"), "--verify"]) == 1
    out = capsys.readouterr().out
    for part in (parts[0], parts[-1]):
        assert str(part.relative_to(tmp_path / "c")) in out
    assert "missing" in out and "damaged" in out
    assert main(["info", str(tmp_path / "c")]) == 2  # plain info names the file too
    err = capsys.readouterr().err
    assert "articles/" in err and "--verify" in err and "ArrowInvalid" not in err.split(":")[0]


def test_ingest_with_cache_that_is_a_file_is_refused_before_loading(
        tmp_path: Path, fake_loader: list[object], capsys: pytest.CaptureFixture[str]) -> None:
    cache = tmp_path / "afile.txt"
    cache.write_text("x")
    assert main(["ingest", "x.md", "--corpus", str(tmp_path / "c"), "--cache", str(cache)]) == 2
    err = capsys.readouterr().err
    assert "--cache" in err and "is a file" in err and "Errno" not in err
    assert fake_loader == [] and not (tmp_path / "c").exists()


@pytest.mark.parametrize("command", [["info", "C"], ["ingest", "x.md", "--corpus", "C"]])
def test_negative_top_is_refused(tmp_path: Path, command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    make_corpus(tmp_path / "c")
    argv = [str(tmp_path / "c") if a == "C" else a for a in command]
    assert main([*argv, "--top", "-1"]) == 2
    assert "--top" in capsys.readouterr().err
