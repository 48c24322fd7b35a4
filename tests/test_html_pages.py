"""Saved web pages: what is kept of thin pages, authors, the page's own day, bounds on huge
pages, and the HTML loader's dependencies. Pages are written here."""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pandas as pd
import pytest

from toolkit._paths import ROOT
from toolkit.io import html as html_mod
from toolkit.io import load_articles, load_articles_with_report

BODY = ("The foreign minister said on Tuesday that talks with the neighbouring country would resume "
        "next month, after a pause of almost a year. Officials from both sides met in the capital "
        "to prepare the agenda, which includes border crossings, energy and trade.")


def _page(title: str = "Talks to resume next month", *, head: str = "", byline: str = "", body: str = BODY,
          paras: int = 4, after: str = "") -> str:
    text = "".join(f"<p>{body} Paragraph {k}.</p>" for k in range(paras))
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | The Daily</title>
{head}</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>{title}</h1>{byline}{text}</article>{after}
<footer>© 2024 The Daily. All rights reserved.</footer></body></html>"""


# --- item 2: thin pages -------------------------------------------------------------------------

def test_page_with_title_and_date_but_little_body_is_kept_degraded(tmp_path: Path) -> None:
    head = '<meta property="article:published_time" content="2023-03-03T10:00:00+00:00">'
    (tmp_path / "thin.html").write_text(_page("Minister resigns", head=head, body="Developing story.",
                                              paras=1), encoding="utf-8")
    df, rep = load_articles_with_report(tmp_path, workers=1)
    assert len(df) == 1
    row = df.iloc[0]
    assert row["title"] == "Minister resigns"
    assert row["published"] == pd.Timestamp("2023-03-03 10:00", tz="UTC")
    assert not rep.skipped
    (where, why), = rep.degraded
    assert where.endswith("thin.html") and "little article body" in why and "title and date" in why


def test_page_with_only_a_date_is_kept_degraded(tmp_path: Path) -> None:
    page = ('<html><head><meta property="article:published_time" content="2023-03-03"></head>'
            "<body><p>Login</p></body></html>")
    (tmp_path / "dated.html").write_text(page, encoding="utf-8")
    df, rep = load_articles_with_report(tmp_path, workers=1)
    assert len(df) == 1 and df.iloc[0]["published"] == pd.Timestamp("2023-03-03", tz="UTC")
    assert "kept for its date" in rep.degraded[0][1]


def test_page_with_nothing_is_skipped_with_reason(tmp_path: Path) -> None:
    (tmp_path / "empty.html").write_text("<html><body><div><a href='/'>Home</a></div></body></html>",
                                         encoding="utf-8")
    df, rep = load_articles_with_report(tmp_path, workers=1)
    assert len(df) == 0
    (where, why), = rep.skipped
    assert where.endswith("empty.html") and "no article body" in why and "title or date" in why


def test_body_outside_p_tags_and_inside_a_form_is_found(tmp_path: Path) -> None:
    # an article held in a <form> (a comment or paywall wrapper) in <div>s, not <p>s
    body = "".join(f"<div class='text'>{BODY} Block {k}.</div>" for k in range(4))
    page = (f"<html><head><title>Inside a form</title></head><body><form action='/x'><article>"
            f"<h1>Inside a form</h1>{body}</article></form></body></html>")
    (tmp_path / "form.html").write_text(page, encoding="utf-8")
    row = load_articles(tmp_path / "form.html").iloc[0]
    for k in range(4):
        assert f"Block {k}." in row["text"]


# --- item 4: authors ------------------------------------------------------------------------------

@pytest.mark.parametrize(("byline", "names"), [
    ("By Jane Doe, March 14, 2022", ["Jane Doe"]),
    ("Von Vanessa Franke", ["Vanessa Franke"]),
    ("Publiziert am 12.05.2022", []),
    ("Jane Doe and John Roe | Reuters", ["Jane Doe", "John Roe"]),
    ("Text: dpa", []),
    ("By JANE DOE", ["Jane Doe"]),
    ("Updated 3 hours ago", []),
    ("March", []),
    ("Theresa May", ["Theresa May"]),
    ("John E Smith", ["John E Smith"]),
    ("Jane Doe; jane.doe@example.com", ["Jane Doe"]),
    ("", []),
    ("Posted on June 2, 2021 by Mara Lind", ["Mara Lind"]),
    ("Posted by Tom K. Berg at 18:52", ["Tom K. Berg"]),
    ("Von Lea Sommer am 3. Mai 2021 um 10:15 Uhr", ["Lea Sommer"]),
    ("Lea Sommer Stand: 05. Februar 2020", ["Lea Sommer"]),
    ("View all posts by Omar Haddad", ["Omar Haddad"]),
    ("Zeige alle Beiträge von Ines Roth", ["Ines Roth"]),
    ("Autor/in: Ines Roth", ["Ines Roth"]),
    ("Redakteurin Ines Roth", ["Ines Roth"]),
    ("Sam Reed from University of Leeds", ["Sam Reed"]),
    ("Sam Reed for The Weekly Planet", ["Sam Reed"]),
    ("Paul Vogt says:", ["Paul Vogt"]),
    ("Carla Nunes, Ana Prado y José Luis Vidal", ["Carla Nunes", "Ana Prado", "José Luis Vidal"]),
    ("Anna Berg, Jonas Holm und Eva Lind", ["Anna Berg", "Jonas Holm", "Eva Lind"]),
    ("Karl Otto Brenner im Gespräch mit Mia Falk", ["Karl Otto Brenner", "Mia Falk"]),
    ("Ursula von der Heide", ["Ursula von der Heide"]),
    ("Liam O'Dowd", ["Liam O'Dowd"]),
    ("VON MARTA KLEIN", ["Marta Klein"]),
    ("Sonnenland-Verlag GmbH, Kassel, Germany", []),
    ("Verband der Gartenfreunde e.V.", []),
    ("Landesministerium für Umwelt und Energie", []),
    ("Kai Brandt | Online-Redaktion", ["Kai Brandt"]),
    ("Kai Brandt, Hamburg, Lena Wolf", ["Kai Brandt", "Lena Wolf"]),
    ("The Weekly Planet", []),
    ("Name (required)", []),
    ("kleinerbaer", ["kleinerbaer"]),
    ("KNA", []),
])
def test_bylines_give_person_names_only(byline: str, names: list[str]) -> None:
    from toolkit.io.bylines import person_names

    assert person_names(byline) == names


def test_page_authors_without_dates_prefixes_or_comment_authors(tmp_path: Path) -> None:
    byline = '<p class="byline">By <span class="author">Jane Doe</span>, March 14, 2022</p>'
    comments = ('<section id="comments" class="comments"><h3>Comments</h3>'
                + "".join(f'<div class="comment"><span class="comment-author">Reader {k}</span>'
                          f"<p>I think this is a very good article about the talks, number {k}.</p></div>"
                          for k in range(3)) + "</section>")
    head = '<meta name="author" content="By Jane Doe">'
    (tmp_path / "a.html").write_text(_page(head=head, byline=byline, after=comments), encoding="utf-8")
    assert load_articles(tmp_path / "a.html").iloc[0]["authors"] == ["Jane Doe"]


def test_jsonld_person_author_wins_over_an_organisation_in_meta(tmp_path: Path) -> None:
    ld = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
          '"headline": "Talks to resume next month", "author": [{"@type": "Person", "name": "Tom K. Berg"}, '
          '{"@type": "Organization", "name": "Daily Wire Service"}], '
          '"image": {"@type": "ImageObject", "author": "Photo Desk Person"}}</script>')
    head = '<meta name="author" content="Daily Herald Media Group">' + ld
    (tmp_path / "a.html").write_text(_page(head=head), encoding="utf-8")
    assert load_articles(tmp_path / "a.html").iloc[0]["authors"] == ["Tom K. Berg"]


def test_jsonld_graph_author_by_id_and_meta_lists_coauthor(tmp_path: Path) -> None:
    ld = ('<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
          '{"@type": "Article", "@id": "#a", "author": {"@id": "#p1"}}, '
          '{"@type": "Person", "@id": "#p1", "name": "Mara Lind"}]}</script>')
    head = '<meta name="author" content="Mara Lind, Omar Haddad">' + ld
    (tmp_path / "a.html").write_text(_page(head=head), encoding="utf-8")
    assert load_articles(tmp_path / "a.html").iloc[0]["authors"] == ["Mara Lind", "Omar Haddad"]


def test_handle_in_metadata_gives_way_to_the_written_name(tmp_path: Path) -> None:
    ld = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "BlogPosting", '
          '"author": {"@type": "Person", "name": "maralind"}}</script>')
    byline = '<p class="byline">von Mara Lind</p>'
    (tmp_path / "a.html").write_text(_page(head=ld, byline=byline), encoding="utf-8")
    assert load_articles(tmp_path / "a.html").iloc[0]["authors"] == ["Mara Lind"]


def test_wordpress_byline_inside_category_classes_and_comment_list_left_out(tmp_path: Path) -> None:
    post = ('<div class="post type-post category-news category-local"><h1>Talks to resume next month</h1>'
            '<p class="post-meta">Autor: <a href="/author/mlind/" rel="author">Mara Lind</a></p>'
            + "".join(f"<p>{BODY} Paragraph {k}.</p>" for k in range(4)) + "</div>"
            '<ol class="comment-list"><li><span class="comment-author">Reader One says:</span>'
            '<p>Good article about the talks, thank you very much for writing it.</p></li></ol>')
    page = ('<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Talks to resume next month</title>'
            f"</head><body>{post}</body></html>")
    (tmp_path / "a.html").write_text(page, encoding="utf-8")
    assert load_articles(tmp_path / "a.html").iloc[0]["authors"] == ["Mara Lind"]


def test_twitter_written_by_label_gives_the_author(tmp_path: Path) -> None:
    head = '<meta name="twitter:label1" content="Verfasst von"><meta name="twitter:data1" content="Ines Roth">'
    (tmp_path / "a.html").write_text(_page(head=head), encoding="utf-8")
    assert load_articles(tmp_path / "a.html").iloc[0]["authors"] == ["Ines Roth"]


def test_page_without_author_gives_empty_list(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(_page(), encoding="utf-8")
    assert load_articles(tmp_path / "a.html").iloc[0]["authors"] == []


def test_german_byline_with_publication_line(tmp_path: Path) -> None:
    byline = '<div class="meta"><span class="author">Von Vanessa Franke</span> Publiziert am 12.05.2022</div>'
    head = '<meta name="author" content="Von Vanessa Franke">'
    (tmp_path / "a.html").write_text(_page(head=head, byline=byline), encoding="utf-8")
    assert load_articles(tmp_path / "a.html").iloc[0]["authors"] == ["Vanessa Franke"]


# --- item 3: the page's own day -------------------------------------------------------------------

def test_local_day_survives_the_utc_conversion(tmp_path: Path) -> None:
    head = '<meta property="article:published_time" content="2022-05-08T01:30:00+02:00">'
    (tmp_path / "a.html").write_text(_page(head=head), encoding="utf-8")
    row = load_articles(tmp_path / "a.html").iloc[0]
    assert row["published"] == pd.Timestamp("2022-05-07 23:30", tz="UTC")
    assert row["published_day"] == dt.date(2022, 5, 8)


def test_day_only_page_has_the_same_day_in_both_columns(tmp_path: Path) -> None:
    head = '<meta property="article:published_time" content="2022-05-08">'
    (tmp_path / "a.html").write_text(_page(head=head), encoding="utf-8")
    row = load_articles(tmp_path / "a.html").iloc[0]
    assert row["published"] == pd.Timestamp("2022-05-08", tz="UTC")
    assert row["published_day"] == dt.date(2022, 5, 8)


# --- issue 15 item 9: bounded work per page -------------------------------------------------------

def test_huge_page_is_cut_before_parsing_and_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html_mod, "MAX_PARSE_CHARS", 200_000)
    filler = "<div class='x'>" + "<span>menu item</span>" * 20_000 + "</div>"  # ~460,000 characters
    (tmp_path / "huge.html").write_text(_page(after=filler), encoding="utf-8")
    df, rep = load_articles_with_report(tmp_path, workers=1)
    assert len(df) == 1 and "The foreign minister said" in df.iloc[0]["text"]
    (_, why), = rep.degraded
    assert "cut to the first 200,000" in why and "before parsing" in why


def test_huge_page_of_scripts_keeps_its_whole_body(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html_mod, "MAX_PARSE_CHARS", 200_000)
    script = "<script>" + "var a = 1;" * 30_000 + "</script>"  # 300,000 characters, before the article
    (tmp_path / "js.html").write_text(_page(head=script), encoding="utf-8")
    df, rep = load_articles_with_report(tmp_path, workers=1)
    assert "Paragraph 3." in df.iloc[0]["text"]
    assert "scripts, styles and inline images dropped" in rep.degraded[0][1]


def test_text_over_the_character_limit_is_cut_and_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html_mod, "MAX_TEXT_CHARS", 500)
    (tmp_path / "long.html").write_text(_page(paras=10), encoding="utf-8")
    df, rep = load_articles_with_report(tmp_path, workers=1)
    assert len(df.iloc[0]["text"]) <= 500
    assert "cut at 500" in rep.degraded[0][1]


# --- issue 15 item 8: dependencies ----------------------------------------------------------------

def test_pyproject_depends_on_lxml_html_clean_by_name() -> None:
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    names = {d.split(">")[0].split("=")[0].split("<")[0].split("[")[0].strip().lower() for d in deps}
    assert {"lxml_html_clean", "trafilatura", "charset_normalizer", "newspaper3k", "htmldate"} <= names


def test_missing_lxml_html_clean_is_an_import_error() -> None:
    code = ("import sys; sys.modules['lxml_html_clean'] = None\n"
            "try:\n    import toolkit\nexcept ImportError as exc:\n    print('IMPORT ERROR', exc)\n"
            "else:\n    print('imported')\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False,
                         cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout
    assert "IMPORT ERROR" in out and "lxml_html_clean" in out and "pip install" in out


def test_publisher_named_as_author_is_not_an_author(tmp_path: Path) -> None:
    head = ('<meta name="author" content="The Daily Herald"><meta property="og:site_name" content="The Daily Herald">'
            '<link rel="canonical" href="https://www.dailyherald.example.com/a">')
    (tmp_path / "a.html").write_text(_page(head=head), encoding="utf-8")
    assert load_articles(tmp_path / "a.html").iloc[0]["authors"] == []
    head = ('<meta name="author" content="Jane Doe, dailyherald.example.com">'
            '<link rel="canonical" href="https://www.dailyherald.example.com/a">')
    (tmp_path / "a.html").write_text(_page(head=head), encoding="utf-8")
    assert load_articles(tmp_path / "a.html").iloc[0]["authors"] == ["Jane Doe"]


# --- issue 13: titles ---------------------------------------------------------------------------

def _blog(head: str, header: str, article: str) -> str:
    paras = "".join(f"<p>{BODY} Paragraph {k}.</p>" for k in range(4))
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">{head}</head><body>'
            f"<header>{header}</header><article>{article}{paras}</article></body></html>")


def test_site_name_h1_in_the_header_is_not_the_title(tmp_path: Path) -> None:
    page = _blog("<title>Winter swims in the harbour | Salt and Pepper Notes</title>",
                 '<h1><a href="https://notes.example.org/">Salt and Pepper Notes</a></h1>',
                 "<h1>Winter swims in the harbour</h1>")
    (tmp_path / "a.html").write_text(page, encoding="utf-8")
    assert load_articles(tmp_path / "a.html").iloc[0]["title"] == "Winter swims in the harbour"


def test_title_without_the_site_name_that_og_title_leaves_out(tmp_path: Path) -> None:
    head = ('<title>Winter swims in the harbour – Salt and Pepper Notes</title>'
            '<meta property="og:title" content="Winter swims in the harbour">')
    (tmp_path / "a.html").write_text(_blog(head, "", ""), encoding="utf-8")
    assert load_articles(tmp_path / "a.html").iloc[0]["title"] == "Winter swims in the harbour"


def test_kicker_before_the_headline_is_left_out(tmp_path: Path) -> None:
    head = ('<title>Harbour: Winter swims draw a crowd | The Daily</title>'
            '<meta property="og:title" content="Winter swims draw a crowd">')
    (tmp_path / "a.html").write_text(_blog(head, "", "<h1>Harbour: Winter swims draw a crowd</h1>"),
                                     encoding="utf-8")
    assert load_articles(tmp_path / "a.html").iloc[0]["title"] == "Winter swims draw a crowd"
