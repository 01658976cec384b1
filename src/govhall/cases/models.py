"""办件 — applications (drafts), cases, their materials, tasks, events and clocks.

Written only by ``cases.services``. A case snapshots what it was submitted under (item name and
code, the guide version's id, the applicant's name and masked number): the guide may change later,
the case stays what the applicant applied for. Foreign keys reach only ``directory`` and
``identity``; the catalog version and licences are referred to by id / identifier.
"""

import uuid

from django.conf import settings
from django.db import models

from govhall.directory.models import Department, Region
from govhall.identity.models import Enterprise, Person


class Channel(models.TextChoices):
    ONLINE = "online", "网上申报"
    WINDOW = "window", "窗口受理"
    BACK_ENTRY = "back_entry", "补录"


class CaseStatus(models.TextChoices):
    SUBMITTED = "submitted", "待受理"
    CORRECTION = "correction", "待补正"
    IN_REVIEW = "in_review", "审查中"
    COMPLETED = "completed", "已办结"
    REFUSED = "refused", "不予受理"
    WITHDRAWN = "withdrawn", "已撤回"


OPEN_STATUSES = (CaseStatus.SUBMITTED, CaseStatus.CORRECTION, CaseStatus.IN_REVIEW)


class CaseResult(models.TextChoices):
    NONE = "", "—"
    APPROVED = "approved", "准予许可"
    DENIED = "denied", "不予许可"


class Delivery(models.TextChoices):
    WINDOW = "window", "窗口领取"
    ELECTRONIC = "electronic", "网上下载（电子送达）"
    MAIL = "mail", "邮寄送达"


class Draft(models.Model):
    """申报草稿 — what an applicant has typed and attached so far, saved as they go."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    enterprise = models.ForeignKey(
        Enterprise, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    implementation_code = models.CharField("实施编码", max_length=48)
    version_id = models.BigIntegerField("指南版本")
    # 一件事: the bundle's code when this draft applies for a bundle (the implementation is its lead item).
    bundle_code = models.CharField("一件事", max_length=40, blank=True)
    scenario_answers = models.JSONField("情形选择", default=dict)
    form_data = models.JSONField("表单内容", default=dict)
    delivery = models.CharField(
        "送达方式", max_length=12, choices=Delivery.choices, default=Delivery.ELECTRONIC
    )
    delivery_address = models.CharField("邮寄地址", max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Set once, in the submit transaction: a second click on 提交 finds it and shows the same case.
    case = models.OneToOneField(
        "Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="draft"
    )

    class Meta:
        verbose_name = verbose_name_plural = "申报草稿"
        indexes = [models.Index(fields=["owner", "implementation_code"])]

    def __str__(self) -> str:
        return f"草稿 {self.implementation_code}"


class MaterialSource(models.TextChoices):
    UPLOAD = "upload", "上传"
    LICENCE = "licence", "电子证照"
    EXEMPT = "exempt", "免提交（共享获取）"
    SCAN = "scan", "窗口扫描"


class DraftMaterial(models.Model):
    """A material attached to a draft (an upload, a licence chosen from the wallet, or 免提交)."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="materials")
    material_position = models.PositiveSmallIntegerField("材料序号")
    source = models.CharField("来源", max_length=10, choices=MaterialSource.choices)
    file = models.FileField(upload_to="cases/materials/%Y/%m/", blank=True)
    original_name = models.CharField("文件名", max_length=200, blank=True)
    content_type = models.CharField(max_length=40, blank=True)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    licence_identifier = models.CharField("证照标识", max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["material_position", "id"]

    def __str__(self) -> str:
        return f"{self.get_source_display()} #{self.material_position}"


class Case(models.Model):
    """办件 — one application once submitted, from whatever channel, until it is closed."""

    number = models.CharField("办件编号", max_length=32, unique=True)
    channel = models.CharField("渠道", max_length=12, choices=Channel.choices)
    implementation_code = models.CharField("实施编码", max_length=48, db_index=True)
    item_code = models.CharField("基本目录编码", max_length=40)
    item_name = models.CharField("事项名称", max_length=300)
    version_id = models.BigIntegerField("指南版本")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    department = models.ForeignKey(
        Department, verbose_name="牵头部门", on_delete=models.PROTECT, related_name="+"
    )

    # Applicant: a person, or an enterprise through its agent (both recorded).
    applicant = models.ForeignKey(Person, verbose_name="申请人", on_delete=models.PROTECT, related_name="+")
    enterprise = models.ForeignKey(
        Enterprise, verbose_name="申请单位", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    applicant_name = models.CharField("申请人名称", max_length=200)
    applicant_number_masked = models.CharField("证件号码", max_length=30)
    # HMAC of (case number, last 6 characters of the ID number or credit code): the public progress query.
    query_digest = models.CharField(max_length=64)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="提交人", on_delete=models.PROTECT, related_name="+"
    )

    scenario_answers = models.JSONField("情形选择", default=dict)
    form_data = models.JSONField("表单内容", default=dict)
    delivery = models.CharField("送达方式", max_length=12, choices=Delivery.choices)
    delivery_address = models.CharField("邮寄地址", max_length=300, blank=True)

    status = models.CharField("状态", max_length=12, choices=CaseStatus.choices, default=CaseStatus.SUBMITTED)
    result = models.CharField("结果", max_length=10, choices=CaseResult.choices, default="", blank=True)

    # Clocks (dates, counted in working days by ``core.workdays``).
    submitted_at = models.DateTimeField("申报时间")
    received_on = models.DateField("收件日期")
    accept_due = models.DateField("受理期限")
    accepted_on = models.DateField("受理日期", null=True, blank=True)
    deemed_accepted = models.BooleanField("逾期视为受理", default=False)
    promised_days = models.PositiveIntegerField("承诺时限（工作日）", null=True, blank=True)
    statutory_days = models.PositiveIntegerField("法定时限（工作日）", null=True, blank=True)
    extension_days = models.PositiveIntegerField("延期（工作日）", default=0)
    promised_due = models.DateField("承诺办结日期", null=True, blank=True)
    statutory_due = models.DateField("法定办结日期", null=True, blank=True)
    paused = models.BooleanField("特别程序中", default=False)
    completed_at = models.DateTimeField("办结时间", null=True, blank=True)

    # Handling outside the usual path: flagged for supervision.
    back_entry = models.BooleanField("补录", default=False)
    handled_on = models.DateField("线下办理日期", null=True, blank=True)
    visits = models.PositiveSmallIntegerField("到现场次数", default=0)

    # Parallel approval and lower-level preliminary review.
    co_departments = models.ManyToManyField(Department, verbose_name="协办部门", blank=True, related_name="+")
    preliminary_department = models.ForeignKey(
        Department, verbose_name="初审部门", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    preliminary_limit = models.PositiveIntegerField("初审时限（工作日）", null=True, blank=True)
    # 一件事: the bundle applied for (the case's item is its lead item) and a snapshot of every item of it:
    # [{"implementation_code", "item_code", "item_name", "department_id", "lead": bool}].
    bundle_code = models.CharField("一件事", max_length=40, blank=True)
    bundle_items = models.JSONField("一件事事项", default=list, blank=True)

    # Workflow state, stored with the case (JSON from SpiffWorkflow's serializer, with its version).
    process_key = models.CharField("流程", max_length=60)
    # Kept as text, not JSON(B): SpiffWorkflow's restore depends on the key order of its dump, which
    # PostgreSQL's jsonb does not preserve.
    workflow_state = models.TextField(blank=True)
    workflow_serializer_version = models.CharField(max_length=20, blank=True)
    # The earliest armed BPMN timer of the process (null: none): the poller fires only these cases.
    timer_due = models.DateTimeField(null=True, blank=True, db_index=True)

    licence_identifier = models.CharField("电子证照标识", max_length=120, blank=True)
    result_document = models.FileField("结果文书", upload_to="cases/results/%Y/%m/", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "办件"
        ordering = ["-submitted_at", "-id"]
        indexes = [
            models.Index(fields=["applicant", "-submitted_at"]),
            models.Index(fields=["enterprise", "-submitted_at"]),
            models.Index(fields=["department", "status", "-submitted_at"]),
            models.Index(fields=["region", "status"]),
            models.Index(fields=["status", "accept_due"]),
            # Supervision: the indicator rollup refreshes recent days by these dates.
            models.Index(fields=["received_on"], name="case_received_on_idx"),
            models.Index(fields=["completed_at"], name="case_completed_at_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.item_name}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class CaseNumberSequence(models.Model):
    """The last serial used for a region and day; locked while a case number is allocated."""

    region_code = models.CharField(max_length=12)
    day = models.DateField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["region_code", "day"], name="case_number_sequence_unique")
        ]

    def __str__(self) -> str:
        return f"{self.region_code} {self.day} {self.last}"


class IdempotencyKey(models.Model):
    """An API client's ``Idempotency-Key``: the same key from the same account returns the same case."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=100)
    request_digest = models.CharField(max_length=64)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner", "key"], name="idempotency_key_unique")]

    def __str__(self) -> str:
        return self.key


class CaseMaterial(models.Model):
    """申请材料 of a case. A correction adds a new round; the replaced row is kept, marked superseded."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="materials")
    material_position = models.PositiveSmallIntegerField("材料序号")
    name = models.CharField("材料名称", max_length=300)
    source = models.CharField("来源", max_length=10, choices=MaterialSource.choices)
    file = models.FileField(upload_to="cases/materials/%Y/%m/", blank=True)
    original_name = models.CharField("文件名", max_length=200, blank=True)
    content_type = models.CharField(max_length=40, blank=True)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    licence_identifier = models.CharField("证照标识", max_length=120, blank=True)
    round = models.PositiveSmallIntegerField("补正轮次", default=0)
    superseded = models.BooleanField("已被替换", default=False)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["material_position", "round", "id"]

    def __str__(self) -> str:
        return self.name


class TaskStatus(models.TextChoices):
    OPEN = "open", "待办"
    DONE = "done", "已办"
    CANCELLED = "cancelled", "已取消"


class CaseTask(models.Model):
    """待办 — one open user task of a case's process, for a department and role (the staff inbox)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="tasks")
    workflow_task_id = models.CharField(max_length=40)
    kind = models.CharField(
        "环节类型", max_length=20
    )  # accept | review | decide | countersign | preliminary …
    name = models.CharField("环节", max_length=100)
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="+")
    role = models.CharField("角色", max_length=20)
    status = models.CharField(max_length=10, choices=TaskStatus.choices, default=TaskStatus.OPEN)
    due_on = models.DateField("期限", null=True, blank=True)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(max_length=20, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "待办"
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["department", "role", "status", "due_on"]),
            models.Index(fields=["case", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.get_status_display()}"


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", "提交申请"
    WINDOW_VISIT = "window_visit", "到窗口办理"
    CLAIMED = "claimed", "签收"
    RELEASED = "released", "退回待办"
    ACCEPTED = "accepted", "受理"
    DEEMED_ACCEPTED = "deemed_accepted", "逾期视为受理"
    REFUSED = "refused", "不予受理"
    CORRECTION_REQUESTED = "correction_requested", "一次性告知补正"
    CORRECTED = "corrected", "补正材料"
    OPINION = "opinion", "审查意见"
    COUNTERSIGNED = "countersigned", "协办意见"
    PRELIMINARY = "preliminary", "初审意见"
    EXTENSION_REQUESTED = "extension_requested", "申请延期"
    EXTENDED = "extended", "批准延期"
    EXTENSION_REJECTED = "extension_rejected", "不同意延期"
    SPECIAL_STARTED = "special_started", "特别程序开始"
    SPECIAL_ENDED = "special_ended", "特别程序结束"
    APPROVED = "approved", "准予许可"
    DENIED = "denied", "不予许可"
    WITHDRAWN = "withdrawn", "申请人撤回"
    LICENCE_ISSUED = "licence_issued", "电子证照已签发"
    RESULT_COLLECTED = "result_collected", "领取结果"
    BACK_ENTERED = "back_entered", "补录"
    TIMER_FIRED = "timer_fired", "流程定时器触发"


class CaseEvent(models.Model):
    """全过程留痕 — one step of a case: who, when, what, with the opinion and any attachment."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=24, choices=EventKind.choices)
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField("办理人", max_length=200, blank=True)
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    opinion = models.TextField("意见", blank=True)
    attachment = models.FileField(upload_to="cases/attachments/%Y/%m/", blank=True)
    # Shown to the applicant on the progress page (internal opinions are not).
    public = models.BooleanField(default=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["case", "at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}"


class Correction(models.Model):
    """一次性告知补正 — one notice listing every missing or defective material, answered once."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="corrections")
    items = models.JSONField("补正事项")  # [{"material_position": int, "name": str, "problem": str}]
    note = models.TextField("补充说明", blank=True)
    requested_at = models.DateTimeField()
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)
    notice = models.FileField("补正告知书", upload_to="cases/notices/%Y/%m/", blank=True)

    class Meta:
        ordering = ["requested_at", "id"]

    def __str__(self) -> str:
        return f"补正告知 {self.requested_at:%Y-%m-%d}"


class SpecialProcedureKind(models.TextChoices):
    HEARING = "hearing", "听证"
    INSPECTION = "inspection", "检验"
    TESTING = "testing", "检测"
    QUARANTINE = "quarantine", "检疫"
    APPRAISAL = "appraisal", "鉴定"
    EXPERT_REVIEW = "expert_review", "专家评审"
    SITE_SURVEY = "site_survey", "现场勘查"
    PUBLIC_NOTICE = "public_notice", "公示"


class SpecialProcedure(models.Model):
    """特别程序 — a period that does not count towards the time limit, told to the applicant."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="special_procedures")
    kind = models.CharField("程序", max_length=20, choices=SpecialProcedureKind.choices)
    reason = models.TextField("事由")
    expected_days = models.PositiveIntegerField("预计时长（工作日）", null=True, blank=True)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    outcome = models.TextField("结果", blank=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["started_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.started_on}"


class Extension(models.Model):
    """延期 — requested by the handling reviewer, approved (or not) by the department head."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="extensions")
    days = models.PositiveIntegerField("延长（工作日）")
    reason = models.TextField("理由")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    approved = models.BooleanField(null=True)

    class Meta:
        ordering = ["requested_at", "id"]

    def __str__(self) -> str:
        return f"延期 {self.days} 个工作日"
