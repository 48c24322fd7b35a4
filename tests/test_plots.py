"""toolkit.plots on small hand-made tables (Agg backend, nothing shown or saved)."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure

from toolkit import plots, schema
from toolkit.analysis import (
    co_mentions,
    mention_counts,
    source_diversity,
    statement_timeline,
)


def new_ax():  # type: ignore[no-untyped-def]
    fig = Figure(figsize=(9, 4), dpi=80)
    FigureCanvasAgg(fig)  # a canvas with a renderer, as savefig would attach
    return fig.subplots()


ARTICLES = schema.from_records([
    {"article_id": f"a{i}", "url": f"https://x/a{i}", "outlet": "A" if i % 2 else "B",
     "outlet_country": "GBR", "published": f"2024-0{1 + i % 3}-1{i}T08:00:00Z", "text": "x"}
    for i in range(6)
], "articles")
MENTIONS = schema.from_records([
    {"article_id": f"a{i}", "field": "text", "entity_type": "country", "entity_id": c,
     "name": {"UKR": "Ukraine", "RUS": "Russia", "LTU": "Lithuania"}[c], "country": c,
     "surface": c, "start": 10 * j, "end": 10 * j + 3, "in_quote": False}
    for i in range(6) for j, c in enumerate(["UKR", "RUS", "LTU"][: 1 + i % 3])
], "mentions")


def timeline(n: int, *, same_day: bool = False) -> pd.DataFrame:
    rows = []
    for i in range(n):
        day = 8 if same_day else 1 + i
        rows.append({"statement_id": f"s{i}", "article_id": "a1", "kind": "direct",
                     "quote": f"statement number {i} says something rather long and wordy",
                     "quote_start": i, "quote_end": i + 1,
                     "speaker": ["Ingrida Simonyte", "Emmanuel Macron"][i % 2],
                     "speaker_country": ["LTU", "FRA"][i % 2], "speaker_type": "official",
                     "statement_date": f"2024-05-{day:02d}T00:00:00Z"})
    return statement_timeline(schema.from_records(rows, "statements"), ARTICLES)


def test_mention_trends_lines_and_prepare() -> None:
    counts = mention_counts(MENTIONS, ARTICLES, by="country", freq="M")
    wide = plots.prepare_mention_trends(counts)
    # Jan: a0, a3 (UKR; UKR RUS LTU) ... every month Jan-Mar present, largest total first.
    assert wide.columns[0] == "Ukraine" and wide.index.is_monotonic_increasing
    assert len(wide) == 3 and wide["Ukraine"].sum() == 6
    ax = plots.plot_mention_trends(counts, ax=new_ax())
    assert len(ax.get_lines()) == 3
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel() == "mentions"
    assert isinstance(ax.xaxis.get_major_formatter(), mdates.ConciseDateFormatter)
    assert ax.get_legend() is not None
    norm = mention_counts(MENTIONS, ARTICLES, by="country", freq="M", normalize="articles")
    ax = plots.plot_mention_trends(norm, ax=new_ax(), top=1)
    assert len(ax.get_lines()) == 1 and "1,000" in ax.get_ylabel()


def test_gaps_filled_with_zero() -> None:
    counts = pd.DataFrame({"period": pd.to_datetime(["2024-01-01", "2024-04-01"]),
                           "key": ["UKR", "UKR"], "label": ["Ukraine", "Ukraine"],
                           "count": [2, 5]})
    wide = plots.prepare_mention_trends(counts)
    assert list(wide["Ukraine"]) == [2, 0, 0, 5]  # Feb, Mar filled


def test_diversity_bars_and_shares() -> None:
    st = schema.from_records([
        {"statement_id": "s1", "article_id": "a1", "quote": "q", "quote_start": 0,
         "quote_end": 1, "speaker": "X", "speaker_type": "official", "speaker_country": "FRA"},
        {"statement_id": "s2", "article_id": "a2", "quote": "q", "quote_start": 0,
         "quote_end": 1, "speaker": "Y", "speaker_type": "person", "speaker_country": "GBR"},
    ], "statements")
    div = source_diversity(st, schema.empty("sources"), ARTICLES, by="outlet")
    ax = plots.plot_diversity(div, ax=new_ax())
    # 2 outlets x 5 default metrics.
    assert len(ax.patches) == 10 and ax.get_ylim() == (0.0, 1.0)
    ax = plots.plot_diversity(div, ax=new_ax(), metric="n_speakers")
    assert len(ax.patches) == 2 and ax.get_ylabel() == "n speakers"
    ax = plots.plot_diversity(div, ax=new_ax(), kind="shares")
    # B (a2): person 1.0; A (a1): official 1.0 -> two non-empty categories, 2 bars each.
    heights = sorted(round(p.get_height(), 3) for p in ax.patches)
    assert heights == [0.0, 0.0, 1.0, 1.0]
    with pytest.raises(ValueError, match="metric='nope'"):
        plots.plot_diversity(div, ax=new_ax(), metric="nope")
    with pytest.raises(ValueError, match="kind='pie'"):
        plots.plot_diversity(div, ax=new_ax(), kind="pie")


def test_diversity_many_groups_are_cut() -> None:
    div = pd.DataFrame({"article_id": [f"a{i}" for i in range(100)], "n_statements": range(100),
                        "speaker_entropy_norm": 0.5})
    wide = plots.prepare_diversity(div, metric="speaker_entropy_norm", max_groups=10)
    assert list(wide.index) == [f"a{i}" for i in range(90, 100)]


def test_diversity_crowded_labels_rotate_or_thin_out() -> None:
    months = pd.date_range("2022-01-01", periods=24, freq="MS")
    by_period = pd.DataFrame({"period": months, "n_statements": 5, "speaker_entropy_norm": 0.5})
    ax = plots.plot_diversity(by_period, ax=new_ax(), metric="speaker_entropy_norm")
    shown = [t for t in ax.get_xticklabels() if t.get_text()]
    # Periods in a row: every k-th month labelled, upright, the first one included.
    assert 4 <= len(shown) < 24 and shown[0].get_text() == "2022-01"
    assert all(t.get_rotation() == 0 for t in shown)
    by_outlet = pd.DataFrame({"outlet": [f"Outlet with a long name {i}" for i in range(24)],
                              "n_statements": 5, "speaker_entropy_norm": 0.5})
    ax = plots.plot_diversity(by_outlet, ax=new_ax(), metric="speaker_entropy_norm")
    shown = [t for t in ax.get_xticklabels() if t.get_text()]
    assert len(shown) == 24 and all(t.get_rotation() == 35 for t in shown)  # no name is dropped


def test_statement_timeline_lanes_markers_labels_do_not_overlap() -> None:
    tl = timeline(6)
    ax = plots.plot_statement_timeline(tl, ax=new_ax())
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert ticks == ["Ingrida Simonyte (LTU)", "Emmanuel Macron (FRA)"]  # first speaker on top
    assert sum(len(c.get_offsets()) for c in ax.collections if isinstance(c, PathCollection)) == 6
    texts = [t for t in ax.texts if t.get_text().startswith("“")]
    assert len(texts) == 6
    renderer = ax.figure.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in texts]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not a.overlaps(b), "two quote labels collide"


def test_statement_timeline_crowded_labels_dropped_not_overlapping() -> None:
    tl = timeline(10, same_day=True)
    ax = plots.plot_statement_timeline(tl, ax=new_ax())
    texts = [t for t in ax.texts if t.get_text().startswith("“")]
    renderer = ax.figure.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in texts]
    assert 0 < len(texts) <= 10
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    many = plots.plot_statement_timeline(timeline(20), ax=new_ax())
    assert not [t for t in many.texts if t.get_text().startswith("“")]  # > 12: no labels


def test_co_mentions_heatmap() -> None:
    mat = co_mentions(MENTIONS)
    ax = plots.plot_co_mentions(mat, ax=new_ax())
    assert len(ax.images) == 1
    assert [t.get_text() for t in ax.get_yticklabels()] == list(mat.index)
    prep = plots.prepare_co_mentions(mat)
    assert prep.isna().sum().sum() == 3  # diagonal blanked
    # a{i} mentions the first 1 + i % 3 of UKR, RUS, LTU: a0, a3 UKR; a1, a4 +RUS; a2, a5 +LTU.
    assert prep.loc["Ukraine", "Russia"] == 4  # a1, a2, a4, a5
    assert sorted(t.get_text() for t in ax.texts) == sorted(["4", "4", "2", "2", "2", "2"])


@pytest.mark.parametrize("draw,data", [
    (plots.plot_mention_trends, mention_counts(schema.empty("mentions"), ARTICLES)),
    (plots.plot_diversity, pd.DataFrame()),
    (plots.plot_statement_timeline, timeline(0)),
    (plots.plot_co_mentions, pd.DataFrame()),
])
def test_empty_input_says_no_data(draw, data) -> None:  # type: ignore[no-untyped-def]
    ax = draw(data, ax=new_ax())
    assert any(t.get_text() == "no data" for t in ax.texts) and ax.get_title()


def test_new_figure_when_no_ax() -> None:
    import matplotlib.pyplot as plt

    ax = plots.plot_statement_timeline(timeline(3))
    assert ax.figure is not None
    plt.close(ax.figure)


# --- "$" in names, outlets and quotes (issue 15, item 12) ---------------------------------------

DOLLAR_TEXTS = {"double_dollar": "$$", "unclosed_math": "$x^{$",
                "dollar_amounts": "$5 billion and $10 billion"}


def _texts(ax) -> list[str]:  # type: ignore[no-untyped-def]
    """Every string drawn on the figure as it is shown (mathtext escapes resolved)."""
    from matplotlib.text import Text

    out = []
    for t in ax.figure.findobj(Text):
        shown, ismath = t._preprocess_math(t.get_text())
        assert ismath is False, f"{t.get_text()!r} is drawn as mathtext"
        out.append(shown)
    return out


@pytest.mark.parametrize("text", list(DOLLAR_TEXTS.values()), ids=list(DOLLAR_TEXTS))
def test_dollar_signs_in_data_are_drawn_as_dollar_signs(text: str) -> None:
    arts = ARTICLES.assign(outlet=[f"{text} Daily", "B"] * 3)
    ments = MENTIONS.assign(name=MENTIONS["name"] + " " + text)
    counts = mention_counts(ments, arts, by="entity", freq="M")
    ax = plots.plot_mention_trends(counts, ax=new_ax())
    ax.figure.canvas.draw()  # "$$" and "$x^{$" raised here when parsed as math
    assert any(text in s for s in _texts(ax))

    st = timeline(4)
    st = st.assign(speaker=st["speaker"] + " " + text, quote=text + " " + st["quote"])
    ax = plots.plot_statement_timeline(st, ax=new_ax(), labels=True)
    ax.figure.canvas.draw()
    shown = _texts(ax)
    assert any(text in s for s in shown)  # lane labels and quote labels

    div = source_diversity(schema.empty("statements"), schema.empty("sources"), arts, by="outlet")
    ax = plots.plot_diversity(div, ax=new_ax(), metric="n_statements")
    ax.figure.canvas.draw()
    assert any(f"{text} Daily" in s for s in _texts(ax))

    co = co_mentions(ments, rows="country", cols="country")
    co.index = co.index.map(lambda x: f"{x} {text}")
    ax = plots.plot_co_mentions(co, ax=new_ax())
    ax.figure.canvas.draw()
    assert any(text[:12] in s for s in _texts(ax))  # tick labels are cut to 22 characters


def test_count_axes_have_thousands_separators() -> None:
    counts = pd.DataFrame({"period": pd.to_datetime(["2024-01-01", "2024-02-01"]),
                           "key": ["UKR", "UKR"], "label": ["Ukraine", "Ukraine"],
                           "count": [1170, 2400]})
    ax = plots.plot_mention_trends(counts, ax=new_ax())
    ax.figure.canvas.draw()
    labels = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert any("," in s for s in labels), labels
    assert not any("e+" in s for s in labels), labels


def test_a_single_day_gets_day_ticks_not_hours() -> None:
    ax = plots.plot_statement_timeline(timeline(3, same_day=True), ax=new_ax())
    ax.figure.canvas.draw()
    ticks = ax.xaxis.get_major_locator()()
    assert len(ticks) >= 1
    # every tick at midnight: no 03:00, 06:00 ... ticks over a one-day view
    assert all(abs(t - round(t)) < 1e-9 for t in ticks), ticks


def test_thousands_of_statements_are_drawn_as_counts_per_period() -> None:
    big = pd.concat([timeline(20)] * 40, ignore_index=True)  # 800 statements on 20 days
    ax = plots.plot_statement_timeline(big, ax=new_ax())
    circles = [c for c in ax.collections if isinstance(c, PathCollection)]
    points = sum(len(c.get_offsets()) for c in circles)
    assert points == 20  # one circle per (speaker lane, day), not 800 markers
    sizes = sorted({float(s) for c in circles for s in c.get_sizes()})
    assert len(sizes) == 1  # every day has 40 statements: one size
    assert "statements per day (largest 40)" in ax.get_title()
