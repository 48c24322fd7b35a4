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
    box would draw the figure twice."""

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
            **options: Any) -> bytes:
        """Draw ``data`` with one plot function and return the PNG."""
        self._reset()
        ax = self.ax
        if len(data):
            draw(data, ax=ax, **options)
        else:
            ax.text(0.5, 0.5, empty_message, ha="center", va="center", transform=ax.transAxes)
            ax.set_axis_off()
        buf = io.BytesIO()
        self.figure.savefig(buf, format="png", pil_kwargs={"compress_level": 1})  # fast to encode
        return buf.getvalue()

    def _reset(self) -> None:
        """Remove what the last drawing added and restore what plot functions set."""
        ax = self.ax
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


def _esc(value: Any) -> str:
    if value is None or (not isinstance(value, (list, tuple, np.ndarray)) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return html.escape(value.strftime("%Y-%m-%d"))
    if isinstance(value, float):
        return html.escape(f"{value:.3g}")
    return html.escape(str(value))


def _link(url: Any) -> str:
    text = "" if url is None or pd.isna(url) else str(url)
    if not text.lower().startswith(("http://", "https://")):  # no javascript: or data: links
        return ""
    return f'<a href="{html.escape(text, quote=True)}" target="_blank" rel="noopener">article</a>'


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
    return (f'{_TABLE_CSS}<table class="tk-table"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>{note}')


def highlight(text: str, spans: dict[str, tuple[int, int] | None], *, context: str = "paragraph") -> str:
    """The paragraph(s) of ``text`` around ``spans`` (name -> (start, end)), HTML-escaped, each span
    wrapped in ``<mark class="tk-NAME">``. ``context="paragraph"`` widens to blank/newline breaks."""
    valid = {k: (int(s), int(e)) for k, v in spans.items() if v is not None
             for s, e in [v] if s is not None and e is not None and not pd.isna(s) and not pd.isna(e)
             and 0 <= int(s) <= int(e) <= len(text)}
    if not valid:
        return ""
    lo = min(s for s, _ in valid.values())
    hi = max(e for _, e in valid.values())
    if context == "paragraph":
        lo = text.rfind("\n", 0, lo) + 1
        nl = text.find("\n", hi)
        hi = len(text) if nl < 0 else nl
    cuts = sorted({lo, hi, *(p for se in valid.values() for p in se if lo <= p <= hi)})
    out = []
    for a, b in itertools.pairwise(cuts):
        piece = html.escape(text[a:b])
        for name, (s, e) in valid.items():  # nested marks where spans overlap
            if s <= a and b <= e and s < e:
                piece = f'<mark class="tk-{html.escape(name)}">{piece}</mark>'
        out.append(piece)
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
        boxes = [widgets.HBox(r, layout=widgets.Layout(flex_flow="row wrap")) for r in rows]
        self.children = [*boxes, self.status, self.plot, self.table, *extra]
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
    """Mentions over time: lines per selected country and official, for one outlet or all."""

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
                      [self.outlet, self.period, self.metric, self.start, self.end]])
        self.refresh()

    def _update(self) -> None:
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
        self.table.value = html_table(div, columns=shown)


class StatementExplorer(_Explorer):
    """Who said what, when: a timeline, the statements table, and one statement in its paragraph."""

    title = "Statements"
    COLUMNS = ("date", "speaker", "role", "country", "quote", "outlet", "url")
    PLOT_COLUMNS = ("statement_date", "speaker", "speaker_country", "statement_id")

    def __init__(self, corpus: Any = None, *, _tables: dict[str, pd.DataFrame | None] | None = None) -> None:
        super().__init__(corpus, _tables=_tables)
        self._canvas = _Canvas(size=(9.0, 4.4), margins=(0.27, 0.84, 0.14, 0.9))
        # Once: the statements in timeline order (statement_timeline then need not sort) and the
        # row of each statement's article.
        self.statements = self.statements.iloc[analysis.timeline_order(self.statements, self.articles)] \
            .reset_index(drop=True)
        s = self.statements
        self._article_pos = pd.Index(self.articles["article_id"].astype(object)).get_indexer(
            s["article_id"].astype(object))  # -1: not in the articles table
        self._by_id = s.set_index("statement_id", drop=False) if "statement_id" in s else s
        # With unique statement ids, an update builds the timeline's text columns only for the
        # rows the table shows; the plot needs four columns of every selected statement.
        lean = "statement_id" in s and s["statement_id"].notna().all() and s["statement_id"].is_unique
        self._row_of_id: pd.Index | None = self._by_id.index if lean else None  # statement id -> row
        self._text_of = pd.Series(self.articles["text"].to_numpy(), index=self.articles["article_id"]) \
            if "text" in self.articles else pd.Series(dtype=object)
        sc = _ranked(s["speaker_country"].dropna().astype(str).value_counts()) if "speaker_country" in s \
            else pd.Series(dtype=int)
        self.country = widgets.Dropdown(options=[("All countries", ALL)] + [(f"{c} ({n:,})", c)
                                                                            for c, n in sc.items()],
                                        value=ALL, description="Speaker country", style=_STYLE)
        speakers = s.dropna(subset=["speaker"])
        if "speaker_type" in s:  # officials first, then everyone else who speaks
            speakers = speakers.assign(_o=(speakers["speaker_type"] != "official").astype(int))
        else:
            speakers = speakers.assign(_o=0)
        counts = speakers.groupby(["_o", "speaker"]).size().reset_index(name="n") \
            .sort_values(["_o", "n", "speaker"], ascending=[True, False, True])
        self.official = widgets.Dropdown(
            options=[("All speakers", ALL)] + [(f"{r.speaker} ({r.n:,})", r.speaker)
                                               for r in counts.itertuples()],
            value=ALL, description="Speaker", style=_STYLE)
        self.outlet = widgets.Dropdown(options=self._outlet_options(), value=ALL, description="Outlet",
                                       style=_STYLE)
        self.statement = widgets.Dropdown(options=[("—", "")], value="", description="Statement",
                                          style=_STYLE, layout=widgets.Layout(width="95%"))
        self.detail = widgets.HTML()
        self.detail.add_class("tk-detail")
        self._set_dates(s["statement_date"])
        self._layout([[self.country, self.official, self.outlet], [self.start, self.end]],
                     extra=[self.statement, self.detail])
        self.statement.observe(lambda _c: self._show_statement(), names="value")
        self.refresh()

    def _update(self) -> None:
        speakers = None if self.official.value == ALL else [self.official.value]
        countries = None if self.country.value == ALL else [self.country.value]
        outlets = None if self.outlet.value == ALL else [self.outlet.value]
        key = (self.official.value, self.country.value, self.outlet.value, self.date_range())

        timeline = self._memo.get(("timeline", key), lambda: analysis.statement_timeline(
            self.statements, self._art, speakers=speakers, countries=countries, outlets=outlets,
            date_range=self.date_range(), columns=None if self._row_of_id is None else self.PLOT_COLUMNS))
        head = self._memo.get(("head", key), lambda: self._head(timeline))
        shown = head if len(timeline) <= MAX_ROWS else timeline  # small: quote labels in the plot
        self.plot.value = self._memo.get(("png", key), lambda: self._canvas.png(
            plots.plot_statement_timeline, shown, empty_message="No statements for this selection"))
        view = self._view(head)
        self.table.value = html_table(view, columns=self.COLUMNS, links=("url",), total=len(timeline))
        options = [("—", "")]
        if "statement_id" in view:
            top = view.head(MAX_ROWS)
            options += [(self._label(d, who, q), str(sid)) for d, who, q, sid in
                        zip(top["date"], top["speaker"], top["quote"], top["statement_id"], strict=True)]
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
    def _label(date: Any, speaker: Any, quote: Any) -> str:
        text = quote if isinstance(quote, str) else ""
        text = text if len(text) <= 70 else text[:67] + "..."
        return f"{_date(date) or '?'} — {speaker if isinstance(speaker, str) and speaker else '?'}: {text}"

    def _show_statement(self) -> None:
        sid = self.statement.value
        if not sid or sid not in self._by_id.index:
            self.detail.value = ""
            return
        row = self._by_id.loc[sid]
        if isinstance(row, pd.DataFrame):
            row = row.iloc[0]
        text = self._text_of.get(row["article_id"])
        if not isinstance(text, str):
            self.detail.value = "<p>The article text is not available.</p>"
            return
        spans: dict[str, tuple[int, int] | None] = {
            "quote": (row.get("quote_start"), row.get("quote_end")),
            "speaker": (row.get("speaker_start"), row.get("speaker_end")),
        }
        body = highlight(text, spans)
        who = " · ".join(_esc(row.get(c)) for c in ("speaker", "speaker_role", "speaker_country")
                         if _esc(row.get(c)))
        self.detail.value = (f'{_TABLE_CSS}<div class="tk-detail"><p><b>{who}</b> '
                             f'({_esc(_date(row.get("statement_date")))}, '
                             f'{_esc(self._outlet_of.get(row["article_id"]))})</p>'
                             f"<blockquote>{body}</blockquote></div>")


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
