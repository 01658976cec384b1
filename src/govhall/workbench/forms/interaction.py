"""Forms of the workbench's consultation and complaint pages: list filters and each handling action.

Field shapes only: whether an action is allowed, and what it does, is the ``interaction`` services' business.
"""

from __future__ import annotations

from typing import Any

from django import forms

from govhall.interaction.models import ComplaintStatus, ConsultationStatus

KINDS = [("consultation", "咨询"), ("complaint", "投诉举报")]
DUE = [("", "不限"), ("overdue", "已超期"), ("soon", "两日内到期")]


def _text(label: str, *, required: bool = True, rows: int = 3, max_length: int = 5000) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": f"请填写{label}"},
    )


class InteractionFilterForm(forms.Form):
    kind = forms.ChoiceField(label="类别", choices=KINDS, required=False)
    status = forms.ChoiceField(label="状态", required=False)
    due = forms.ChoiceField(label="期限", choices=DUE, required=False)
    q = forms.CharField(label="标题、事项或编号", required=False, max_length=100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind = (self.data.get("kind") if self.is_bound else "") or "consultation"
        statuses = ComplaintStatus.choices if kind == "complaint" else ConsultationStatus.choices
        self.fields["status"].choices = [("", "全部状态"), *statuses]

    def clean_kind(self) -> str:
        return self.cleaned_data.get("kind") or "consultation"


class AnswerForm(forms.Form):
    answer = _text("答复内容", rows=6)
    late_explanation = _text("逾期说明", required=False, max_length=2000)


class TransferForm(forms.Form):
    to_department = forms.ModelChoiceField(
        queryset=None, label="转至部门", error_messages={"required": "请选择部门"}
    )
    reason = _text("转办理由", max_length=2000)

    def __init__(self, *args: Any, departments: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_department"].queryset = departments


class PublishForm(forms.Form):
    public_question = forms.CharField(label="公开的问题", max_length=300)
    public_answer = _text("公开的答复", rows=5)


TRIAGE = [("accept", "受理"), ("reject", "不予受理"), ("assign", "分办至其他部门")]


class TriageForm(forms.Form):
    decision = forms.ChoiceField(label="分办", choices=TRIAGE, widget=forms.RadioSelect, initial="accept")
    to_department = forms.ModelChoiceField(queryset=None, label="承办部门（分办时）", required=False)
    reason = _text("理由或说明", required=False, max_length=2000)

    def __init__(self, *args: Any, departments: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_department"].queryset = departments


class ReplyForm(forms.Form):
    reply = _text("答复内容", rows=6)


class CloseForm(forms.Form):
    note = _text("回访情况", max_length=2000)


class RevealForm(forms.Form):
    reason = forms.CharField(label="查看事由", max_length=200, error_messages={"required": "请填写查看事由"})
