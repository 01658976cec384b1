"""Survey results: counts and percentages per option (one GROUP BY query), free-text answers listed.

Percentages are of the responses that answered the question (for a multiple-choice question the
shares may add up to more than 100%). ``survey_results`` runs a fixed number of queries whatever
the number of questions or responses. Never writes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count

from .models import Phase, Question, QuestionKind, Survey, SurveyAnswer

TEXT_ANSWERS_SHOWN = 200


@dataclass(frozen=True)
class OptionResult:
    label: str
    count: int
    percent: Decimal  # one decimal place, of the question's respondents


@dataclass
class QuestionResult:
    question: Question
    answered: int
    options: list[OptionResult] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)

    @property
    def is_text(self) -> bool:
        return self.question.kind == QuestionKind.TEXT


@dataclass(frozen=True)
class SurveyResults:
    survey: Survey
    responses: int
    questions: list[QuestionResult]


def percent(part: int, whole: int) -> Decimal:
    if not whole:
        return Decimal("0.0")
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def survey_results(*, survey: Survey, text_limit: int = TEXT_ANSWERS_SHOWN) -> SurveyResults:
    questions = list(survey.questions.prefetch_related("options").order_by("position"))
    answers = SurveyAnswer.objects.filter(question__survey=survey)
    option_counts = dict(
        answers.filter(option__isnull=False)
        .values_list("option_id")
        .annotate(n=Count("id"))
        .values_list("option_id", "n")
    )
    answered = dict(
        answers.values_list("question_id")
        .annotate(n=Count("response_id", distinct=True))
        .values_list("question_id", "n")
    )
    texts: dict[int, list[str]] = {}
    text_ids = [q.pk for q in questions if q.kind == QuestionKind.TEXT]
    if text_ids:
        for question_id, text in (
            answers.filter(question_id__in=text_ids)
            .order_by("question_id", "id")
            .values_list("question_id", "text")
        ):
            bucket = texts.setdefault(question_id, [])
            if len(bucket) < text_limit:
                bucket.append(text)
    results = []
    for question in questions:
        total = answered.get(question.pk, 0)
        result = QuestionResult(question=question, answered=total, texts=texts.get(question.pk, []))
        for option in question.options.all():
            count = option_counts.get(option.pk, 0)
            result.options.append(OptionResult(option.label, count, percent(count, total)))
        results.append(result)
    return SurveyResults(survey=survey, responses=survey.responses.count(), questions=results)


def results_public(survey: Survey) -> bool:
    """Whether the public may see the results: the survey is over and its publisher allowed it."""
    return survey.results_public and survey.phase == Phase.CLOSED
