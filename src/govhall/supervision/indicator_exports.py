"""Indicator exports: the weekly dispatch table (调度表, .xlsx) and the periodic bulletin (通报, PDF).

The dispatch table has one row per child region of the chosen region (a city: its counties) plus
the region's own level (本级) and a total, with every indicator of ``INDICATORS`` for one ISO week;
rates are real numbers formatted as percentages, so the sheet can be sorted and summed. The
bulletin ranks the child regions by on-time rate and by satisfaction and lists the red and yellow
cards of the period. Both are built from ``indicators_for`` (no query of their own except the card
list). Reads only.
"""

from __future__ import annotations

import datetime as dt
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from reportlab.lib.units import mm

from govhall.core.pdf import content_width, pdf_render, pdf_styles, pdf_table, pdf_text
from govhall.directory.models import Region

from .indicators import INDICATORS, VOLUMES, IndicatorCounts, IndicatorRow, IndicatorTable
from .models import Card
from .periods import Period

HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
TOTAL_FILL = PatternFill("solid", fgColor="E8EEF6")
THIN = Side(style="thin", color="B4BCC8")
CARD_LIST_LIMIT = 200


def _cell_value(counts: IndicatorCounts, key: str) -> float | int | None:
    value = counts.value(key)
    return round(value, 4) if isinstance(value, float) else value


def dispatch_workbook(*, table: IndicatorTable, period: Period, generated_by: str) -> bytes:
    """调度表: one sheet, a title line, then a header row and one row per region (本级 first, total last)."""
    book = Workbook()
    sheet = book.active
    sheet.title = f"调度表{period.iso_week}"
    headers = ["地区", *(label for _, label in VOLUMES), *(i.label for i in INDICATORS)]
    sheet.append([f"{table.scope.name}政务服务效能调度表 · {period.label}"])
    sheet.append(
        [
            f"统计周期 {period.start:%Y-%m-%d} 至 {period.end:%Y-%m-%d}；生成人 {generated_by}；生成时间 {dt.datetime.now():%Y-%m-%d %H:%M}"
        ]
    )
    sheet.append(headers)
    header_row = 3
    for column in range(1, len(headers) + 1):
        cell = sheet.cell(row=header_row, column=column)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = Border(top=THIN, bottom=THIN, left=THIN, right=THIN)
    sheet.cell(row=1, column=1).font = Font(bold=True, size=14)
    lines: list[tuple[str, IndicatorCounts]] = [(row.label, row.counts) for row in table.rows]
    lines.append(("合计", table.total))
    for label, counts in lines:
        sheet.append(
            [
                label,
                *(getattr(counts, key) for key, _ in VOLUMES),
                *(_cell_value(counts, i.key) for i in INDICATORS),
            ]
        )
        row = sheet.max_row
        for position, indicator in enumerate(INDICATORS, start=2 + len(VOLUMES)):
            cell = sheet.cell(row=row, column=position)
            cell.number_format = {"rate": "0.0%", "number": "0.00", "count": "0"}[indicator.kind]
            if cell.value is None:
                cell.value = "—"
                cell.alignment = Alignment(horizontal="center")
        for column in range(1, len(headers) + 1):
            sheet.cell(row=row, column=column).border = Border(top=THIN, bottom=THIN, left=THIN, right=THIN)
    for column in range(1, len(headers) + 1):
        sheet.cell(row=sheet.max_row, column=column).fill = TOTAL_FILL
        sheet.cell(row=sheet.max_row, column=column).font = Font(bold=True)
    sheet.row_dimensions[header_row].height = 36
    sheet.column_dimensions["A"].width = 18
    for column in range(2, len(headers) + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 11
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=2)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def cards_of_period(*, scope: Region, start: dt.date, end: dt.date) -> list[Card]:
    """Cards issued in the period in ``scope`` and below, red first, at most ``CARD_LIST_LIMIT``."""
    return list(
        Card.objects.filter(region__path__startswith=scope.path, issued_on__gte=start, issued_on__lte=end)
        .select_related("region", "department")
        .order_by("-level", "issued_on", "id")[:CARD_LIST_LIMIT]
    )


def _ranking(rows: list[IndicatorRow], key: str) -> list[IndicatorRow]:
    """Rows with a figure, best first (ties by name); rows without one last."""
    with_value = [row for row in rows if row.value(key) is not None]
    without = [row for row in rows if row.value(key) is None]
    return sorted(with_value, key=lambda row: (-(row.value(key) or 0), row.label)) + without


def bulletin_pdf(*, table: IndicatorTable, period: Period, cards: list[Card], issuer: str) -> bytes:
    """通报: headline figures, two rankings, the card lists."""
    styles = pdf_styles()
    width = content_width()
    scope = table.scope
    on_time, satisfaction = (
        next(i for i in INDICATORS if i.key == k) for k in ("on_time_rate", "satisfaction_rate")
    )
    flow = [
        pdf_text(f"{scope.name}政务服务效能监察通报", styles.title),
        pdf_text(
            f"统计周期：{period.label}（{period.start:%Y-%m-%d} 至 {period.end:%Y-%m-%d}）", styles.small
        ),
        pdf_text("一、总体情况", styles.heading),
        pdf_text(
            f"本期收件 {table.total.received} 件，办结 {table.total.completed} 件，"
            f"按时办结率 {on_time.display(table.total.value('on_time_rate'))}，"
            f"网上办理率 {_display('online_handling_rate', table.total)}，"
            f"好评率 {satisfaction.display(table.total.value('satisfaction_rate'))}；"
            f"发出红牌 {table.total.red_cards} 张、黄牌 {table.total.yellow_cards} 张。",
            styles.body,
        ),
    ]
    for number, indicator in (("二", on_time), ("三", satisfaction)):
        ranked = _ranking(table.rows, indicator.key)
        flow.append(pdf_text(f"{number}、{indicator.label}排名", styles.heading))
        rows = [
            [
                str(place),
                row.label,
                indicator.display(row.value(indicator.key)),
                str(row.counts.completed if indicator is on_time else row.counts.ratings),
            ]
            for place, row in enumerate(ranked, start=1)
        ]
        basis = "办结数" if indicator is on_time else "评价数"
        flow.append(
            pdf_table(
                ["名次", "地区", indicator.label, basis],
                rows,
                widths=[width * f for f in (0.12, 0.48, 0.2, 0.2)],
                styles=styles,
            )
        )
    flow.append(pdf_text("四、红黄牌情况", styles.heading))
    if cards:
        rows = [
            [
                card.get_level_display(),
                card.region.name,
                card.department.name if card.department else "—",
                card.subject_label,
                card.reason,
                f"{card.issued_on:%m-%d}",
            ]
            for card in cards
        ]
        flow.append(
            pdf_table(
                ["等级", "地区", "责任部门", "对象", "原因", "日期"],
                rows,
                widths=[w * mm for w in (12, 20, 36, 52, 40, 14)],
                styles=styles,
            )
        )
        if len(cards) >= CARD_LIST_LIMIT:
            flow.append(pdf_text(f"（仅列出前 {CARD_LIST_LIMIT} 张）", styles.small))
    else:
        flow.append(pdf_text("本期未发出红黄牌。", styles.body))
    return pdf_render(
        flow,
        title=f"{scope.name}效能监察通报 {period.label}",
        author=issuer,
        footer=f"{scope.name} · 效能监察通报 · {period.label}",
    )


def _display(key: str, counts: IndicatorCounts) -> str:
    return next(i for i in INDICATORS if i.key == key).display(counts.value(key))
