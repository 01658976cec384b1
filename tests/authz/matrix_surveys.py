"""Rows for 征集调查 (/workbench/surveys/): solicitations, surveys, the suggestions box.

Department heads and catalog managers publish (county_manager owns the items below, and the
province's catalog manager covers them); supervisors read in their region but change nothing;
operators answer the suggestions box (and are sent there from the section's landing page);
window clerks have no access.
"""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from govhall.identity.scope import staff_scope_for
from govhall.interaction.surveys.models import QuestionKind, Solicitation, Suggestion, Survey
from govhall.interaction.surveys.services import (
    QuestionSpec,
    SolicitationFields,
    SurveyFields,
    solicitation_create,
    suggestion_submit,
    survey_create,
    survey_questions_replace,
)

from .matrix import FORBIDDEN, OK, REDIRECT, Row, staff_page

TITLE = "授权矩阵意见征集"


def items(authz, client) -> None:
    """A draft solicitation and a draft survey of 新罗区 (by county_manager) and a suggestion; once per test."""
    if Solicitation.objects.filter(title=TITLE).exists():
        return
    manager = authz.users["county_manager"]
    scope = staff_scope_for(manager)
    today = timezone.localdate()
    solicitation_create(
        actor=manager,
        scope=scope,
        fields=SolicitationFields(
            title=TITLE,
            body="正文",
            opens_on=today,
            closes_on=today + timedelta(days=7),
            participation="anonymous",
        ),
    )
    survey = survey_create(
        actor=manager,
        scope=scope,
        fields=SurveyFields(
            title="授权矩阵调查",
            description="",
            opens_on=today,
            closes_on=today + timedelta(days=7),
            participation="verified",
            results_public=False,
        ),
    )
    survey_questions_replace(
        actor=manager,
        scope=scope,
        survey=survey,
        questions=[QuestionSpec("满意吗", QuestionKind.SINGLE, True, ["满意", "不满意"])],
    )
    suggestion_submit(
        user=authz.person.user, region=authz.world.county, category="usage", title="授权矩阵留言", body="内容"
    )


def solicitation_pk(authz) -> int:
    return Solicitation.objects.get(title=TITLE).pk


def survey_pk(authz) -> int:
    return Survey.objects.get(title="授权矩阵调查").pk


def suggestion_pk(authz) -> int:
    return Suggestion.objects.get(title="授权矩阵留言").pk


WRITERS = {"county_manager": OK, "province_manager": OK}
READERS = WRITERS | {"city_supervisor": OK}
WRITE_POSTS = {"county_manager": REDIRECT, "province_manager": REDIRECT}


def survey_row(name, expect, *, method="get", data=None, prepare=items):
    return Row(
        f"workbench:{name}",
        lambda a: reverse(f"workbench:{name}", args=(survey_pk(a),)),
        staff_page(FORBIDDEN, **expect),
        method=method,
        data=data,
        prepare=prepare,
    )


def solicitation_row(name, expect, *, method="get", data=None):
    return Row(
        f"workbench:{name}",
        lambda a: reverse(f"workbench:{name}", args=(solicitation_pk(a),)),
        staff_page(FORBIDDEN, **expect),
        method=method,
        data=data,
        prepare=items,
    )


ROWS = [
    Row(
        "workbench:survey_list",
        lambda a: reverse("workbench:survey_list"),
        staff_page(FORBIDDEN, **READERS, operator=REDIRECT),
        note="运维人员转到问题与建议",
    ),
    Row("workbench:survey_new", lambda a: reverse("workbench:survey_new"), staff_page(FORBIDDEN, **WRITERS)),
    survey_row("survey_detail", READERS),
    survey_row("survey_edit", WRITERS),
    survey_row("survey_questions", WRITERS),
    survey_row("survey_publish", WRITE_POSTS, method="post", data=lambda a: {}),
    survey_row("survey_results", READERS),
    survey_row("survey_export", READERS),
    Row(
        "workbench:solicitation_list",
        lambda a: reverse("workbench:solicitation_list"),
        staff_page(FORBIDDEN, **READERS),
    ),
    Row(
        "workbench:solicitation_new",
        lambda a: reverse("workbench:solicitation_new"),
        staff_page(FORBIDDEN, **WRITERS),
    ),
    solicitation_row("solicitation_detail", READERS),
    solicitation_row("solicitation_edit", WRITERS),
    solicitation_row("solicitation_publish", WRITE_POSTS, method="post", data=lambda a: {}),
    solicitation_row(
        "solicitation_feedback",
        WRITE_POSTS,
        method="post",
        data=lambda a: {"feedback": "共收到意见若干条，采纳情况如下。"},
    ),
    solicitation_row("solicitation_export", READERS),
    Row(
        "workbench:suggestion_inbox",
        lambda a: reverse("workbench:suggestion_inbox"),
        staff_page(FORBIDDEN, city_supervisor=OK, operator=OK),
    ),
    Row(
        "workbench:suggestion_detail",
        lambda a: reverse("workbench:suggestion_detail", args=(suggestion_pk(a),)),
        staff_page(FORBIDDEN, city_supervisor=OK, operator=OK),
        prepare=items,
    ),
    Row(
        "workbench:suggestion_routes",
        lambda a: reverse("workbench:suggestion_routes"),
        staff_page(FORBIDDEN, operator=OK),
        note="仅运维人员",
    ),
]
