"""Forms of the participation pages (意见征集、在线调查、问题与建议): shape checks with Chinese messages.

The survey form is built from the questionnaire (one field per question, radio buttons, check
boxes or a text area); the rules — who may answer, once per person, options belong to their
question — are the services' (``interaction.surveys.services``).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from govhall.interaction.surveys.models import (
    OPINION_MAX,
    SUGGESTION_MAX,
    QuestionKind,
    SuggestionCategory,
    Survey,
)
from govhall.interaction.surveys.participants import contact_clean

CONTACT_HELP = "选填。手机号码、固定电话或电子邮箱，仅用于工作人员联系您，加密保存，不公开。"


def _contact(value: str) -> str:
    try:
        return contact_clean(value)
    except ValidationError as exc:
        raise forms.ValidationError(exc.messages[0]) from exc


class OpinionForm(forms.Form):
    body = forms.CharField(
        label="意见内容",
        max_length=OPINION_MAX,
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": OPINION_MAX}),
        error_messages={"required": "请填写意见内容", "max_length": f"意见内容不能超过 {OPINION_MAX} 字"},
        help_text=f"不超过 {OPINION_MAX} 字。请勿填写身份证号码等个人信息。",
    )
    contact = forms.CharField(label="联系方式", required=False, max_length=100, help_text=CONTACT_HELP)

    def clean_contact(self) -> str:
        return _contact(self.cleaned_data["contact"])


class SuggestionForm(forms.Form):
    category = forms.ChoiceField(
        label="类别",
        choices=SuggestionCategory.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择类别", "invalid_choice": "所选类别无效"},
    )
    title = forms.CharField(
        label="标题",
        max_length=100,
        error_messages={"required": "请填写标题", "max_length": "标题不能超过 100 字"},
    )
    body = forms.CharField(
        label="内容",
        max_length=SUGGESTION_MAX,
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": SUGGESTION_MAX}),
        error_messages={"required": "请填写内容", "max_length": f"内容不能超过 {SUGGESTION_MAX} 字"},
        help_text="请描述遇到的问题（页面、操作步骤、出现的提示）或您的建议。",
    )
    contact = forms.CharField(label="联系方式", required=False, max_length=100, help_text=CONTACT_HELP)

    def clean_contact(self) -> str:
        return _contact(self.cleaned_data["contact"])


PHASE_CHOICES = [("open", "进行中"), ("closed", "已结束"), ("", "全部")]


class SurveyAnswerForm(forms.Form):
    """One field ``q<id>`` per question of ``survey``, in order."""

    def __init__(self, *args: Any, survey: Survey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.survey = survey
        for question in survey.questions.all():
            label = f"{question.position}. {question.text}"
            required = {"required": "此题为必答题"}
            choices = [(str(o.pk), o.label) for o in question.options.all()]
            field: forms.Field
            if question.kind == QuestionKind.SINGLE:
                field = forms.ChoiceField(
                    label=label,
                    choices=choices,
                    widget=forms.RadioSelect,
                    required=question.required,
                    error_messages={**required, "invalid_choice": "所选选项无效"},
                )
            elif question.kind == QuestionKind.MULTIPLE:
                field = forms.MultipleChoiceField(
                    label=label,
                    choices=choices,
                    widget=forms.CheckboxSelectMultiple,
                    required=question.required,
                    error_messages={**required, "invalid_choice": "所选选项无效"},
                    help_text="可多选",
                )
            else:
                field = forms.CharField(
                    label=label,
                    required=question.required,
                    max_length=1000,
                    widget=forms.Textarea(attrs={"rows": 4, "maxlength": 1000}),
                    error_messages={**required, "max_length": "回答不能超过 1000 字"},
                )
            field.question = question  # type: ignore[attr-defined]
            self.fields[f"q{question.pk}"] = field

    def answers(self) -> dict[int, Any]:
        """Question id → option ids (list) or text, for ``survey_respond``."""
        answers: dict[int, Any] = {}
        for name, field in self.fields.items():
            value = self.cleaned_data.get(name)
            question = field.question  # type: ignore[attr-defined]
            if question.kind == QuestionKind.TEXT:
                answers[question.pk] = value or ""
            elif question.kind == QuestionKind.SINGLE:
                answers[question.pk] = [int(value)] if value else []
            else:
                answers[question.pk] = [int(v) for v in value or []]
        return answers
