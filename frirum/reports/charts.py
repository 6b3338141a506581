"""Charts as SVG made on the server: no JavaScript, the same markup on the web page and in the PDF.

Every chart is an image with a <title> and <desc> (role="img", aria-labelledby), and each bar
or point carries its value as text, so the chart reads without colour and the table next to it
holds the same numbers. A hidden (suppressed) value is drawn as no bar with its text ("<5").
"""

from collections.abc import Callable, Sequence
from xml.sax.saxutils import escape

from django.utils.safestring import SafeString, mark_safe

# Colours with at least 3:1 contrast against white (WCAG non-text contrast).
PALETTE = ("#1a3b50", "#a8412f", "#2f7d59", "#7a4f9e", "#8a6d00", "#3d6fa8", "#6b6b6b")
# 560 units: on screen the figure is at most 40rem (640px) wide, so the 13-unit text is about
# 15px; in the PDF it spans the 174mm text width, so that text prints at 11.4pt.
WIDTH = 560
TEXT = 13  # the smallest text in a chart, in SVG units
TEXT_LARGE = 14
# A presentation attribute, not a style attribute: the Content-Security-Policy allows no inline
# styles, and WeasyPrint reads both.
FONT = "'IBM Plex Sans', 'DejaVu Sans', sans-serif"

Value = float | int | None


def _attr(text: str) -> str:
    return escape(str(text), {'"': "&quot;"})


def _open(chart_id: str, title: str, desc: str, height: int) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="report-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'aria-labelledby="{_attr(chart_id)}-title {_attr(chart_id)}-desc" '
        f'font-family="{_attr(FONT)}">',
        f'<title id="{_attr(chart_id)}-title">{escape(str(title))}</title>',
        f'<desc id="{_attr(chart_id)}-desc">{escape(str(desc))}</desc>',
    ]


def _close(parts: list[str]) -> SafeString:
    parts.append("</svg>")
    # Every piece of text above went through escape(): the markup is ours.
    return mark_safe("\n".join(parts))  # noqa: S308


def _wrap(label: str, width: int) -> list[str]:
    """Splits a label into lines of about `width` characters (at most two, then an ellipsis)."""
    words, lines, line = str(label).split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    if len(lines) > 2:
        lines = [lines[0], lines[1][: width - 1] + "…"]
    return lines or [""]


def bar_chart(
    *,
    chart_id: str,
    title: str,
    desc: str,
    items: Sequence[tuple[str, Value, str]],
    max_value: float | None = None,
) -> SafeString:
    """Horizontal bars: items are (label, value or None when hidden, value text)."""
    return grouped_bar_chart(
        chart_id=chart_id,
        title=title,
        desc=desc,
        categories=[label for label, _value, _text in items],
        series=[("", [(value, text) for _label, value, text in items])],
        max_value=max_value,
    )


def grouped_bar_chart(
    *,
    chart_id: str,
    title: str,
    desc: str,
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[tuple[Value, str]]]],
    max_value: float | None = None,
) -> SafeString:
    """Horizontal bars, one group per category and one bar per series (e.g. year)."""
    # Rows just taller than their 13-unit text: a long list (themes) stays within a page.
    label_width, bar_height, legend = 210, 18, 30 if len(series) > 1 else 0
    gap = 4 if len(series) == 1 else 8
    if any(len(_wrap(category, 27)) > 1 for category in categories):
        # Two-line labels need the room of two lines.
        gap = max(gap, 32 - bar_height * len(series))
    value_room = 64
    group_height = bar_height * len(series) + gap
    # Room above the first group: a two-line label of a single bar reaches above its bar.
    legend = legend or 10
    height = max(legend + group_height * len(categories) + 10, 60)
    values = [value for _name, points in series for value, _text in points if value is not None]
    top = max_value or max(values, default=0) or 1
    plot = WIDTH - label_width - value_room
    parts = _open(chart_id, title, desc, height)

    if len(series) > 1:
        x = label_width
        for index, (name, _points) in enumerate(series):
            colour = PALETTE[index % len(PALETTE)]
            parts.append(
                f'<rect x="{x}" y="6" width="14" height="14" fill="{colour}" class="legend"/>'
                f'<text x="{x + 20}" y="18" font-size="{TEXT}" fill="#222">{escape(str(name))}</text>'
            )
            x += 34 + 8 * len(str(name))

    for row, category in enumerate(categories):
        y0 = legend + row * group_height
        lines = _wrap(category, 27)
        mid = y0 + (bar_height * len(series)) / 2
        for line_no, line in enumerate(lines):
            dy = mid + 4 + (line_no - (len(lines) - 1) / 2) * 15
            parts.append(
                f'<text x="{label_width - 8}" y="{dy:.1f}" font-size="{TEXT}" text-anchor="end" '
                f'fill="#222" class="category">{escape(line)}</text>'
            )
        for index, (name, points) in enumerate(series):
            value, text = points[row] if row < len(points) else (None, "")
            y = y0 + index * bar_height
            colour = PALETTE[index % len(PALETTE)]
            length = 0.0 if value is None else max(plot * float(value) / top, 0.0)
            label = f"{category}: {text}" if not name else f"{category}, {name}: {text}"
            parts.append(
                f'<rect class="bar" x="{label_width}" y="{y + 2}" width="{length:.1f}" '
                f'height="{bar_height - 4}" fill="{colour}" data-value="{_attr(text)}">'
                f"<title>{escape(label)}</title></rect>"
            )
            parts.append(
                f'<text class="value" x="{label_width + length + 6:.1f}" y="{y + bar_height - 5}" '
                f'font-size="{TEXT}" fill="#222">{escape(str(text))}</text>'
            )
    return _close(parts)


def line_chart(
    *,
    chart_id: str,
    title: str,
    desc: str,
    x_labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[Value]]],
    value_text: Callable[[float], str] = str,
    min_zero: bool = True,
) -> SafeString:
    """Lines over the x labels (years); a None value leaves a gap in its line."""
    left, right, top_pad, bottom = 64, 24, 16, 40
    legend_rows = (len(series) + 1) // 2
    height = 260 + legend_rows * 20
    plot_w, plot_h = WIDTH - left - right, 260 - top_pad - bottom
    values = [v for _name, points in series for v in points if v is not None]
    ticks = axis_ticks(values, value_text=value_text, min_zero=min_zero)
    low, high = ticks[0], ticks[-1]
    step = plot_w / max(len(x_labels) - 1, 1)

    def xy(i: int, v: float) -> tuple[float, float]:
        return left + i * step, top_pad + plot_h - (float(v) - low) / (high - low) * plot_h

    parts = _open(chart_id, title, desc, height)
    for v in ticks:
        _x, y = xy(0, v)
        parts.append(
            f'<line x1="{left}" x2="{WIDTH - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="{TEXT}" text-anchor="end" '
            f'fill="#444" class="tick">{escape(value_text(v))}</text>'
        )
    # Every n-th year when they would overlap (a label needs about 40 units).
    every = max(1, -(-len(x_labels) * 40 // max(plot_w, 1)))
    for i, label in enumerate(x_labels):
        if i % every and i != len(x_labels) - 1:
            continue
        x, _y = xy(i, low)
        parts.append(
            f'<text x="{x:.1f}" y="{top_pad + plot_h + 20}" font-size="{TEXT}" '
            f'text-anchor="middle" fill="#222" class="x-label">{escape(str(label))}</text>'
        )
    for index, (name, points) in enumerate(series):
        colour = PALETTE[index % len(PALETTE)]
        segments, current = [], []
        for i, value in enumerate(points):
            if value is None:
                if current:
                    segments.append(current)
                current = []
                continue
            current.append(xy(i, value))
        if current:
            segments.append(current)
        for segment in segments:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in segment)
            parts.append(
                f'<polyline class="line" points="{path}" fill="none" stroke="{colour}" '
                f'stroke-width="2.5"/>'
            )
        for i, value in enumerate(points):
            if value is None:
                continue
            x, y = xy(i, value)
            parts.append(
                f'<circle class="point" cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}">'
                f"<title>{escape(f'{name} {x_labels[i]}: {value_text(value)}')}</title></circle>"
            )
        row, col = divmod(index, 2)
        lx, ly = 8 + col * 270, 268 + row * 20
        parts.append(
            f'<rect x="{lx}" y="{ly - 10}" width="14" height="4" fill="{colour}" class="legend"/>'
            f'<text x="{lx + 20}" y="{ly - 4}" font-size="{TEXT}" fill="#222" '
            f'class="legend-label">{escape(str(name)[:32])}</text>'
        )
    return _close(parts)


NICE_STEPS = (1, 2, 2.5, 5)


def axis_ticks(
    values: Sequence[float], *, value_text: Callable[[float], str] = str, min_zero: bool = True
) -> list[float]:
    """Round ticks from below the lowest to above the highest value, at a step wide enough
    that no two ticks read the same once formatted (never "18,1 18,1 18,1")."""
    import math

    low = 0.0 if min_zero or not values else float(min(values))
    high = float(max(values, default=1.0))
    if high <= low:
        # One value (or none): a band around it.
        low, high = (0.0, 1.0) if min_zero and high <= 0 else (low - 0.5, high + 0.5)
        if min_zero:
            low = 0.0
    step = 10 ** math.floor(math.log10((high - low) / 4))
    candidates = [m * step * 10**e for e in range(0, 12) for m in NICE_STEPS]
    for step in candidates:
        first = math.floor(low / step + 1e-9) * step
        count = math.ceil((high - first) / step - 1e-9)
        if count > 6:
            continue
        ticks = [round(first + i * step, 10) for i in range(max(count, 1) + 1)]
        texts = [value_text(tick) for tick in ticks]
        if len(set(texts)) == len(texts):
            return ticks
    return [low, high]
