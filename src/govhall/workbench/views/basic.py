"""基本目录 pages: the list for every catalog manager, editing for provincial managers only.

A change is saved by ``services.basic.catalog_item_update`` with a reason and shows up at once in
every implementation (they read the inherited elements from the basic item).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from govhall.catalog.access import basic_catalog_manager_get
from govhall.catalog.selectors import catalog_item_get, catalog_item_list
from govhall.catalog.selectors_workbench import (
    catalog_item_changes,
    implementation_count_for_item,
    implementations_for_item,
    item_type_choices,
    staff_display_names,
)
from govhall.catalog.services.basic import catalog_item_update

from ..forms.common import BasicFilterForm, CatalogItemEditForm
from .base import is_basic_catalog_manager, manager_view, paginate, query_without_page

FIELD_LABELS = {
    "name": "事项名称",
    "legal_basis": "设定依据",
    "competent_department": "主管部门",
    "is_active": "有效",
}


@manager_view
def basic_list(request: HttpRequest) -> HttpResponse:
    form = BasicFilterForm(request.GET or None, item_types=item_type_choices())
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    items = catalog_item_list(q=filters.get("q", "").strip(), item_type=filters.get("item_type", ""))
    return render(
        request,
        "workbench/basic_list.html",
        {
            "form": form,
            "page": paginate(request, items),
            "query": query_without_page(request.GET),
            "can_edit": is_basic_catalog_manager(request),
            "nav": "basic",
        },
    )


@manager_view
def basic_edit(request: HttpRequest, code: str) -> HttpResponse:
    basic_catalog_manager_get(request.user)
    item = catalog_item_get(code=code)
    initial = {
        "name": item.name,
        "legal_basis": item.legal_basis,
        "competent_department": item.competent_department,
        "is_active": item.is_active,
    }
    form = CatalogItemEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        changes = {key: form.cleaned_data[key] for key in initial}
        try:
            logged = catalog_item_update(
                item=item, changed_by=request.user, reason=form.cleaned_data["reason"], **changes
            )
        except ValidationError as exc:
            errors = exc.message_dict.items() if hasattr(exc, "error_dict") else [(None, exc.messages)]
            for key, messages_ in errors:
                form.add_error(key if key in form.fields else None, messages_)
        else:
            if logged:
                count = implementation_count_for_item(item=item)
                messages.success(request, f"已保存 {len(logged)} 项变更，{count} 个实施清单随之更新。")
            else:
                messages.info(request, "没有需要保存的变更。")
            return redirect("workbench:basic_edit", code=code)
    changes_log = list(catalog_item_changes(item=item)[:100])
    names = staff_display_names(user_ids={c.changed_by_id for c in changes_log if c.changed_by_id})
    return render(
        request,
        "workbench/basic_edit.html",
        {
            "item": item,
            "form": form,
            "field_labels": FIELD_LABELS,
            "changes": [
                (
                    c,
                    FIELD_LABELS.get(c.field, c.field),
                    _shown(c.field, c.before),
                    _shown(c.field, c.after),
                    names.get(c.changed_by_id, ""),
                )
                for c in changes_log
            ],
            "implementation_count": implementation_count_for_item(item=item),
            "implementations": implementations_for_item(item=item),
            "nav": "basic",
        },
        status=400 if form.errors else 200,
    )


def _shown(field: str, value: str) -> str:
    if field == "is_active":
        return {"True": "是", "False": "否"}.get(value, value)
    return value
