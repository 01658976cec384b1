"""意见征集、在线调查、问题与建议 — the tables of public participation.

* ``Solicitation`` (意见征集): a draft policy text published for comment during a period; the
  public leaves ``Opinion`` rows; after closing, staff publish the feedback (采纳情况).
* ``Survey`` (在线调查): a questionnaire of ``Question`` rows (single choice, multiple choice,
  free text) with ``QuestionOption`` rows; each ``SurveyResponse`` holds ``SurveyAnswer`` rows
  (one per chosen option, or one with the free text).
* ``Suggestion`` (问题与建议): the portal's standing box for problems with and suggestions about
  the platform, routed by ``SuggestionRoute`` to a department or, by default, to the region's
  operators.

Solicitations and surveys belong to a region and, when published by a department, to that
department — the staff scope (``identity.scope``) filters on both. The period is a pair of
local dates (Asia/Shanghai), both included; "open" and "closed" are worked out from today's date
when read (``phase``), so nothing needs to run at midnight. Contacts are sealed
(``core.personal_data``); no table here holds a phone number or e-mail address in clear.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from govhall.directory.models import Department, Region
from govhall.identity.models import Person

CONTACT_PURPOSE = "participation_contact"
OPINION_MAX = 2000
SUGGESTION_MAX = 2000


class Participation(models.TextChoices):
    VERIFIED = "verified", "仅限实名认证用户（L2及以上）"
    ANONYMOUS = "anonymous", "允许匿名参与"


class PublishStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已发布"


class Phase(models.TextChoices):
    """What a visitor sees: derived from the status and today's date (``phase_of``)."""

    DRAFT = "draft", "草稿"
    UPCOMING = "upcoming", "未开始"
    OPEN = "open", "进行中"
    CLOSED = "closed", "已结束"


def phase_of(status: str, opens_on: date, closes_on: date, today: date | None = None) -> str:
    if status != PublishStatus.PUBLISHED:
        return Phase.DRAFT
    today = today or timezone.localdate()
    if today < opens_on:
        return Phase.UPCOMING
    if today > closes_on:
        return Phase.CLOSED
    return Phase.OPEN


class PeriodMixin(models.Model):
    """Owner, period, participation setting and publication shared by solicitations and surveys."""

    region = models.ForeignKey(Region, verbose_name="所属区划", on_delete=models.PROTECT, related_name="+")
    department = models.ForeignKey(
        Department, verbose_name="发布部门", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    publisher_name = models.CharField("发布单位", max_length=100)
    title = models.CharField("标题", max_length=200)
    opens_on = models.DateField("开始日期")
    closes_on = models.DateField("截止日期")
    participation = models.CharField(
        "参与方式", max_length=10, choices=Participation.choices, default=Participation.VERIFIED
    )
    status = models.CharField(
        "状态", max_length=10, choices=PublishStatus.choices, default=PublishStatus.DRAFT
    )
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="创建人"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title

    @property
    def phase(self) -> str:
        return phase_of(self.status, self.opens_on, self.closes_on)

    @property
    def phase_label(self) -> str:
        return str(Phase(self.phase).label)

    @property
    def verified_only(self) -> bool:
        return self.participation == Participation.VERIFIED


class Solicitation(PeriodMixin):
    """意见征集 — a draft policy published for public comment during a period."""

    body = models.TextField("征求意见稿正文")
    attachment = models.FileField("附件（PDF）", upload_to="surveys/solicitations/%Y/%m/", blank=True)
    attachment_name = models.CharField("附件名称", max_length=200, blank=True)
    feedback = models.TextField("意见采纳情况", blank=True)
    feedback_published_at = models.DateTimeField("采纳情况发布时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "意见征集"
        indexes = [models.Index(fields=["status", "closes_on"], name="surveys_solicit_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="solicitation_period_order"
            )
        ]


class Opinion(models.Model):
    """一条意见 — the public's comment on a solicitation; the contact, if given, is sealed."""

    solicitation = models.ForeignKey(Solicitation, on_delete=models.CASCADE, related_name="opinions")
    body = models.TextField("意见内容")
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    contact_sealed = models.TextField("联系方式（加密）", blank=True)
    contact_masked = models.CharField("联系方式（脱敏）", max_length=100, blank=True)
    created_at = models.DateTimeField("提交时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "征集意见"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"意见 {self.pk}"


class Survey(PeriodMixin):
    """在线调查 — a questionnaire answered once per verified person during a period."""

    description = models.TextField("调查说明", blank=True)
    results_public = models.BooleanField("结束后公开调查结果", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "在线调查"
        indexes = [models.Index(fields=["status", "closes_on"], name="surveys_survey_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="survey_period_order"
            )
        ]


class QuestionKind(models.TextChoices):
    SINGLE = "single", "单选"
    MULTIPLE = "multiple", "多选"
    TEXT = "text", "文字填答"


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField("序号")
    kind = models.CharField("题型", max_length=10, choices=QuestionKind.choices)
    text = models.CharField("题目", max_length=300)
    required = models.BooleanField("必答", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "调查题目"
        ordering = ["survey_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "position"], name="question_position_unique")
        ]

    def __str__(self) -> str:
        return self.text


class QuestionOption(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField("序号")
    label = models.CharField("选项", max_length=200)

    class Meta:
        verbose_name = verbose_name_plural = "题目选项"
        ordering = ["question_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["question", "position"], name="option_position_unique")
        ]

    def __str__(self) -> str:
        return self.label


class SurveyResponse(models.Model):
    """一份答卷 — at most one per person and survey (the unique constraint decides races)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("提交时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "调查答卷"
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "person"],
                condition=Q(person__isnull=False),
                name="survey_response_once_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"答卷 {self.pk}"


class SurveyAnswer(models.Model):
    """One chosen option, or the free text of a text question."""

    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    option = models.ForeignKey(
        QuestionOption, null=True, blank=True, on_delete=models.CASCADE, related_name="answers"
    )
    text = models.TextField("文字回答", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "答卷回答"
        indexes = [models.Index(fields=["question", "option"], name="surveys_answer_question_idx")]

    def __str__(self) -> str:
        return f"回答 {self.pk}"


class SuggestionCategory(models.TextChoices):
    USAGE = "usage", "网站使用问题"
    SERVICE = "service", "服务建议"
    OTHER = "other", "其他"


class SuggestionStatus(models.TextChoices):
    OPEN = "open", "待回复"
    REPLIED = "replied", "已回复"


class SuggestionRoute(models.Model):
    """Which department answers a category of suggestions in a region (else the region's operators)."""

    region = models.ForeignKey(Region, verbose_name="区划", on_delete=models.PROTECT, related_name="+")
    category = models.CharField("类别", max_length=10, choices=SuggestionCategory.choices)
    department = models.ForeignKey(
        Department, verbose_name="处理部门", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = verbose_name_plural = "问题与建议分派"
        constraints = [models.UniqueConstraint(fields=["region", "category"], name="suggestion_route_unique")]

    def __str__(self) -> str:
        return f"{self.region_id} {self.category} → {self.department_id}"


class Suggestion(models.Model):
    """问题与建议 — a logged-in user's problem report or suggestion about the platform."""

    region = models.ForeignKey(Region, verbose_name="所属区划", on_delete=models.PROTECT, related_name="+")
    department = models.ForeignKey(
        Department, verbose_name="处理部门", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    category = models.CharField("类别", max_length=10, choices=SuggestionCategory.choices)
    title = models.CharField("标题", max_length=100)
    body = models.TextField("内容")
    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="提交人"
    )
    submitter_masked = models.CharField("提交人（脱敏）", max_length=50)
    contact_sealed = models.TextField("联系方式（加密）", blank=True)
    contact_masked = models.CharField("联系方式（脱敏）", max_length=100, blank=True)
    status = models.CharField(
        "状态", max_length=10, choices=SuggestionStatus.choices, default=SuggestionStatus.OPEN
    )
    reply = models.TextField("答复", blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    replier_name = models.CharField("答复单位", max_length=100, blank=True)
    replied_at = models.DateTimeField("答复时间", null=True, blank=True)
    published = models.BooleanField("公开", default=False)
    created_at = models.DateTimeField("提交时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "问题与建议"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["published", "-created_at"], name="surveys_suggestion_pub_idx")]

    def __str__(self) -> str:
        return self.title
