"""The draft editor (编辑草稿): save with ``version_draft_save``, send for review with ``version_submit``.

A failed save re-renders exactly what was typed with each service error beside its field or
row, and writes nothing. Material files are downloaded through here too, after the same scope
check, because drafts are not public.
"""

from pathlib import PurePath
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from govhall.catalog.access import implementation_get_for_manager
from govhall.catalog.elements import version_snapshot
from govhall.catalog.selectors import theme_list
from govhall.catalog.selectors_workbench import (
    catalog_item_names,
    version_get_by_number,
    version_is_own,
    version_open_get,
)
from govhall.catalog.services.implementations import version_submit
from govhall.catalog.services.material_files import KINDS, version_draft_save_with_files

from ..forms.draft import LIST_NAMES, DraftEditor, SubmitForm
from .base import is_basic_catalog_manager, manager_view


def _theme_choices() -> list[tuple[str, str]]:
    return [(t.code, f"{t.name}（{t.get_audience_display()}）") for t in theme_list()]


@manager_view
def draft_edit(request: HttpRequest, code: str) -> HttpResponse:
    implementation = implementation_get_for_manager(user=request.user, code=code)
    version = version_open_get(implementation=implementation)
    if version is None or not version.is_editable:
        return render(
            request,
            "workbench/draft_closed.html",
            {
                "implementation": implementation,
                "version": version,
                "nav": "catalog",
                "is_own": version is not None and version_is_own(version=version, user=request.user),
            },
        )
    snapshot = version_snapshot(version)
    submit_form = SubmitForm(request.POST or None)
    if request.method == "POST" and request.POST.get("add_row") in LIST_NAMES:
        # Without JavaScript, "添加" posts the form back with one more empty row; nothing is saved.
        data = request.POST.copy()
        total = f"{data['add_row']}-TOTAL_FORMS"
        data[total] = str(int(data.get(total) or 0) + 1) if (data.get(total) or "0").isdigit() else "1"
        editor = DraftEditor.build(theme_choices=_theme_choices(), data=data, files=None)
        status = 200
    elif request.method == "POST":
        editor = DraftEditor.build(theme_choices=_theme_choices(), data=request.POST, files=request.FILES)
        outcome = _save(request, editor, submit_form, version, code)
        if isinstance(outcome, HttpResponse):
            return outcome
        editor = outcome or editor
        status = 400
    else:
        editor = DraftEditor.build(theme_choices=_theme_choices(), snapshot=snapshot)
        status = 200
    if status == 400:  # the draft may have been saved before submission failed: show its current files
        snapshot = version_snapshot(
            version_get_by_number(implementation=implementation, number=version.number)
        )
    files = {
        position: {kind: PurePath(row[f"{kind}_file"]).name for kind in KINDS if row[f"{kind}_file"]}
        for position, row in enumerate(snapshot["materials"], start=1)
    }
    return render(
        request,
        "workbench/draft_edit.html",
        {
            "implementation": implementation,
            "version": version,
            "editor": editor,
            "submit_form": submit_form,
            "prerequisite_names": catalog_item_names(codes=snapshot["prerequisites"]),
            "material_files": files,
            "can_edit_basic": is_basic_catalog_manager(request),
            "had_uploads": bool(request.FILES),
            "nav": "catalog",
        },
        status=status,
    )


def _save(
    request: HttpRequest, editor: DraftEditor, submit_form: SubmitForm, version: Any, code: str
) -> HttpResponse | DraftEditor | None:
    """Save (and maybe submit): a redirect on success; otherwise None or the editor to re-render with errors."""
    submitting = request.POST.get("action") == "submit"
    reason = request.POST.get("reason", "").strip()
    if submitting and not reason:
        submit_form.is_valid()
        submit_form.add_error("reason", "请填写变更原因（改了什么、为什么改）")
    if not editor.is_valid() or submit_form.errors:
        return None
    elements, uploads, origins = editor.elements()
    try:
        saved = version_draft_save_with_files(
            version=version,
            user=request.user,
            elements=elements,  # type: ignore[arg-type]
            uploads=uploads,
            origins=origins,
        )
    except ValidationError as exc:
        editor.place_errors(exc)
        return None
    if not submitting:
        messages.success(request, f"第 {saved.number} 版草稿已保存。")
        return redirect("workbench:draft_edit", code=code)
    try:
        version_submit(version=saved, user=request.user, reason=reason)  # type: ignore[arg-type]
    except ValidationError as exc:
        # The draft is saved: show it as saved (rows renumbered), with the reasons it cannot go to review yet.
        saved_editor = DraftEditor.bound_to_saved(
            theme_choices=_theme_choices(), snapshot=version_snapshot(saved)
        )
        saved_editor.place_errors(exc, extra_forms={"reason": submit_form})
        saved_editor.page_errors.insert(0, "草稿已保存，但还不能提交审核，请按提示补充后再提交。")
        return saved_editor
    messages.success(request, f"第 {saved.number} 版已提交审核，审核通过后对外发布。")
    return redirect("workbench:implementation_detail", code=code)


@manager_view
def material_file_download(
    request: HttpRequest, code: str, number: int, position: int, kind: str
) -> HttpResponse:
    if kind not in KINDS:
        raise Http404
    implementation = implementation_get_for_manager(user=request.user, code=code)
    version = version_get_by_number(implementation=implementation, number=number)
    material = next((m for m in version.materials.all() if m.position == position), None)
    stored = getattr(material, KINDS[kind]) if material is not None else None
    if not stored:
        raise Http404
    return FileResponse(
        stored.open("rb"),
        as_attachment=True,
        filename=f"{material.name}-{'空白表格' if kind == 'template' else '示例样表'}"  # type: ignore[union-attr]
        f"{PurePath(stored.name).suffix}",
    )
