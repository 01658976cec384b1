"""流程定义 pages for catalog managers: the list, one definition's steps, and uploading a BPMN 2.0 document."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from govhall.workflow.selectors import process_definition_get, process_definition_list
from govhall.workflow.services import process_definition_upload
from govhall.workflow.validation import MAX_BYTES, bpmn_user_tasks

from .base import manager_view


class ProcessUploadForm(forms.Form):
    key = forms.CharField(
        label="流程标识", max_length=60, help_text="小写字母开头，只含小写字母、数字、_ 和 -，上传后不可修改"
    )
    name = forms.CharField(label="流程名称", max_length=100)
    description = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    bpmn_file = forms.FileField(label="BPMN 文件（.bpmn / .xml）", required=False)
    bpmn_text = forms.CharField(
        label="或粘贴 BPMN 2.0 XML",
        required=False,
        widget=forms.Textarea(attrs={"rows": 12, "class": "code"}),
    )

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("bpmn_file")
        if upload is not None:
            if upload.size > MAX_BYTES:
                raise ValidationError(f"文件过大（最多 {MAX_BYTES // 1024} KB）")
            try:
                cleaned["bpmn_xml"] = upload.read().decode("utf-8")
            except UnicodeDecodeError:
                raise ValidationError("文件必须是 UTF-8 编码的 XML") from None
        else:
            cleaned["bpmn_xml"] = cleaned.get("bpmn_text", "")
        if not cleaned["bpmn_xml"].strip():
            raise ValidationError("请上传 BPMN 文件或粘贴 XML")
        return cleaned


@manager_view
def process_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "workbench/processes/list.html",
        {"definitions": process_definition_list(), "nav": "processes"},
    )


@manager_view
def process_detail(request: HttpRequest, key: str) -> HttpResponse:
    definition = process_definition_get(key)
    return render(
        request,
        "workbench/processes/detail.html",
        {"definition": definition, "steps": bpmn_user_tasks(definition.bpmn_xml), "nav": "processes"},
    )


@manager_view
def process_upload(request: HttpRequest) -> HttpResponse:
    form = ProcessUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            definition = process_definition_upload(
                actor=request.user,
                key=data["key"],
                name=data["name"],
                bpmn_xml=data["bpmn_xml"],
                description=data["description"],
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                for error in errors:
                    form.add_error(field if field in ("key", "name") else None, error)
        else:
            messages.success(request, f"流程“{definition.name}”已上传")
            return redirect("workbench:process_detail", key=definition.key)
    return render(request, "workbench/processes/upload.html", {"form": form, "nav": "processes"})
