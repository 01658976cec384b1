"""Forms of the case pages: the inbox and case-list filters, each handling action, and window intake.

Field shapes only: whether an action is allowed, and what it does, is the ``cases`` services' business.
"""

from __future__ import annotations

from typing import Any

from django import forms

from govhall.cases.models import CaseStatus, Channel, Delivery, SpecialProcedureKind

TASK_KINDS = [
    ("accept", "受理"),
    ("preliminary", "下级初审"),
    ("review", "审查"),
    ("countersign", "并联审批"),
    ("decide", "决定"),
]
TASK_KIND_LABELS = dict(TASK_KINDS)


class DateInput(forms.DateInput):
    input_type = "date"


def _text(
    label: str, *, required: bool = True, rows: int = 3, max_length: int = 2000, **kwargs: Any
) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": f"请填写{label}"},
        **kwargs,
    )


class InboxFilterForm(forms.Form):
    """待办 filters (GET)."""

    kind = forms.ChoiceField(label="环节", required=False, choices=[("", "全部环节"), *TASK_KINDS])
    mine = forms.ChoiceField(
        label="签收", required=False, choices=[("", "全部"), ("mine", "我已签收"), ("unclaimed", "未签收")]
    )
    due = forms.ChoiceField(
        label="期限", required=False, choices=[("", "不限"), ("overdue", "已超期"), ("soon", "两日内到期")]
    )
    q = forms.CharField(label="办件编号或事项名称", required=False, max_length=100)


class CaseFilterForm(forms.Form):
    """办件查询 filters (GET; repeated by the export link)."""

    number = forms.CharField(label="办件编号", required=False, max_length=40)
    applicant = forms.CharField(label="申请人", required=False, max_length=100)
    status = forms.ChoiceField(label="状态", required=False, choices=[("", "全部状态"), *CaseStatus.choices])
    channel = forms.ChoiceField(label="渠道", required=False, choices=[("", "全部渠道"), *Channel.choices])
    date_from = forms.DateField(label="收件日期起", required=False, widget=DateInput)
    date_to = forms.DateField(label="收件日期止", required=False, widget=DateInput)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "截止日期不能早于起始日期")
        return cleaned


# --- handling actions ----------------------------------------------------------------------------


class AcceptForm(forms.Form):
    opinion = _text("受理意见", required=False, rows=2)


class RefuseForm(forms.Form):
    reason = _text("不予受理的理由")


class CorrectionNoteForm(forms.Form):
    """The note of a correction notice; the materials and problems are posted as ``pick_<n>`` / ``problem_<n>``."""

    note = _text("补充说明", required=False, rows=2)


class OpinionForm(forms.Form):
    task = forms.IntegerField(widget=forms.HiddenInput)
    agree = forms.TypedChoiceField(
        label="意见类型",
        choices=[("1", "同意"), ("0", "不同意")],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
        initial="1",
    )
    opinion = _text("意见")
    attachment = forms.FileField(label="附件（PDF、JPG、PNG，可选）", required=False)


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        label="决定",
        choices=[("approve", "准予许可"), ("deny", "不予许可")],
        widget=forms.RadioSelect,
        initial="approve",
    )
    opinion = _text("决定意见（不予许可时必须说明理由）", required=False)


class ExtensionRequestForm(forms.Form):
    days = forms.IntegerField(label="延长工作日", min_value=1, max_value=30)
    reason = _text("延期理由")


class ExtensionDecideForm(forms.Form):
    decision = forms.ChoiceField(
        label="审批",
        choices=[("approve", "同意延期"), ("reject", "不同意")],
        widget=forms.RadioSelect,
        initial="approve",
    )
    opinion = _text("意见（不同意时必填）", required=False, rows=2)


class SpecialStartForm(forms.Form):
    kind = forms.ChoiceField(label="特别程序", choices=[("", "请选择"), *SpecialProcedureKind.choices])
    reason = _text("启动事由")
    expected_days = forms.IntegerField(label="预计时长（工作日）", required=False, min_value=1, max_value=365)


class SpecialEndForm(forms.Form):
    outcome = _text("特别程序结果")


class VisitForm(forms.Form):
    purpose = forms.CharField(label="来办事由", max_length=200, error_messages={"required": "请填写来办事由"})


class RevealForm(forms.Form):
    reason = forms.CharField(
        label="查看事由", max_length=200, error_messages={"required": "查看完整身份证号码须填写事由"}
    )


# --- window intake -------------------------------------------------------------------------------


class WindowApplicantForm(forms.Form):
    """The ID card in the clerk's hand, and how the result is delivered."""

    id_number = forms.CharField(
        label="身份证号码",
        max_length=18,
        error_messages={"required": "请填写身份证号码"},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    name = forms.CharField(
        label="姓名", max_length=50, error_messages={"required": "请填写与身份证一致的姓名"}
    )
    phone = forms.CharField(label="手机号码（可选，用于办件通知）", max_length=20, required=False)
    delivery = forms.ChoiceField(label="送达方式", choices=Delivery.choices, initial=Delivery.WINDOW)
    delivery_address = forms.CharField(label="邮寄地址（邮寄送达时填写）", max_length=300, required=False)
    handled_on = forms.DateField(label="线下办理日期", required=False, widget=DateInput)

    def __init__(self, *args: Any, back_entry: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if back_entry:
            self.fields["handled_on"].required = True
            self.fields["handled_on"].error_messages["required"] = "请填写系统外办理的日期"
        else:
            del self.fields["handled_on"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("delivery") == Delivery.MAIL and not (cleaned.get("delivery_address") or "").strip():
            self.add_error("delivery_address", "选择邮寄送达时请填写邮寄地址")
        return cleaned
