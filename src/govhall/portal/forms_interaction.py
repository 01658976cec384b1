"""Forms of the portal's interaction pages (咨询, 投诉举报): field shape only; rules live in the services."""

from __future__ import annotations

from django import forms

from govhall.interaction.models import ComplaintKind, ComplaintSubject

TEXTAREA = {"rows": 6, "maxlength": 5000}


class ConsultationForm(forms.Form):
    item = forms.CharField(required=False, widget=forms.HiddenInput)
    department = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label="咨询部门",
        empty_label="不确定（由本地默认受理部门首问负责）",
        help_text="就某个事项咨询时，由该事项的实施部门答复。",
    )
    title = forms.CharField(label="标题", max_length=100)
    question = forms.CharField(label="咨询内容", max_length=5000, widget=forms.Textarea(attrs=TEXTAREA))

    def __init__(self, *args, departments=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments


class ComplaintForm(forms.Form):
    kind = forms.ChoiceField(
        label="类型", choices=ComplaintKind.choices, widget=forms.RadioSelect, initial="complaint"
    )
    subject = forms.ChoiceField(label="投诉举报对象", choices=ComplaintSubject.choices, initial="case")
    case_number = forms.CharField(
        label="办件编号", max_length=32, required=False, help_text="投诉某个办件时填写"
    )
    item = forms.CharField(
        label="事项实施编码",
        max_length=48,
        required=False,
        help_text="投诉某个事项时填写（办事指南页面上有）",
    )
    department = forms.ModelChoiceField(queryset=None, required=False, label="被投诉部门（或窗口所属部门）")
    window_name = forms.CharField(
        label="窗口名称", max_length=100, required=False, help_text="投诉窗口时填写，如“二楼市场监管窗口”"
    )
    title = forms.CharField(label="标题", max_length=100)
    content = forms.CharField(label="具体情况", max_length=5000, widget=forms.Textarea(attrs=TEXTAREA))
    anonymous = forms.BooleanField(
        label="匿名举报（不留姓名；联系电话加密保存，仅承办部门负责人经登记事由后可查看）", required=False
    )
    contact_phone = forms.CharField(label="联系电话", max_length=20, required=False, help_text="匿名举报必填")

    def __init__(self, *args, departments=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments


class ReasonForm(forms.Form):
    reason = forms.CharField(label="不满意的理由", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
