"""一件事 pages for catalog managers: the bundles of their region and below, creating and changing one.

A bundle is made in one region (chosen first, fixed afterwards); its lead and members are chosen
among the live implementations of that region and the regions above it. ``bundle_save`` checks and
audits; these pages only show its errors.
"""

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from govhall.catalog.selectors_bundles import (
    bundle_get_for_manager,
    bundle_status_choices,
    bundles_for_manager,
    implementations_live_for_bundle,
)
from govhall.catalog.selectors_workbench import regions_in_scope
from govhall.catalog.services.bundles import bundle_save

from .base import manager_view


class ImplementationChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name}（{obj.department.name}）"


class ImplementationChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name}（{obj.department.name}）"


class BundleForm(forms.Form):
    code = forms.SlugField(
        label="代码", max_length=40, help_text="小写字母开头，只含小写字母、数字和 -，如 open-restaurant"
    )
    name = forms.CharField(label="名称", max_length=60, help_text="如：开办餐饮店")
    description = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    lead = ImplementationChoice(
        label="牵头事项", queryset=None, help_text="牵头部门统一受理、作出决定；申请表使用该事项的表单"
    )
    members = ImplementationChoices(
        label="协办事项",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text="协办事项的实施部门并联审批；材料与牵头事项合并，同名材料只需提交一次",
    )
    status = forms.ChoiceField(label="状态", choices=bundle_status_choices)

    def __init__(self, *args: Any, region: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        items = implementations_live_for_bundle(region=region)
        self.fields["lead"].queryset = items
        self.fields["members"].queryset = items


def _save(request: HttpRequest, form: BundleForm, region: Any, bundle: Any = None) -> HttpResponse | None:
    data = form.cleaned_data
    try:
        saved = bundle_save(
            actor=request.user,
            bundle=bundle,
            code=data["code"],
            name=data["name"],
            description=data["description"],
            region=region,
            lead=data["lead"],
            members=list(data["members"]),
            status=data["status"],
        )
    except ValidationError as exc:
        for field, errors in exc.message_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
        return None
    messages.success(request, f"一件事“{saved.name}”已保存")
    return redirect("workbench:bundle_list")


@manager_view
def bundle_list(request: HttpRequest) -> HttpResponse:
    bundles = bundles_for_manager(profile=request.staff_profile)  # type: ignore[attr-defined]
    return render(request, "workbench/bundles/list.html", {"bundles": bundles, "nav": "bundles"})


@manager_view
def bundle_new(request: HttpRequest) -> HttpResponse:
    """Choose the region (GET ?region=), then fill in the bundle."""
    regions = regions_in_scope(profile=request.staff_profile)  # type: ignore[attr-defined]
    region = regions.filter(code=request.GET.get("region", "")).first()
    if region is None:
        return render(request, "workbench/bundles/region.html", {"regions": regions, "nav": "bundles"})
    form = BundleForm(request.POST or None, region=region, initial={"status": "active"})
    if request.method == "POST" and form.is_valid():
        done = _save(request, form, region)
        if done is not None:
            return done
    return render(
        request,
        "workbench/bundles/edit.html",
        {"form": form, "region": region, "bundle": None, "nav": "bundles"},
    )


@manager_view
def bundle_edit(request: HttpRequest, code: str) -> HttpResponse:
    try:
        bundle = bundle_get_for_manager(user=request.user, code=code)
    except ObjectDoesNotExist as exc:
        raise Http404("未找到该一件事") from exc
    initial = {
        "code": bundle.code,
        "name": bundle.name,
        "description": bundle.description,
        "lead": bundle.lead,
        "members": list(bundle.members.all()),
        "status": bundle.status,
    }
    form = BundleForm(request.POST or None, region=bundle.region, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = _save(request, form, bundle.region, bundle)
        if done is not None:
            return done
    return render(
        request,
        "workbench/bundles/edit.html",
        {"form": form, "region": bundle.region, "bundle": bundle, "nav": "bundles"},
    )
