"""Reporting periods of the supervision indicators: ISO week (Mon–Sun), month, quarter, year, custom range.

A period is a closed range of local dates with a Chinese label. ``period_parse`` reads the
dashboard's query string (``period``, ``date``, ``start``, ``end``, or ``week=2026-W21``) and
falls back to the last full week — the week a weekly dispatch meeting (调度会) looks back on.
Pure date arithmetic: no database, no clock other than the ``today`` passed in.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

KINDS = {"week": "周", "month": "月", "quarter": "季度", "year": "年", "custom": "自定义"}
MAX_CUSTOM_DAYS = 366 * 3
WEEK_PATTERN = re.compile(r"^(\d{4})-W(\d{1,2})$")


@dataclass(frozen=True)
class Period:
    kind: str
    start: dt.date
    end: dt.date

    @property
    def label(self) -> str:
        s, e = self.start, self.end
        if self.kind == "week":
            year, week, _ = s.isocalendar()
            return f"{year}年第{week}周（{s.month}月{s.day}日—{e.month}月{e.day}日）"
        if self.kind == "month":
            return f"{s.year}年{s.month}月"
        if self.kind == "quarter":
            return f"{s.year}年第{(s.month - 1) // 3 + 1}季度"
        if self.kind == "year":
            return f"{s.year}年"
        return f"{s:%Y-%m-%d} 至 {e:%Y-%m-%d}"

    @property
    def iso_week(self) -> str:
        year, week, _ = self.start.isocalendar()
        return f"{year}-W{week:02d}"

    @property
    def trend_unit(self) -> str:
        """Weekly points for periods up to a quarter, monthly points beyond."""
        return "week" if (self.end - self.start).days <= 100 else "month"

    def shifted(self, steps: int) -> Period:
        """The period ``steps`` periods later (earlier if negative), of the same kind."""
        if self.kind == "week":
            return period_of("week", self.start + dt.timedelta(weeks=steps))
        if self.kind in ("month", "quarter", "year"):
            months = {"month": 1, "quarter": 3, "year": 12}[self.kind] * steps
            index = self.start.year * 12 + self.start.month - 1 + months
            return period_of(self.kind, dt.date(index // 12, index % 12 + 1, 1))
        length = (self.end - self.start).days + 1
        delta = dt.timedelta(days=length * steps)
        return Period("custom", self.start + delta, self.end + delta)

    def query(self) -> dict[str, str]:
        """The query-string parameters that select this period again."""
        if self.kind == "custom":
            return {"period": "custom", "start": self.start.isoformat(), "end": self.end.isoformat()}
        return {"period": self.kind, "date": self.start.isoformat()}


def period_of(kind: str, anchor: dt.date) -> Period:
    """The period of ``kind`` containing ``anchor``."""
    if kind == "week":
        start = anchor - dt.timedelta(days=anchor.weekday())
        return Period("week", start, start + dt.timedelta(days=6))
    if kind == "month":
        start = anchor.replace(day=1)
        following = (start + dt.timedelta(days=32)).replace(day=1)
        return Period("month", start, following - dt.timedelta(days=1))
    if kind == "quarter":
        start = dt.date(anchor.year, (anchor.month - 1) // 3 * 3 + 1, 1)
        following = (start + dt.timedelta(days=95)).replace(day=1)
        return Period("quarter", start, following - dt.timedelta(days=1))
    if kind == "year":
        return Period("year", dt.date(anchor.year, 1, 1), dt.date(anchor.year, 12, 31))
    raise ValueError(f"unknown period kind {kind!r}")


def last_full_week(today: dt.date) -> Period:
    return period_of("week", today - dt.timedelta(days=7))


def iso_week_period(text: str) -> Period | None:
    """``2026-W21`` → that ISO week; None if malformed."""
    match = WEEK_PATTERN.match((text or "").strip())
    if not match:
        return None
    try:
        return period_of("week", dt.date.fromisocalendar(int(match[1]), int(match[2]), 1))
    except ValueError:
        return None


def _date(text: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(text or "").strip())
    except ValueError:
        return None


def period_parse(params: Any, *, today: dt.date) -> tuple[Period, str]:
    """The period asked for by ``params`` (a QueryDict or dict) and an error message ("" if none).

    Anything malformed falls back to the last full week, with the message saying why.
    """
    default = last_full_week(today)
    if params.get("week"):
        week = iso_week_period(params.get("week"))
        return (week, "") if week else (default, "周次格式应为 2026-W21，已显示上一完整周")
    kind = params.get("period") or "week"
    if kind not in KINDS:
        return default, "未知的统计周期，已显示上一完整周"
    if kind == "custom":
        start, end = _date(params.get("start")), _date(params.get("end"))
        if start is None or end is None or end < start:
            return default, "自定义时段需要有效的开始和结束日期（开始不晚于结束），已显示上一完整周"
        if (end - start).days > MAX_CUSTOM_DAYS:
            return default, "自定义时段不能超过三年，已显示上一完整周"
        return Period("custom", start, end), ""
    if not params.get("date"):
        return (default if kind == "week" else period_of(kind, today)), ""
    anchor = _date(params.get("date"))
    if anchor is None:
        return default, "日期格式应为 YYYY-MM-DD，已显示上一完整周"
    return period_of(kind, anchor), ""
