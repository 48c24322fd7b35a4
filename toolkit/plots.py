"""Matplotlib drawings of the analysis tables.

Each ``plot_*(data, *, ax=None, **options) -> Axes`` draws on ``ax`` (a new figure when None),
never shows or saves, and draws an axes saying "no data" for an empty input. Data preparation
(``prepare_*``: pure DataFrame -> DataFrame) is kept apart from drawing so it can be tested and
reused. Dates use matplotlib's AutoDateLocator + ConciseDateFormatter (days at the least: a
short span gets no hourly ticks); counts have thousands separators; legends sit outside the
data, to the right. Every label drawn from the data (names, outlets, quotes) passes through
``literal()``: a "$" in it is a dollar sign, never the start of mathtext.

    ax = plot_mention_trends(mention_counts(mentions, articles, by="country", freq="W"))
    ax.figure.savefig("trends.png", bbox_inches="tight")
"""
from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import Any

import matplotlib
import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import TextToPath
from matplotlib.ticker import FuncFormatter, MaxNLocator

log = logging.getLogger(__name__)

DIVERSITY_METRICS = ("speaker_entropy_norm", "source_entropy_norm", "top_voice_share",
                     "official_share", "foreign_share")
QUOTE_CHARS = "\"'“”‘’«» "
_LEGEND: dict[str, Any] = {"loc": "upper left", "bbox_to_anchor": (1.01, 1.0), "frameon": False,
           "borderaxespad": 0.0}


class PlotArgumentError(ValueError):
    """A caller passed an option the plot functions do not know."""


def _check(param: str, value: object, allowed: Iterable[object]) -> None:
    allowed = list(allowed)
    if value not in allowed:
        raise PlotArgumentError(f"{param}={value!r} is not allowed; use one of {allowed}")


def _axes(ax: Axes | None, size: tuple[float, float] = (9.0, 4.0)) -> Axes:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt  # only when the caller wants a new figure

    _fig, new = plt.subplots(figsize=size)
    return new


def _no_data(ax: Axes, title: str, message: str = "no data") -> Axes:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes,
            fontsize=12, color="0.4")
    ax.set_title(title)
    ax.set_xticks([])
    ax.set_yticks([])
    return ax


def literal(text: object) -> str:
    """``text`` as matplotlib draws it literally: each "$" escaped, so "$5 billion and $10
    billion" keeps its dollar signs and "$$" or "$x^{$" cannot be parsed (and fail) as math."""
    return str(text).replace("$", r"\$")


def _number(x: float, _pos: object = None) -> str:
    """Axis numbers with thousands separators (1,170, not 1170 or 1.17e+03)."""
    return f"{x:,.0f}" if abs(x) >= 100 or float(x).is_integer() else f"{x:.3g}"


NUMBER_FORMAT = FuncFormatter(_number)


def _date_axis(ax: Axes, *, axis: str = "x") -> None:
    """Date ticks fitting the axis span: whole days at the least (a one-day view has no hourly
    ticks), at most about 9 ticks."""
    target = ax.xaxis if axis == "x" else ax.yaxis
    lo, hi = ax.get_xlim() if axis == "x" else ax.get_ylim()
    span = abs(hi - lo)  # days (matplotlib's date unit)
    locator: mdates.DateLocator
    if span < 16:
        locator = mdates.DayLocator(interval=max(1, int(np.ceil(span / 8))))
    else:
        locator = mdates.AutoDateLocator(minticks=3, maxticks=9)
    target.set_major_locator(locator)
    target.set_major_formatter(mdates.ConciseDateFormatter(locator))


def _naive(values: pd.Series) -> pd.Series:
    """Dates as tz-naive UTC timestamps (matplotlib's date units)."""
    v = pd.to_datetime(values, utc=True, errors="coerce")
    return v.dt.tz_localize(None)


def _short(text: object, n: int) -> str:
    s = " ".join(str(text).split())
    return s if len(s) <= n else s[: n - 1].rstrip() + "…"


# --- mention trends ---------------------------------------------------------------------------

def _infer_step(periods: pd.DatetimeIndex) -> str | None:
    if len(periods) < 2:
        return None
    if (periods.day == 1).all():
        if (periods.month == 1).all():
            return "YS"
        months = periods.year * 12 + periods.month
        if len(periods) >= 3 and (np.diff(months) % 3 == 0).all():
            return "QS"
        return "MS"
    if (periods.dayofweek == 0).all() and (np.diff(periods.asi8) % (7 * 86400 * 10**9) == 0).all():
        return "W-MON"
    return "D"


def prepare_mention_trends(data: pd.DataFrame, *, value: str | None = None,
                           top: int | None = 8) -> pd.DataFrame:
    """Wide table for plotting: index = every period from first to last (gaps filled with 0),
    one column per series (label, plus outlet when the counts are split by outlet), the
    ``top`` series with the largest totals, largest first. ``value``: "count" or
    "per_1000_articles" (default: the latter when present)."""
    value = value or ("per_1000_articles" if "per_1000_articles" in data.columns else "count")
    _check("value", value, [c for c in ("count", "per_1000_articles") if c in data.columns])
    if data.empty:
        return pd.DataFrame()
    label = (data["label"] if "label" in data.columns else data["key"]).astype("string")
    label = label.fillna(data["key"].astype("string"))
    if "outlet" in data.columns and data["outlet"].nunique() > 1:
        label = label + " — " + data["outlet"].astype("string").fillna("?")
    # Sum per (period, series) cell by bincount over sorted codes (a pivot_table costs ~15 ms).
    period = _naive(data["period"]).to_numpy()
    v = pd.to_numeric(data[value], errors="coerce").to_numpy(dtype=float)
    ok = ~np.isnat(period) & label.notna().to_numpy() & ~np.isnan(v)
    p_codes, p_uniq = pd.factorize(period[ok], sort=True)
    s_codes, s_uniq = pd.factorize(label.to_numpy(dtype=object)[ok], sort=True)
    n_s = max(len(s_uniq), 1)
    cells = np.bincount(p_codes * n_s + s_codes, weights=v[ok], minlength=len(p_uniq) * n_s)
    wide = pd.DataFrame(cells.reshape(len(p_uniq), n_s)[:, :len(s_uniq)],
                        index=pd.DatetimeIndex(p_uniq, name="period"),
                        columns=pd.Index(s_uniq, dtype=object, name="series"))
    if wide.empty:
        return pd.DataFrame()
    order = wide.sum().sort_values(ascending=False, kind="stable").index
    wide = wide[order[:top] if top else order]
    steps = {"D": "D", "W": "W-MON", "M": "MS", "Q": "QS", "Y": "YS"}
    step = steps.get(data.attrs.get("freq", "")) or _infer_step(pd.DatetimeIndex(wide.index))
    if step is not None:
        full = pd.date_range(wide.index.min(), wide.index.max(), freq=step)
        if len(full) <= 20_000:
            wide = wide.reindex(wide.index.union(full), fill_value=0.0)
    wide.columns.name = None
    return wide


def plot_mention_trends(data: pd.DataFrame, *, ax: Axes | None = None, value: str | None = None,
                        top: int | None = 8, title: str | None = None) -> Axes:
    """Lines over time, one per entity (and outlet), from ``analysis.mention_counts``.

    ``value``: "count" or "per_1000_articles" (default: per 1,000 articles when present);
    ``top``: how many series (largest totals) to draw."""
    ax = _axes(ax)
    title = title or "Mentions over time"
    wide = prepare_mention_trends(data, value=value, top=top)
    if wide.empty:
        return _no_data(ax, title)
    col = value or ("per_1000_articles" if "per_1000_articles" in data.columns else "count")
    marker = "o" if len(wide) <= 30 else None
    for name in wide.columns:
        ax.plot(wide.index, wide[name].to_numpy(), marker=marker, markersize=3.5, linewidth=1.6,
                label=literal(_short(name, 40)))
    ax.set_title(title)
    ax.set_xlabel("period")
    ax.set_ylabel("mentions per 1,000 articles" if col == "per_1000_articles" else "mentions")
    ax.set_ylim(bottom=0)
    if col == "count":
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.set_major_formatter(NUMBER_FORMAT)
    ax.grid(axis="y", alpha=0.3)
    if len(wide.index) == 1:  # one period: room either side of it, in the period's own scale
        day = pd.Timedelta(days={"D": 1, "W": 4}.get(data.attrs.get("freq", ""), 15))
        ax.set_xlim(wide.index[0] - day, wide.index[0] + day)
    _date_axis(ax)
    ax.legend(**_LEGEND, title="entity")
    return ax


# --- diversity --------------------------------------------------------------------------------

def _group_labels(data: pd.DataFrame) -> pd.Series:
    parts = []
    for c in ("outlet", "period", "article_id"):
        if c in data.columns:
            v = data[c]
            if c == "period":
                v = _naive(v).dt.strftime("%Y-%m-%d").str.replace(r"-01$", "", regex=True)
            parts.append(v.astype("string").fillna("?"))
    if not parts:
        return pd.Series([str(i) for i in range(len(data))], index=data.index, dtype="string")
    out = parts[0]
    for p in parts[1:]:
        out = out + " · " + p
    return out


def prepare_diversity(data: pd.DataFrame, *, metric: str | Sequence[str] | None = None,
                      kind: str = "metrics", shares: str = "type",
                      max_groups: int = 30) -> pd.DataFrame:
    """Wide table for plotting: one row per group (label as index, at most ``max_groups``:
    those with the most statements, in their original order), one column per metric
    (kind="metrics") or per category share (kind="shares": the ``{shares}_*_share`` columns
    of ``analysis.source_diversity``, renamed to the category)."""
    _check("kind", kind, ("metrics", "shares"))
    if data.empty:
        return pd.DataFrame()
    if kind == "shares":
        _check("shares", shares, ("type", "gender"))
        cols = [c for c in data.columns if c.startswith(f"{shares}_") and c.endswith("_share")]
        names = [c[len(shares) + 1:-len("_share")] for c in cols]
    else:
        if metric is None:
            cols = [c for c in DIVERSITY_METRICS if c in data.columns]
        else:
            cols = [metric] if isinstance(metric, str) else list(metric)
        for c in cols:
            if c not in data.columns or not pd.api.types.is_numeric_dtype(data[c]):
                numeric = [x for x in data.columns if pd.api.types.is_numeric_dtype(data[x])]
                raise PlotArgumentError(f"metric={c!r} is not a numeric column; use one of "
                                        f"{numeric}")
        names = cols
    if not cols:
        return pd.DataFrame()
    d = data
    if len(d) > max_groups:
        order = d["n_statements"] if "n_statements" in d.columns else pd.Series(0, index=d.index)
        keep = order.sort_values(ascending=False, kind="stable").index[:max_groups]
        d = d.loc[sorted(keep)]
    wide = pd.DataFrame(d[cols].to_numpy(dtype=float), columns=names,
                        index=_group_labels(d).to_numpy())
    wide.attrs["n_groups"] = len(data)
    return wide


def plot_diversity(data: pd.DataFrame, *, ax: Axes | None = None,
                   metric: str | Sequence[str] | None = None, kind: str = "metrics",
                   shares: str = "type", max_groups: int = 30,
                   title: str | None = None) -> Axes:
    """Bars from ``analysis.source_diversity``: grouped bars of one or more metrics per group
    (kind="metrics"; default: the normalised entropies and the shares), or stacked bars of the
    voice shares by speaker type or gender (kind="shares", shares="type"|"gender").
    With more than ``max_groups`` groups, those with the most statements are drawn."""
    ax = _axes(ax)
    default_title = "Voices by speaker type" if kind == "shares" and shares == "type" else (
        "Voices by gender" if kind == "shares" else "Source diversity")
    title = title or default_title
    wide = prepare_diversity(data, metric=metric, kind=kind, shares=shares,
                             max_groups=max_groups)
    if wide.empty:
        return _no_data(ax, title)
    n_all = wide.attrs.get("n_groups", len(wide))
    if n_all > len(wide):
        title += f" ({len(wide)} of {n_all:,} groups, most statements)"
    x = np.arange(len(wide))
    if kind == "shares":
        bottom = np.zeros(len(wide))
        for name in wide.columns:
            vals = np.nan_to_num(wide[name].to_numpy())
            if not vals.any():
                continue
            ax.bar(x, vals, bottom=bottom, width=0.75, label=literal(name))
            bottom += vals
        ax.set_ylabel("share of voices")
        ax.set_ylim(0, 1)
        ax.legend(**_LEGEND, title="speaker type" if shares == "type" else "gender")
    else:
        k = len(wide.columns)
        width = 0.8 / k
        for i, name in enumerate(wide.columns):
            ax.bar(x - 0.4 + width * (i + 0.5), wide[name].fillna(0).to_numpy(), width=width,
                   label=literal(name.replace("_", " ")))
        bounded = all(c.endswith(("_share", "_norm", "gini_simpson")) for c in wide.columns)
        if bounded:
            ax.set_ylim(0, 1)
        ax.set_ylabel("value (0–1)" if bounded else
                      (literal(wide.columns[0].replace("_", " ")) if k == 1 else "value"))
        if not bounded:
            ax.yaxis.set_major_formatter(NUMBER_FORMAT)
        if k > 1:
            ax.legend(**_LEGEND, title="metric")
    labels = [literal(_short(s, 44)) for s in wide.index]
    # Rotate only when the labels would not fit side by side (~7 characters per inch).
    width_in = ax.get_window_extent().width / ax.figure.dpi
    need = sum(len(s) + 2 for s in labels) / (7 * width_in)
    if need > 1 and "period" in data.columns and not {"outlet", "article_id"} & set(data.columns):
        # Consecutive periods: every k-th label upright reads better than a slanted crowd
        # (and rotated text is the slowest thing matplotlib draws).
        step = int(np.ceil(need))
        ax.set_xticks(x[::step], labels[::step])
    else:
        ax.set_xticks(x, labels, rotation=35 if need > 1 else 0, ha="right" if need > 1 else "center")
    extra = max(0, 3 - len(wide)) / 2  # one or two groups: keep the bars from filling the axes
    ax.set_xlim(-0.6 - extra, len(wide) - 0.4 + extra)
    ax.set_xlabel(" · ".join(c for c in ("outlet", "period", "article_id") if c in data.columns)
                  or "group")
    ax.grid(axis="y", alpha=0.3)
    ax.set_axisbelow(True)
    ax.set_title(title)
    return ax


# --- statement timeline -----------------------------------------------------------------------

def _timeline_lanes(data: pd.DataFrame, *, lane: str | None, max_lanes: int) -> dict:
    """The arrays behind prepare_statement_timeline, in drawing order: ``rows`` (positions in
    ``data``), ``date`` (naive datetime64), ``lane_pos``, ``lane_labels`` (by lane_pos),
    ``colour`` (codes into ``colour_labels``), plus ``lane_kind`` and ``n_lanes_all``. Numpy
    only: the plot of 100,000s of statements needs no per-row strings."""
    if lane is not None:
        _check("lane", lane, ("speaker", "country"))
    n = len(data)
    s_codes, s_uniq = pd.factorize(data["speaker"])
    c_codes, c_uniq = pd.factorize(data["speaker_country"] if "speaker_country" in data.columns
                                   else pd.Series([None] * n))
    if lane is None:
        lane = "speaker" if len(s_uniq) <= max_lanes else "country"
    s_lab = np.append(np.asarray(s_uniq, dtype=object), "(unknown)")
    c_lab = np.append(np.asarray(c_uniq, dtype=object), "unknown")
    sc = np.where(s_codes >= 0, s_codes, len(s_uniq))
    cc = np.where(c_codes >= 0, c_codes, len(c_uniq))
    if lane == "speaker":
        pair = sc * len(c_lab) + cc
        p_codes, p_uniq = pd.factorize(pair)
        labels = np.array([f"{s_lab[p // len(c_lab)]} ({c_lab[p % len(c_lab)]})"
                           for p in p_uniq], dtype=object)
        lane_codes = p_codes
    else:
        labels, lane_codes = c_lab, cc
    dates = _naive(data["statement_date"]).to_numpy()
    ok = ~np.isnat(dates)
    counts = np.bincount(lane_codes[ok], minlength=len(labels))
    keep_lanes = np.argsort(-counts, kind="stable")[: max_lanes]
    keep_lanes = keep_lanes[counts[keep_lanes] > 0]
    ok &= np.isin(lane_codes, keep_lanes)
    idx = np.flatnonzero(ok)
    lc = lane_codes[idx]
    d_int = dates[idx].view(np.int64)
    # Lanes ordered by their first statement (ties: lane code), the earliest on top.
    first = np.full(len(labels), np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(first, lc, d_int)
    present = np.sort(keep_lanes)
    lanes = present[np.lexsort((present, first[present]))]
    pos_of = np.full(len(labels), -1)
    pos_of[lanes] = np.arange(len(lanes))
    lane_pos = pos_of[lc]
    order = _date_lane_order(d_int, lane_pos, len(lanes))
    return {"rows": idx[order], "date": dates[idx][order], "lane_pos": lane_pos[order],
            "lane_labels": labels[lanes], "colour": cc[idx][order], "colour_labels": c_lab,
            "lane_kind": lane, "n_lanes_all": int((counts > 0).sum())}


def _date_lane_order(d_int: np.ndarray, lane_pos: np.ndarray, n_lanes: int) -> np.ndarray:
    """Row order by date, then lane; ties keep the table's order. As one int64 key when it
    fits: a timeline arrives sorted by date, and a stable sort of one nearly sorted key costs
    a fraction of a two-key lexsort."""
    if not len(d_int):
        return np.arange(0)
    lo, hi = int(d_int.min()), int(d_int.max())
    if (hi - lo + 1) * (n_lanes + 1) < 2 ** 62:
        return np.argsort((d_int - lo) * np.int64(n_lanes + 1) + lane_pos, kind="stable")
    return np.lexsort((lane_pos, d_int))


def prepare_statement_timeline(data: pd.DataFrame, *, lane: str | None = None,
                               max_lanes: int = 20) -> pd.DataFrame:
    """One row per statement to draw: date (tz-naive), lane (speaker or country label),
    lane_pos (0 = top lane: the earliest first speaker), colour_key (speaker country), quote.
    ``lane``: "speaker", "country" or None (speaker when there are at most ``max_lanes``
    speakers, else country). At most ``max_lanes`` lanes are kept: those with the most
    statements. Labels are built on the distinct (speaker, country) pairs only."""
    if lane is not None:
        _check("lane", lane, ("speaker", "country"))
    cols = ["date", "lane", "lane_pos", "colour_key", "quote"]
    if data.empty:
        return pd.DataFrame(columns=cols)
    t = _timeline_lanes(data, lane=lane, max_lanes=max_lanes)
    d = pd.DataFrame({"date": t["date"], "lane": t["lane_labels"][t["lane_pos"]],
                      "lane_pos": t["lane_pos"], "colour_key": t["colour_labels"][t["colour"]],
                      "quote": data["quote"].to_numpy(dtype=object)[t["rows"]]})[cols]
    d.attrs["lane_kind"] = t["lane_kind"]
    d.attrs["n_lanes_all"] = t["n_lanes_all"]
    return d


def _place_labels(ax: Axes, d: pd.DataFrame, label_chars: int, fontsize: float) -> int:
    """Greedy label placement in display space: each label tries slots above/below its marker
    (1, -1, 2, -2, 3, -3 lines away) and takes the first whose box overlaps no placed label;
    labels that fit nowhere are dropped. Returns the number drawn."""
    fig = ax.figure
    dpi = fig.dpi
    bbox = ax.get_window_extent()
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    px_x = bbox.width / (x1 - x0)
    px_y = bbox.height / (y1 - y0)
    line = 1.45 * fontsize * dpi / 72.0  # text height plus a little air
    measure = TextToPath()
    prop = FontProperties(size=fontsize)
    placed: list[tuple[float, float, float, float]] = []
    marker_r = 5.0 * dpi / 72.0
    xnum = np.asarray(mdates.date2num(d["date"].to_numpy()), dtype=float)
    ynum = d["lane_pos"].to_numpy(dtype=float)
    markers = [(float(x), float(y)) for x, y in zip((xnum - x0) * px_x, (ynum - y0) * px_y,
                                                    strict=True)]
    drawn = 0
    for i, (mx, my) in enumerate(markers):
        text = f"“{_short(str(d['quote'].iat[i]).strip(QUOTE_CHARS), label_chars)}”"
        w = (1.06 * measure.get_text_width_height_descent(text, prop, ismath=False)[0] + 8) * dpi / 72
        for level in (1, -1, 2, -2, 3, -3):
            cy = my + level * line  # display y grows upwards: level 1 is above
            cx0 = min(max(mx - w / 2, 4.0), bbox.width - w - 4.0)  # stay inside the axes
            box = (cx0, cy - line / 2, cx0 + w, cy + line / 2)
            if cy - line / 2 < 0 or cy + line / 2 > bbox.height:  # inside the axes: not over the title
                continue
            hits_label = any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3]
                             for b in placed)
            hits_marker = any(box[0] < x + marker_r and x - marker_r < box[2]
                              and box[1] < y + marker_r and y - marker_r < box[3]
                              for x, y in markers)
            if hits_label or hits_marker:
                continue
            placed.append(box)
            dx_pts = (cx0 + w / 2 - mx) * 72.0 / dpi
            dy_pts = (cy - my) * 72.0 / dpi
            # A leader line only when the label had to move sideways (at an edge): a label
            # straight above or below its marker needs none, and lines would cross labels.
            arrow = {"arrowstyle": "-", "color": "0.7", "lw": 0.5, "shrinkA": 0,
                     "shrinkB": 3} if abs(dx_pts) > 2 else None
            ax.annotate(literal(text), (float(xnum[i]), float(ynum[i])),
                        xytext=(dx_pts, dy_pts), textcoords="offset points", ha="center",
                        va="center", fontsize=fontsize, color="0.15", arrowprops=arrow)
            drawn += 1
            break
    return drawn


DENSITY_MIN = 300  # more statements than this: counts per period, not one marker each


def _bins(date: np.ndarray, span_days: float) -> tuple[np.ndarray, np.ndarray, str]:
    """(start, end) of the period of each date (naive datetime64[ns]) and the period's name:
    days for a span up to two months, weeks (from Monday) up to a year and a half, else months."""
    day = date.astype("datetime64[D]")
    if span_days <= 62:
        start, end, name = day, day + np.timedelta64(1, "D"), "day"
    elif span_days <= 540:
        # 1970-01-01 was a Thursday: Mondays are days -3, 4, 11, ...
        n = day.view(np.int64)
        start = ((n + 3) // 7 * 7 - 3).astype("datetime64[D]")
        end, name = start + np.timedelta64(7, "D"), "week"
    else:
        month = date.astype("datetime64[M]")
        start, end, name = month.astype("datetime64[D]"), (month + 1).astype("datetime64[D]"), "month"
    return start.astype("datetime64[ns]"), end.astype("datetime64[ns]"), name


def _draw_density(ax: Axes, date: np.ndarray, lane_pos: np.ndarray, colour: np.ndarray,
                  colours: dict[str, Any], colour_of: np.ndarray, span_days: float) -> str:
    """One circle per (lane, period) with statements, its area proportional to their number;
    returns the note for the title."""
    start, end, name = _bins(date, span_days)
    key = start.view(np.int64) * np.int64(len(colour_of) + 1) + colour  # period x colour
    lanes = lane_pos.astype(np.int64)
    cell = pd.factorize(key * np.int64(int(lanes.max()) + 1) + lanes)[0]
    counts = np.bincount(cell)
    first = np.zeros(len(counts), dtype=np.int64)
    first[cell[::-1]] = np.arange(len(cell))[::-1]  # first row of each cell
    mid = start[first] + (end[first] - start[first]) // 2
    biggest = int(counts.max())
    size = 4.0 + 260.0 * counts / biggest  # marker area in points^2, proportional to the count
    cc = colour[first]
    for c in pd.unique(cc):
        sel = cc == c
        k = colour_of[c]
        ax.scatter(mid[sel], lane_pos[first][sel], s=size[sel], color=colours[k], alpha=0.75,
                   edgecolors="white", linewidths=0.5, label=literal(k), zorder=3)
    return f"circle area: statements per {name} (largest {biggest:,})"


def plot_statement_timeline(data: pd.DataFrame, *, ax: Axes | None = None,
                            lane: str | None = None, labels: bool | None = None,
                            label_chars: int = 38, max_lanes: int = 20,
                            title: str | None = None, note: str | None = None,
                            trim: bool = True) -> Axes:
    """One lane per official (or country), a marker per statement at its date, from
    ``analysis.statement_timeline``. Markers are coloured by the speaker's country. Over
    ``DENSITY_MIN`` statements, a circle per lane and period (day, week or month, by the span)
    whose area is the number of statements, instead of a strip of markers.
    ``labels``: short quote labels next to the markers (default: when there are at most 12
    statements); they are placed so as not to collide, and left out where no room is left.
    ``note``: a line added under the title (e.g. what a filter left out). ``trim``: over 200
    statements, leave out the 0.5% at either end of the dates (a few misdated statements must
    not squash the rest into a line), counted in the title; False when the caller chose the
    dates already."""
    if lane is not None:
        _check("lane", lane, ("speaker", "country"))
    # Arrays, not prepare_statement_timeline's frame: no per-statement strings are built
    # unless quote labels are drawn.
    t = _timeline_lanes(data, lane=lane, max_lanes=max_lanes) if len(data) else None
    n_lanes = len(t["lane_labels"]) if t is not None and len(t["rows"]) else 1
    ax = _axes(ax, size=(10.0, max(2.8, 1.1 + 0.75 * n_lanes)))
    title = title or "Statements over time"
    if t is None or not len(t["rows"]):
        return _no_data(ax, title)
    n_points = len(t["rows"])
    date, lane_pos = t["date"], t["lane_pos"]
    kind = "speakers" if t["lane_kind"] == "speaker" else "countries"
    if t["n_lanes_all"] > n_lanes:
        title += f" (top {n_lanes} of {t['n_lanes_all']} {kind})"
    if kind == "countries":  # the lane already says the country: one colour
        colour_of = np.array(["all"], dtype=object)
        colour = np.zeros(n_points, dtype=np.int64)
    else:
        colour_of, colour = t["colour_labels"], t["colour"]
    codes, uniq = pd.factorize(colour)  # drawing order: first appearance
    keys = sorted(colour_of[uniq])
    cmap = matplotlib.colormaps["tab10" if len(keys) <= 10 else "tab20"]
    colours = {k: cmap(i % cmap.N) for i, k in enumerate(x for x in keys if x != "unknown")}
    colours["unknown"] = (0.6, 0.6, 0.6, 1.0)  # no country: grey, not a country's colour
    dates = pd.Series(date)
    lo, hi = dates.iloc[0], dates.iloc[-1]  # drawing order is date order
    notes = [note] if note else []
    if trim and n_points > 200:
        lo, hi = dates.quantile(0.005), dates.quantile(0.995)
        outside = int(((dates < lo) | (dates > hi)).sum())
        if outside:
            notes.append(f"{outside:,} of {n_points:,} at the far ends not drawn")
    notes = ["; ".join(notes)] if notes else []
    if n_points > DENSITY_MIN:
        notes.insert(0, _draw_density(ax, date, lane_pos, colour, colours, colour_of,
                                      (hi - lo) / pd.Timedelta(days=1)))
    else:
        for i, c in enumerate(uniq):
            k = colour_of[c]
            sel = np.flatnonzero(codes == i)
            ax.scatter(date[sel], lane_pos[sel], s=46, color=colours[k], alpha=0.95,
                       edgecolors="white", linewidths=0.8, label=literal(k), zorder=3)
    if notes:
        title += "".join(f"\n{n}" for n in notes)
    ax.set_yticks(np.arange(n_lanes), [literal(_short(s, 34)) for s in t["lane_labels"]])
    # One collection of lane lines across the axes (20 axhline calls cost ~30 ms).
    ax.hlines(np.arange(n_lanes), 0, 1, transform=ax.get_yaxis_transform(), color="0.88", lw=0.8,
              zorder=1)
    ax.set_ylim(n_lanes - 0.4, -0.6)  # first speaker on top
    pad = max((hi - lo) * 0.08, pd.Timedelta(days=1))
    ax.set_xlim(lo - pad, hi + pad)
    _date_axis(ax)
    ax.set_xlabel("statement date")
    ax.set_ylabel("speaker" if t["lane_kind"] == "speaker" else "speaker country")
    ax.set_title(title)
    if len(keys) > 1:
        legend = ax.legend(**_LEGEND, title="speaker country")
        for handle in legend.legend_handles:  # legend keys opaque even when markers are faint
            if handle is not None:
                handle.set_alpha(1.0)
                if n_points > DENSITY_MIN and hasattr(handle, "set_sizes"):
                    handle.set_sizes([40.0])  # one size in the key, not the first circle's
    if labels is None:
        labels = n_points <= 12
    if labels:
        prep = prepare_statement_timeline(data, lane=lane, max_lanes=max_lanes)
        drawn = _place_labels(ax, prep, label_chars, fontsize=8.0)
        if drawn < len(prep):
            log.debug("statement timeline: %d of %d labels had no room", len(prep) - drawn,
                      len(prep))
    return ax


# --- co-mentions ------------------------------------------------------------------------------

def prepare_co_mentions(matrix: pd.DataFrame, *, diagonal: bool = False,
                        max_size: int = 30) -> pd.DataFrame:
    """The matrix cut to ``max_size`` rows and columns (the first ones: co_mentions orders by
    frequency), as floats; the diagonal (entity with itself) set to NaN unless ``diagonal``."""
    if matrix.empty:
        return pd.DataFrame()
    m = matrix.iloc[:max_size, :max_size].astype(float)
    if not diagonal:
        for lab in m.index.intersection(m.columns):
            m.loc[lab, lab] = np.nan
    return m


def plot_co_mentions(data: pd.DataFrame, *, ax: Axes | None = None, diagonal: bool = False,
                     annotate: bool | None = None, max_size: int = 30, cmap: str = "Blues",
                     title: str | None = None) -> Axes:
    """Heatmap of ``analysis.co_mentions``: articles mentioning both the row and the column
    entity. The diagonal (articles mentioning the entity at all) is blank unless ``diagonal``;
    cells are annotated with their counts when the matrix is at most 15 x 15."""
    m = prepare_co_mentions(data, diagonal=diagonal, max_size=max_size)
    side = 3.0 + 0.32 * max(m.shape) if not m.empty else 5.0
    ax = _axes(ax, size=(side + 1.5, side))
    title = title or "Co-mentions (articles mentioning both)"
    if m.empty:
        return _no_data(ax, title)
    values = np.ma.masked_invalid(m.to_numpy())
    image = ax.imshow(values, cmap=cmap, aspect="auto", vmin=0, interpolation="nearest")
    ax.set_xticks(np.arange(m.shape[1]), [literal(_short(c, 22)) for c in m.columns], rotation=45,
                  ha="right")
    ax.set_yticks(np.arange(m.shape[0]), [literal(_short(c, 22)) for c in m.index])
    ax.set_xlabel(literal(data.columns.name or "entity"))
    ax.set_ylabel(literal(data.index.name or "entity"))
    ax.set_title(title)
    bar = ax.figure.colorbar(image, ax=ax, label="articles", fraction=0.046, pad=0.03)
    bar.locator = MaxNLocator(integer=True)
    bar.update_ticks()
    if annotate is None:
        annotate = max(m.shape) <= 15
    if annotate:
        vmax = np.nanmax(m.to_numpy()) if np.isfinite(m.to_numpy()).any() else 0
        for (i, j), v in np.ndenumerate(m.to_numpy()):
            if np.isfinite(v):
                ax.text(j, i, f"{int(v):,}", ha="center", va="center", fontsize=8,
                        color="white" if vmax and v > 0.6 * vmax else "0.2")
    return ax


__all__ = [
    "NUMBER_FORMAT",
    "PlotArgumentError",
    "literal",
    "plot_co_mentions",
    "plot_diversity",
    "plot_mention_trends",
    "plot_statement_timeline",
    "prepare_co_mentions",
    "prepare_diversity",
    "prepare_mention_trends",
    "prepare_statement_timeline",
]
