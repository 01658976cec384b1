"""The draft editor's forms: one form of scalar elements plus inline formsets of materials, steps and fees.

Fields are built from the element specs in ``govhall.catalog.elements`` (labels, choices), so the
editor never drifts from the catalog. The forms only parse shape; values such as an integer
time limit or a required material name are checked by ``elements_clean`` inside the services,
and the service's errors (keyed ``"promised_limit"``, ``"materials.2.name"``) are put back next
to the right field by ``place_errors``.
"""

import json
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import QueryDict

from govhall.catalog.application_forms import applies_when_text
from govhall.catalog.elements import (
    ELEMENT_LABELS,
    FEE_ELEMENTS,
    FORM_ELEMENT_LABELS,
    MATERIAL_ELEMENTS,
    MATERIAL_FORM_LABELS,
    PRELIMINARY_LEVELS,
    SCALAR_ELEMENTS,
    STEP_ELEMENTS,
    Element,
)
from govhall.catalog.services.material_files import material_file_validate
from govhall.workflow.selectors import process_choices

LONG_TEXT = {"conditions", "intermediary_services", "notes", "description", "basis"}
WIDE_TEXT = {"service_location", "service_hours", "result_name", "name", "condition_note", "source_note"}
DEPTH_CHOICES = [("", "请选择"), ("1", "一星"), ("2", "二星"), ("3", "三星"), ("4", "四星"), ("5", "五星")]
ROW_DEFAULTS = {
    "requirement": "required",
    "form": "both",
    "original": "original",
    "copies": "1",
    "source": "applicant",
}
LIST_NAMES = ("materials", "steps", "fees")
ROW_TITLES = {"materials": "材料", "steps": "环节", "fees": "收费项目"}


# Elements whose column cannot be empty even in a draft (elements_clean lets a draft leave them blank,
# the table does not), so the editor asks for them on every save instead of failing at the database.
ALWAYS_REQUIRED = {"online_depth", "max_visits"}


def element_field(element: Element, *, scalar: bool = True) -> forms.Field:
    """The form field for one element: shape only; required only where even a draft needs a value."""
    field = _shape_field(element)
    # "*" beside the label: needed on every save, or (scalar elements) before submission for review.
    field.required_mark = (
        "always" if element.required and not scalar else ("submit" if element.required else "")
    )  # type: ignore[attr-defined]
    if element.name in ALWAYS_REQUIRED:
        field.required = True
        field.required_mark = "always"  # type: ignore[attr-defined]
        field.error_messages["required"] = f"{element.label}不能为空"
    return field


def _shape_field(element: Element) -> forms.Field:
    label = element.label
    help_text = ""
    if element.kind == "choices":
        assert element.choices is not None
        return forms.MultipleChoiceField(
            label=label,
            required=False,
            help_text=help_text,
            choices=element.choices.choices,  # type: ignore[attr-defined]
            widget=forms.CheckboxSelectMultiple,
        )
    if element.kind == "choice":
        assert element.choices is not None
        choices = [("", "请选择"), *element.choices.choices]  # type: ignore[attr-defined]
        return forms.ChoiceField(
            label=label,
            required=False,
            help_text=help_text,
            choices=choices,
            initial=ROW_DEFAULTS.get(element.name, ""),
        )
    if element.kind == "bool":
        return forms.BooleanField(label=label, required=False)
    if element.name == "online_depth":
        return forms.ChoiceField(label=label, required=False, help_text=help_text, choices=DEPTH_CHOICES)
    if element.kind in ("int", "decimal"):
        attrs = {"inputmode": "numeric" if element.kind == "int" else "decimal", "class": "input-number"}
        # A length cap keeps absurd numbers from reaching the database column (a shape check, not a rule).
        return forms.CharField(
            label=label,
            required=False,
            help_text=help_text,
            initial=ROW_DEFAULTS.get(element.name),
            max_length=9 if element.kind == "int" else 13,
            widget=forms.TextInput(attrs=attrs),
            error_messages={"max_length": f"{label}数值过大"},
        )
    if element.name in LONG_TEXT:
        widget: forms.Widget = forms.Textarea(attrs={"rows": 4 if element.name == "conditions" else 2})
    else:
        widget = forms.TextInput(attrs={"class": "input-wide"} if element.name in WIDE_TEXT else {})
    return forms.CharField(label=label, required=False, help_text=help_text, widget=widget, strip=False)


def _json_field(label: str, help_text: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        strip=False,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 12, "class": "input-json", "spellcheck": "false"}),
    )


class ElementsForm(forms.Form):
    """Every scalar element of a guide, plus the theme and prerequisite pickers, form and process."""

    themes = forms.MultipleChoiceField(label="主题", required=False, widget=forms.CheckboxSelectMultiple)
    prerequisites = forms.CharField(
        label="前置审批事项",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "class": "input-codes"}),
        help_text="填写前置审批事项的 12 位基本编码，每行一个或用逗号分隔。",
    )

    scenario = _json_field(
        FORM_ELEMENT_LABELS["scenario"],
        '问题与选项（JSON），如 {"questions": [{"key": "apply_kind", "label": "申请类型", "options": '
        '[{"value": "first", "label": "首次申请"}, …]}]}；不需要情形引导的留空。',
    )
    form_schema = _json_field(
        FORM_ELEMENT_LABELS["form_schema"],
        "JSON Schema 对象，字段可用 x-profile（取自实名账户）、x-widget（控件）、x-when（适用情形）、"
        "x-order（顺序）；重复分组用 type: array。留空表示暂不提供网上申请表单。",
    )
    process_key = forms.ChoiceField(label=FORM_ELEMENT_LABELS["process_key"], required=False)
    co_departments = forms.CharField(
        label=FORM_ELEMENT_LABELS["co_departments"],
        required=False,
        widget=forms.TextInput(attrs={"class": "input-wide input-codes"}),
        help_text="并联审批的协办部门统一社会信用代码，用逗号分隔；不需要并联审批的留空。",
    )
    preliminary_level = forms.ChoiceField(
        label=FORM_ELEMENT_LABELS["preliminary_level"],
        required=False,
        choices=[("", "无需下级初审"), *((str(k), v) for k, v in PRELIMINARY_LEVELS.items())],
    )
    preliminary_limit = forms.CharField(
        label=FORM_ELEMENT_LABELS["preliminary_limit"],
        required=False,
        max_length=4,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "input-number"}),
        error_messages={"max_length": "下级初审时限数值过大"},
    )

    def __init__(self, *args: Any, theme_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for element in SCALAR_ELEMENTS:
            self.fields[element.name] = element_field(element)
        self.fields["themes"].choices = theme_choices  # type: ignore[attr-defined]
        self.fields["process_key"].choices = process_choices()  # type: ignore[attr-defined]
        self.order_fields([e.name for e in SCALAR_ELEMENTS])

    def clean_prerequisites(self) -> list[str]:
        raw = self.cleaned_data.get("prerequisites") or ""
        for separator in ("，", "、", ",", ";", "；"):
            raw = raw.replace(separator, "\n")
        return [part.strip().upper() for part in raw.split() if part.strip()]

    def field_groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The scalar fields in the sections the editor shows them in."""
        groups = [
            ("服务对象与受理条件", ["audiences", "conditions"]),
            (
                "办理时限",
                ["statutory_limit", "statutory_limit_unit", "promised_limit", "promised_limit_unit"],
            ),
            ("办理地点与咨询", ["service_location", "service_hours", "consult_phone", "complaint_phone"]),
            (
                "网上办理",
                [
                    "online_depth",
                    "depth_steps",
                    "max_visits",
                    "supports_appointment",
                    "supports_online_payment",
                    "supports_courier",
                    "required_level",
                ],
            ),
            ("办理结果", ["result_type", "result_name", "delivery_methods"]),
            ("收费与中介服务", ["is_free", "intermediary_services"]),
            ("申请表单与情形", ["scenario", "form_schema"]),
            ("审批流程与协办", ["process_key", "co_departments", "preliminary_level", "preliminary_limit"]),
        ]
        return [(title, [self[name] for name in names]) for title, names in groups]


def _row_form(elements: tuple[Element, ...], name: str, with_files: bool = False) -> type[forms.Form]:
    attrs: dict[str, Any] = {e.name: element_field(e, scalar=False) for e in elements}
    if with_files:
        attrs["template_upload"] = forms.FileField(label="空白表格", required=False)
        attrs["sample_upload"] = forms.FileField(label="示例样表", required=False)
        attrs["origin"] = forms.IntegerField(required=False, widget=forms.HiddenInput)

        def _clean_upload(key: str) -> Any:
            def clean(self: forms.Form) -> UploadedFile | None:
                upload = self.cleaned_data.get(key)
                if upload:
                    material_file_validate(upload)
                return upload

            return clean

        attrs["clean_template_upload"] = _clean_upload("template_upload")
        attrs["clean_sample_upload"] = _clean_upload("sample_upload")
        attrs["applies_when"] = forms.CharField(
            label=MATERIAL_FORM_LABELS["applies_when"],
            required=False,
            widget=forms.TextInput(
                attrs={"class": "input-wide", "placeholder": "如 apply_kind=renewal,lost"}
            ),
            help_text="问题=回答，多个回答用逗号分隔；空表示所有情形都需要",
        )
        attrs["licence_types"] = forms.CharField(
            label=MATERIAL_FORM_LABELS["licence_types"],
            required=False,
            widget=forms.TextInput(attrs={"placeholder": "如 YYZZ"}),
            help_text="可用电子证照代替的证照类型代码，逗号分隔",
        )
    return type(name, (forms.Form,), attrs)


MaterialRowForm = _row_form(MATERIAL_ELEMENTS, "MaterialRowForm", with_files=True)
StepRowForm = _row_form(STEP_ELEMENTS, "StepRowForm")
FeeRowForm = _row_form(FEE_ELEMENTS, "FeeRowForm")
ROW_FORMS = {"materials": MaterialRowForm, "steps": StepRowForm, "fees": FeeRowForm}
ROW_ELEMENTS = {"materials": MATERIAL_ELEMENTS, "steps": STEP_ELEMENTS, "fees": FEE_ELEMENTS}
FORMSETS = {
    name: forms.formset_factory(form, extra=0, can_delete=True, can_order=True, max_num=200, absolute_max=200)
    for name, form in ROW_FORMS.items()
}


def _text(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool | list):
        return value
    return str(value)


def _json_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) if value else ""


def initial_from_snapshot(snapshot: dict[str, Any]) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    """Initial data for the editor from ``version_snapshot`` of the draft."""
    scalars = {e.name: _text(snapshot.get(e.name)) for e in SCALAR_ELEMENTS}
    scalars["themes"] = list(snapshot.get("themes") or [])
    scalars["prerequisites"] = "\n".join(snapshot.get("prerequisites") or [])
    scalars["form_schema"] = _json_text(snapshot.get("form_schema"))
    scalars["scenario"] = _json_text(snapshot.get("scenario"))
    scalars["process_key"] = snapshot.get("process_key") or "standard"
    scalars["co_departments"] = ", ".join(snapshot.get("co_departments") or [])
    scalars["preliminary_level"] = _text(snapshot.get("preliminary_level"))
    scalars["preliminary_limit"] = _text(snapshot.get("preliminary_limit"))
    rows: dict[str, list[dict[str, Any]]] = {}
    for name in LIST_NAMES:
        rows[name] = []
        for position, row in enumerate(snapshot.get(name) or [], start=1):
            initial = {key: _text(value) for key, value in row.items()} | {"ORDER": position}
            if name == "materials":
                initial["origin"] = position
                initial["applies_when"] = applies_when_text(row.get("applies_when") or {})
                initial["licence_types"] = ", ".join(row.get("licence_types") or [])
            rows[name].append(initial)
    return scalars, rows


def snapshot_as_data(snapshot: dict[str, Any]) -> QueryDict:
    """The POST data that the editor would send for ``snapshot`` unchanged."""
    scalars, rows = initial_from_snapshot(snapshot)
    data = QueryDict(mutable=True)
    for key, value in scalars.items():
        if isinstance(value, list):
            data.setlist(key, value)
        elif isinstance(value, bool):
            if value:
                data[key] = "on"
        else:
            data[key] = value
    for name in LIST_NAMES:
        data[f"{name}-TOTAL_FORMS"] = str(len(rows[name]))
        data[f"{name}-INITIAL_FORMS"] = str(len(rows[name]))
        for index, row in enumerate(rows[name]):
            for key, value in row.items():
                if isinstance(value, bool):
                    if value:
                        data[f"{name}-{index}-{key}"] = "on"
                elif key not in ("template_file", "sample_file"):
                    data[f"{name}-{index}-{key}"] = str(value)
    return data


@dataclass
class DraftEditor:
    """The bound or unbound forms of one draft editor page."""

    form: ElementsForm
    formsets: dict[str, forms.BaseFormSet]
    list_errors: dict[str, list[str]] = field(default_factory=dict)
    page_errors: list[str] = field(default_factory=list)
    row_forms: dict[str, list[forms.Form]] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        *,
        theme_choices: list[tuple[str, str]],
        snapshot: dict[str, Any] | None = None,
        data: Any = None,
        files: Any = None,
    ) -> "DraftEditor":
        if data is not None:
            form = ElementsForm(data, theme_choices=theme_choices)
            formsets = {name: FORMSETS[name](data, files, prefix=name) for name in LIST_NAMES}
        else:
            scalars, rows = initial_from_snapshot(snapshot or {})
            form = ElementsForm(initial=scalars, theme_choices=theme_choices)
            formsets = {name: FORMSETS[name](initial=rows[name], prefix=name) for name in LIST_NAMES}
        return cls(form=form, formsets=formsets)

    @classmethod
    def bound_to_saved(
        cls, *, theme_choices: list[tuple[str, str]], snapshot: dict[str, Any]
    ) -> "DraftEditor":
        """An editor bound to the saved draft (so service errors can be placed on its rows)."""
        editor = cls.build(theme_choices=theme_choices, data=snapshot_as_data(snapshot), files={})
        editor.is_valid()
        editor.elements()
        return editor

    def is_valid(self) -> bool:
        valid = self.form.is_valid()
        for formset in self.formsets.values():
            valid = formset.is_valid() and valid
        return valid

    def elements(self) -> tuple[dict[str, Any], dict[int, dict[str, UploadedFile]], dict[int, int]]:
        """The elements to save (rows in their chosen order), the uploads and the rows' origins by index."""
        data = {e.name: self.form.cleaned_data.get(e.name) for e in SCALAR_ELEMENTS}
        data["themes"] = self.form.cleaned_data.get("themes") or []
        data["prerequisites"] = self.form.cleaned_data.get("prerequisites") or []
        data |= {name: self.form.cleaned_data.get(name) for name in FORM_ELEMENT_LABELS}
        uploads: dict[int, dict[str, UploadedFile]] = {}
        origins: dict[int, int] = {}
        for name in LIST_NAMES:
            kept = list(self.formsets[name].ordered_forms)
            self.row_forms[name] = kept
            data[name] = [
                {e.name: form.cleaned_data.get(e.name) for e in ROW_ELEMENTS[name]}
                | {key: form.cleaned_data.get(key) for key in MATERIAL_FORM_LABELS if key in form.fields}
                for form in kept
            ]
            if name == "materials":
                for index, form in enumerate(kept):
                    files = {
                        kind: form.cleaned_data[f"{kind}_upload"]
                        for kind in ("template", "sample")
                        if form.cleaned_data.get(f"{kind}_upload")
                    }
                    if files:
                        uploads[index] = files
                    if form.cleaned_data.get("origin"):
                        origins[index] = form.cleaned_data["origin"]
        return data, uploads, origins

    def place_errors(self, error: ValidationError, extra_forms: dict[str, forms.Form] | None = None) -> None:
        """Put a service's ``ValidationError`` next to the fields and rows it names."""
        if not hasattr(error, "error_dict"):
            self.page_errors.extend(error.messages)
            return
        for key, messages in error.message_dict.items():
            self._place(key, messages, extra_forms or {})

    def _place(self, key: str, messages: list[str], extra_forms: dict[str, forms.Form]) -> None:
        parts = key.split(".")
        if len(parts) == 3 and parts[0] in LIST_NAMES and parts[1].isdigit():
            rows = self.row_forms.get(parts[0], [])
            index, name = int(parts[1]), parts[2].replace("_file", "_upload")
            if index < len(rows):
                rows[index].add_error(name if name in rows[index].fields else None, messages)
                return
        if key in LIST_NAMES:
            self.list_errors.setdefault(key, []).extend(messages)
        elif key in self.form.fields:
            self.form.add_error(key, messages)
        elif key in extra_forms:
            extra_forms[key].add_error(key, messages)
        elif key == NON_FIELD_ERRORS:
            self.page_errors.extend(messages)
        else:
            self.page_errors.extend(f"{key}：{message}" for message in messages)

    def has_errors(self) -> bool:
        forms_with_errors = bool(self.form.errors) or any(
            formset.total_error_count() for formset in self.formsets.values()
        )
        return forms_with_errors or bool(self.list_errors) or bool(self.page_errors)

    def error_links(self) -> list[tuple[str, str, str]]:
        """Every placed error as (where, anchor id, message), in page order, for the error summary."""
        links = [
            (self.form[name].label, self.form[name].auto_id, "；".join(errors))
            for name, errors in self.form.errors.items()
            if name in self.form.fields
        ]
        for name in LIST_NAMES:
            title = ROW_TITLES[name]
            links += [
                (ELEMENT_LABELS[name], f"{name}-title", message) for message in self.list_errors.get(name, [])
            ]
            for number, row in enumerate(self.formsets[name].forms, start=1):
                for key, errors in row.errors.items():
                    where = f"{title} {number}" + (f" · {row[key].label}" if key in row.fields else "")
                    anchor = row[key].auto_id if key in row.fields else f"{name}-title"
                    links.append((where, anchor, "；".join(errors)))
        return links


class SubmitForm(forms.Form):
    """The change reason (变更原因) given when a draft is sent for review."""

    reason = forms.CharField(
        label="变更原因",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="说明改了什么、为什么改，审核人将据此审核。",
    )
