"""Forms of the workbench participation pages: solicitations, surveys and their questions, suggestions.

Shape checks only (dates, lengths, a PDF attachment, one option per line); the rules — editable
as a draft only, publish before the period ends, feedback after it — are the services'.
"""

from __future__ import annotations

from typing import Any

from django import forms

from govhall.interaction.surveys.models import Participation, QuestionKind, SuggestionCategory
from govhall.interaction.surveys.services import QuestionSpec

PHASE_FILTER = [
    ("", "全部"),
    ("draft", "草稿"),
    ("upcoming", "未开始"),
    ("open", "进行中"),
    ("closed", "已结束"),
]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class PhaseFilterForm(forms.Form):
    q = forms.CharField(label="标题", required=False, max_length=100)
    phase = forms.ChoiceField(label="状态", required=False, choices=PHASE_FILTER)


class PeriodForm(forms.Form):
    title = forms.CharField(label="标题", max_length=200, error_messages={"required": "请填写标题"})
    opens_on = forms.DateField(
        label="开始日期",
        widget=DateInput(),
        error_messages={"required": "请填写开始日期", "invalid": "日期格式不正确"},
    )
    closes_on = forms.DateField(
        label="截止日期",
        widget=DateInput(),
        error_messages={"required": "请填写截止日期", "invalid": "日期格式不正确"},
    )
    participation = forms.ChoiceField(
        label="参与方式",
        choices=Participation.choices,
        initial=Participation.VERIFIED,
        widget=forms.RadioSelect,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("opens_on") and data.get("closes_on") and data["closes_on"] < data["opens_on"]:
            self.add_error("closes_on", "截止日期不能早于开始日期")
        return data


class SolicitationForm(PeriodForm):
    body = forms.CharField(
        label="征求意见稿正文",
        widget=forms.Textarea(attrs={"rows": 16}),
        error_messages={"required": "请填写正文"},
    )
    attachment = forms.FileField(
        label="附件（PDF，选填）", required=False, help_text="PDF 文件，不超过 10 MB；上传新文件将替换原附件"
    )
    remove_attachment = forms.BooleanField(label="删除原附件", required=False)

    def clean_attachment(self) -> Any:
        upload = self.cleaned_data.get("attachment")
        if upload:
            if upload.size > 10 * 1024 * 1024:
                raise forms.ValidationError("附件不能超过 10 MB")
            head = upload.read(1024)
            upload.seek(0)
            if not head.lstrip().startswith(b"%PDF-"):
                raise forms.ValidationError("附件须为 PDF 文件")
        return upload


class SurveyForm(PeriodForm):
    description = forms.CharField(label="调查说明", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    results_public = forms.BooleanField(label="调查结束后向公众公开结果", required=False)


class FeedbackForm(forms.Form):
    feedback = forms.CharField(
        label="意见采纳情况",
        min_length=10,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="说明收到意见的总体情况、采纳与未采纳的主要意见及理由",
        error_messages={"required": "请填写意见采纳情况", "min_length": "采纳情况说明至少 10 个字"},
    )


class QuestionForm(forms.Form):
    text = forms.CharField(label="题目", max_length=300, required=False)
    kind = forms.ChoiceField(label="题型", choices=QuestionKind.choices, initial=QuestionKind.SINGLE)
    required = forms.BooleanField(label="必答", required=False, initial=True)
    options = forms.CharField(
        label="选项（每行一个）",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="单选、多选题至少 2 个选项；文字填答题留空",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.has_changed() and not (data.get("text") or "").strip() and not data.get("DELETE"):
            self.add_error("text", "请填写题目")
        return data

    def spec(self) -> QuestionSpec:
        data = self.cleaned_data
        options = [line.strip() for line in (data.get("options") or "").splitlines() if line.strip()]
        return QuestionSpec(
            text=data["text"], kind=data["kind"], required=bool(data.get("required")), options=options
        )


QuestionFormSet = forms.formset_factory(QuestionForm, extra=2, can_order=True, can_delete=True, max_num=50)


def question_specs(formset: Any) -> list[QuestionSpec]:
    """The questions in the order staff gave (``ORDER``), without deleted or untouched blank rows."""
    return [form.spec() for form in formset.ordered_forms if (form.cleaned_data.get("text") or "").strip()]


class SuggestionFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="状态", required=False, choices=[("", "全部"), ("open", "待回复"), ("replied", "已回复")]
    )
    category = forms.ChoiceField(
        label="类别", required=False, choices=[("", "全部"), *SuggestionCategory.choices]
    )


class SuggestionReplyForm(forms.Form):
    reply = forms.CharField(
        label="答复内容",
        min_length=5,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "请填写答复内容", "min_length": "答复内容至少 5 个字"},
    )
    published = forms.BooleanField(label="在门户网站公开（提交人姓名脱敏显示）", required=False)


class SuggestionRouteForm(forms.Form):
    category = forms.ChoiceField(label="类别", choices=SuggestionCategory.choices)
    credit_code = forms.CharField(
        label="处理部门统一社会信用代码",
        required=False,
        max_length=18,
        help_text="留空表示由本区划运维人员处理",
    )
