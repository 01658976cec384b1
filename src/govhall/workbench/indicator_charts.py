"""Charts of the supervision dashboard as inline SVG, drawn on the server — no chart script, no CDN.

The page's Content-Security-Policy forbids inline ``style`` attributes and ``<style>`` elements,
so the SVG uses presentation attributes only for geometry and CSS classes (``indicators.css``)
for colours. Every chart carries a ``<title>``/``<desc>`` and the page shows the same numbers in
a table, so nothing is only in the picture. Labels are escaped; values are numbers we computed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 16, 40


@dataclass(frozen=True)
class Series:
    label: str
    css: str  # a class of indicators.css: series-1 … series-3
    values: Sequence[float | None]  # rates 0–1; None = no figure that week


def _y(value: float) -> float:
    return TOP + (1 - value) * (HEIGHT - TOP - BOTTOM)


def trend_chart(*, title: str, labels: Sequence[str], series: Sequence[Series]) -> SafeString:
    """A line chart of rates (0–100 %) over ``labels``; gaps where a value is None."""
    n = len(labels)
    step = (WIDTH - LEFT - RIGHT) / max(n - 1, 1)
    parts = [
        f'<svg class="chart chart--trend" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="trend-title">',
        f'<title id="trend-title">{escape(title)}</title>',
    ]
    for tick in (0, 0.25, 0.5, 0.75, 1):
        y = _y(tick)
        parts.append(
            f'<line class="chart__grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>'
        )
        parts.append(
            f'<text class="chart__axis" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{int(tick * 100)}%</text>'
        )
    every = max(1, n // 8)
    for i, label in enumerate(labels):
        if i % every == 0 or i == n - 1:
            x = LEFT + i * step
            parts.append(
                f'<text class="chart__axis" x="{x:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle">{escape(label)}</text>'
            )
    for line in series:
        segments: list[list[tuple[float, float]]] = [[]]
        for i, value in enumerate(line.values):
            if value is None:
                segments.append([])
                continue
            segments[-1].append((LEFT + i * step, _y(value)))
        for segment in segments:
            if len(segment) > 1:
                points = " ".join(f"{x:.1f},{y:.1f}" for x, y in segment)
                parts.append(
                    f'<polyline class="chart__line {line.css}" fill="none" stroke-width="2.5" points="{points}"/>'
                )
            for x, y in segment:
                parts.append(f'<circle class="chart__dot {line.css}" cx="{x:.1f}" cy="{y:.1f}" r="3.5"/>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — built from escaped labels and our own numbers


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None  # a rate 0–1
    text: str  # the value as shown


def ranking_chart(*, title: str, bars: Sequence[Bar]) -> SafeString:
    """Horizontal bars, best first (the caller sorts); a bar without a figure shows "—"."""
    row, label_width, right = 28, 120, 64
    height = TOP + row * max(len(bars), 1) + 8
    usable = WIDTH - label_width - right
    parts = [
        f'<svg class="chart chart--ranking" viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="ranking-title">',
        f'<title id="ranking-title">{escape(title)}</title>',
    ]
    for i, bar in enumerate(bars):
        y = TOP + i * row
        parts.append(
            f'<text class="chart__label" x="{label_width - 8}" y="{y + 17}" text-anchor="end">{escape(bar.label)}</text>'
        )
        parts.append(
            f'<rect class="chart__track" x="{label_width}" y="{y + 4}" width="{usable}" height="18" rx="3"/>'
        )
        if bar.value is not None:
            width = max(bar.value, 0) * usable
            css = "chart__bar--low" if bar.value < 0.9 else "chart__bar"
            parts.append(
                f'<rect class="{css}" x="{label_width}" y="{y + 4}" width="{width:.1f}" height="18" rx="3"/>'
            )
        parts.append(
            f'<text class="chart__value" x="{WIDTH - right + 6}" y="{y + 17}">{escape(bar.text)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — built from escaped labels and our own numbers
