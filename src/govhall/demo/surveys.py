"""Demo participation data (``surveys_demo_load``), idempotent: an open solicitation with two opinions,
an open survey with three questions and some responses, one answered and published suggestion.

The solicitation is published by 龙岩市's catalog manager (``ly_catalog``), the survey by the head of
新罗区市场监督管理局 (``xl_scjg_head``); opinions and responses come from the demo citizens
(林志远 and 王建国 are L2) and from anonymous visitors; 陈晓梅's suggestion is answered by the
provincial operator. Periods are relative to the day of loading, so the items are open in a fresh demo.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.models import AnonymousUser, User
from django.utils import timezone

from govhall.core.audit import audit_context_use
from govhall.directory.selectors import region_get
from govhall.identity.models import Person
from govhall.identity.scope import staff_scope_for
from govhall.interaction.surveys.models import QuestionKind, Solicitation, Suggestion, Survey
from govhall.interaction.surveys.services import (
    QuestionSpec,
    SolicitationFields,
    SurveyFields,
    opinion_submit,
    solicitation_create,
    solicitation_publish,
    suggestion_reply,
    suggestion_submit,
    survey_create,
    survey_publish,
    survey_questions_replace,
    survey_respond,
)

SOLICITATION_TITLE = "关于进一步优化营商环境的若干措施（征求意见稿）"
SOLICITATION_BODY = """为深入贯彻落实国务院《优化营商环境条例》，持续打造市场化、法治化、国际化一流营商环境，结合本市实际，制定以下措施。

一、深化“一网通办”。政务服务事项网上可办率达到 95% 以上，企业开办全程网办、一日办结。
二、推行“最多跑一次”。除法律法规另有规定或涉密等外，依申请政务服务事项实现“最多跑一次”。
三、压减审批时限。工程建设项目审批全流程时间压减至 80 个工作日以内。
四、推进电子证照应用。企业和群众办事需提交的证照，能通过电子证照库获取的，不再要求提交纸质材料。
五、健全“好差评”制度。差评事项实行整改、回访闭环管理，整改情况向社会公开。

本措施自印发之日起施行。"""
SURVEY_TITLE = "政务服务满意度调查"
SUGGESTION_TITLE = "手机上传材料时照片方向不对"


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def _person_user(name: str) -> User | None:
    person = Person.objects.filter(name=name).select_related("user").first()
    return person.user if person else None


def _solicitation() -> int:
    author = _user("ly_catalog")
    scope = staff_scope_for(author) if author else None
    if scope is None or Solicitation.objects.filter(title=SOLICITATION_TITLE).exists():
        return 0
    today = timezone.localdate()
    solicitation = solicitation_create(
        actor=author,
        scope=scope,
        fields=SolicitationFields(
            title=SOLICITATION_TITLE,
            body=SOLICITATION_BODY,
            opens_on=today - timedelta(days=5),
            closes_on=today + timedelta(days=25),
            participation="verified",
        ),
    )
    solicitation_publish(actor=author, scope=scope, solicitation=solicitation)
    opinions = [
        ("林志远", "建议第三条同时明确社会投资小型项目的审批时限，并公布各环节的承诺时限。", "13805910002"),
        ("王建国", "希望第四条写明电子营业执照在银行开户、招投标中的效力，避免企业重复提交纸质件。", ""),
    ]
    for name, body, contact in opinions:
        user = _person_user(name)
        if user is not None:
            opinion_submit(user=user, solicitation_id=solicitation.pk, body=body, contact=contact)
    return 1


RESPONSES = [
    ("林志远", "非常满意", ["网上办理", "掌上办理"], "希望更多事项能在手机上办结。"),
    ("王建国", "满意", ["网上办理", "窗口办理"], ""),
    (None, "满意", ["窗口办理"], ""),
    (None, "基本满意", ["窗口办理", "自助终端"], "窗口排队时间有点长。"),
    (None, "满意", ["网上办理"], ""),
]


def _survey() -> int:
    author = _user("xl_scjg_head")
    scope = staff_scope_for(author) if author else None
    if scope is None or Survey.objects.filter(title=SURVEY_TITLE).exists():
        return 0
    today = timezone.localdate()
    survey = survey_create(
        actor=author,
        scope=scope,
        fields=SurveyFields(
            title=SURVEY_TITLE,
            description="为了解企业和群众对我局政务服务的评价，特开展本次调查，约需 2 分钟。问卷匿名填写，实名用户每人限填一次。",
            opens_on=today - timedelta(days=3),
            closes_on=today + timedelta(days=27),
            participation="anonymous",
            results_public=True,
        ),
    )
    survey_questions_replace(
        actor=author,
        scope=scope,
        survey=survey,
        questions=[
            QuestionSpec(
                "您对我局政务服务的总体评价",
                QuestionKind.SINGLE,
                True,
                ["非常满意", "满意", "基本满意", "不满意"],
            ),
            QuestionSpec(
                "您通过哪些渠道办理过业务",
                QuestionKind.MULTIPLE,
                True,
                ["网上办理", "掌上办理", "窗口办理", "自助终端"],
            ),
            QuestionSpec("您对改进政务服务的意见和建议", QuestionKind.TEXT, False),
        ],
    )
    survey_publish(actor=author, scope=scope, survey=survey)
    q1, q2, q3 = survey.questions.order_by("position")
    labels = {o.label: o.pk for q in (q1, q2) for o in q.options.all()}
    for name, single, multiple, text in RESPONSES:
        user = _person_user(name) if name else AnonymousUser()
        if user is None:
            continue
        survey_respond(
            user=user,
            survey_id=survey.pk,
            answers={q1.pk: [labels[single]], q2.pk: [labels[m] for m in multiple], q3.pk: text},
        )
    return 1


def _suggestion() -> int:
    submitter = _person_user("陈晓梅")
    operator = _user("fj_operator")
    scope = staff_scope_for(operator) if operator else None
    if submitter is None or scope is None or Suggestion.objects.filter(title=SUGGESTION_TITLE).exists():
        return 0
    suggestion = suggestion_submit(
        user=submitter,
        region=region_get(code="350802000000"),
        category="usage",
        title=SUGGESTION_TITLE,
        body="用手机拍照上传申请材料后，预览里照片是横过来的，不知道审核人员看到的是不是也这样。",
    )
    suggestion_reply(
        actor=operator,
        scope=scope,
        suggestion=suggestion,
        reply="您好，上传时系统会按照片拍摄方向自动校正，审核人员看到的是正向的图片。预览显示问题已于本周修复，感谢您的反馈。",
        publish=True,
    )
    return 1


def surveys_demo_load() -> int:
    """Create what is missing; returns how many of the three demo items were created."""
    with audit_context_use(channel="command"):
        return _solicitation() + _survey() + _suggestion()
