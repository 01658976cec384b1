"""Coded values of the catalog (national codes where they exist). Also used as spreadsheet validation lists."""

from django.db import models


class ItemType(models.TextChoices):
    """事项类型 — the ten kinds of administrative power (01–10) and public service (20)."""

    LICENSING = "01", "行政许可"
    PENALTY = "02", "行政处罚"
    COERCION = "03", "行政强制"
    LEVY = "04", "行政征收"
    BENEFIT = "05", "行政给付"
    INSPECTION = "06", "行政检查"
    CONFIRMATION = "07", "行政确认"
    REWARD = "08", "行政奖励"
    ADJUDICATION = "09", "行政裁决"
    OTHER_POWER = "10", "其他行政权力"
    PUBLIC_SERVICE = "20", "公共服务"


class Audience(models.TextChoices):
    """服务对象."""

    PERSON = "person", "自然人"
    LEGAL_PERSON = "legal_person", "企业法人"
    PUBLIC_INSTITUTION = "institution", "事业单位法人"
    SOCIAL_ORGANISATION = "organisation", "社会组织法人"
    OTHER = "other", "其他组织"


class LimitUnit(models.TextChoices):
    WORKING_DAYS = "working", "工作日"
    NATURAL_DAYS = "natural", "自然日"


class VersionState(models.TextChoices):
    """The review cycle of one version of an implementation (动态管理)."""

    DRAFT = "draft", "草稿"
    PENDING = "pending", "待审核"
    PUBLISHED = "published", "已发布"
    SUPERSEDED = "superseded", "已被替代"
    REJECTED = "rejected", "已退回"


class ImplementationStatus(models.TextChoices):
    """Whether an implementation is offered to the public at all."""

    DRAFT = "draft", "未发布"
    PUBLISHED = "published", "在用"
    SUSPENDED = "suspended", "暂停"
    WITHDRAWN = "withdrawn", "取消"


class MaterialRequirement(models.TextChoices):
    REQUIRED = "required", "必要"
    CONDITIONAL = "conditional", "非必要（视情形提交）"


class MaterialForm(models.TextChoices):
    PAPER = "paper", "纸质"
    ELECTRONIC = "electronic", "电子"
    BOTH = "both", "纸质和电子"


class MaterialOriginal(models.TextChoices):
    ORIGINAL = "original", "原件"
    COPY = "copy", "复印件"
    BOTH = "both", "原件和复印件"


class MaterialSource(models.TextChoices):
    APPLICANT = "applicant", "申请人自备"
    GOVERNMENT = "government", "政府部门核发"
    INTERMEDIARY = "intermediary", "中介机构出具"
    OTHER = "other", "其他"


class ResultType(models.TextChoices):
    LICENCE = "licence", "证照"
    APPROVAL_DOCUMENT = "document", "批文"
    FILING = "filing", "备案或登记"
    OTHER = "other", "其他"
    NONE = "none", "无"


class DeliveryMethod(models.TextChoices):
    WINDOW = "window", "窗口领取"
    COURIER = "courier", "快递送达"
    ONLINE = "online", "网上下载（电子证照）"


class DepthStep(models.TextChoices):
    """网办深度 — the six steps that can be done online."""

    CONSULT = "consult", "网上咨询"
    APPLY = "apply", "网上申请"
    PRE_REVIEW = "pre_review", "网上预审"
    ACCEPT = "accept", "网上受理"
    PAY = "pay", "网上缴费"
    DELIVER = "deliver", "网上送达"


class ThemeAudience(models.TextChoices):
    PERSON = "person", "个人办事"
    ENTERPRISE = "enterprise", "法人办事"
