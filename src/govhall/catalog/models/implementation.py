"""实施清单 — implementations of basic-catalog items by a department in a region, and their versions.

An ``ItemImplementation`` is the stable identity (code, department, region). Its guide lives in
``ImplementationVersion`` rows: at most one open draft or pending version at a time, published
versions are never edited again, and ``published_version`` points at the live guide. Editing
a new draft therefore never takes the published guide offline.
"""

from django.conf import settings
from django.db import models

from govhall.directory.models import Department, Region
from govhall.identity.models import AssuranceLevel

from .basic import CatalogItem, HandlingItem, Theme
from .choices import (
    ImplementationStatus,
    LimitUnit,
    MaterialForm,
    MaterialOriginal,
    MaterialRequirement,
    MaterialSource,
    ResultType,
    VersionState,
)


class ItemImplementation(models.Model):
    """实施清单 — one entry per implementing department per region (and handling item)."""

    code = models.CharField("实施编码", max_length=48, unique=True)
    catalog_item = models.ForeignKey(
        CatalogItem, verbose_name="基本目录事项", on_delete=models.PROTECT, related_name="implementations"
    )
    handling_item = models.ForeignKey(
        HandlingItem,
        verbose_name="业务办理项",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="implementations",
    )
    region = models.ForeignKey(Region, verbose_name="实施区划", on_delete=models.PROTECT, related_name="+")
    department = models.ForeignKey(
        Department, verbose_name="实施主体", on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        "状态", max_length=12, choices=ImplementationStatus.choices, default=ImplementationStatus.DRAFT
    )
    status_reason = models.TextField("状态变更原因", blank=True)
    published_version = models.ForeignKey(
        "ImplementationVersion",
        verbose_name="在用版本",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    popularity = models.PositiveIntegerField("热度", default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "实施清单"
        ordering = ["code"]
        indexes = [models.Index(fields=["catalog_item", "status"]), models.Index(fields=["region", "status"])]

    def __str__(self) -> str:
        return f"{self.catalog_item.name}（{self.department.name}）"

    @property
    def name(self) -> str:
        """The name is inherited from the basic catalog (and the handling item, if any)."""
        if self.handling_item_id:
            return f"{self.catalog_item.name}（{self.handling_item.name}）"
        return self.catalog_item.name

    @property
    def is_live(self) -> bool:
        return self.status == ImplementationStatus.PUBLISHED and self.published_version_id is not None


class ImplementationVersion(models.Model):
    """One version of an implementation's guide (办事指南). Immutable once published."""

    implementation = models.ForeignKey(ItemImplementation, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("版本号")
    state = models.CharField("状态", max_length=12, choices=VersionState.choices, default=VersionState.DRAFT)

    # Guide elements (办事指南要素). Name, code, type and legal basis are inherited, not stored here.
    audiences = models.JSONField("服务对象", default=list)
    conditions = models.TextField("受理条件", blank=True)
    statutory_limit = models.PositiveIntegerField("法定办结时限", null=True, blank=True)
    statutory_limit_unit = models.CharField(
        "法定时限单位", max_length=10, choices=LimitUnit.choices, default=LimitUnit.WORKING_DAYS
    )
    promised_limit = models.PositiveIntegerField("承诺办结时限", null=True, blank=True)
    promised_limit_unit = models.CharField(
        "承诺时限单位", max_length=10, choices=LimitUnit.choices, default=LimitUnit.WORKING_DAYS
    )
    is_free = models.BooleanField("是否收费为否（免费）", default=True)
    service_location = models.CharField("办理地点（窗口）", max_length=300, blank=True)
    service_hours = models.CharField("办理时间", max_length=300, blank=True)
    consult_phone = models.CharField("咨询电话", max_length=60, blank=True)
    complaint_phone = models.CharField("监督投诉电话", max_length=60, blank=True)
    online_depth = models.PositiveSmallIntegerField("网上办理深度（星级）", default=1)
    depth_steps = models.JSONField("可网上办理的环节", default=list)
    max_visits = models.PositiveSmallIntegerField("到现场次数", default=1)
    result_type = models.CharField(
        "审批结果类型", max_length=12, choices=ResultType.choices, default=ResultType.OTHER
    )
    result_name = models.CharField("审批结果名称", max_length=200, blank=True)
    delivery_methods = models.JSONField("结果送达方式", default=list)
    supports_appointment = models.BooleanField("支持网上预约", default=False)
    supports_online_payment = models.BooleanField("支持网上支付", default=False)
    supports_courier = models.BooleanField("支持物流快递", default=False)
    intermediary_services = models.TextField("中介服务", blank=True)
    # 认证等级需求: the lowest assurance level of the applicant's session the portal accepts.
    required_level = models.CharField(
        "认证等级需求", max_length=2, choices=AssuranceLevel.choices, default=AssuranceLevel.L2
    )
    # 申请表单 (JSON Schema with ``x-`` UI hints) and 情形引导 (questions whose answers select materials
    # and form sections); see ``catalog/application_forms.py``. Empty means "no online form yet".
    form_schema = models.JSONField("申请表单", default=dict, blank=True)
    scenario = models.JSONField("情形引导", default=dict, blank=True)
    # How cases of this version are handled: the BPMN process (``workflow.ProcessDefinition.key``),
    # co-departments of a parallel approval (并联审批) and a lower-level preliminary review (下级初审).
    process_key = models.CharField("办理流程定义", max_length=60, default="standard")
    co_departments = models.ManyToManyField(
        Department, verbose_name="并联审批协办部门", blank=True, related_name="+"
    )
    preliminary_level = models.PositiveSmallIntegerField(
        "下级初审层级", null=True, blank=True, help_text="2 市级 / 3 县级；空表示无需下级初审"
    )
    preliminary_limit = models.PositiveIntegerField("下级初审时限（工作日）", null=True, blank=True)
    prerequisites = models.ManyToManyField(
        CatalogItem, verbose_name="前置审批事项", blank=True, related_name="+"
    )
    themes = models.ManyToManyField(Theme, verbose_name="主题", blank=True, related_name="versions")

    # Review cycle (动态管理): what changed, who, when, why.
    change_reason = models.TextField("变更原因", blank=True)
    changes = models.JSONField("变更内容", default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_comment = models.TextField("审核意见", blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "实施清单版本"
        ordering = ["implementation_id", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["implementation", "number"], name="version_number_unique"),
            models.UniqueConstraint(
                fields=["implementation"],
                condition=models.Q(state__in=["draft", "pending"]),
                name="one_open_version_per_implementation",
            ),
            models.CheckConstraint(
                condition=models.Q(online_depth__gte=1, online_depth__lte=5), name="online_depth_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.implementation.code} v{self.number}"

    @property
    def is_editable(self) -> bool:
        return self.state == VersionState.DRAFT


class Material(models.Model):
    """申请材料 — one material of a version."""

    version = models.ForeignKey(ImplementationVersion, on_delete=models.CASCADE, related_name="materials")
    position = models.PositiveSmallIntegerField("序号")
    name = models.CharField("材料名称", max_length=300)
    requirement = models.CharField(
        "材料必要性", max_length=12, choices=MaterialRequirement.choices, default=MaterialRequirement.REQUIRED
    )
    condition_note = models.CharField("提交情形", max_length=300, blank=True)
    form = models.CharField(
        "材料形式", max_length=12, choices=MaterialForm.choices, default=MaterialForm.BOTH
    )
    original = models.CharField(
        "原件/复印件", max_length=10, choices=MaterialOriginal.choices, default=MaterialOriginal.ORIGINAL
    )
    copies = models.PositiveSmallIntegerField("份数", default=1)
    source = models.CharField(
        "来源渠道", max_length=14, choices=MaterialSource.choices, default=MaterialSource.APPLICANT
    )
    source_note = models.CharField("来源说明", max_length=200, blank=True)
    template_file = models.FileField("空白表格", upload_to="catalog/templates/", blank=True)
    sample_file = models.FileField("示例样表", upload_to="catalog/samples/", blank=True)
    notes = models.TextField("填报须知", blank=True)
    # 情形: {question key: [answers]} under which this material applies; empty = always.
    applies_when = models.JSONField("适用情形", default=dict, blank=True)
    # 可用电子证照: licence type codes whose licence satisfies this material (chosen from the wallet).
    licence_types = models.JSONField("可用电子证照类型", default=list, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "申请材料"
        ordering = ["version_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "position"], name="material_position_unique")
        ]

    def __str__(self) -> str:
        return self.name


class ProcessStep(models.Model):
    """办理流程环节 with its own time limit."""

    version = models.ForeignKey(ImplementationVersion, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField("序号")
    name = models.CharField("环节名称", max_length=100)
    description = models.TextField("办理内容", blank=True)
    time_limit = models.PositiveIntegerField("环节时限（工作日）", null=True, blank=True)
    responsible = models.CharField("办理人员", max_length=100, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "办理流程"
        ordering = ["version_id", "position"]
        constraints = [models.UniqueConstraint(fields=["version", "position"], name="step_position_unique")]

    def __str__(self) -> str:
        return self.name


class Fee(models.Model):
    """收费项目 with amount and legal basis."""

    version = models.ForeignKey(ImplementationVersion, on_delete=models.CASCADE, related_name="fees")
    position = models.PositiveSmallIntegerField("序号")
    name = models.CharField("收费项目", max_length=200)
    amount = models.DecimalField("收费标准（元）", max_digits=12, decimal_places=2)
    basis = models.TextField("收费依据", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "收费项目"
        ordering = ["version_id", "position"]
        constraints = [models.UniqueConstraint(fields=["version", "position"], name="fee_position_unique")]

    def __str__(self) -> str:
        return self.name


class ImplementationEvent(models.Model):
    """The history of an implementation (动态管理留痕): every draft, submission, review and status change."""

    class Action(models.TextChoices):
        CREATED = "created", "新建"
        DRAFT_OPENED = "draft_opened", "开始修订"
        DRAFT_SAVED = "draft_saved", "保存草稿"
        SUBMITTED = "submitted", "提交审核"
        APPROVED = "approved", "审核通过并发布"
        REJECTED = "rejected", "审核退回"
        SUSPENDED = "suspended", "暂停"
        RESUMED = "resumed", "恢复"
        WITHDRAWN = "withdrawn", "取消"
        IMPORTED = "imported", "导入"

    implementation = models.ForeignKey(ItemImplementation, on_delete=models.CASCADE, related_name="events")
    version = models.ForeignKey(
        ImplementationVersion, null=True, blank=True, on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"
