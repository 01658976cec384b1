"""版本记录: every version of an implementation, one version in full, and a diff between any two (?a=1&b=3)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from govhall.catalog.access import implementation_get_for_manager
from govhall.catalog.elements import version_snapshot
from govhall.catalog.selectors import version_list
from govhall.catalog.selectors_workbench import catalog_item_names, theme_names, version_get_by_number

from ..diffs import snapshot_codes, version_diff
from ..forms.common import VersionCompareForm
from ..guide_view import guide_view
from .base import manager_view, staff_names


@manager_view
def version_history(request: HttpRequest, code: str) -> HttpResponse:
    implementation = implementation_get_for_manager(user=request.user, code=code)
    versions = list(version_list(implementation=implementation))
    numbers = sorted(v.number for v in versions)
    compare = VersionCompareForm(
        request.GET if "a" in request.GET else None,
        numbers=numbers,
        initial={"a": numbers[-2] if len(numbers) > 1 else None, "b": numbers[-1] if numbers else None},
    )
    diff = older = newer = None
    if compare.is_bound and compare.is_valid():
        older = version_get_by_number(implementation=implementation, number=compare.cleaned_data["a"])
        newer = version_get_by_number(implementation=implementation, number=compare.cleaned_data["b"])
        before, after = version_snapshot(older), version_snapshot(newer)
        diff = version_diff(
            before,
            after,
            theme_names=theme_names(),
            item_names=catalog_item_names(codes=snapshot_codes(before, after)),
        )
    return render(
        request,
        "workbench/version_list.html",
        {
            "implementation": implementation,
            "versions": versions,
            "names": staff_names(versions),
            "compare": compare,
            "diff": diff,
            "older": older,
            "newer": newer,
            "nav": "catalog",
            "older_label": f"第 {older.number} 版" if older else "",
            "newer_label": f"第 {newer.number} 版" if newer else "",
        },
        status=400 if compare.errors else 200,
    )


@manager_view
def version_detail(request: HttpRequest, code: str, number: int) -> HttpResponse:
    implementation = implementation_get_for_manager(user=request.user, code=code)
    version = version_get_by_number(implementation=implementation, number=number)
    snapshot = version_snapshot(version)
    view = guide_view(
        snapshot, theme_names=theme_names(), item_names=catalog_item_names(codes=snapshot["prerequisites"])
    )
    return render(
        request,
        "workbench/version_detail.html",
        {
            "implementation": implementation,
            "version": version,
            "guide": view,
            "names": staff_names([version]),
            "is_live": implementation.published_version_id == version.pk,
            "nav": "catalog",
        },
    )
