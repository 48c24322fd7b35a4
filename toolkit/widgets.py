"""Thin ipywidgets explorers over toolkit.analysis and toolkit.plots (the only ipywidgets import).

    from toolkit.widgets import Dashboard
    Dashboard(corpus)                       # or Dashboard.from_tables(articles=..., mentions=..., ...)

Each explorer is a ``VBox``: a row of controls filled from the data, a plot (an ``Image`` widget
holding PNG bytes) and a table (an ``HTML`` widget). A control change calls one analysis
function and one plot function (the statement explorer asks statement_timeline for the four
columns its plot needs, then again for every column of the 200 rows its table shows).
Everything that does not depend on the controls (option lists, the article each row belongs
to) is computed once at construction; each explorer redraws one matplotlib Figure; the last
analysis results and pictures are kept, so going back to an earlier selection costs nothing.
Article text is untrusted: every string shown is passed through ``html.escape``.
"""
from __future__ import annotations

import datetime as dt
import html
import io
import itertools
import logging
import re
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from typing import Any

import ipywidgets as widgets
import matplotlib
import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.ticker import AutoLocator, ScalarFormatter

from toolkit import analysis, plots, schema

log = logging.getLogger(__name__)

ALL = "__all__"  # the value of an "All ..." option in a Dropdown
PERIODS = [("Day", "D"), ("Week", "W"), ("Month", "M")]
MAX_ROWS = 200  # rows shown in a table; the analysis result itself is not truncated
_CACHE_SIZE = 32
_STYLE = {"description_width": "initial"}
_TABLE_CSS = ("<style>.tk-table{border-collapse:collapse;font-size:12px}"
              ".tk-table th,.tk-table td{border-bottom:1px solid #ddd;padding:2px 6px;"
              "text-align:left;vertical-align:top}.tk-table td:first-child{white-space:nowrap}"
              ".tk-detail mark.tk-quote{background:#fff3a0}"
              ".tk-detail mark.tk-speaker{background:#a8e0ff}</style>")


class _Memo:
    """A small per-instance LRU of computed results (analysis tables, PNG bytes)."""

    def __init__(self, size: int = _CACHE_SIZE) -> None:
        self._data: OrderedDict[Hashable, Any] = OrderedDict()
        self._size = size

    def clear(self) -> None:
        self._data.clear()

    def get(self, key: Hashable, make: Callable[[], Any]) -> Any:
        if key in self._data:
            self._data.move_to_end(key)
            return self._data[key]
        value = make()
        self._data[key] = value
        if len(self._data) > self._size:
            self._data.popitem(last=False)
        return value


def _tables_of(corpus: Any) -> dict[str, pd.DataFrame | None]:
    missing = [n for n in ("articles", "mentions", "statements", "sources") if not hasattr(corpus, n)]
    if missing:
        raise TypeError(f"corpus must be a toolkit.Corpus (with .articles, .mentions, .statements, "
                        f".sources); got {type(corpus).__name__} lacking {missing}")
    return {n: getattr(corpus, n) for n in ("articles", "mentions", "statements", "sources")}


# Repeated labels stored as categoricals in the explorer's own copy of each table: the
# analysis functions reuse categorical codes instead of hashing millions of strings per update.
_CATEGORICAL: dict[str, tuple[str, ...]] = {
    "articles": ("outlet", "outlet_country"),
    "mentions": ("article_id", "field", "entity_type", "entity_id", "name", "country", "role"),
    "statements": ("article_id", "kind", "speaker", "speaker_id", "speaker_type", "speaker_role",
                   "speaker_country"),
    "sources": ("article_id", "source", "source_type", "source_country"),
}


def _table(df: pd.DataFrame | None, name: str) -> pd.DataFrame:
    """The explorer's copy of a table: validated, labels as categoricals (the input is untouched)."""
    if df is None:
        return schema.empty(name)
    schema.validate(df, name, required=_REQUIRED[name], name=name)
    cols = {c: df[c].astype("category") for c in _CATEGORICAL[name]
            if c in df.columns and not isinstance(df[c].dtype, pd.CategoricalDtype)}
    return df.assign(**cols) if cols else df


_MENTION_COLUMNS = ("article_id", "field", "entity_type", "entity_id", "name", "country")
_REQUIRED: dict[str, tuple[str, ...]] = {
    "articles": ("article_id", "outlet", "published"),
    "mentions": ("article_id", "entity_type", "entity_id", "name"),
    "statements": ("article_id", "quote", "speaker", "statement_date"),
    "sources": ("article_id", "source"),
}


class _Canvas:
    """One Figure and Axes per explorer, cleared of its data and drawn again on each update.
    A fresh Figure spends a third of a PNG's time building axes, ticks and text metrics that
    the next drawing can reuse; ``_reset`` returns the axes to how a new one starts, so the
    picture is the same as on a fresh Figure (tests/test_widgets.py compares the bytes).
    ``margins`` (left, right, bottom, top, as figure fractions) are fixed per explorer, leaving
    room for tick labels and a legend outside the axes: a layout engine or a "tight" bounding
    box would draw the figure twice. After drawing, ``_fit`` measures the tick labels, axis
    titles, legend and title (their extents, without rendering) and widens a margin that one of
    them would cross, so no label is clipped at the figure's edge."""

    def __init__(self, size: tuple[float, float] = (9.0, 3.8),
                 margins: tuple[float, float, float, float] = (0.08, 0.78, 0.16, 0.9)) -> None:
        # A fixed title height (where matplotlib puts it anyway: these axes have no tick labels
        # on top) spares the search for overlapping labels on every draw.
        self.size, self.margins = size, margins
        with matplotlib.rc_context({"axes.titley": 1.0}):
            self.figure = Figure(figsize=size, dpi=90)
            FigureCanvasAgg(self.figure)
            left, right, bottom, top = margins
            self.figure.subplots_adjust(left=left, right=right, bottom=bottom, top=top)
            self.ax = self.figure.subplots()
        # The tick labels' properties as a new axes has them, to restore after each drawing.
        self._labels: dict[str, tuple[Text, Text]] = {}
        for name, axis in (("x", self.ax.xaxis), ("y", self.ax.yaxis)):
            tick = axis.get_major_ticks(1)[0]
            self._labels[name] = (Text(), Text())
            self._labels[name][0].update_from(tick.label1)
            self._labels[name][1].update_from(tick.label2)

    def png(self, draw: Callable[..., Any], data: pd.DataFrame, *, empty_message: str,
            height: float | None = None, **options: Any) -> bytes:
        """Draw ``data`` with one plot function and return the PNG (``height``: inches, for
        this picture only)."""
        self._reset()
        if height is not None:
            self.figure.set_size_inches(self.size[0], height)
        ax = self.ax
        if len(data):
            draw(data, ax=ax, **options)
            self._fit()
        else:
            ax.text(0.5, 0.5, empty_message, ha="center", va="center", transform=ax.transAxes)
            ax.set_axis_off()
        buf = io.BytesIO()
        self.figure.savefig(buf, format="png", pil_kwargs={"compress_level": 1})  # fast to encode
        return buf.getvalue()

    def _fit(self, pad: float = 4.0) -> None:
        """Widen the margins that a label, the legend or the title would cross (pixels)."""
        fig, ax = self.figure, self.ax
        renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
        width, height = fig.bbox.width, fig.bbox.height
        left, right, bottom, top = self.margins
        box = ax.yaxis.get_tightbbox(renderer)
        if box is not None and box.x0 < pad:
            left = min(0.5, left + (pad - box.x0) / width)
        parts = [b for b in (ax.legend_.get_window_extent(renderer) if ax.legend_ else None,
                             ax.xaxis.get_tightbbox(renderer)) if b is not None]
        over = max((b.x1 for b in parts), default=0.0) - (width - pad)
        if over > 0:
            right = max(left + 0.3, right - over / width)
        box = ax.xaxis.get_tightbbox(renderer)
        if box is not None and box.y0 < pad:
            bottom = min(0.4, bottom + (pad - box.y0) / height)
        title = ax.title.get_window_extent(renderer) if ax.get_title() else None
        if title is not None and title.y1 > height - pad:
            top = max(bottom + 0.3, top - (title.y1 - height + pad) / height)
        if (left, right, bottom, top) != self.margins:
            fig.subplots_adjust(left=left, right=right, bottom=bottom, top=top)

    def _reset(self) -> None:
        """Remove what the last drawing added and restore what plot functions set."""
        ax = self.ax
        left, right, bottom, top = self.margins
        if tuple(self.figure.get_size_inches()) != self.size:
            self.figure.set_size_inches(*self.size)
        self.figure.subplots_adjust(left=left, right=right, bottom=bottom, top=top)
        for artist in [*ax.lines, *ax.collections, *ax.patches, *ax.texts, *ax.images,
                       *ax.artists, *ax.tables]:
            artist.remove()
        if ax.legend_ is not None:
            ax.legend_.remove()
        ax.set_title("")
        ax.set_xlabel("")
        ax.set_ylabel("")
        ax.set_axis_on()
        for name, axis in (("x", ax.xaxis), ("y", ax.yaxis)):
            axis.set_major_locator(AutoLocator())
            axis.set_major_formatter(ScalarFormatter())
            for tick in axis.majorTicks:  # set_xticks(..., rotation=...) sets these per label
                tick.label1.update_from(self._labels[name][0])
                tick.label2.update_from(self._labels[name][1])
        ax.set_prop_cycle(None)  # colours start again from the first
        ax.relim()
        ax.set_autoscale_on(True)


def _date(value: Any) -> dt.date | None:
    if value is None or pd.isna(value):
        return None
    return pd.Timestamp(value).date()


def _utc_range(start: dt.date | None, end: dt.date | None) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """Whole days from ``start`` to ``end`` inclusive, as UTC timestamps; None when unbounded."""
    if start is None and end is None:
        return None
    lo = pd.Timestamp(start, tz="UTC") if start else pd.Timestamp.min.tz_localize("UTC")
    hi = (pd.Timestamp(end, tz="UTC") + pd.Timedelta(days=1) - pd.Timedelta(1, "ns")) if end \
        else pd.Timestamp.max.tz_localize("UTC")
    return lo, hi


def _ranked(counts: pd.Series) -> pd.Series:
    """Counts sorted largest first, ties by key, so option lists are the same on every run."""
    return counts.sort_index(kind="stable").sort_values(ascending=False, kind="stable")


def _pairs(counts: pd.Series) -> list[tuple[tuple[Any, Any], int]]:
    """(index pair, count) items of a two-level count Series."""
    return [((k[0], k[1]), int(n)) for k, n in counts.items()]  # type: ignore[index]


def _period_for(span_days: int) -> str:
    return "M" if span_days > 180 else "W" if span_days > 21 else "D"


def _count(n: Any, noun: str) -> str:
    return f"{int(n):,} {noun}{'' if int(n) == 1 else 's'}"


def _esc(value: Any) -> str:
    if value is None or (not isinstance(value, (list, tuple, np.ndarray)) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return html.escape(value.strftime("%Y-%m-%d"))
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value))
    if isinstance(value, (int, np.integer)):
        return f"{int(value):,}"
    if isinstance(value, (float, np.floating)):  # 1,170 not 1.17e+03; 0.0946 for shares
        number = float(value)
        return f"{number:,.0f}" if abs(number) >= 100 else html.escape(f"{number:.3g}")
    return html.escape(str(value))


def _link(url: Any, *, text: str = "article") -> str:
    href = "" if url is None or pd.isna(url) else str(url)
    if not href.lower().startswith(("http://", "https://")):  # no javascript: or data: links
        return ""
    return (f'<a href="{html.escape(href, quote=True)}" target="_blank" rel="noopener">'
            f"{html.escape(text)}</a>")


def html_table(df: pd.DataFrame, *, columns: Sequence[str] | None = None, links: Sequence[str] = (),
               max_rows: int = MAX_ROWS, total: int | None = None) -> str:
    """An escaped HTML table of ``df`` (first ``max_rows`` rows); ``links`` columns become links.
    ``total``: the number of rows ``df`` was cut from, when the caller passes only the head."""
    cols = [c for c in (columns or list(df.columns)) if c in df.columns]
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in cols)
    rows = []
    for rec in df[cols].head(max_rows).itertuples(index=False, name=None):
        cells = [(_link(v) if c in links else _esc(v)) for c, v in zip(cols, rec)]
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    note = ""
    total = len(df) if total is None else total
    if total > max_rows:
        note = f"<p>Showing {max_rows} of {total:,} rows.</p>"
    elif not total:
        note = "<p>No rows for this selection.</p>"
    return (f'{_TABLE_CSS}<table class="tk-table tex2jax_ignore"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>{note}')


_SENTENCE_END = re.compile(r"""[.!?…]["”’»)]*\s+(?=["“‘«(]?[A-Z0-9А-ЯІЇЄҐ])|\n""")
CONTEXT_CHARS = 600  # at most this much text each side of the spans ("more": 3,000)


def _cut(text: str, lo: int, hi: int, a: int, b: int, limit: int) -> tuple[int, int]:
    """(a, b) narrowed to at most ``limit`` characters each side of [lo, hi), at a space."""
    if lo - a > limit:
        sp = text.find(" ", lo - limit, lo)
        a = sp + 1 if sp >= 0 else lo - limit
    if b - hi > limit:
        sp = text.rfind(" ", hi, hi + limit)
        b = sp if sp >= 0 else hi + limit
    return a, b


def highlight(text: str, spans: dict[str, tuple[int, int] | None], *, context: str = "paragraph") -> str:
    """The text around ``spans`` (name -> (start, end)), HTML-escaped, each span wrapped in
    ``<mark class="tk-NAME">``. ``context="sentence"``: the sentences holding the spans and one
    sentence either side; ``"paragraph"``: out to the line breaks. Either is cut to
    CONTEXT_CHARS (paragraph: 5x) each side, at a space, with "…" where text was left out: press
    releases have no line breaks, and a whole article must not become one explorer's height."""
    if context not in ("sentence", "paragraph"):
        raise ValueError(f"context={context!r} is not allowed; use 'sentence' or 'paragraph'")
    valid = {k: (int(s), int(e)) for k, v in spans.items() if v is not None
             for s, e in [v] if s is not None and e is not None and not pd.isna(s) and not pd.isna(e)
             and 0 <= int(s) <= int(e) <= len(text)}
    if not valid:
        return ""
    lo = min(s for s, _ in valid.values())
    hi = max(e for _, e in valid.values())
    limit = CONTEXT_CHARS
    a = text.rfind("\n", 0, lo) + 1  # the paragraph
    nl = text.find("\n", hi)
    b = len(text) if nl < 0 else nl
    if context == "paragraph":
        limit *= 5
    else:  # one sentence before the spans' first, one after their last, inside the paragraph
        window = max(a, lo - 2 * limit)
        starts = [m.end() for m in _SENTENCE_END.finditer(text, window, lo)]
        if len(starts) >= 2:
            a = starts[-2]
        elif window > a:
            a = starts[0] if starts else window
        ends = [m.start() + 1 for m in itertools.islice(_SENTENCE_END.finditer(text, hi, b), 2)]
        if len(ends) == 2:
            b = ends[1]
    a, b = _cut(text, lo, hi, a, b, limit)
    cuts = sorted({a, b, *(p for se in valid.values() for p in se if a <= p <= b)})
    out = ["… " if a > 0 and text[a - 1] not in "\n" else ""]
    for x, y in itertools.pairwise(cuts):
        piece = html.escape(text[x:y])
        for name, (s, e) in valid.items():  # nested marks where spans overlap
            if s <= x and y <= e and s < e:
                piece = f'<mark class="tk-{html.escape(name)}">{piece}</mark>'
        out.append(piece)
    if b < len(text) and text[b:b + 1] != "\n":
        out.append(" …")
    return "".join(out).replace("\n", "<br>")


class _Explorer(widgets.VBox):
    """Shared construction: tables, article index, date pickers, plot, table, status."""

    title = "Explorer"

    def __init__(self, corpus: Any = None, *, _tables: dict[str, pd.DataFrame | None] | None = None) -> None:
        tables = _tables if _tables is not None else _tables_of(corpus)
        self.articles = _table(tables.get("articles"), "articles")
        self.mentions = _table(tables.get("mentions"), "mentions")
        self.statements = _table(tables.get("statements"), "statements")
        self.sources = _table(tables.get("sources"), "sources")
        self._share_article_ids()
        # The article columns the analysis functions read: filtering or copying articles inside
        # them then moves 5 columns, not the article texts and every other column too.
        self._art = self.articles[[c for c in ("article_id", "url", "outlet", "outlet_country", "published")
                                   if c in self.articles.columns]]
        self._memo = _Memo()
        self._outlet_of = pd.Series(self.articles["outlet"].to_numpy(), index=self.articles["article_id"])
        self.plot = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        self.table = widgets.HTML(layout=widgets.Layout(max_height="320px", overflow="auto"))
        self.status = widgets.HTML()
        self.start = widgets.DatePicker(description="From", style=_STYLE)
        self.end = widgets.DatePicker(description="To", style=_STYLE)
        self.period = widgets.Dropdown(options=PERIODS, value="D", description="Period", style=_STYLE)
        self._busy = False
        super().__init__(layout=widgets.Layout(width="100%"))
        self.add_class("tk-explorer")

    def _share_article_ids(self) -> None:
        """One Python string per article id, shared by the articles (object column) and the other
        tables (categoricals over those very strings): the analysis functions look article ids up
        on every call, and a string's hash is computed once and kept by the string itself.
        Tables with missing ids are left as they are."""
        if self.articles["article_id"].isna().any():
            return
        ids = pd.Index(pd.unique(np.array([str(x) for x in self.articles["article_id"]], dtype=object)),
                       dtype=object)
        own = ids.get_indexer(self.articles["article_id"].astype(object))
        if len(ids) == len(self.articles):  # unique ids: a categorical over themselves, whose
            # uniqueness the analysis functions check on integer codes instead of strings
            self.articles = self.articles.assign(article_id=pd.Categorical.from_codes(
                own, dtype=pd.CategoricalDtype(ids)))
        else:
            self.articles = self.articles.assign(
                article_id=pd.Series([ids[i] for i in own], dtype=object, index=self.articles.index))
        for name in ("mentions", "statements", "sources"):
            df = getattr(self, name)
            if df["article_id"].isna().any():
                continue
            keys = df["article_id"].astype(object).to_numpy()
            codes = ids.get_indexer(keys)
            cats = ids
            if (codes < 0).any():  # rows of articles not in the articles table keep their ids
                extra = pd.Index(pd.unique(keys[codes < 0]), dtype=object)
                cats = ids.append(extra)
                codes = cats.get_indexer(keys)
            setattr(self, name, df.assign(article_id=pd.Categorical.from_codes(
                codes, dtype=pd.CategoricalDtype(cats))))

    @classmethod
    def from_tables(cls, *, articles: pd.DataFrame, mentions: pd.DataFrame | None = None,
                    statements: pd.DataFrame | None = None, sources: pd.DataFrame | None = None) -> Any:
        """Build the explorer from the four tables instead of a Corpus."""
        return cls(_tables={"articles": articles, "mentions": mentions, "statements": statements,
                            "sources": sources})

    # -- helpers for subclasses ------------------------------------------------------------
    def _set_dates(self, dates: pd.Series) -> None:
        dates = pd.to_datetime(dates, utc=True).dropna()
        if len(dates):
            lo, hi = dates.min().date(), dates.max().date()
            self.start.value, self.end.value = lo, hi
            self.period.value = _period_for((hi - lo).days)

    def _outlet_options(self) -> list[tuple[str, str]]:
        counts = _ranked(self.articles["outlet"].dropna().astype(str).value_counts())
        return [("All outlets", ALL)] + [(f"{o} ({n:,})", str(o)) for o, n in counts.items()]

    def _layout(self, rows: list[list[widgets.Widget]], extra: Sequence[widgets.Widget] = ()) -> None:
        """Controls, status, plot, then ``extra`` (the statement list and reader), then the table."""
        boxes = [widgets.HBox(r, layout=widgets.Layout(flex_flow="row wrap")) for r in rows]
        self.children = [*boxes, self.status, self.plot, *extra, self.table]
        for w in (c for r in rows for c in r):
            if hasattr(w, "value"):
                w.observe(self._on_change, names="value")

    def _on_change(self, _change: dict) -> None:
        if not self._busy:
            self.refresh()

    def date_range(self) -> tuple[pd.Timestamp, pd.Timestamp] | None:
        return _utc_range(self.start.value, self.end.value)

    def refresh(self) -> None:
        """Recompute the outputs for the current control values (called on every change)."""
        try:
            self._update()
            self.status.value = ""
        except Exception as exc:  # a widget must stay usable; the message says what went wrong
            log.exception("%s update failed", type(self).__name__)
            self.status.value = (f'<span class="tk-error" style="color:#b00">Could not update: '
                                 f"{html.escape(type(exc).__name__)}: {html.escape(str(exc))}</span>")

    def _update(self) -> None:
        raise NotImplementedError


class MentionExplorer(_Explorer):
    """Mentions over time: lines per selected country and official, for one outlet or all; or,
    with "Show" set to a top N, the N most mentioned countries (officials) of each period, so
    the third country of one month shows although it is not among the largest overall."""

    SHOW = (("Chosen entities", "chosen"), ("Top 3 countries per period", "country:3"),
            ("Top 5 countries per period", "country:5"), ("Top 10 countries per period", "country:10"),
            ("Top 5 officials per period", "official:5"))

    title = "Mentions"

    def __init__(self, corpus: Any = None, *, _tables: dict[str, pd.DataFrame | None] | None = None) -> None:
        super().__init__(corpus, _tables=_tables)
        self._canvas = _Canvas()
        m = self.mentions
        countries = m[m["entity_type"] == "country"]
        officials = m[m["entity_type"] == "official"]
        top_c = _ranked(countries.groupby(["entity_id", "name"], observed=True).size())
        top_o = _ranked(officials.groupby(["entity_id", "name"], observed=True).size())
        self.country = widgets.SelectMultiple(
            options=[(f"{name} ({eid}) — {n:,}", str(eid)) for (eid, name), n in _pairs(top_c)],
            value=tuple(str(eid) for (eid, _), _n in _pairs(top_c)[:5]), description="Countries", rows=6,
            style=_STYLE)
        self.official = widgets.SelectMultiple(
            options=[(f"{name} — {n:,}", str(eid)) for (eid, name), n in _pairs(top_o)],
            value=(), description="Officials", rows=6, style=_STYLE)
        self.outlet = widgets.Dropdown(options=self._outlet_options(), value=ALL, description="Outlet",
                                       style=_STYLE)
        self.metric = widgets.Dropdown(options=[("Mentions", "count"), ("Per 1,000 articles", "articles")],
                                       value="count", description="Metric", style=_STYLE)
        self.show = widgets.Dropdown(options=list(self.SHOW), value="chosen", description="Show", style=_STYLE)
        # Row numbers of each entity, found once: an update hands mention_counts only the rows
        # of the selected entities (its work grows with the rows it is given).
        self._slim = m[[c for c in _MENTION_COLUMNS if c in m.columns]]
        codes, uniq = pd.factorize(self._slim["entity_id"])
        self._entity_code = np.asarray(codes)
        self._entity_index = pd.Index([str(u) for u in uniq], dtype=object)
        self._last_rows: tuple[tuple[str, ...], pd.DataFrame] | None = None  # period/metric/date
        # changes keep the entities: their rows are not gathered again
        self._set_dates(self.articles["published"])
        self._layout([[self.country, self.official],
                      [self.show, self.outlet, self.period, self.metric], [self.start, self.end]])
        self.refresh()

    def _update(self) -> None:
        self.country.disabled = self.official.disabled = self.show.value != "chosen"
        if self.show.value != "chosen":
            self._update_top()
            return
        entities = tuple(self.country.value) + tuple(self.official.value)
        outlets = None if self.outlet.value == ALL else (self.outlet.value,)
        normalize = None if self.metric.value == "count" else self.metric.value
        key = (entities, outlets, self.period.value, self.date_range(), normalize)
        counts = self._memo.get(("counts", key), lambda: analysis.mention_counts(
            self._mentions_of(entities), self._art, by="entity", freq=self.period.value,
            outlets=list(outlets) if outlets else None, entities=list(entities),
            date_range=self.date_range(), normalize=normalize))
        self.plot.value = self._memo.get(("png", key), lambda: self._canvas.png(
            plots.plot_mention_trends, counts, empty_message="No mentions for this selection",
            value="count" if normalize is None else "per_1000_articles"))
        self.table.value = html_table(counts)

    def _update_top(self) -> None:
        """Each period's top N of one entity type: the lines of those entities, the ranks."""
        etype, n = self.show.value.split(":")
        outlets = None if self.outlet.value == ALL else [self.outlet.value]
        normalize = None if self.metric.value == "count" else self.metric.value
        value = "count" if normalize is None else "per_1000_articles"
        key = ("top", etype, outlets and outlets[0], self.period.value, self.date_range(), normalize)
        counts = self._memo.get(("counts", key), lambda: analysis.mention_counts(
            self._memo.get(("type", etype), lambda: self._slim[(self._slim["entity_type"] == etype)
                                                              .to_numpy(dtype=bool)]),
            self._art, by="entity", freq=self.period.value, outlets=outlets,
            date_range=self.date_range(), normalize=normalize))
        top = analysis.top_per_period(counts, n=int(n), value=value)
        leaders = set(top["key"])
        lines = counts[counts["key"].isin(leaders).to_numpy(dtype=bool)]
        lines.attrs.update(counts.attrs)
        kind = "countries" if etype == "country" else "officials"
        title = f"Top {n} {kind} per period"
        if len(leaders) > 10:  # one colour per line: the ten with the most mentions
            title += f" ({len(leaders)} {kind}; the 10 most mentioned drawn)"
        self.plot.value = self._memo.get(("png", key, n), lambda: self._canvas.png(
            plots.plot_mention_trends, lines, empty_message="No mentions for this selection",
            value=value, top=10, title=title))
        self.table.value = html_table(top[[c for c in ("period", "rank", "key", "label", "count",
                                                       "n_articles", "per_1000_articles") if c in top]])


    def _mentions_of(self, entities: tuple[str, ...]) -> pd.DataFrame:
        """The mention rows of these entities (in table order), by a lookup table on codes."""
        if self._last_rows is not None and self._last_rows[0] == entities:
            return self._last_rows[1]
        hits = self._entity_index.get_indexer(pd.Index(list(entities), dtype=object))
        wanted = np.zeros(len(self._entity_index) + 1, dtype=bool)  # last slot: missing id (-1)
        wanted[hits[hits >= 0]] = True
        rows = self._slim.iloc[np.flatnonzero(wanted[self._entity_code])]
        self._last_rows = (entities, rows)
        return rows


class DiversityExplorer(_Explorer):
    """Source diversity per outlet or per period, one metric at a time."""

    title = "Source diversity"
    DEFAULT_METRICS = ("n_speakers", "speaker_entropy_norm")
    TABLE_METRICS = ("n_statements", "n_speakers", "speaker_entropy_norm", "top_voice_share",
                     "official_share", "foreign_share", "n_sources", "source_entropy_norm")

    def __init__(self, corpus: Any = None, *, _tables: dict[str, pd.DataFrame | None] | None = None) -> None:
        super().__init__(corpus, _tables=_tables)
        self._canvas = _Canvas(size=(9.0, 4.0), margins=(0.08, 0.78, 0.22, 0.9))
        self.outlet = widgets.Dropdown(options=self._outlet_options(), value=ALL, description="Outlet",
                                       style=_STYLE)
        oc = _ranked(self.articles["outlet_country"].dropna().astype(str).value_counts()) \
            if "outlet_country" in self.articles else pd.Series(dtype=int)
        self.country = widgets.Dropdown(options=[("All countries", ALL)] + [(f"{c} ({n:,})", c)
                                                                            for c, n in oc.items()],
                                        value=ALL, description="Outlet country", style=_STYLE)
        self.period = widgets.Dropdown(options=[("Per outlet", "outlet"), *PERIODS], value="outlet",
                                       description="Group by", style=_STYLE)
        self.metric = widgets.Dropdown(options=[("(computing)", "")], description="Metric", style=_STYLE)
        self._set_dates(self.articles["published"])
        self.period.value = "outlet"
        self._layout([[self.outlet, self.country, self.period, self.metric], [self.start, self.end]])
        self.refresh()

    def _articles(self) -> pd.DataFrame:
        """The articles of the chosen outlet country (source_diversity filters outlets itself)."""
        if self.country.value == ALL:
            return self._art
        return self._art[(self._art["outlet_country"] == self.country.value).fillna(False)]

    def _update(self) -> None:
        by = "outlet" if self.period.value == "outlet" else "period"
        freq = "M" if by == "outlet" else self.period.value
        outlets = None if self.outlet.value == ALL else [self.outlet.value]
        key = (self.outlet.value, self.country.value, self.period.value, self.date_range())
        div = self._memo.get(("div", key), lambda: analysis.source_diversity(
            self.statements, self.sources, self._articles(), by=by, freq=freq, outlets=outlets,
            date_range=self.date_range()))
        metrics = [c for c in div.columns if pd.api.types.is_numeric_dtype(div[c])
                   and not pd.api.types.is_bool_dtype(div[c])]
        options = [(m.replace("_", " "), m) for m in metrics]
        if list(self.metric.options) != options:
            current = self.metric.value
            keep = current if current in metrics else next(
                (m for m in self.DEFAULT_METRICS if m in metrics), metrics[0] if metrics else None)
            self._busy = True  # filling the options must not trigger a second update
            try:
                self.metric.options = options
                self.metric.value = keep
            finally:
                self._busy = False
        metric = self.metric.value
        self.plot.value = self._memo.get(("png", key, metric), lambda: self._canvas.png(
            plots.plot_diversity, div, empty_message="No articles for this selection",
            **({"metric": metric} if metric else {})))
        shown = [c for c in div.columns if c not in metrics] + \
            [m for m in metrics if m in self.TABLE_METRICS or m == metric]
        if by == "outlet" and "n_statements" in div:  # the outlets that say most first
            div = div.sort_values("n_statements", ascending=False, kind="stable")
        self.table.value = html_table(div, columns=shown)


class StatementExplorer(_Explorer):
    """Who said what, when: a timeline, the statements (one click reads one), the table.

    The speaker search lists the people of ``analysis.people`` whose id or any name variant
    holds the letters typed, with their counts and ids; choosing one keeps that person's
    statements (by id, else by the name as written). Statements of unresolved speakers (no
    id, no name, or type "unknown") are left out until "Show unresolved speakers" is ticked.
    The dates open at the articles' publication dates; statements dated outside the chosen
    range are counted in the plot's note."""

    title = "Statements"
    COLUMNS = ("date", "speaker", "role", "country", "quote", "outlet", "url")
    PLOT_COLUMNS = ("statement_date", "speaker", "speaker_country", "statement_id")
    MATCHES = 50  # speakers listed for the letters typed
    LOOK_BACK = 31

    def __init__(self, corpus: Any = None, *, _tables: dict[str, pd.DataFrame | None] | None = None) -> None:
        super().__init__(corpus, _tables=_tables)
        self._canvas = _Canvas(size=(9.0, 4.4), margins=(0.22, 0.84, 0.14, 0.88))
        # Once: the statements in timeline order (statement_timeline then need not sort) and the
        # row of each statement's article.
        self.statements = self.statements.iloc[analysis.timeline_order(self.statements, self.articles)] \
            .reset_index(drop=True)
        s = self.statements
        self._article_index = pd.Index(self.articles["article_id"].astype(object))
        self._article_pos = self._article_index.get_indexer(
            s["article_id"].astype(object))  # -1: not in the articles table
        self._by_id = s.set_index("statement_id", drop=False) if "statement_id" in s else s
        # With unique statement ids, an update builds the timeline's text columns only for the
        # rows the table shows; the plot needs four columns of every selected statement.
        lean = "statement_id" in s and s["statement_id"].notna().all() and s["statement_id"].is_unique
        self._row_of_id: pd.Index | None = self._by_id.index if lean else None  # statement id -> row
        # People: one code per statement row, and whether its person is resolved.
        self.people = analysis.people(s, self.mentions)
        key_codes = pd.Index(self.people["key"].to_numpy(dtype=object)).get_indexer(
            pd.Index(analysis.speaker_keys(s), dtype=object))
        self._person = key_codes  # -1: no speaker at all
        self._code_of = {k: i for i, k in enumerate(self.people["key"])}
        resolved = self.people["resolved"].to_numpy(dtype=bool)
        self._resolved_rows = np.flatnonzero((key_codes >= 0) & resolved[np.maximum(key_codes, 0)]
                                             if len(resolved) else np.zeros(len(s), dtype=bool))
        self._people_of = {False: self.people[self.people["resolved"]], True: self.people}
        sc = _ranked(s["speaker_country"].dropna().astype(str).value_counts()) if "speaker_country" in s \
            else pd.Series(dtype=int)
        self.country = widgets.Dropdown(options=[("All countries", ALL)] + [(f"{c} ({n:,})", c)
                                                                            for c, n in sc.items()],
                                        value=ALL, description="Speaker country", style=_STYLE)
        self.show_unresolved = widgets.Checkbox(
            value=False, style=_STYLE, indent=False, layout=widgets.Layout(width="max-content"),
            description=f"Show unresolved speakers ({_count(len(s) - len(self._resolved_rows), 'statement')})")
        self.search = widgets.Text(value="", placeholder="type a few letters of a name or id",
                                   description="Find speaker", style=_STYLE,
                                   layout=widgets.Layout(width="340px"), continuous_update=True)
        self.official = widgets.Select(options=self._speaker_options(), value=ALL, rows=6,
                                       description="Speaker", style=_STYLE,
                                       layout=widgets.Layout(width="640px"))
        self.outlet = widgets.Dropdown(options=self._outlet_options(), value=ALL, description="Outlet",
                                       style=_STYLE)
        self.statement = widgets.Select(options=[("—", "")], value="", rows=8,
                                        description="Statement", style=_STYLE,
                                        layout=widgets.Layout(width="98%"))
        self.more = widgets.ToggleButton(value=False, description="more", icon="plus",
                                         tooltip="show the whole paragraph",
                                         layout=widgets.Layout(width="110px"))
        self.detail = widgets.HTML(layout=widgets.Layout(max_height="360px", overflow="auto"))
        self.detail.add_class("tk-detail")
        self._set_dates(self._default_dates())
        self._layout([[self.country, self.outlet, self.show_unresolved],
                      [self.search, self.official], [self.start, self.end]],
                     extra=[self.statement, self.more, self.detail])
        self.search.observe(lambda _c: self._filter_speakers(), names="value")
        self.statement.observe(lambda _c: self._show_statement(), names="value")
        self.more.observe(lambda _c: self._show_statement(), names="value")
        self.refresh()

    def _default_dates(self) -> pd.Series:
        """The articles' publication dates, widened to statements made up to LOOK_BACK days
        before the first article ("last week" in the earliest article); a statement dated years
        off ("15 years ago") does not stretch the range, and is counted in the plot's note."""
        published = pd.to_datetime(self.articles["published"], utc=True).dropna()
        said = pd.to_datetime(self.statements["statement_date"], utc=True).dropna()
        if not len(published) or not len(said):
            return published if len(published) else said
        first = max(said.min(), published.min() - pd.Timedelta(days=self.LOOK_BACK))
        return pd.Series([min(first, published.min()), published.max()])

    # -- the speaker search ----------------------------------------------------------------
    def _speaker_options(self) -> list[tuple[str, str]]:
        table = analysis.search_people(self._people_of[self.show_unresolved.value], self.search.value,
                                       limit=self.MATCHES)
        options = [("All speakers", ALL)]
        for key, name, ident, variants, n_st, n_me in zip(
                table["key"], table["name"], table["id"], table["variants"], table["statements"],
                table["mentions"], strict=True):
            counts = _count(n_st, "statement") + (f", {_count(n_me, 'mention')}" if n_me else "")
            shown_id = f" · id {ident}" if isinstance(ident, str) else " · no id"
            more = f" · also {', '.join(variants[1:3])}" if len(variants) > 1 else ""
            options.append((f"{name} — {counts}{shown_id}{more}", str(key)))
        return options

    def _filter_speakers(self, *, refresh: bool = True) -> None:
        """List the speakers matching the letters typed; one match is chosen at once."""
        options = self._speaker_options()
        keep = self.official.value
        self._busy = True
        try:
            self.official.options = options
            values = [v for _, v in options]
            self.official.value = values[1] if len(values) == 2 else (keep if keep in values else ALL)
        finally:
            self._busy = False
        if refresh and self.official.value != keep:
            self.refresh()

    def _on_change(self, change: dict) -> None:
        if self._busy or change.get("owner") is self.search:  # the search has its own observer
            return
        if change.get("owner") is self.show_unresolved:
            self._filter_speakers(refresh=False)
        self.refresh()

    # -- the update ------------------------------------------------------------------------
    def _rows(self) -> pd.DataFrame:
        """The statements of the chosen person (all rows of that key), of resolved speakers
        only unless unresolved ones are shown."""
        show_all = self.show_unresolved.value
        if self.official.value != ALL:
            code = self._code_of.get(self.official.value, -2)
            return self.statements.iloc[np.flatnonzero(self._person == code)]
        if show_all:
            return self.statements
        return self._memo.get(("resolved",), lambda: self.statements.iloc[self._resolved_rows])

    def _update(self) -> None:
        countries = None if self.country.value == ALL else [self.country.value]
        outlets = None if self.outlet.value == ALL else [self.outlet.value]
        key = (self.official.value, self.country.value, self.outlet.value, self.show_unresolved.value)
        # every date: the count of statements outside the chosen dates comes from it
        undated = self._memo.get(("timeline", key), lambda: analysis.statement_timeline(
            self._rows(), self._art, countries=countries, outlets=outlets,
            columns=None if self._row_of_id is None else self.PLOT_COLUMNS))
        dkey = (*key, self.date_range())
        timeline, outside = self._memo.get(("dated", dkey), lambda: self._in_dates(undated))
        head = self._memo.get(("head", dkey), lambda: self._head(timeline))
        shown = head if len(timeline) <= MAX_ROWS else timeline  # small: quote labels in the plot
        note = (f"{outside:,} dated outside From–To not shown") if outside else None
        self.plot.value = self._memo.get(("png", dkey), lambda: self._canvas.png(
            plots.plot_statement_timeline, shown, empty_message="No statements for this selection",
            note=note, trim=False, height=self._height(shown)))
        view = self._view(head)
        self.table.value = html_table(view, columns=self.COLUMNS, links=("url",), total=len(timeline))
        options = [("—", "")]
        if "statement_id" in view:
            top = view.head(MAX_ROWS)
            options += [(self._label(d, who, c, q), str(sid)) for d, who, c, q, sid in
                        zip(top["date"], top["speaker"], top["country"], top["quote"],
                            top["statement_id"], strict=True)]
        self._busy = True
        try:
            keep = self.statement.value
            self.statement.options = options
            values = [v for _, v in options]
            # keep the reader's choice while it is still listed, else show the first statement
            self.statement.value = keep if keep and keep in values else values[min(1, len(values) - 1)]
        finally:
            self._busy = False
        self._show_statement()

    def _height(self, shown: pd.DataFrame) -> float | None:
        """A shorter picture for a few lanes (one speaker's timeline is one lane, not 4 inches)."""
        if len(shown) > 20_000 or "speaker" not in shown:
            return None
        lanes = shown["speaker"].nunique()
        if lanes > 20 and "speaker_country" in shown:
            lanes = shown["speaker_country"].nunique()
        return float(min(self._canvas.size[1], 2.2 + 0.3 * min(lanes, 20)))

    def _in_dates(self, timeline: pd.DataFrame) -> tuple[pd.DataFrame, int]:
        """The rows of ``timeline`` inside the chosen dates, and how many are outside them."""
        bounds = self.date_range()
        if bounds is None or not len(timeline):
            return timeline, 0
        date = timeline["statement_date"]
        inside = ((date >= bounds[0]) & (date <= bounds[1])).to_numpy(dtype=bool)
        if inside.all():
            return timeline, 0
        return timeline[inside].reset_index(drop=True), int(len(inside) - inside.sum())

    def _head(self, timeline: pd.DataFrame) -> pd.DataFrame:
        """All columns of the first MAX_ROWS statements of a (lean) timeline, in its order."""
        if self._row_of_id is None:
            return timeline.head(MAX_ROWS)
        rows = self._row_of_id.get_indexer(pd.Index(timeline["statement_id"].head(MAX_ROWS), dtype=object))
        arts = np.unique(self._article_pos[rows])  # their articles only, in table order
        return analysis.statement_timeline(self.statements.iloc[rows], self._art.iloc[arts[arts >= 0]])

    @staticmethod
    def _view(timeline: pd.DataFrame) -> pd.DataFrame:
        """The table's columns under plain names, whatever the timeline calls them."""
        names = {"date": ("statement_date", "date"), "role": ("speaker_role", "role"),
                 "country": ("speaker_country", "country"), "url": ("url", "article_url")}
        out = timeline.copy()
        for plain, candidates in names.items():
            if plain not in out:
                found = next((c for c in candidates if c in out), None)
                out[plain] = out[found] if found else None
        return out

    @staticmethod
    def _label(date: Any, speaker: Any, country: Any, quote: Any) -> str:
        text = " ".join(quote.split()).strip(plots.QUOTE_CHARS) if isinstance(quote, str) else ""
        text = text if len(text) <= 90 else text[:87] + "..."
        who = speaker if isinstance(speaker, str) and speaker else "?"
        where = f" ({country})" if isinstance(country, str) and country else ""
        return f"{_date(date) or '?'} · {who}{where}: “{text}”"

    def _article(self, article_id: Any) -> dict[str, Any]:
        """The reader's columns of one article ({} when it is not in the articles table)."""
        try:
            pos = self._article_index.get_loc(article_id)
        except KeyError:
            return {}
        if not isinstance(pos, (int, np.integer)):  # a repeated id: its first row
            pos = int(np.flatnonzero(np.asarray(pos))[0]) if not isinstance(pos, slice) else pos.start
        row = self.articles.iloc[int(pos)]
        return {c: row[c] for c in ("text", "title", "url", "outlet", "published") if c in row.index}

    def _show_statement(self) -> None:
        sid = self.statement.value
        if not sid or sid not in self._by_id.index:
            self.detail.value = ""
            return
        row = self._by_id.loc[sid]
        if isinstance(row, pd.DataFrame):
            row = row.iloc[0]
        aid = row["article_id"]
        art = self._article(aid)
        text = art.get("text")
        self.more.description = "less" if self.more.value else "more"
        self.more.icon = "minus" if self.more.value else "plus"
        who = " · ".join(_esc(row.get(c)) for c in ("speaker", "speaker_role", "speaker_country")
                         if _esc(row.get(c)))
        said = _esc(_date(row.get("statement_date"))) or "date unknown"
        url = art.get("url")
        link = _link(url, text=str(url)) if _link(url) else _esc(url)
        source = " · ".join(x for x in (_esc(art.get("outlet")), _esc(_date(art.get("published"))),
                                        link) if x)
        head = (f'<p class="tk-article"><b>{_esc(art.get("title")) or "(no title)"}</b><br>'
                f"{source}</p><p><b>{who or 'unknown speaker'}</b> (said {said})</p>")
        if not isinstance(text, str):
            body = "<p>The article text is not available.</p>"
        else:
            spans: dict[str, tuple[int, int] | None] = {
                "quote": (row.get("quote_start"), row.get("quote_end")),
                "speaker": (row.get("speaker_start"), row.get("speaker_end")),
            }
            body = f"<blockquote>{highlight(text, spans, context='paragraph' if self.more.value else 'sentence')}" \
                   "</blockquote>"
        self.detail.value = f'{_TABLE_CSS}<div class="tk-detail tex2jax_ignore">{head}{body}</div>'


class Dashboard(widgets.Tab):
    """The three explorers as tabs over one corpus."""

    def __init__(self, corpus: Any = None, *, _tables: dict[str, pd.DataFrame | None] | None = None) -> None:
        tables = _tables if _tables is not None else _tables_of(corpus)
        self.mentions = MentionExplorer(_tables=tables)
        self.diversity = DiversityExplorer(_tables=tables)
        self.statements = StatementExplorer(_tables=tables)
        explorers = [self.mentions, self.diversity, self.statements]
        super().__init__(children=explorers)
        for i, e in enumerate(explorers):
            self.set_title(i, e.title)

    @classmethod
    def from_tables(cls, *, articles: pd.DataFrame, mentions: pd.DataFrame | None = None,
                    statements: pd.DataFrame | None = None,
                    sources: pd.DataFrame | None = None) -> Dashboard:
        """Build the dashboard from the four tables instead of a Corpus."""
        return cls(_tables={"articles": articles, "mentions": mentions, "statements": statements,
                            "sources": sources})
