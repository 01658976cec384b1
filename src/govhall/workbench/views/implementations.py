"""实施清单 pages: the list in the manager's scope, one implementation, revise/status actions, and 新建."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from govhall.catalog.access import implementation_get_for_manager
from govhall.catalog.elements import version_snapshot
from govhall.catalog.selectors import event_list, version_list
from govhall.catalog.selectors_workbench import (
    active_catalog_item_get,
    active_catalog_items,
    catalog_item_names,
    department_in_scope_get,
    departments_in_scope,
    handling_item_get,
    implementation_rows_for_manager,
    implementation_status_choices,
    regions_in_scope,
    staff_display_names,
    theme_names,
    version_is_own,
    version_open_get,
)
from govhall.catalog.services.implementations import (
    implementation_change_status,
    implementation_create,
    version_draft_open,
)

from ..forms.common import ImplementationFilterForm, NewImplementationForm, StatusChangeForm
from ..guide_view import guide_view
from .base import is_basic_catalog_manager, manager_view, paginate, query_without_page, staff_names


@manager_view
def implementation_list(request: HttpRequest) -> HttpResponse:
    profile = request.staff_profile  # type: ignore[attr-defined]
    regions = [
        (r.code, f"{'　' * (r.level - profile.region.level)}{r.name}")
        for r in regions_in_scope(profile=profile)
    ]
    departments = [(d.pk, d.name) for d in departments_in_scope(profile=profile)]
    form = ImplementationFilterForm(
        request.GET or None,
        regions=regions,
        departments=departments,
        statuses=implementation_status_choices(),
    )
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    sort = filters.get("sort") or "code"
    rows = implementation_rows_for_manager(
        profile=profile,
        q=filters.get("q", ""),
        region_code=filters.get("region", ""),
        department_id=filters.get("department"),
        status=filters.get("status", ""),
        open_state=filters.get("open_state", ""),
        sort=sort,
    )
    page = paginate(request, rows)
    query = request.GET.copy()
    query.pop("sort", None)
    return render(
        request,
        "workbench/implementation_list.html",
        {
            "form": form,
            "page": page,
            "sort": sort,
            "query": query_without_page(request.GET),
            "sort_query": query_without_page(query),
            "nav": "catalog",
        },
    )


def _detail_context(request: HttpRequest, code: str) -> dict:
    implementation = implementation_get_for_manager(user=request.user, code=code)
    live = implementation.published_version
    open_version = version_open_get(implementation=implementation)
    events = list(event_list(implementation=implementation)[:50])
    versions = list(version_list(implementation=implementation)[:10])
    names = staff_display_names(user_ids={e.actor_id for e in events if e.actor_id}) | staff_names(
        versions + ([open_version] if open_version else [])
    )
    live_view = None
    if live is not None:
        snapshot = version_snapshot(live)
        live_view = guide_view(
            snapshot,
            theme_names=theme_names(),
            item_names=catalog_item_names(codes=snapshot["prerequisites"]),
        )
    return {
        "implementation": implementation,
        "live": live,
        "live_view": live_view,
        "open_version": open_version,
        "open_is_own": open_version is not None and version_is_own(version=open_version, user=request.user),
        "events": [
            (event, names.get(event.actor_id, getattr(event.actor, "username", ""))) for event in events
        ],
        "versions": versions,
        "names": names,
        "status_form": StatusChangeForm(),
        "can_edit_basic": is_basic_catalog_manager(request),
        "nav": "catalog",
    }


@manager_view
def implementation_detail(request: HttpRequest, code: str) -> HttpResponse:
    return render(request, "workbench/implementation_detail.html", _detail_context(request, code))


@require_POST
@manager_view
def implementation_revise(request: HttpRequest, code: str) -> HttpResponse:
    """修订: open (or reuse) the draft and go to the editor."""
    implementation = implementation_get_for_manager(user=request.user, code=code)
    try:
        version_draft_open(implementation=implementation, user=request.user)  # type: ignore[arg-type]
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
        return redirect("workbench:implementation_detail", code=code)
    return redirect("workbench:draft_edit", code=code)


@require_POST
@manager_view
def implementation_status(request: HttpRequest, code: str) -> HttpResponse:
    """暂停 / 恢复 / 取消 with a reason; errors are shown next to the reason on the same page."""
    context = _detail_context(request, code)
    form = StatusChangeForm(request.POST)
    if form.is_valid():
        try:
            implementation_change_status(
                implementation=context["implementation"],
                user=request.user,  # type: ignore[arg-type]
                action=form.cleaned_data["action"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for key, errors in exc.message_dict.items():
                    form.add_error(key if key in form.fields else None, errors)
            else:
                form.add_error(None, exc.messages)
        else:
            label = dict(form.fields["action"].choices)[form.cleaned_data["action"]]  # type: ignore[attr-defined]
            messages.success(request, f"已{label}该事项。")
            return redirect("workbench:implementation_detail", code=code)
    context["status_form"] = form
    return render(request, "workbench/implementation_detail.html", context, status=400)


@manager_view
def implementation_new(request: HttpRequest) -> HttpResponse:
    """新建实施清单: find a basic item (?q=), choose it (?item=), then handling item and department."""
    profile = request.staff_profile  # type: ignore[attr-defined]
    item_code = request.GET.get("item", "").strip()
    if not item_code:
        q = request.GET.get("q", "")
        return render(
            request,
            "workbench/implementation_new.html",
            {"q": q, "items": active_catalog_items(q=q), "nav": "catalog"},
        )
    item = active_catalog_item_get(code=item_code)
    departments = list(departments_in_scope(profile=profile))
    form = NewImplementationForm(
        request.POST or None,
        handling_items=[(h.pk, f"{h.name}（{h.code}）") for h in item.handling_items.all()],
        departments=[(d.pk, f"{d.name}（{d.region.name}）") for d in departments],
    )
    if request.method == "POST" and form.is_valid():
        department = department_in_scope_get(profile=profile, pk=form.cleaned_data["department"])
        handling = (
            handling_item_get(catalog_item=item, pk=form.cleaned_data["handling_item"])
            if form.cleaned_data["handling_item"]
            else None
        )
        defaults = {
            "consult_phone": department.phone,
            "complaint_phone": department.complaint_phone,
            "service_location": department.address,
            "service_hours": department.hours,
            "statutory_limit_unit": "working",
            "promised_limit_unit": "working",
            "online_depth": 1,
            "max_visits": 1,
        }
        try:
            implementation = implementation_create(
                catalog_item=item,
                department=department,
                elements=defaults,
                created_by=request.user,
                handling_item=handling,
            )  # type: ignore[arg-type]
        except ValidationError as exc:
            for key, errors in (
                exc.message_dict.items() if hasattr(exc, "error_dict") else [(None, exc.messages)]
            ):
                form.add_error(key if key in form.fields else None, errors)
        else:
            messages.success(request, "已新建实施清单，请填写办事指南要素后提交审核。")
            return redirect("workbench:draft_edit", code=implementation.code)
    return render(
        request,
        "workbench/implementation_new.html",
        {"item": item, "form": form, "nav": "catalog"},
        status=400 if form.errors else 200,
    )
