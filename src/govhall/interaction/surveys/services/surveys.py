"""在线调查 services: drafts and their questions, publication, responses from the public, exports.

Questions are replaced as a whole while the survey is a draft (the workbench's question form set)
and frozen once it is published. A response is accepted only while the survey is open, from a
participant the setting admits, with every required question answered and every option belonging
to its question. One response per person: the partial unique constraint
``survey_response_once_per_person`` decides a double submit, so two concurrent posts leave one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from govhall.core.audit import AuditTarget, audit_record
from govhall.identity.scope import StaffScope

from ..models import (
    Phase,
    PublishStatus,
    Question,
    QuestionKind,
    QuestionOption,
    Survey,
    SurveyAnswer,
    SurveyResponse,
)
from ..ownership import change_require, owner_for, period_check
from ..participants import participant_check

TEXT_ANSWER_MAX = 1000
QUESTIONS_MAX = 50
OPTIONS_MAX = 20
ALREADY_ANSWERED = "您已参与过本次调查，每人只能提交一次"


@dataclass(frozen=True)
class SurveyFields:
    title: str
    description: str
    opens_on: date
    closes_on: date
    participation: str
    results_public: bool


@dataclass(frozen=True)
class QuestionSpec:
    text: str
    kind: str
    required: bool = True
    options: list[str] = field(default_factory=list)


def _apply(survey: Survey, fields: SurveyFields) -> None:
    if not fields.title.strip():
        raise ValidationError("请填写调查标题")
    period_check(fields.opens_on, fields.closes_on)
    survey.title = fields.title.strip()[:200]
    survey.description = fields.description.strip()
    survey.opens_on, survey.closes_on = fields.opens_on, fields.closes_on
    survey.participation = fields.participation
    survey.results_public = fields.results_public


def _lock_for_change(survey: Survey, scope: StaffScope) -> Survey:
    survey = Survey.objects.select_for_update(of=("self",)).select_related("region").get(pk=survey.pk)
    change_require(scope, region_path=survey.region.path, department_id=survey.department_id)
    return survey


def survey_create(*, actor: Any, scope: StaffScope, fields: SurveyFields) -> Survey:
    owner = owner_for(scope)
    with transaction.atomic():
        survey = Survey(
            region=owner.region,
            department=owner.department,
            publisher_name=owner.publisher_name,
            created_by=actor,
        )
        _apply(survey, fields)
        survey.save()
        audit_record(
            actor=actor,
            action="surveys.survey_create",
            target=AuditTarget.of(survey),
            summary={
                "opens_on": fields.opens_on,
                "closes_on": fields.closes_on,
                "participation": fields.participation,
            },
        )
    return survey


def survey_update(*, actor: Any, scope: StaffScope, survey: Survey, fields: SurveyFields) -> Survey:
    """Change a draft; of a published survey only whether its results are public may change."""
    with transaction.atomic():
        survey = _lock_for_change(survey, scope)
        if survey.status == PublishStatus.DRAFT:
            _apply(survey, fields)
        elif (
            fields.title.strip(),
            fields.description.strip(),
            fields.opens_on,
            fields.closes_on,
            fields.participation,
        ) != (survey.title, survey.description, survey.opens_on, survey.closes_on, survey.participation):
            raise ValidationError("已发布的调查只能修改“结束后公开调查结果”")
        survey.results_public = fields.results_public
        survey.save()
        audit_record(actor=actor, action="surveys.survey_update", target=AuditTarget.of(survey))
    return survey


def _questions_check(questions: list[QuestionSpec]) -> None:
    if len(questions) > QUESTIONS_MAX:
        raise ValidationError(f"一份问卷最多 {QUESTIONS_MAX} 道题")
    for number, spec in enumerate(questions, start=1):
        if not spec.text.strip():
            raise ValidationError(f"第 {number} 题：请填写题目")
        if spec.kind not in QuestionKind.values:
            raise ValidationError(f"第 {number} 题：题型无效")
        options = [o.strip() for o in spec.options if o.strip()]
        if spec.kind == QuestionKind.TEXT and options:
            raise ValidationError(f"第 {number} 题：文字填答题不设选项")
        if spec.kind != QuestionKind.TEXT and not 2 <= len(options) <= OPTIONS_MAX:
            raise ValidationError(f"第 {number} 题：选择题须有 2 至 {OPTIONS_MAX} 个选项")
        if len(set(options)) != len(options):
            raise ValidationError(f"第 {number} 题：选项不能重复")


def survey_questions_replace(
    *, actor: Any, scope: StaffScope, survey: Survey, questions: list[QuestionSpec]
) -> Survey:
    """Replace the draft's questions, in the given order."""
    _questions_check(questions)
    with transaction.atomic():
        survey = _lock_for_change(survey, scope)
        if survey.status != PublishStatus.DRAFT:
            raise ValidationError("已发布的调查不能再修改题目")
        survey.questions.all().delete()
        options: list[QuestionOption] = []
        for position, spec in enumerate(questions, start=1):
            question = Question.objects.create(
                survey=survey,
                position=position,
                kind=spec.kind,
                text=spec.text.strip()[:300],
                required=spec.required,
            )
            labels = [o.strip() for o in spec.options if o.strip()]
            options.extend(
                QuestionOption(question=question, position=n, label=label[:200])
                for n, label in enumerate(labels, 1)
            )
        QuestionOption.objects.bulk_create(options)
        audit_record(
            actor=actor,
            action="surveys.survey_questions",
            target=AuditTarget.of(survey),
            summary={"questions": len(questions)},
        )
    return survey


def survey_publish(*, actor: Any, scope: StaffScope, survey: Survey) -> Survey:
    with transaction.atomic():
        survey = _lock_for_change(survey, scope)
        if survey.status != PublishStatus.DRAFT:
            raise ValidationError("该调查已发布")
        if not survey.questions.exists():
            raise ValidationError("问卷还没有题目，请先添加题目再发布")
        if survey.closes_on < timezone.localdate():
            raise ValidationError("截止日期已过，请先修改调查期限再发布")
        survey.status = PublishStatus.PUBLISHED
        survey.published_at = timezone.now()
        survey.save(update_fields=["status", "published_at", "updated_at"])
        audit_record(actor=actor, action="surveys.survey_publish", target=AuditTarget.of(survey))
    return survey


def _answers_build(survey: Survey, answers: dict[int, Any]) -> list[SurveyAnswer]:
    """Answer rows (unsaved, without response) for ``answers``: question id → option ids or text."""
    rows: list[SurveyAnswer] = []
    questions = list(survey.questions.prefetch_related("options"))
    for question in questions:
        given = answers.get(question.pk)
        label = f"第 {question.position} 题"
        if question.kind == QuestionKind.TEXT:
            text = str(given or "").strip()
            if len(text) > TEXT_ANSWER_MAX:
                raise ValidationError(f"{label}：回答不能超过 {TEXT_ANSWER_MAX} 字")
            if text:
                rows.append(SurveyAnswer(question=question, text=text))
            elif question.required:
                raise ValidationError(f"{label}为必答题，请填写")
            continue
        chosen = {
            int(v) for v in (given if isinstance(given, list | tuple | set) else [given] if given else [])
        }
        valid = {option.pk: option for option in question.options.all()}
        if not chosen <= set(valid):
            raise ValidationError(f"{label}：所选选项不属于该题")
        if question.kind == QuestionKind.SINGLE and len(chosen) > 1:
            raise ValidationError(f"{label}为单选题，只能选择一项")
        if not chosen and question.required:
            raise ValidationError(f"{label}为必答题，请选择")
        rows.extend(SurveyAnswer(question=question, option=valid[pk]) for pk in sorted(chosen))
    unknown = set(answers) - {q.pk for q in questions}
    if unknown:
        raise ValidationError("提交的回答与问卷题目不符，请刷新页面后重试")
    return rows


def survey_respond(*, user: Any, survey_id: int, answers: dict[int, Any]) -> SurveyResponse:
    """One response while the survey is open; a person's second response is refused (also under races)."""
    try:
        with transaction.atomic():
            survey = Survey.objects.get(pk=survey_id, status=PublishStatus.PUBLISHED)
            if survey.phase != Phase.OPEN:
                raise ValidationError("本次调查不在调查期内，不能提交问卷")
            participant = participant_check(user=user, participation=survey.participation, what="调查")
            if (
                participant.person is not None
                and SurveyResponse.objects.filter(survey=survey, person=participant.person).exists()
            ):
                raise ValidationError(ALREADY_ANSWERED)
            rows = _answers_build(survey, answers)
            response = SurveyResponse.objects.create(survey=survey, person=participant.person)
            for row in rows:
                row.response = response
            SurveyAnswer.objects.bulk_create(rows)
            signed_in = user is not None and user.is_authenticated
            audit_record(
                actor=user if signed_in else None,
                actor_label="" if signed_in else "匿名公众",
                action="surveys.survey_respond",
                target=AuditTarget(
                    type="surveys.surveyresponse", id=str(response.pk), label=survey.title[:200]
                ),
                summary={"survey": survey.pk, "answers": len(rows)},
            )
    except IntegrityError as exc:
        raise ValidationError(ALREADY_ANSWERED) from exc
    return response


def survey_results_export_record(*, actor: Any, survey: Survey, responses: int) -> None:
    """Audit an export of the results (no personal data in it); the caller loaded it through the selector."""
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="surveys.results_export",
            target=AuditTarget.of(survey),
            summary={"responses": responses},
        )
