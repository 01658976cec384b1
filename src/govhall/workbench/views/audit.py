"""审计日志 — operators read the audit trail, verify its chain and export it (``StaffRole.OPERATOR``).

Thin pages over ``core.audit_selectors`` (reads) and ``core.audit_review`` (the audited verify and
export). The list never counts the whole table: ``AuditWindow`` counts only up to one row past the
requested page, so the page knows whether a next page exists and shows a total only when it is
small enough to be exact. Summaries are shown as compact lines; they hold masked values only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from io import BytesIO
from typing import Any

from django.core.paginator import Page
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_POST
from openpyxl import Workbook

from govhall.core.audit_labels import (
    CHANNEL_LABELS,
    METHOD_LABELS,
    action_filter_choices,
    action_label,
    summary_lines,
)
from govhall.core.audit_review import audit_chain_check, audit_export_record
from govhall.core.audit_selectors import audit_entry_list
from govhall.identity.models import StaffRole

from ..forms.audit import AuditFilterForm
from .base import PAGE_SIZE, forbidden, paginate, query_without_page, staff_view


def operator_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Provincial operators only (``StaffScope.reads_audit_trail``); others get the Chinese 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.staff_scope.reads_audit_trail:  # type: ignore[attr-defined]
            return forbidden(request, "审计日志仅向省级运维人员开放")
        return view(request, *args, **kwargs)

    return staff_view(StaffRole.OPERATOR)(wrapper)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT_LIMIT = 50_000
MAX_PAGE = 2_000  # deeper than this, narrow the filters (OFFSET grows with the page)
PROBLEMS_SHOWN = 200
EXPORT_COLUMNS = [
    "序号",
    "时间",
    "操作人",
    "认证等级",
    "认证方式",
    "代表",
    "渠道",
    "IP 地址",
    "操作代码",
    "操作",
    "对象类型",
    "对象标识",
    "对象名称",
    "事由",
    "变更摘要",
]


class AuditWindow:
    """A queryset for ``Paginator`` whose count stops one row past the requested page (no full COUNT)."""

    def __init__(self, queryset: QuerySet[Any], *, page: int, per_page: int = PAGE_SIZE) -> None:
        self.queryset = queryset
        self.limit = page * per_page + 1
        self._count: int | None = None

    def count(self) -> int:
        if self._count is None:
            self._count = self.queryset[: self.limit].count()
        return self._count

    @property
    def exact(self) -> bool:
        """Whether ``count()`` is the real total (the filtered entries end within the window)."""
        return self.count() < self.limit

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key: Any) -> Any:
        return self.queryset[key]


def _page_number(request: HttpRequest) -> int:
    try:
        number = int(request.GET.get("page") or 1)
    except ValueError:
        return 1
    return min(max(number, 1), MAX_PAGE)


@dataclass(frozen=True)
class Row:
    entry: Any
    action_label: str
    method_label: str
    channel_label: str
    summary: list[str]


def _row(entry: Any) -> Row:
    return Row(
        entry=entry,
        action_label=action_label(entry.action),
        method_label=METHOD_LABELS.get(entry.actor_method, entry.actor_method),
        channel_label=CHANNEL_LABELS.get(entry.channel, entry.channel),
        summary=summary_lines(entry.summary),
    )


def _list_context(request: HttpRequest) -> dict[str, Any]:
    form = AuditFilterForm(request.GET or None)
    if not form.is_bound:
        entries = audit_entry_list()
    elif form.is_valid():
        entries = audit_entry_list(**form.selector_filters())
    else:  # the form shows what is wrong; no rows until it is fixed
        entries = audit_entry_list().none()
    window = AuditWindow(entries, page=_page_number(request))
    page: Page = paginate(request, window)
    return {
        "form": form,
        "page": page,
        "rows": [_row(entry) for entry in page.object_list],
        "total_exact": window.exact,
        "query": query_without_page(request.GET),
        "action_choices": action_filter_choices(),
        "nav": "audit",
    }


@operator_view
@require_GET
def audit_list(request: HttpRequest) -> HttpResponse:
    return render(request, "workbench/audit/list.html", _list_context(request))


@operator_view
@require_POST
def audit_verify(request: HttpRequest) -> HttpResponse:
    check = audit_chain_check(actor=request.user)
    context = _list_context(request) | {
        "verification": check,
        "problems_shown": check.problems[:PROBLEMS_SHOWN],
    }
    return render(request, "workbench/audit/list.html", context)


def _cell(value: Any) -> Any:
    """Text that a spreadsheet would read as a formula is kept as text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def _workbook(entries: list[Any]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("审计日志")
    sheet.append(EXPORT_COLUMNS)
    for entry in entries:
        sheet.append(
            [
                _cell(value)
                for value in (
                    entry.sequence,
                    timezone.localtime(entry.created_at).strftime("%Y-%m-%d %H:%M:%S"),
                    entry.actor_label,
                    entry.actor_level,
                    METHOD_LABELS.get(entry.actor_method, entry.actor_method),
                    entry.on_behalf_of,
                    CHANNEL_LABELS.get(entry.channel, entry.channel),
                    entry.ip,
                    entry.action,
                    action_label(entry.action),
                    entry.object_type,
                    entry.object_id,
                    entry.object_label,
                    entry.reason,
                    "；".join(summary_lines(entry.summary)),
                )
            ]
        )
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@operator_view
@require_POST
def audit_export(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.POST)
    if not form.is_valid():
        context = _list_context(request) | {"export_form_errors": form.errors}
        return render(request, "workbench/audit/list.html", context, status=400)
    entries = list(audit_entry_list(**form.selector_filters())[: EXPORT_LIMIT + 1].iterator(chunk_size=2000))
    truncated = len(entries) > EXPORT_LIMIT
    entries = entries[:EXPORT_LIMIT]
    content = _workbook(entries)
    audit_export_record(actor=request.user, filters=form.described(), rows=len(entries), truncated=truncated)
    filename = f"审计日志-{timezone.localtime():%Y%m%d-%H%M%S}.xlsx"
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response
