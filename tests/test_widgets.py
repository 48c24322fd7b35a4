"""The explorers of toolkit.widgets: set .value on every control, assert on what the outputs hold."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import toolkit.widgets as widgets_mod
from toolkit import schema

MentionExplorer = widgets_mod.MentionExplorer
DiversityExplorer = widgets_mod.DiversityExplorer
StatementExplorer = widgets_mod.StatementExplorer
Dashboard = widgets_mod.Dashboard
ALL = widgets_mod.ALL

TEXTS = {
    "a1": ('Lithuania is ready, Prime Minister Ingrida Simonyte said on Wednesday.\n\n'
           '"We could not send anything," Simonyte told FT. Kyiv has not asked.'),
    "a2": ('Russia reacted.\n\n'
           '"This is a new round of tensions <script>alert(1)</script>," Kremlin spokesman '
           'Dmitry Peskov said. Lithuania and Ukraine were named.'),
    "a3": ('France spoke.\n\nPresident Emmanuel Macron said Western troops could be sent to Ukraine, '
           'according to Reuters. Russia disagreed.'),
}
ARTICLES = [
    # article_id, outlet, country, published, url
    ("a1", "Daily Alpha", "GBR", "2024-05-08T10:00:00Z", "https://alpha.example/1"),
    ("a2", "Beta Times", "FRA", "2024-06-03T09:00:00Z", "https://beta.example/2"),
    ("a3", "Beta Times", "FRA", "2024-07-15T12:00:00Z", "javascript:alert(1)"),
]


def _span(aid: str, needle: str, nth: int = 0) -> tuple[int, int]:
    text, start = TEXTS[aid], -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


@pytest.fixture
def tables() -> dict[str, pd.DataFrame]:
    articles = schema.from_records([
        {"article_id": a, "url": u, "outlet": o, "outlet_domain": u.split("/")[2] if "//" in u else None,
         "outlet_country": c, "title": f"Title {a}", "authors": [], "published": p, "language": "en",
         "text": TEXTS[a], "source": f"{a}.md"} for a, o, c, p, u in ARTICLES], "articles")

    def mention(aid: str, surface: str, etype: str, eid: str, name: str, country: str,
                role: str | None = None, nth: int = 0) -> dict:
        s, e = _span(aid, surface, nth)
        return {"article_id": aid, "field": "text", "entity_type": etype, "entity_id": eid,
                "name": name, "country": country, "role": role, "surface": surface, "start": s,
                "end": e, "in_quote": False}

    mentions = schema.from_records([
        mention("a1", "Lithuania", "country", "LTU", "Lithuania", "LTU"),
        mention("a1", "Ingrida Simonyte", "official", "ingrida-simonyte", "Ingrida Simonyte", "LTU",
                "Prime Minister"),
        mention("a1", "Simonyte", "official", "ingrida-simonyte", "Ingrida Simonyte", "LTU",
                "Prime Minister", nth=1),
        mention("a1", "Kyiv", "country", "UKR", "Ukraine", "UKR"),
        mention("a2", "Russia", "country", "RUS", "Russia", "RUS"),
        mention("a2", "Kremlin", "country", "RUS", "Russia", "RUS"),
        mention("a2", "Dmitry Peskov", "official", "dmitry-peskov", "Dmitry Peskov", "RUS", "Spokesman"),
        mention("a2", "Lithuania", "country", "LTU", "Lithuania", "LTU"),
        mention("a2", "Ukraine", "country", "UKR", "Ukraine", "UKR"),
        mention("a3", "France", "country", "FRA", "France", "FRA"),
        mention("a3", "Emmanuel Macron", "official", "emmanuel-macron", "Emmanuel Macron", "FRA",
                "President"),
        mention("a3", "Ukraine", "country", "UKR", "Ukraine", "UKR"),
        mention("a3", "Russia", "country", "RUS", "Russia", "RUS"),
    ], "mentions")

    def statement(sid: str, aid: str, quote: str, speaker_surface: str, speaker: str, role: str,
                  country: str, kind: str, date: str, cue: str = "said", nth: int = 0) -> dict:
        qs, qe = _span(aid, quote)
        ss, se = _span(aid, speaker_surface, nth)
        return {"statement_id": sid, "article_id": aid, "kind": kind, "quote": quote, "quote_start": qs,
                "quote_end": qe, "speaker": speaker, "speaker_start": ss, "speaker_end": se,
                "speaker_id": speaker.lower().replace(" ", "-"), "speaker_type": "official",
                "speaker_role": role, "speaker_country": country, "cue": cue, "venue": None,
                "statement_date": date, "date_text": None, "date_basis": "published", "confidence": 0.9}

    statements = schema.from_records([
        statement("s1", "a1", "Lithuania is ready", "Ingrida Simonyte", "Ingrida Simonyte",
                  "Prime Minister", "LTU", "indirect", "2024-05-08T00:00:00Z"),
        statement("s2", "a1", "We could not send anything,", "Simonyte", "Ingrida Simonyte",
                  "Prime Minister", "LTU", "direct", "2024-05-08T00:00:00Z", cue="told FT", nth=1),
        statement("s3", "a2", "This is a new round of tensions <script>alert(1)</script>,",
                  "Dmitry Peskov", "Dmitry Peskov", "Spokesman", "RUS", "direct",
                  "2024-06-03T00:00:00Z"),
        statement("s4", "a3", "Western troops could be sent to Ukraine", "Emmanuel Macron",
                  "Emmanuel Macron", "President", "FRA", "indirect", "2024-07-10T00:00:00Z"),
    ], "statements")

    def source(aid: str, surface: str, name: str, stype: str, country: str) -> dict:
        s, e = _span(aid, surface)
        return {"article_id": aid, "source": name, "source_type": stype, "source_country": country,
                "surface": surface, "start": s, "end": e}

    sources = schema.from_records([
        source("a1", "FT", "Financial Times", "media", "GBR"),
        source("a3", "Reuters", "Reuters", "agency", "GBR"),
    ], "sources")
    return {"articles": articles, "mentions": mentions, "statements": statements, "sources": sources}


class FakeCorpus:
    def __init__(self, t: dict[str, pd.DataFrame]) -> None:
        self.articles, self.mentions = t["articles"], t["mentions"]
        self.statements, self.sources = t["statements"], t["sources"]


def _ok(explorer: object) -> None:
    assert "tk-error" not in explorer.status.value, explorer.status.value  # type: ignore[attr-defined]
    assert explorer.plot.value[:8] == b"\x89PNG\r\n\x1a\n"  # type: ignore[attr-defined]


def _changes(explorer: object, control: str, value: object) -> tuple[bytes, str]:
    before = (explorer.plot.value, explorer.table.value)  # type: ignore[attr-defined]
    getattr(explorer, control).value = value
    _ok(explorer)
    return before  # type: ignore[return-value]


# -- construction ---------------------------------------------------------------------------------

def test_explorers_build_from_corpus_and_tables(tables: dict[str, pd.DataFrame]) -> None:
    for cls in (MentionExplorer, DiversityExplorer, StatementExplorer):
        a = cls(FakeCorpus(tables))
        b = cls.from_tables(**tables)
        _ok(a)
        _ok(b)
        assert a.plot.value == b.plot.value
        assert a.table.value == b.table.value


def test_inputs_are_not_modified(tables: dict[str, pd.DataFrame]) -> None:
    copies = {k: v.copy() for k, v in tables.items()}
    d = Dashboard.from_tables(**tables)
    d.statements.official.value = "dmitry-peskov"
    d.mentions.metric.value = "articles"
    for k, v in tables.items():
        pd.testing.assert_frame_equal(v, copies[k])


def test_wrong_corpus_type_names_what_is_missing() -> None:
    with pytest.raises(TypeError, match="corpus"):
        MentionExplorer(object())


def test_dashboard_has_three_tabs(tables: dict[str, pd.DataFrame]) -> None:
    d = Dashboard(FakeCorpus(tables))
    assert [d.get_title(i) for i in range(3)] == ["Mentions", "Source diversity", "Statements"]
    assert d.children == (d.mentions, d.diversity, d.statements)
    for e in d.children:
        _ok(e)


def test_empty_tables_give_a_message_not_an_error() -> None:
    d = Dashboard.from_tables(articles=schema.empty("articles"))
    for e in d.children:
        _ok(e)
        assert "No rows" in e.table.value


# -- MentionExplorer ------------------------------------------------------------------------------

def test_mention_controls_are_filled_from_the_data(tables: dict[str, pd.DataFrame]) -> None:
    m = MentionExplorer.from_tables(**tables)
    assert [v for _, v in m.country.options] == ["RUS", "UKR", "LTU", "FRA"]  # by count
    assert set(m.country.value) == {"RUS", "UKR", "LTU", "FRA"}
    assert {v for _, v in m.official.options} == {"ingrida-simonyte", "dmitry-peskov", "emmanuel-macron"}
    assert [v for _, v in m.outlet.options] == [ALL, "Beta Times", "Daily Alpha"]
    assert (m.start.value, m.end.value) == (dt.date(2024, 5, 8), dt.date(2024, 7, 15))
    assert m.period.value == "W"  # a span of ten weeks


def test_mention_country_and_official(tables: dict[str, pd.DataFrame]) -> None:
    m = MentionExplorer.from_tables(**tables)
    assert "Lithuania" in m.table.value and "Ingrida Simonyte" not in m.table.value
    before = _changes(m, "country", ("FRA",))
    assert "France" in m.table.value and "Lithuania" not in m.table.value
    assert m.plot.value != before[0]
    _changes(m, "official", ("ingrida-simonyte",))
    assert "Ingrida Simonyte" in m.table.value and "France" in m.table.value
    m.country.value = ()
    _ok(m)
    assert "France" not in m.table.value and "Ingrida Simonyte" in m.table.value


def test_mention_outlet(tables: dict[str, pd.DataFrame]) -> None:
    m = MentionExplorer.from_tables(**tables)
    before = _changes(m, "outlet", "Daily Alpha")
    assert "Lithuania" in m.table.value and "Russia" not in m.table.value
    assert m.plot.value != before[0]


def test_mention_date_range(tables: dict[str, pd.DataFrame]) -> None:
    m = MentionExplorer.from_tables(**tables)
    before = _changes(m, "start", dt.date(2024, 7, 1))
    assert "France" in m.table.value and "Lithuania" not in m.table.value
    assert m.plot.value != before[0]
    _changes(m, "end", dt.date(2024, 7, 2))
    assert "No rows" in m.table.value


def test_mention_period(tables: dict[str, pd.DataFrame]) -> None:
    m = MentionExplorer.from_tables(**tables)
    assert "2024-05-06" in m.table.value  # the Monday of the week of 8 May
    before = _changes(m, "period", "M")
    assert "2024-05-01" in m.table.value and "2024-05-06" not in m.table.value
    assert m.plot.value != before[0]
    _changes(m, "period", "D")
    assert "2024-05-08" in m.table.value


def test_mention_metric(tables: dict[str, pd.DataFrame]) -> None:
    m = MentionExplorer.from_tables(**tables)
    assert "per_1000_articles" not in m.table.value
    before = _changes(m, "metric", "articles")
    assert "per_1000_articles" in m.table.value and "<td>2,000</td>" in m.table.value  # 2 mentions / 1 article
    assert m.plot.value != before[0]


def test_returning_to_a_selection_gives_the_same_picture(tables: dict[str, pd.DataFrame]) -> None:
    m = MentionExplorer.from_tables(**tables)
    first = m.plot.value
    m.period.value = "M"
    m.period.value = "W"
    assert m.plot.value == first


def test_a_reused_canvas_draws_what_a_fresh_one_draws(tables: dict[str, pd.DataFrame],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Each explorer redraws one Figure; every picture must equal a fresh Figure's, byte for byte,
    whatever was drawn before it (locators, rotated labels, limits, legends, empty messages)."""
    real = widgets_mod._Canvas.png
    same: list[bool] = []

    def png(self, draw, data, **options):  # type: ignore[no-untyped-def]
        out = real(self, draw, data, **options)
        same.append(out == real(widgets_mod._Canvas(self.size, self.margins), draw, data, **options))
        return out

    monkeypatch.setattr(widgets_mod._Canvas, "png", png)
    m = MentionExplorer.from_tables(**tables)
    for control, value in [("metric", "articles"), ("period", "M"), ("country", ()),
                           ("official", ("dmitry-peskov",)), ("start", dt.date(2030, 1, 1)),
                           ("start", dt.date(2024, 5, 1)), ("metric", "count")]:
        getattr(m, control).value = value
    d = DiversityExplorer.from_tables(**tables)
    for control, value in [("period", "D"), ("metric", "gender_male_share"), ("outlet", "Beta Times"),
                           ("start", dt.date(2030, 1, 1)), ("start", dt.date(2024, 5, 1)),
                           ("period", "outlet")]:
        getattr(d, control).value = value
    s = StatementExplorer.from_tables(**tables)
    for control, value in [("country", "FRA"), ("country", ALL), ("start", dt.date(2030, 1, 1)),
                           ("start", dt.date(2024, 1, 1)), ("outlet", "Beta Times")]:
        getattr(s, control).value = value
    assert len(same) >= 18 and all(same), same


def test_canvas_restores_rotated_tick_labels() -> None:
    """Crowded group labels are drawn rotated; the next picture's labels must not stay rotated."""
    crowded = pd.DataFrame({"outlet": [f"A rather long outlet name number {i}" for i in range(12)],
                            "n_statements": range(1, 13), "speaker_entropy_norm": [0.5] * 12})
    few = crowded.head(2).assign(outlet=["Alpha", "Beta"])
    canvas = widgets_mod._Canvas()
    fresh = widgets_mod._Canvas().png(widgets_mod.plots.plot_diversity, few, empty_message="none")
    canvas.png(widgets_mod.plots.plot_diversity, crowded, empty_message="none")
    assert canvas.png(widgets_mod.plots.plot_diversity, few, empty_message="none") == fresh


# -- DiversityExplorer ----------------------------------------------------------------------------

def test_diversity_controls_are_filled_from_the_data(tables: dict[str, pd.DataFrame]) -> None:
    d = DiversityExplorer.from_tables(**tables)
    assert [v for _, v in d.outlet.options] == [ALL, "Beta Times", "Daily Alpha"]
    assert [v for _, v in d.country.options] == [ALL, "FRA", "GBR"]
    assert d.period.value == "outlet"
    assert len(d.metric.options) >= 2
    assert "Beta Times" in d.table.value and "Daily Alpha" in d.table.value


def test_diversity_outlet_and_country(tables: dict[str, pd.DataFrame]) -> None:
    d = DiversityExplorer.from_tables(**tables)
    before = _changes(d, "outlet", "Daily Alpha")
    assert "Daily Alpha" in d.table.value and "Beta Times" not in d.table.value
    assert d.plot.value != before[0]
    d.outlet.value = ALL
    _changes(d, "country", "FRA")
    assert "Beta Times" in d.table.value and "Daily Alpha" not in d.table.value


def test_diversity_date_range(tables: dict[str, pd.DataFrame]) -> None:
    d = DiversityExplorer.from_tables(**tables)
    _changes(d, "end", dt.date(2024, 5, 31))
    assert "Daily Alpha" in d.table.value and "Beta Times" not in d.table.value
    _changes(d, "start", dt.date(2024, 6, 1))
    assert "Daily Alpha" not in d.table.value


def test_diversity_period_and_metric(tables: dict[str, pd.DataFrame]) -> None:
    d = DiversityExplorer.from_tables(**tables)
    before = _changes(d, "period", "M")
    assert "2024-06" in d.table.value
    assert d.plot.value != before[0]
    assert d.metric.value == "n_speakers"
    assert "gender_male_share" in [v for _, v in d.metric.options]
    assert "gender_male_share" not in d.table.value
    before = _changes(d, "metric", "gender_male_share")
    assert d.plot.value != before[0]
    assert "gender_male_share" in d.table.value


# -- StatementExplorer ----------------------------------------------------------------------------

def test_statement_table_columns_and_escaping(tables: dict[str, pd.DataFrame]) -> None:
    s = StatementExplorer.from_tables(**tables)
    html = s.table.value
    for col in ("date", "speaker", "role", "country", "quote", "outlet", "url"):
        assert f"<th>{col}</th>" in html
    for who in ("Ingrida Simonyte", "Dmitry Peskov", "Emmanuel Macron"):
        assert who in html
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="https://alpha.example/1"' in html
    assert "javascript:" not in html  # an unsafe URL is not turned into a link
    # ordered by statement date: Simonyte (May) before Peskov (June) before Macron (July)
    assert html.index("Ingrida Simonyte") < html.index("Dmitry Peskov") < html.index("Emmanuel Macron")


def test_statement_controls_are_filled_from_the_data(tables: dict[str, pd.DataFrame]) -> None:
    s = StatementExplorer.from_tables(**tables)
    assert [v for _, v in s.country.options] == [ALL, "LTU", "FRA", "RUS"]
    # the speakers as people: by id, most statements first, with counts and ids in the label
    assert [v for _, v in s.official.options][:2] == [ALL, "ingrida-simonyte"]
    assert s.official.options[1][0].startswith("Ingrida Simonyte — 2 statements, 2 mentions · id ingrida-simonyte")
    assert [v for _, v in s.outlet.options] == [ALL, "Beta Times", "Daily Alpha"]
    # the dates open at the articles' publication dates (not at the statements' own)
    assert (s.start.value, s.end.value) == (dt.date(2024, 5, 8), dt.date(2024, 7, 15))
    assert [v for _, v in s.statement.options] == ["", "s1", "s2", "s3", "s4"]


def test_statement_official(tables: dict[str, pd.DataFrame]) -> None:
    s = StatementExplorer.from_tables(**tables)
    before = _changes(s, "official", "dmitry-peskov")
    assert "Dmitry Peskov" in s.table.value and "Ingrida Simonyte" not in s.table.value
    assert s.plot.value != before[0]
    assert [v for _, v in s.statement.options] == ["", "s3"]


def test_statements_without_unique_ids_take_the_full_timeline(tables: dict[str, pd.DataFrame]) -> None:
    """Duplicate statement ids (a user's own table): no lookup by id, the timeline is built in full."""
    st = tables["statements"].assign(statement_id="same")
    s = StatementExplorer.from_tables(**{**tables, "statements": st})
    _ok(s)
    full = s.table.value
    assert "Ingrida Simonyte" in full and "Dmitry Peskov" in full
    _changes(s, "official", "dmitry-peskov")
    assert "Dmitry Peskov" in s.table.value and "Ingrida Simonyte" not in s.table.value
    _changes(s, "outlet", "Daily Alpha")  # Peskov spoke in Beta Times only
    assert "No rows for this selection" in s.table.value


def test_lean_timeline_shows_what_the_full_timeline_shows(tables: dict[str, pd.DataFrame]) -> None:
    """With unique ids the explorer builds text columns for the table's rows only; the table and
    the picture must be those of the full timeline (duplicate ids force the full one)."""
    lean = StatementExplorer.from_tables(**tables)
    full = StatementExplorer.from_tables(**{**tables, "statements": tables["statements"].assign(
        statement_id=["same"] * len(tables["statements"]))})
    for control, value in [("country", "FRA"), ("country", ALL), ("outlet", "Beta Times"),
                           ("official", "dmitry-peskov"), ("outlet", ALL), ("official", ALL),
                           ("start", dt.date(2024, 6, 1))]:
        for e in (lean, full):
            _changes(e, control, value)
        assert lean.table.value == full.table.value, (control, value)
        assert lean.plot.value == full.plot.value, (control, value)


def test_statement_country(tables: dict[str, pd.DataFrame]) -> None:
    s = StatementExplorer.from_tables(**tables)
    before = _changes(s, "country", "FRA")
    assert "Emmanuel Macron" in s.table.value and "Dmitry Peskov" not in s.table.value
    assert s.plot.value != before[0]


def test_statement_outlet(tables: dict[str, pd.DataFrame]) -> None:
    s = StatementExplorer.from_tables(**tables)
    _changes(s, "outlet", "Daily Alpha")
    assert "Ingrida Simonyte" in s.table.value and "Dmitry Peskov" not in s.table.value


def test_statement_date_range(tables: dict[str, pd.DataFrame]) -> None:
    s = StatementExplorer.from_tables(**tables)
    _changes(s, "start", dt.date(2024, 6, 1))
    assert "Ingrida Simonyte" not in s.table.value and "Dmitry Peskov" in s.table.value
    _changes(s, "end", dt.date(2024, 6, 30))
    assert "Emmanuel Macron" not in s.table.value and "Dmitry Peskov" in s.table.value


def test_selected_statement_is_highlighted_in_its_paragraph(tables: dict[str, pd.DataFrame]) -> None:
    s = StatementExplorer.from_tables(**tables)
    assert s.statement.value == "s1"  # the first statement is shown from the start
    assert '<mark class="tk-quote">Lithuania is ready</mark>' in s.detail.value
    s.statement.value = "s2"
    d = s.detail.value
    assert '<mark class="tk-quote">We could not send anything,</mark>' in d
    assert '<mark class="tk-speaker">Simonyte</mark>' in d
    assert "Kyiv has not asked" in d and "Lithuania is ready" not in d  # its paragraph only
    s.statement.value = "s3"
    d = s.detail.value
    assert "<script>" not in d
    assert '<mark class="tk-quote">This is a new round of tensions &lt;script&gt;' in d
    assert '<mark class="tk-speaker">Dmitry Peskov</mark>' in d
    s.statement.value = ""
    assert s.detail.value == ""


def test_highlight_handles_overlap_and_bad_offsets() -> None:
    text = 'A <b>\n"Quote by Ann," Ann said.\nNext'
    q = text.index('"Quote')
    out = widgets_mod.highlight(text, {"quote": (q, q + 15), "speaker": (q + 10, q + 13)})
    assert out.startswith('<mark class="tk-quote">&quot;Quote by ')
    assert '<mark class="tk-speaker"><mark class="tk-quote">Ann</mark></mark>' in out
    assert "Next" not in out and "&lt;b&gt;" not in out
    assert widgets_mod.highlight(text, {"quote": (5, 999)}) == ""
    assert widgets_mod.highlight(text, {"quote": (None, None)}) == ""


def test_html_table_counts_rows_it_was_cut_from() -> None:
    df = pd.DataFrame({"a": ["<b>x</b>", "y"], "url": ["https://e.example/?q=1&r=2", "ftp://x"]})
    html = widgets_mod.html_table(df, links=("url",), max_rows=1, total=5)
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "Showing 1 of 5 rows" in html
    assert 'href="https://e.example/?q=1&amp;r=2"' in html and "<td>y</td>" not in html


def test_dashboard_on_a_real_corpus_of_the_bundled_article(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import toolkit as tk
    from toolkit._paths import DATASETS

    corpus = tk.Corpus.open(tmp_path / "demo.corpus")
    corpus.add(tk.load_articles(DATASETS / "articles"))
    d = Dashboard(corpus)
    for e in d.children:
        _ok(e)
    assert "Peskov" in d.statements.table.value and "Macron" in d.statements.table.value
    peskov = next(v for label, v in d.statements.official.options if "Peskov" in label)
    _changes(d.statements, "official", peskov)
    assert "Peskov" in d.statements.table.value and "Macron" not in d.statements.table.value
    assert '<mark class="tk-speaker">' in d.statements.detail.value


def test_rows_of_unknown_articles_are_ignored(tables: dict[str, pd.DataFrame]) -> None:
    stray = tables["mentions"].iloc[[0]].assign(article_id="zz", entity_id="FRA", name="France")
    mentions = pd.concat([tables["mentions"], stray], ignore_index=True)
    m = MentionExplorer.from_tables(**{**tables, "mentions": mentions})
    m.country.value = ("FRA",)
    _ok(m)
    assert "<td>1</td>" in m.table.value and "<td>2</td>" not in m.table.value  # a3's one mention


# -- the first hour: search, junk, top N per period, reading a statement, pictures --------------

def test_speaker_search_lists_matching_people_with_counts_and_ids(tables: dict[str, pd.DataFrame]) -> None:
    s = StatementExplorer.from_tables(**tables)
    s.search.value = "PESK"
    # one match: chosen at once, and the table follows
    assert [v for _, v in s.official.options] == [ALL, "dmitry-peskov"]
    assert s.official.value == "dmitry-peskov"
    assert "1 statement, 1 mention · id dmitry-peskov" in s.official.options[1][0]
    assert "Dmitry Peskov" in s.table.value and "Ingrida Simonyte" not in s.table.value
    s.search.value = "o"  # Simonyte, Macron, Peskov
    assert len(s.official.options) == 4 and s.official.value == "dmitry-peskov"  # still listed
    s.search.value = "nobody at all"
    assert [v for _, v in s.official.options] == [ALL] and s.official.value == ALL
    _ok(s)


def test_unresolved_speakers_are_hidden_until_asked_for(tables: dict[str, pd.DataFrame]) -> None:
    st = tables["statements"].copy()
    st.loc[3, ["speaker_id", "speaker_type"]] = [None, "unknown"]  # Macron's statement: unresolved
    s = StatementExplorer.from_tables(**{**tables, "statements": st})
    assert "Emmanuel Macron" not in s.table.value and "Dmitry Peskov" in s.table.value
    assert "Emmanuel Macron" not in [v for _, v in s.official.options]
    assert "(1 statement" in s.show_unresolved.description
    s.show_unresolved.value = True
    _ok(s)
    assert "Emmanuel Macron" in s.table.value
    assert "Emmanuel Macron" in [v for _, v in s.official.options]  # no id: keyed by the name
    s.official.value = "Emmanuel Macron"
    assert "Emmanuel Macron" in s.table.value and "Dmitry Peskov" not in s.table.value
    s.show_unresolved.value = False  # the person is no longer listed: back to everyone shown
    _ok(s)
    assert s.official.value == ALL and "Emmanuel Macron" not in s.table.value


def test_statements_dated_outside_the_articles_are_counted_not_lost(tables: dict[str, pd.DataFrame]) -> None:
    st = tables["statements"].copy()
    st.loc[0, "statement_date"] = pd.Timestamp("2007-02-19", tz="UTC")  # "15 years ago"
    s = StatementExplorer.from_tables(**{**tables, "statements": st})
    # the articles' dates (with a month before the first, for "last week"), not 2007
    assert s.start.value == dt.date(2024, 5, 8) - dt.timedelta(days=StatementExplorer.LOOK_BACK)
    assert "Lithuania is ready" not in s.table.value and "Showing" not in s.table.value
    before = s.plot.value
    s.start.value = dt.date(2007, 1, 1)  # still reachable
    assert "Lithuania is ready" in s.table.value and s.plot.value != before


def test_top_n_per_period_shows_each_periods_leaders(tables: dict[str, pd.DataFrame]) -> None:
    m = MentionExplorer.from_tables(**tables)
    m.period.value = "M"
    m.show.value = "country:3"
    _ok(m)
    # May: LTU and UKR once each; June: RUS twice; July: France, Ukraine, Russia once each
    html = m.table.value
    assert "<th>rank</th>" in html and "Russia" in html and "Lithuania" in html
    m.show.value = "official:5"
    _ok(m)
    assert "Dmitry Peskov" in m.table.value and "Emmanuel Macron" in m.table.value


def test_reading_a_statement_gives_its_sentences_the_article_and_more(tables: dict[str, pd.DataFrame]) -> None:
    long = ("Intro sentence number one. " * 400 + 'Then came this. "A quote here," Ann Smith said. '
            "After that. " + "Closing sentence of the long text. " * 400)
    q = long.index('"A quote'), long.index('here,"') + 6
    sp = long.index("Ann Smith"), long.index("Ann Smith") + 9
    arts = tables["articles"].copy()
    arts.loc[0, "text"] = long
    st = tables["statements"].iloc[[0]].assign(quote_start=q[0], quote_end=q[1], speaker_start=sp[0],
                                               speaker_end=sp[1])
    s = StatementExplorer.from_tables(**{**tables, "articles": arts, "statements": st})
    d = s.detail.value
    assert '<mark class="tk-quote">&quot;A quote here,&quot;</mark>' in d
    assert '<mark class="tk-speaker">Ann Smith</mark>' in d
    assert "Then came this." in d and "After that." in d  # a sentence either side
    assert d.count("Intro sentence") <= 1 and d.count("Closing sentence") <= 1
    assert "Title a1" in d and "Daily Alpha" in d and "2024-05-08" in d
    assert 'href="https://alpha.example/1"' in d
    short = len(d)
    s.more.value = True  # the paragraph, still bounded
    limit = 5 * widgets_mod.CONTEXT_CHARS
    assert s.more.description == "less" and short < len(s.detail.value) < short + 2 * limit + 100
    assert s.detail.layout.max_height  # the explorer does not grow with the text


def test_dollar_signs_in_quotes_and_names_do_not_break_the_pictures(tables: dict[str, pd.DataFrame]) -> None:
    st = tables["statements"].assign(speaker=lambda d: d["speaker"] + " $x^{$",
                                     quote="$5 billion and $10 billion $$")
    arts = tables["articles"].assign(outlet=["$$ Times", "Beta Times", "Beta Times"])
    men = tables["mentions"].assign(name=lambda d: d["name"] + " $$")
    d = Dashboard.from_tables(**{**tables, "statements": st, "articles": arts, "mentions": men})
    for e in d.children:
        _ok(e)
    d.statements.official.value = d.statements.official.options[1][1]
    _ok(d.statements)
    assert "tex2jax_ignore" in d.statements.table.value  # JupyterLab's MathJax leaves it alone


def test_long_labels_are_not_clipped_at_the_figure_edge(tables: dict[str, pd.DataFrame]) -> None:
    long = "President of Ukraine Volodymyr Zelenskyy of the Office of the President"
    st = tables["statements"].assign(speaker=long)
    s = StatementExplorer.from_tables(**{**tables, "statements": st})
    _ok(s)
    renderer = s._canvas.figure.canvas.get_renderer()
    box = s._canvas.ax.yaxis.get_tightbbox(renderer)
    assert box.x0 >= 0, box  # the lane labels start inside the picture


def test_table_numbers_have_thousands_separators() -> None:
    df = pd.DataFrame({"n": [1170, 3], "rate": [1170.4, 0.0946], "ok": [True, False]})
    html = widgets_mod.html_table(df)
    assert "<td>1,170</td>" in html and "e+03" not in html
    assert "<td>0.0946</td>" in html and "<td>3</td>" in html and "<td>True</td>" in html
