"""审核队列 and the review page: the change reason, a diff against the live guide, approve or reject."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from govhall.catalog.access import implementation_get_for_manager
from govhall.catalog.elements import version_snapshot
from govhall.catalog.selectors import review_queue_for_manager
from govhall.catalog.selectors_workbench import (
    catalog_item_names,
    my_open_versions,
    theme_names,
    version_is_own,
    version_open_get,
)
from govhall.catalog.services.implementations import version_approve, version_reject

from ..diffs import snapshot_codes, version_diff
from ..forms.common import ApproveForm, RejectForm
from .base import manager_view, paginate, staff_names


@manager_view
def review_queue(request: HttpRequest) -> HttpResponse:
    profile = request.staff_profile  # type: ignore[attr-defined]
    mine = [v for v in my_open_versions(profile=profile) if v.state == "pending"]
    page = paginate(request, review_queue_for_manager(profile=profile))
    return render(
        request,
        "workbench/review_queue.html",
        {
            "page": page,
            "mine": mine,
            "names": staff_names(list(page.object_list)),
            "nav": "reviews",
        },
    )


def _review_context(request: HttpRequest, code: str) -> dict[str, Any]:
    implementation = implementation_get_for_manager(user=request.user, code=code)
    pending = version_open_get(implementation=implementation)
    live = implementation.published_version
    if pending is None or pending.state != "pending":
        return {"implementation": implementation, "pending": None, "nav": "reviews"}
    before = version_snapshot(live) if live is not None else None
    after = version_snapshot(pending)
    diff = version_diff(
        before,
        after,
        theme_names=theme_names(),
        item_names=catalog_item_names(codes=snapshot_codes(before, after)),
    )
    return {
        "implementation": implementation,
        "pending": pending,
        "live": live,
        "diff": diff,
        "is_own": version_is_own(version=pending, user=request.user),
        "names": staff_names([pending]),
        "before_label": f"在用版本（第 {live.number} 版）" if live is not None else "（尚无在用版本）",
        "after_label": f"待审核版本（第 {pending.number} 版）",
        "approve_form": ApproveForm(),
        "reject_form": RejectForm(),
        "nav": "reviews",
    }


@manager_view
def review_detail(request: HttpRequest, code: str) -> HttpResponse:
    context = _review_context(request, code)
    if request.method != "POST" or context["pending"] is None:
        return render(request, "workbench/review_detail.html", context)
    decision = request.POST.get("decision")
    form: ApproveForm | RejectForm = (
        ApproveForm(request.POST) if decision == "approve" else RejectForm(request.POST)
    )
    context["approve_form" if decision == "approve" else "reject_form"] = form
    if context["is_own"]:
        form.add_error(None, "不能审核自己编制或提交的版本")
    elif form.is_valid():
        try:
            if decision == "approve":
                version_approve(
                    version=context["pending"],
                    reviewer=request.user,  # type: ignore[arg-type]
                    comment=form.cleaned_data["comment"],
                )
            else:
                version_reject(
                    version=context["pending"],
                    reviewer=request.user,  # type: ignore[arg-type]
                    reason=form.cleaned_data["reason"],
                )
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            errors = exc.message_dict.items() if hasattr(exc, "error_dict") else [(None, exc.messages)]
            for key, messages_ in errors:
                form.add_error(key if key in form.fields else None, messages_)
        else:
            number = context["pending"].number
            if decision == "approve":
                messages.success(request, f"第 {number} 版已审核通过并发布。")
            else:
                messages.success(request, f"第 {number} 版已退回编制人。")
            return redirect("workbench:review_queue")
    return render(request, "workbench/review_detail.html", context, status=403 if context["is_own"] else 400)
