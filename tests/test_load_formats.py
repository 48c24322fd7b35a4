"""load_articles on every supported format, with small fixtures written here."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

import toolkit
from toolkit._paths import DATASETS, SHARED
from toolkit.io import LoadReport, load_articles, load_articles_with_report, loaders

SEED = DATASETS / "articles" / "lithuania-troops-2024-05-08.md"
SEED_URL = "https://www.themoscowtimes.com/2024/05/08/lithuania-ready-to-send-troops-to-ukraine-pm-says-a85063"
BODY = ("The foreign minister said on Tuesday that talks with the neighbouring country would resume "
        "next month, after a pause of almost a year. Officials from both sides met in the capital "
        "to prepare the agenda, which includes border crossings, energy and trade. ")


def _page(title: str, *, url: str, date_meta: str | None = None, visible_date: str | None = None,
          body: str = BODY) -> str:
    meta = f'<meta property="article:published_time" content="{date_meta}">' if date_meta else ""
    time_el = f"<p><time>{visible_date}</time></p>" if visible_date else ""
    paras = "".join(f"<p>{body} Paragraph {k}.</p>" for k in range(4))
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | The Daily</title>
<link rel="canonical" href="{url}">{meta}<meta name="author" content="Jane Doe">
<script>var tracking = "Related article: nothing";</script></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>{title}</h1>{time_el}
<figure><img src="a.jpg"><figcaption>The minister in the capital. Photo: Reuters</figcaption></figure>
{paras}
<p>Related article: Another story about something else</p>
<aside><a href="/x">Most read: a story</a></aside></article>
<footer>© 2024 The Daily. All rights reserved.</footer></body></html>"""


def test_founding_example_markdown() -> None:
    df = load_articles(SEED)
    assert len(df) == 1
    a = df.iloc[0]
    assert a["title"] == "Lithuania Ready to Send Troops to Ukraine, PM Says"
    assert a["published"] == pd.Timestamp("2024-05-08", tz="UTC")
    assert str(df["published"].dtype) == "datetime64[ns, UTC]"
    assert a["url"] == SEED_URL
    assert a["outlet_domain"] in ("themoscowtimes.com", "www.themoscowtimes.com")
    text = a["text"]
    for bad in ("Related article", "Original url", "](#)", "Thwarted Russian Plot", "Kmu.gov.ua", "CC BY 4.0",
                "**", "# Lithuania"):
        assert bad not in text, bad
    assert text.startswith("Lithuania is prepared to send its soldiers")
    assert "Financial Times published Wednesday" in text
    assert text.rstrip().endswith("resolution this summer.")
    assert a["language"] == "en"
    assert a["authors"] == []
    assert a["source"] == str(SEED)


def test_article_id_is_stable_and_short() -> None:
    first = load_articles(SEED)["article_id"].iloc[0]
    again = load_articles(str(SEED))["article_id"].iloc[0]
    assert first == again
    assert len(first) == 16 and int(first, 16) >= 0


def test_markdown_caption_variants(tmp_path: Path) -> None:
    md = ("# A Title Here\n\n2024-03-01\n\n![photo](https://x.org/a.jpg)\n\nFirst paragraph with a "
          "[link](https://example.org/page) and **bold** words.\n\n**Related article:** [Other](#)\n\n"
          "Second paragraph.\n\nOriginal url:\n\n<https://news.example.org/2024/03/01/a-title>\n")
    (tmp_path / "a.md").write_text(md, encoding="utf-8")
    a = load_articles(tmp_path / "a.md").iloc[0]
    assert a["title"] == "A Title Here"
    assert a["published"] == pd.Timestamp("2024-03-01", tz="UTC")
    assert a["url"] == "https://news.example.org/2024/03/01/a-title"
    assert a["text"] == "First paragraph with a link and bold words.\n\nSecond paragraph."


def test_saved_html_page(tmp_path: Path) -> None:
    url = "https://thedaily.example.com/world/2024/02/14/talks-resume"
    (tmp_path / "page.html").write_text(_page("Talks to resume next month", url=url,
                                              date_meta="2024-02-14T08:30:00+01:00"), encoding="utf-8")
    a = load_articles(tmp_path / "page.html").iloc[0]
    assert a["title"] == "Talks to resume next month"
    assert a["url"] == url
    assert a["published"] == pd.Timestamp("2024-02-14 07:30", tz="UTC")
    assert a["outlet_domain"] == "thedaily.example.com"
    assert a["outlet"] == "thedaily.example.com"  # unknown to the KB: the domain
    assert "Jane Doe" in a["authors"]
    text = a["text"]
    assert text.startswith("The foreign minister said")
    for bad in ("Related article", "Photo: Reuters", "© 2024", "Most read", "Home", "tracking"):
        assert bad not in text, bad


def test_html_date_falls_back_to_htmldate(tmp_path: Path) -> None:
    # no date for newspaper's meta tags; a visible date in the page and none in the URL
    (tmp_path / "p.html").write_text(_page("Undated meta", url="https://thedaily.example.com/world/undated",
                                           visible_date="March 3, 2023"), encoding="utf-8")
    a = load_articles(tmp_path / "p.html").iloc[0]
    assert a["published"] == pd.Timestamp("2023-03-03", tz="UTC")
    assert not a["text"].startswith("March 3, 2023")


def test_plain_text(tmp_path: Path) -> None:
    p = tmp_path / "talks-2023-07-09.txt"
    p.write_text("Talks resume\n\n" + BODY + "\n\n" + BODY, encoding="utf-8")
    a = load_articles(p).iloc[0]
    assert a["title"] == "Talks resume"
    assert a["published"] == pd.Timestamp("2023-07-09", tz="UTC")
    assert a["text"].startswith("The foreign minister")
    assert pd.isna(a["url"]) and pd.isna(a["outlet"])
    # a first line that is a sentence is not a title
    q = tmp_path / "plain.txt"
    q.write_text(BODY, encoding="utf-8")
    assert pd.isna(load_articles(q).iloc[0]["title"])


def test_csv_column_mapping(tmp_path: Path) -> None:
    df = pd.DataFrame({
        "Link": ["http://en.kremlin.ru/events/president/news/1", "https://www.president.gov.ua/en/news/2"],
        "Headline": ["Meeting", "Address"],
        "Date": ["2022-06-24T17:30:00Z", "May 08, 2022"],
        "location": ["Moscow", None],
        "summary": ["A short summary that must not become the text.", "Another summary."],
        "Body": ["Full text one. " * 5, "Full text [two](http://x.org) here. " * 5],
        "Author": ["A. Writer; B. Writer", None],
    })
    df.to_csv(tmp_path / "a.csv", index=False)
    out = load_articles(tmp_path / "a.csv")
    assert list(out["title"]) == ["Meeting", "Address"]
    assert list(out["published"]) == [pd.Timestamp("2022-06-24 17:30", tz="UTC"), pd.Timestamp("2022-05-08", tz="UTC")]
    assert out["text"].iloc[0].startswith("Full text one.") and "summary" not in out["text"].iloc[0]
    assert "[two]" not in out["text"].iloc[1] and "Full text two here." in out["text"].iloc[1]
    assert out["authors"].iloc[0] == ["A. Writer", "B. Writer"] and out["authors"].iloc[1] == []
    assert list(out["source"]) == [str(tmp_path / "a.csv")] * 2
    df.to_csv(tmp_path / "b.tsv", sep="\t", index=False)
    assert list(load_articles(tmp_path / "b.tsv")["title"]) == ["Meeting", "Address"]


def test_csv_outlet_column_without_url(tmp_path: Path) -> None:
    pd.DataFrame({"text": ["Some body text here."], "publisher": ["Some Weekly"], "lang": ["de-DE"]}).to_csv(
        tmp_path / "o.csv", index=False)
    a = load_articles(tmp_path / "o.csv").iloc[0]
    assert a["outlet"] == "Some Weekly" and a["language"] == "de"


def test_json_jsonl_parquet(tmp_path: Path) -> None:
    rows = [{"url": f"https://site.example.net/a/{i}", "title": f"T{i}", "content": f"Body number {i}. " * 4,
             "publish_date": "2021-01-0" + str(i + 1), "source": "Site", "language": "en"} for i in range(3)]
    (tmp_path / "list.json").write_text(json.dumps(rows), encoding="utf-8")
    (tmp_path / "wrapped.json").write_text(json.dumps({"articles": rows}), encoding="utf-8")
    (tmp_path / "lines.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    pd.DataFrame(rows).to_parquet(tmp_path / "t.parquet")
    for name in ("list.json", "wrapped.json", "lines.jsonl", "t.parquet"):
        out = load_articles(tmp_path / name)
        assert list(out["title"]) == ["T0", "T1", "T2"], name
        assert out["published"].iloc[2] == pd.Timestamp("2021-01-03", tz="UTC"), name


def test_newsapi_shape(tmp_path: Path) -> None:
    doc = {"status": "ok", "articles": [{"source": {"id": None, "name": "Example Post"}, "author": "Kim Lee",
                                         "title": "Headline", "url": "https://post.example.com/x",
                                         "publishedAt": "2024-01-02T03:04:05Z", "content": "Text of it. " * 5}]}
    (tmp_path / "n.json").write_text(json.dumps(doc), encoding="utf-8")
    a = load_articles(tmp_path / "n.json").iloc[0]
    assert a["outlet"] == "Example Post"  # unknown domain: the file's outlet name wins over the bare domain
    assert a["published"] == pd.Timestamp("2024-01-02 03:04:05", tz="UTC")
    assert a["authors"] == ["Kim Lee"]


RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title><language>en-gb</language>
<item><title>Full entry</title><link>https://feed.example.com/full</link>
<pubDate>Tue, 10 Oct 2023 08:00:00 +0200</pubDate><description><![CDATA[{full}]]></description></item>
<item><title>Short entry</title><link>https://feed.example.com/short</link>
<pubDate>Wed, 11 Oct 2023 08:00:00 GMT</pubDate><description>Teaser only.</description></item>
</channel></rss>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
<entry><title>Atom entry</title><link href="https://atom.example.com/e1"/><updated>2023-05-06T07:08:09Z</updated>
<author><name>Ann Author</name></author><content type="html">{full}</content></entry></feed>"""
FULL = "<p>" + "Word " * 200 + "</p><p>Second paragraph of the entry.</p>"


@dataclass
class FakeResult:  # the fields of toolkit.io.fetch.FetchResult
    url: str
    final_url: str | None = None
    status: int | None = 200
    html: str | None = None
    content_type: str | None = "text/html"
    error: str | None = None
    from_cache: bool = False


def _fake_fetcher(pages: dict[str, str], calls: list[list[str]]):
    def fetch_pages(urls, **options):
        calls.append(list(urls))
        return [FakeResult(u, final_url=u, html=pages.get(u), status=200 if u in pages else 404,
                           error=None if u in pages else "HTTP 404") for u in urls]
    return fetch_pages


def test_rss_and_atom_full_content_without_fetching(tmp_path: Path) -> None:
    (tmp_path / "f.rss").write_text(RSS.format(full=FULL), encoding="utf-8")
    (tmp_path / "a.atom").write_text(ATOM.format(full=FULL.replace("<", "&lt;").replace(">", "&gt;")), encoding="utf-8")
    df, rep = load_articles_with_report(tmp_path, fetch=False)
    assert set(df["title"]) == {"Full entry", "Atom entry"}
    full = df.set_index("title").loc["Full entry"]
    assert full["published"] == pd.Timestamp("2023-10-10 06:00", tz="UTC")
    assert full["language"] == "en" and full["url"] == "https://feed.example.com/full"
    assert "Second paragraph of the entry." in full["text"]
    assert df.set_index("title").loc["Atom entry", "authors"] == ["Ann Author"]
    assert ("https://feed.example.com/short", "not fetched (fetch=False)") in rep.skipped


def test_feed_entries_are_fetched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[list[str]] = []
    pages = {"https://feed.example.com/short": _page("Short entry page", url="https://feed.example.com/short")}
    monkeypatch.setattr(loaders, "_fetcher", lambda: _fake_fetcher(pages, calls))
    (tmp_path / "f.xml").write_text(RSS.format(full=FULL), encoding="utf-8")
    df = load_articles(tmp_path / "f.xml")
    assert calls == [["https://feed.example.com/short"]]
    short = df.set_index("url").loc["https://feed.example.com/short"]
    assert short["title"] == "Short entry page"
    # the page has no date: the feed's date is kept
    assert short["published"] == pd.Timestamp("2023-10-11 08:00", tz="UTC")
    assert short["source"] == "https://feed.example.com/short"


def test_url_sources_and_url_lists(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[list[str]] = []
    u1, u2, bad = "https://a.example.org/one", "https://b.example.org/two", "https://a.example.org/missing"
    pages = {u1: _page("Talks number one resume in the capital", url=u1, date_meta="2022-01-01"),
             u2: _page("Talks number two resume in the capital", url=u2, date_meta="2022-01-02")}
    monkeypatch.setattr(loaders, "_fetcher", lambda: _fake_fetcher(pages, calls))
    (tmp_path / "list.urls").write_text(f"# my list\n{u1}\n\n{bad}\n", encoding="utf-8")
    (tmp_path / "more.txt").write_text(f"{u2}\n", encoding="utf-8")
    df, rep = load_articles_with_report([tmp_path / "list.urls", str(tmp_path / "more.txt"), u1])
    assert list(df["title"]) == ["Talks number one resume in the capital", "Talks number two resume in the capital"]
    assert rep.duplicates == 1  # u1 twice
    assert any(inp == bad and "404" in why for inp, why in rep.skipped)
    assert calls == [[u1, bad, u2]]  # one batch, each URL once
    one = load_articles(u1)
    assert one["url"].iloc[0] == u1 and one["source"].iloc[0] == u1


def test_folder_glob_and_list(tmp_path: Path) -> None:
    sub = tmp_path / "nested" / "deeper"
    sub.mkdir(parents=True)
    (tmp_path / "a.txt").write_text("Alpha\n\nAlpha text body.", encoding="utf-8")
    (sub / "b.txt").write_text("Beta\n\nBeta text body.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden\n\nnever loaded", encoding="utf-8")
    assert sorted(load_articles(tmp_path)["title"]) == ["Alpha", "Beta"]
    assert list(load_articles(str(tmp_path / "**" / "*.txt"))["title"]) == ["Alpha", "Beta"]
    assert sorted(load_articles([tmp_path / "a.txt", str(sub)])["title"]) == ["Alpha", "Beta"]


def test_duplicates_dropped_and_counted(tmp_path: Path) -> None:
    (tmp_path / "1.txt").write_text("Same\n\nThe very same text.", encoding="utf-8")
    (tmp_path / "2.txt").write_text("Same\n\nThe  very same\ntext.", encoding="utf-8")  # same after folding
    pd.DataFrame({"url": ["https://x.example.com/a", "https://www.x.example.com/a/?utm_source=t",
                          "https://x.example.com/b"],
                  "text": ["Text A.", "Text A again.", "Text A."]}).to_csv(tmp_path / "u.csv", index=False)
    df, rep = load_articles_with_report(tmp_path)
    assert rep.duplicates == 2  # the second .txt; the same URL with www., slash and utm_
    # different URLs with the same text are two publications
    assert sorted(df["url"].dropna()) == ["https://x.example.com/a", "https://x.example.com/b"]
    assert rep.loaded == len(df) == 3


def test_url_less_copy_is_the_duplicate_dropped(tmp_path: Path) -> None:
    (tmp_path / "a-copy.txt").write_text("Copy\n\nThe body of the story.", encoding="utf-8")
    pd.DataFrame({"url": ["https://x.example.com/story"], "title": ["Story"],
                  "text": ["The body of the story."]}).to_csv(tmp_path / "b.csv", index=False)
    df, rep = load_articles_with_report(tmp_path)
    assert rep.duplicates == 1 and list(df["url"]) == ["https://x.example.com/story"]


def test_report_attached(tmp_path: Path) -> None:
    df = load_articles(SEED)
    rep = df.attrs["load_report"]
    assert isinstance(rep, LoadReport) and rep.loaded == 1 and rep.skipped == [] and rep.duplicates == 0
    assert "loaded 1 article" in str(rep)
    assert toolkit.LoadReport is LoadReport and toolkit.load_articles is load_articles


def test_outlet_from_kb_and_fallback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from toolkit import kb

    def fake(domain: str) -> dict | None:
        if domain.endswith("example-news.com"):
            return {"domain": "example-news.com", "name": "Example News", "country": "GBR", "outlet_type": "media"}
        raise RuntimeError("KB broken")

    monkeypatch.setattr(kb, "outlet_for_domain", fake, raising=False)
    pd.DataFrame({"url": ["https://www.example-news.com/a", "https://other.example.org/b"],
                  "text": ["One text.", "Two text."]}).to_csv(tmp_path / "k.csv", index=False)
    df = load_articles(tmp_path / "k.csv")
    assert list(df["outlet"]) == ["Example News", "other.example.org"]
    assert list(df["outlet_country"].fillna("-")) == ["GBR", "-"]
    assert list(df["outlet_domain"]) == ["example-news.com", "other.example.org"]


def test_empty_folder_gives_empty_table_with_every_column(tmp_path: Path) -> None:
    df = load_articles(tmp_path)
    assert df.empty and list(df.columns)[:len(toolkit.schema.ARTICLES)] == list(toolkit.schema.ARTICLES)


@pytest.mark.skipif(not (SHARED / "data").exists(), reason="../shared/data is absent")
def test_press_releases() -> None:
    df, rep = load_articles_with_report(str(SHARED / "data" / "press-releases-2021-2022" / "*.csv"))
    assert len(df) == 1796 and rep.loaded == 1796 and rep.duplicates == 0 and not rep.skipped
    assert df["published"].notna().all()
    assert df["outlet"].value_counts().to_dict() == {"President of Ukraine": 980, "Kremlin": 816}
    assert df["article_id"].is_unique
    assert not df["text"].str.contains("Vladimir Putin attended a BRICS+ meeting involving", regex=False).any()


def test_clean_text_removes_boilerplate_but_not_body() -> None:
    from toolkit.io.records import clean_text

    raw = ("Advertisement\n\nBody text [with a link](https://x.org).\n\n**Related article:** [Other](#)\n\n"
           "Read more: Another story\n\nThe minister at the summit. Photo: Reuters\n\n"
           "Sign up for our daily newsletter\n\nAdvertisements are rising, he said.\n\n"
           "Copyright 2024 Foo Media\n\nCopyright law is complex.\n\nOriginal url: https://x.org/a")
    assert clean_text(raw) == ("Body text with a link.\n\nAdvertisements are rising, he said.\n\n"
                               "Copyright law is complex.")


def test_loaded_table_with_its_report_writes_to_parquet(tmp_path):
    # pandas writes attrs as JSON: the report must survive that, and read back as its counts.
    from toolkit.io import load_articles

    src = tmp_path / "a.txt"
    src.write_text("A title\n\nSome body text that is long enough to be an article.\n", encoding="utf-8")
    df = load_articles(src)
    assert df.attrs["load_report"].loaded == 1
    df.to_parquet(tmp_path / "out.parquet")
    back = pd.read_parquet(tmp_path / "out.parquet")
    assert back.attrs["load_report"]["loaded"] == 1
    assert list(back["text"]) == list(df["text"])


@pytest.mark.parametrize("sep", [";", "\t"])
def test_csv_with_semicolon_or_tab_delimiter_is_sniffed(tmp_path: Path, sep: str) -> None:
    p = tmp_path / "a.csv"
    p.write_text(sep.join(["text", "title", "date"]) + "\n"
                 + sep.join(["Kyiv, Warsaw and Vilnius met, said officials.", "Summit", "2022-03-14"]) + "\n"
                 + sep.join(["Second body, with commas.", "Other", "2022-03-15"]) + "\n", encoding="utf-8")
    df = load_articles(p)
    assert list(df["title"]) == ["Summit", "Other"]
    assert df.loc[0, "text"] == "Kyiv, Warsaw and Vilnius met, said officials."


def test_csv_date_column_is_read_day_first_when_one_value_says_so(tmp_path: Path) -> None:
    p = tmp_path / "a.csv"
    pd.DataFrame({"text": ["One body.", "Two body.", "Three body."],
                  "date": ["14/03/2022", "03/04/2022", "01/02/2022"]}).to_csv(p, index=False)
    df, rep = load_articles_with_report(p)
    assert list(df["published"].dt.strftime("%Y-%m-%d")) == ["2022-03-14", "2022-04-03", "2022-02-01"]
    assert not rep.degraded


def test_csv_date_column_is_read_month_first_when_one_value_says_so(tmp_path: Path) -> None:
    p = tmp_path / "a.csv"
    pd.DataFrame({"text": ["One body.", "Two body."], "date": ["03/14/2022", "04/03/2022"]}).to_csv(p, index=False)
    df, rep = load_articles_with_report(p)
    assert list(df["published"].dt.strftime("%Y-%m-%d")) == ["2022-03-14", "2022-04-03"]
    assert not rep.degraded


def test_csv_ambiguous_date_column_is_reported(tmp_path: Path) -> None:
    p = tmp_path / "a.csv"
    pd.DataFrame({"text": ["One body.", "Two body."], "date": ["03/04/2022", "05/06/2022"]}).to_csv(p, index=False)
    df, rep = load_articles_with_report(p)
    assert list(df["published"].dt.strftime("%Y-%m-%d")) == ["2022-03-04", "2022-05-06"]
    [(where, why)] = rep.degraded
    assert where == str(p) and "column 'date'" in why and "ambiguous" in why and "month first" in why


def test_csv_date_column_mixing_day_first_and_month_first_is_reported(tmp_path: Path) -> None:
    p = tmp_path / "a.csv"
    pd.DataFrame({"text": ["One body.", "Two body.", "Three.", "Four."],
                  "date": ["14/03/2022", "03/14/2022", "2022-01-05", "May 08, 2022"]}).to_csv(p, index=False)
    df, rep = load_articles_with_report(p)
    assert pd.isna(df.loc[0, "published"]) and pd.isna(df.loc[1, "published"])
    assert df.loc[2, "published"] == pd.Timestamp("2022-01-05", tz="UTC")
    assert df.loc[3, "published"] == pd.Timestamp("2022-05-08", tz="UTC")
    assert any("mixes day-first and month-first" in why for _, why in rep.degraded)


def test_json_text_cell_holding_a_list_is_joined_not_printed_as_a_list(tmp_path: Path) -> None:
    p = tmp_path / "a.json"
    p.write_text(json.dumps([{"text": ["First paragraph.", "Second paragraph."], "title": ["A", "title"]}]),
                 encoding="utf-8")
    df = load_articles(p)
    assert df.loc[0, "text"] == "First paragraph.\n\nSecond paragraph."
    assert df.loc[0, "title"] == "A title"
    pq = tmp_path / "a.parquet"
    pd.DataFrame({"text": [["First paragraph.", "Second paragraph."]]}).to_parquet(pq)
    assert load_articles(pq).loc[0, "text"] == "First paragraph.\n\nSecond paragraph."
