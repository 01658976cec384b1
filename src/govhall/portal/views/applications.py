"""网上申报 — filling in an application step by step, saving as one goes, and submitting it once.

``portal:apply`` (the level gate in ``apply.py``) hands an eligible applicant to ``apply_page``:
the intro with a 开始填写 button, or the draft being filled in, at one of its steps — 选择情形
(scenario questions), 填写申请表 (the form, profile fields read-only, 上次填写 offers), 上传材料
(uploads, licences from the wallet, 免提交) and 确认提交 (delivery, 办理地, review). Every step's form
posts to ``portal:draft_save`` (apply.js posts it in the background as one types and shows
“已保存 hh:mm”; without JavaScript the buttons save and move on). ``portal:draft_submit`` calls
``case_submit``, which returns the same case for a draft submitted before — a double click never
makes two cases. Views are thin: the cases services decide, these pages show.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_POST

from govhall.cases.form_post import errors_outside, field_views, form_data_from_post, form_row_remove
from govhall.cases.models import Delivery, Draft
from govhall.cases.selectors_portal import (
    DraftContext,
    draft_context,
    draft_material_get,
    draft_material_slots,
    draft_problems,
    draft_unsubmitted,
    preliminary_region_get,
    preliminary_regions,
    previous_answers,
    scenario_answers_valid,
    usable_licences,
)
from govhall.cases.services.applicants import (
    Applicant,
    applicant_check,
    applicant_from_session,
    applicant_profile,
)
from govhall.cases.services.drafts import (
    draft_for,
    draft_material_licence,
    draft_material_remove,
    draft_material_upload,
    draft_open,
    draft_save,
)
from govhall.cases.services.submit import case_submit
from govhall.cases.uploads import MAX_BYTES
from govhall.identity.session import session_identity

from ..site import render_page, site_for_request

STEPS = {"scenario": "选择情形", "form": "填写申请表", "materials": "上传材料", "review": "确认提交"}
CHECKED_KEY = "portal.drafts_checked"  # drafts whose submission failed: their steps show the problems
CONSENT_TEXT = "同意使用该电子证照作为申请材料"


def request_applicant(request: HttpRequest) -> Applicant:
    """The applicant this session speaks for (``PermissionDenied`` for an account without a person)."""
    identity = session_identity(request)
    if identity is None:
        raise PermissionDenied("请先登录")
    return applicant_from_session(
        request.user,
        level=identity.level,
        enterprise_id=identity.enterprise_id,
        mandate_id=identity.mandate_id,
    )


def _messages_of(exc: ValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {key: [str(m) for m in value] for key, value in exc.message_dict.items()}
    return {"__all__": [str(m) for m in exc.messages]}


def _steps(context: DraftContext) -> list[tuple[str, str]]:
    keys = [
        k for k in STEPS if (k != "scenario" or context.has_scenario) and (k != "form" or context.has_form)
    ]
    return [(k, STEPS[k]) for k in keys]


def _apply_url(context: DraftContext, step: str = "", **extra: str) -> str:
    query = {"step": step, **extra} if step else extra
    if context.draft.bundle_code:  # 一件事: the same steps under the bundle's address (``views.bundles``)
        url = reverse("portal:bundle_apply", args=[context.draft.bundle_code])
    else:
        url = reverse("portal:apply", args=[context.implementation.code])
    return f"{url}?{urlencode(query)}" if query else url


def _load(request: HttpRequest, draft_id: Any) -> tuple[Applicant, DraftContext]:
    applicant = request_applicant(request)
    try:
        draft = draft_for(applicant, draft_id)
        context = draft_context(draft)
    except ObjectDoesNotExist as exc:
        raise Http404("未找到该申请草稿，或该事项已暂停办理") from exc
    try:
        applicant_check(
            applicant,
            required_level=context.version.required_level,
            item_code=context.implementation.catalog_item.code,
        )
    except ValidationError as exc:
        raise PermissionDenied(exc.messages[0]) from exc
    return applicant, context


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _submitted(request: HttpRequest, draft: Draft) -> HttpResponse:
    number = draft.case.number if draft.case else ""
    if _wants_json(request):
        return JsonResponse(
            {"code": "submitted", "message": "该申请已提交，不能再修改", "detail": {}}, status=409
        )
    messages.info(request, f"该申请已提交（办件编号 {number}），不能再修改。")
    return redirect("portal:case_detail", number)


# --- the page ----------------------------------------------------------------------------------


def apply_page(
    request: HttpRequest, implementation: Any, display_applicant: Any, gate: dict[str, Any]
) -> HttpResponse:
    """``portal:apply`` once the level gate passed: start (POST) or continue (GET) the draft."""
    applicant = request_applicant(request)
    site = site_for_request(request)
    if request.method == "POST":
        opened = draft_open(applicant=applicant, implementation_code=implementation.code)
        started = draft_context(opened)
        return redirect(_apply_url(started, _steps(started)[0][0]))
    draft = draft_unsubmitted(applicant, implementation.code)
    if draft is None:
        version = implementation.published_version
        return render_page(
            request,
            "portal/apply/eligible.html",
            gate
            | {
                "implementation": implementation,
                "applicant": display_applicant,
                "version": version,
                "material_count": len(version.materials.all()),
            },
            site=site,
        )
    return draft_page(request, applicant, draft_context(draft), display_applicant, gate, site)


def draft_page(
    request: HttpRequest,
    applicant: Applicant,
    context: DraftContext,
    display_applicant: Any,
    gate: dict[str, Any],
    site: Any,
) -> HttpResponse:
    """One step of a draft being filled in (an item's, or a 一件事's: ``gate`` then carries ``bundle``)."""
    draft = context.draft
    steps = _steps(context)
    step = request.GET.get("step", "")
    if step not in dict(steps):
        step = steps[0][0]
    checked = str(draft.pk) in request.session.get(CHECKED_KEY, [])
    problems = draft_problems(context, applicant) if checked or step == "review" else {}
    page: dict[str, Any] = gate | {
        "implementation": context.implementation,
        "version": context.version,
        "draft": draft,
        "steps": steps,
        "step": step,
        "step_label": STEPS[step],
        "next_step": next((k for i, (k, _) in enumerate(steps) if i > 0 and steps[i - 1][0] == step), ""),
        "previous_step": next((steps[i - 1][0] for i, (k, _) in enumerate(steps) if i > 0 and k == step), ""),
        "applicant": display_applicant,
        "problems": problems,
        "save_url": reverse("portal:draft_save", args=[draft.pk]),
        "apply_url": _apply_url(context),
    }
    page |= _STEP_CONTEXT[step](request, applicant, context, problems)
    return render_page(request, "portal/apply/draft.html", page, site=site)


def _scenario_context(
    request: HttpRequest, applicant: Applicant, context: DraftContext, problems: dict
) -> dict:
    answers = context.draft.scenario_answers
    questions = [
        {
            **question,
            "name": f"scenario.{question['key']}",
            "value": answers.get(question["key"], ""),
            "errors": problems.get(f"scenario.{question['key']}", []),
        }
        for question in context.version.scenario.get("questions", [])
    ]
    return {"questions": questions}


def _form_errors(problems: dict[str, list[str]]) -> dict[str, list[str]]:
    return {key[len("form.") :]: value for key, value in problems.items() if key.startswith("form.")}


def _form_context(request: HttpRequest, applicant: Applicant, context: DraftContext, problems: dict) -> dict:
    draft, version = context.draft, context.version
    answers = scenario_answers_valid(version, draft.scenario_answers)
    errors = _form_errors(problems)
    views = field_views(
        version.form_schema,
        scenario_answers=answers,
        data=draft.form_data,
        errors=errors,
        profile=applicant_profile(applicant),
        previous=previous_answers(applicant, context.implementation.code, version.form_schema),
        extra_rows={request.GET.get("add", "")},
    )
    return {
        "fields": views,
        "form_errors": errors_outside(errors, views),
        "form_title": version.form_schema.get("title", ""),
    }


def _materials_context(
    request: HttpRequest, applicant: Applicant, context: DraftContext, problems: dict
) -> dict:
    slots = [
        {"slot": slot, "licences": usable_licences(applicant, list(slot.material.licence_types or []))}
        for slot in draft_material_slots(context)
    ]
    return {"slots": slots, "consent_text": CONSENT_TEXT, "max_mb": MAX_BYTES // (1024 * 1024)}


def _review_context(
    request: HttpRequest, applicant: Applicant, context: DraftContext, problems: dict
) -> dict:
    draft, version = context.draft, context.version
    answers = scenario_answers_valid(version, draft.scenario_answers)
    labels = {
        q["label"]: next((o["label"] for o in q["options"] if o["value"] == answers.get(q["key"])), "未选择")
        for q in version.scenario.get("questions", [])
    }
    views = field_views(
        version.form_schema,
        scenario_answers=answers,
        data=draft.form_data,
        profile=applicant_profile(applicant),
    )
    return {
        "scenario_labels": labels,
        "fields": views,
        "slots": draft_material_slots(context),
        "deliveries": Delivery.choices,
        "regions": preliminary_regions(version),
        "problem_list": [m for messages_ in problems.values() for m in messages_],
        "form_has_problems": any(k.startswith("form.") for k in problems),
        "scenario_has_problems": any(k.startswith("scenario.") for k in problems),
    }


_STEP_CONTEXT = {
    "scenario": _scenario_context,
    "form": _form_context,
    "materials": _materials_context,
    "review": _review_context,
}


# --- saving ------------------------------------------------------------------------------------


def _save_fields(request: HttpRequest, applicant: Applicant, context: DraftContext) -> dict[str, Any]:
    """The ``draft_save`` arguments for what this post carries (only the parts that were on the page)."""
    post, draft, version = request.POST, context.draft, context.version
    changes: dict[str, Any] = {}
    if any(key.startswith("scenario.") for key in post):
        answers = dict(draft.scenario_answers)
        for question in version.scenario.get("questions", []):
            name = f"scenario.{question['key']}"
            if name in post:
                value = post.get(name, "").strip()[:40]
                if value:
                    answers[question["key"]] = value
                else:
                    answers.pop(question["key"], None)
        changes["scenario_answers"] = answers
    answers = scenario_answers_valid(version, changes.get("scenario_answers", draft.scenario_answers))
    if any(key.startswith("form.") for key in post) or post.get("reuse"):
        data = form_data_from_post(
            version.form_schema, post, scenario_answers=answers, existing=draft.form_data
        )
        reuse = post.get("reuse", "")
        if reuse:
            offered = previous_answers(applicant, context.implementation.code, version.form_schema)
            if reuse in offered:
                data[reuse] = offered[reuse]  # the applicant asked for it: 使用上次填写
        if post.get("remove_row"):
            data = form_row_remove(data, post["remove_row"])
        changes["form_data"] = data
    if "delivery" in post:
        changes["delivery"] = post.get("delivery", "")
    if "delivery_address" in post:
        changes["delivery_address"] = post.get("delivery_address", "")
    return changes


@require_POST
def draft_save_view(request: HttpRequest, draft_id: Any) -> HttpResponse:
    """Save what a step's form carries; JSON for apply.js, else back to the page (the next step on 下一步)."""
    applicant, context = _load(request, draft_id)
    if context.draft.case_id is not None:
        return _submitted(request, context.draft)
    try:
        draft_save(draft=context.draft, **_save_fields(request, applicant, context))
    except ValidationError as exc:
        if _wants_json(request):
            detail = _messages_of(exc)
            message = next(iter(detail.values()))[0]
            return JsonResponse({"code": "invalid", "message": message, "detail": detail}, status=400)
        for message in exc.messages:
            messages.error(request, message)
        return redirect(_apply_url(context, request.POST.get("step", "")))
    saved_at = timezone.localtime().strftime("%H:%M")
    if _wants_json(request):
        return JsonResponse({"saved": True, "saved_at": saved_at})
    step = request.POST.get("step", "")
    if request.POST.get("add_row"):
        return redirect(
            _apply_url(context, "form", add=request.POST["add_row"]) + f"#f-{request.POST['add_row']}"
        )
    if request.POST.get("reuse") or request.POST.get("remove_row"):
        return redirect(_apply_url(context, "form"))
    go = request.POST.get("go", "")
    if go in STEPS:
        return redirect(_apply_url(context, go))
    messages.success(request, f"已保存 {saved_at}")
    return redirect(_apply_url(context, step))


@require_POST
def draft_submit_view(request: HttpRequest, draft_id: Any) -> HttpResponse:
    """提交: ``case_submit`` (idempotent) → the case page; problems → back to the step that has them."""
    applicant, context = _load(request, draft_id)
    draft = context.draft
    region = None
    if context.version.preliminary_level:
        region = preliminary_region_get(context.version, request.POST.get("preliminary_region", ""))
    try:
        if "delivery" in request.POST and draft.case_id is None:
            draft_save(
                draft=draft,
                delivery=request.POST.get("delivery", ""),
                delivery_address=request.POST.get("delivery_address", ""),
            )
        case = case_submit(draft=draft, applicant=applicant, preliminary_region=region)
    except ValidationError as exc:
        failed = set(request.session.get(CHECKED_KEY, [])) | {str(draft.pk)}
        request.session[CHECKED_KEY] = sorted(failed)[-20:]
        problems = _messages_of(exc)
        messages.error(request, "申请尚未提交：请按提示补充或修改后再提交。已填写的内容都已保存。")
        first = next(
            (
                step
                for prefix, step in (("scenario.", "scenario"), ("form.", "form"), ("materials", "materials"))
                if any(k.startswith(prefix) for k in problems) and step in dict(_steps(context))
            ),
            "review",
        )
        return redirect(_apply_url(context, first))
    checked = [d for d in request.session.get(CHECKED_KEY, []) if d != str(draft.pk)]
    request.session[CHECKED_KEY] = checked
    messages.success(request, f"申请已提交，办件编号 {case.number}。受理结果将通过站内消息和短信通知您。")
    return redirect("portal:case_detail", case.number)


# --- materials ---------------------------------------------------------------------------------


def _back_to_materials(context: DraftContext, position: int | None = None) -> HttpResponse:
    return redirect(_apply_url(context, "materials") + (f"#material-{position}" if position else ""))


@require_POST
def draft_material_upload_view(request: HttpRequest, draft_id: Any, position: int) -> HttpResponse:
    applicant, context = _load(request, draft_id)
    if context.draft.case_id is not None:
        return _submitted(request, context.draft)
    files = request.FILES.getlist("files") + request.FILES.getlist("photo")
    if not files:
        messages.error(request, "请选择要上传的文件或拍照")
        return _back_to_materials(context, position)
    stored = 0
    for upload in files[:20]:
        if upload.size is not None and upload.size > MAX_BYTES:
            messages.error(
                request, f"“{upload.name}”超过 {MAX_BYTES // (1024 * 1024)} MB，请压缩或分页扫描后上传"
            )
            continue
        try:
            draft_material_upload(
                draft=context.draft, position=position, content=upload.read(), filename=upload.name or ""
            )
            stored += 1
        except ValidationError as exc:
            messages.error(request, f"“{upload.name}”未上传：{exc.messages[0]}")
    if stored:
        messages.success(request, f"已上传 {stored} 个文件")
    return _back_to_materials(context, position)


@require_POST
def draft_material_licence_view(request: HttpRequest, draft_id: Any, position: int) -> HttpResponse:
    applicant, context = _load(request, draft_id)
    if context.draft.case_id is not None:
        return _submitted(request, context.draft)
    identifier = request.POST.get("identifier", "").strip()
    if not identifier:
        messages.error(request, "请选择要使用的电子证照")
    elif request.POST.get("consent") != "yes":
        messages.error(request, f"请勾选“{CONSENT_TEXT}”后再选用电子证照")
    else:
        try:
            draft_material_licence(
                draft=context.draft, applicant=applicant, position=position, identifier=identifier
            )
            messages.success(request, "已选用电子证照，提交申请时将记录您的授权")
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
    return _back_to_materials(context, position)


@require_POST
def draft_material_remove_view(request: HttpRequest, draft_id: Any, material_id: int) -> HttpResponse:
    applicant, context = _load(request, draft_id)
    if context.draft.case_id is not None:
        return _submitted(request, context.draft)
    try:
        draft_material_remove(draft=context.draft, material_id=material_id)
        messages.success(request, "已移除")
    except PermissionDenied:
        messages.error(request, "该材料已移除")
    return _back_to_materials(context)


@require_GET
def draft_material_file_view(request: HttpRequest, draft_id: Any, material_id: int) -> FileResponse:
    """An uploaded file of one's own draft, to check what was sent."""
    applicant = request_applicant(request)
    try:
        row = draft_material_get(applicant, draft_id, material_id)
    except (ObjectDoesNotExist, ValidationError, ValueError) as exc:
        raise Http404("未找到该文件") from exc
    if not row.file or not default_storage.exists(row.file.name):
        raise Http404("未找到该文件")
    return FileResponse(
        default_storage.open(row.file.name, "rb"), filename=row.original_name, content_type=row.content_type
    )
