"""Spreadsheets (.xlsx, openpyxl) of a solicitation's opinions and of a survey's results.

The opinions workbook lists every opinion with its time, whether it came from a verified
person, and the **masked** contact; the survey workbook has a summary sheet (counts and
percentages per option, free-text answers) and a raw sheet (one row per response, one column per
question) without any personal data. Callers audit the export through the services. Never writes.
"""

from __future__ import annotations

from io import BytesIO

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from .models import Question, QuestionKind, Solicitation, Survey, SurveyAnswer
from .results import survey_results

BOLD = Font(bold=True)


def _local(moment) -> str:  # type: ignore[no-untyped-def]
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def _header(sheet: Worksheet, titles: list[str], widths: list[int]) -> None:
    sheet.append(titles)
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = width


def _bytes(book: Workbook) -> bytes:
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def opinions_workbook(*, solicitation: Solicitation) -> tuple[bytes, int]:
    """``(xlsx bytes, number of opinions)``."""
    book = Workbook()
    sheet = book.active
    sheet.title = "意见汇总"
    sheet.append([solicitation.title])
    sheet.append(
        [
            f"征集期：{solicitation.opens_on} 至 {solicitation.closes_on}",
            f"发布单位：{solicitation.publisher_name}",
        ]
    )
    sheet.append([])
    _header(sheet, ["序号", "提交时间", "提交人", "联系方式（脱敏）", "意见内容"], [8, 18, 14, 20, 80])
    count = 0
    for count, (created_at, person_id, masked, body) in enumerate(
        solicitation.opinions.order_by("created_at", "id").values_list(
            "created_at", "person_id", "contact_masked", "body"
        ),
        start=1,
    ):
        sheet.append([count, _local(created_at), "实名用户" if person_id else "匿名", masked, body])
        sheet.cell(row=sheet.max_row, column=5).alignment = Alignment(wrap_text=True, vertical="top")
    return _bytes(book), count


def _cell_value(question: Question, answers: list[SurveyAnswer]) -> str:
    if question.kind == QuestionKind.TEXT:
        return "\n".join(a.text for a in answers)
    return "；".join(a.option.label for a in answers if a.option is not None)


def survey_workbook(*, survey: Survey) -> tuple[bytes, int]:
    """``(xlsx bytes, number of responses)``: summary sheet and raw responses sheet."""
    results = survey_results(survey=survey, text_limit=10_000)
    book = Workbook()
    summary = book.active
    summary.title = "结果汇总"
    summary.append([survey.title])
    summary.append([f"调查期：{survey.opens_on} 至 {survey.closes_on}", f"有效答卷：{results.responses} 份"])
    summary.append([])
    _header(summary, ["题目", "选项 / 回答", "人数", "比例（%）"], [50, 50, 10, 12])
    for item in results.questions:
        question = item.question
        summary.append(
            [f"{question.position}. {question.text}（{question.get_kind_display()}，{item.answered} 人作答）"]
        )
        summary.cell(row=summary.max_row, column=1).font = BOLD
        for option in item.options:
            summary.append(["", option.label, option.count, float(option.percent)])
        for text in item.texts:
            summary.append(["", text])

    raw = book.create_sheet("原始答卷")
    questions = [r.question for r in results.questions]
    _header(
        raw,
        ["答卷序号", "提交时间", *[f"{q.position}. {q.text}" for q in questions]],
        [10, 18, *[30] * len(questions)],
    )
    by_response: dict[int, dict[int, list[SurveyAnswer]]] = {}
    for answer in (
        SurveyAnswer.objects.filter(question__survey=survey).select_related("option").order_by("id")
    ):
        by_response.setdefault(answer.response_id, {}).setdefault(answer.question_id, []).append(answer)
    count = 0
    for count, (response_id, created_at) in enumerate(
        survey.responses.order_by("created_at", "id").values_list("id", "created_at"), start=1
    ):
        given = by_response.get(response_id, {})
        raw.append([count, _local(created_at), *[_cell_value(q, given.get(q.pk, [])) for q in questions]])
    return _bytes(book), count
