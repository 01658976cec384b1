"""电子证照 — licence types, licences, their events and uses, and the departments' seal certificates.

Written only by ``licences.services`` (and ``licences.seals`` for seal certificates). A licence
belongs to a person or to an enterprise (exactly one); it keeps the holder's name and masked
number as issued, and a keyed hash of the full number for lookups. Whether a licence has
*expired* is not stored: it follows from ``valid_until`` and today (``Licence.state``).
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from govhall.directory.models import Department, Level
from govhall.identity.models import Enterprise, Person

from .identifiers import TYPE_CODE_PATTERN


class LicenceType(models.Model):
    """证照类型 — e.g. 食品经营许可证; its data fields are described by a JSON Schema."""

    code = models.CharField(
        "证照类型代码",
        max_length=20,
        unique=True,
        validators=[RegexValidator(rf"^{TYPE_CODE_PATTERN}$", "证照类型代码应为 1–20 位数字或大写字母")],
    )
    name = models.CharField("证照名称", max_length=100)
    issuer_level = models.PositiveSmallIntegerField(
        "颁发机构层级", choices=Level.choices, null=True, blank=True
    )
    holder_kind = models.CharField(
        "持证主体",
        max_length=12,
        choices=[("any", "自然人或法人"), ("person", "自然人"), ("enterprise", "法人")],
        default="any",
    )
    metadata_schema = models.JSONField("证照信息项（JSON Schema）", default=dict, blank=True)
    validity_years = models.PositiveSmallIntegerField("有效期（年）", null=True, blank=True)
    item_codes = models.JSONField("对应基本目录事项编码", default=list, blank=True)
    active = models.BooleanField("启用", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "证照类型"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"


class LicenceStatus(models.TextChoices):
    VALID = "valid", "有效"
    REVOKED = "revoked", "已撤销"
    CANCELLED = "cancelled", "已注销"


EXPIRED = "expired"
STATE_LABELS = {**dict(LicenceStatus.choices), EXPIRED: "已过期"}


class Licence(models.Model):
    """电子证照 — one licence issued (or imported) to a person or an enterprise."""

    identifier = models.CharField("证照标识", max_length=120, unique=True)
    licence_type = models.ForeignKey(
        LicenceType, verbose_name="证照类型", on_delete=models.PROTECT, related_name="licences"
    )
    serial = models.PositiveBigIntegerField("顺序号")
    version = models.PositiveSmallIntegerField("版本号", default=1)
    holder_person = models.ForeignKey(
        Person, verbose_name="持证人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    holder_enterprise = models.ForeignKey(
        Enterprise, verbose_name="持证单位", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    holder_name = models.CharField("持证主体名称", max_length=200)
    holder_number_masked = models.CharField("证件号码", max_length=30)
    holder_number_hash = models.CharField("证件号码检索值", max_length=64, db_index=True)
    issuer = models.ForeignKey(
        Department, verbose_name="颁发机构", on_delete=models.PROTECT, related_name="+"
    )
    data = models.JSONField("证照信息", default=dict, blank=True)
    issued_at = models.DateTimeField("签发时间")
    valid_from = models.DateField("有效期起")
    valid_until = models.DateField("有效期至", null=True, blank=True)
    status = models.CharField(
        "状态", max_length=12, choices=LicenceStatus.choices, default=LicenceStatus.VALID
    )
    status_reason = models.CharField("状态变更原因", max_length=500, blank=True)
    status_changed_at = models.DateTimeField("状态变更时间", null=True, blank=True)
    pdf = models.FileField("证照文件", upload_to="licences/%Y/%m/", blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    source_case = models.CharField("来源办件", max_length=32, blank=True)
    imported = models.BooleanField("存量导入", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "电子证照"
        ordering = ["-issued_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(holder_person__isnull=False) & Q(holder_enterprise__isnull=True))
                | (Q(holder_person__isnull=True) & Q(holder_enterprise__isnull=False)),
                name="licence_one_holder",
            ),
            models.UniqueConstraint(
                fields=["licence_type", "issuer", "serial", "version"], name="licence_unique_serial"
            ),
        ]
        indexes = [
            models.Index(fields=["issuer", "-issued_at"]),
            models.Index(fields=["holder_person", "-issued_at"]),
            models.Index(fields=["holder_enterprise", "-issued_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.licence_type.name} {self.identifier}"

    def state(self, today: date | None = None) -> str:
        """``valid``, ``revoked``, ``cancelled`` or ``expired`` (valid but past ``valid_until``)."""
        if self.status != LicenceStatus.VALID:
            return self.status
        today = today or timezone.localdate()
        if self.valid_until is not None and self.valid_until < today:
            return EXPIRED
        return LicenceStatus.VALID

    def state_label(self, today: date | None = None) -> str:
        return STATE_LABELS[self.state(today)]


class LicenceSerial(models.Model):
    """The last serial allocated per (type, issuer); its row is locked while the next one is taken."""

    licence_type = models.ForeignKey(LicenceType, on_delete=models.PROTECT, related_name="+")
    issuer = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="+")
    last = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["licence_type", "issuer"], name="licence_serial_unique")
        ]

    def __str__(self) -> str:
        return f"{self.licence_type_id}/{self.issuer_id}: {self.last}"


class LicenceEventKind(models.TextChoices):
    ISSUED = "issued", "签发"
    IMPORTED = "imported", "存量导入"
    REVOKED = "revoked", "撤销"
    CANCELLED = "cancelled", "注销"
    USED_AS_MATERIAL = "used_as_material", "用作申请材料"
    DOWNLOADED = "downloaded", "下载"
    VERIFIED = "verified", "验证签章"


class LicenceEvent(models.Model):
    """What happened to a licence, in order (the licence's own timeline)."""

    licence = models.ForeignKey(Licence, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("事件", max_length=20, choices=LicenceEventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField("操作人", max_length=200, blank=True)
    reason = models.CharField("原因", max_length=500, blank=True)
    summary = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField("时间", default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "证照事件"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}"


class LicenceUse(models.Model):
    """证照用作申请材料 — the holder's recorded consent to use a licence in one case."""

    licence = models.ForeignKey(Licence, on_delete=models.PROTECT, related_name="uses")
    case_number = models.CharField("办件编号", max_length=32)
    consented_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField("时间", default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "证照使用记录"
        constraints = [models.UniqueConstraint(fields=["licence", "case_number"], name="licence_use_once")]

    def __str__(self) -> str:
        return f"{self.licence_id} → {self.case_number}"


class SealSource(models.TextChoices):
    GENERATED = "generated", "平台签发"
    LOADED = "loaded", "导入"


class SealCertificate(models.Model):
    """电子印章证书 — a department's signing certificate; its private key sealed at rest."""

    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="+")
    certificate_pem = models.TextField("证书")
    private_key_sealed = models.TextField("私钥（加密）")
    chain_pem = models.TextField("证书链", blank=True)
    fingerprint = models.CharField("SHA-256 指纹", max_length=64)
    not_after = models.DateTimeField("有效期至")
    source = models.CharField("来源", max_length=12, choices=SealSource.choices, default=SealSource.GENERATED)
    active = models.BooleanField("启用", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "电子印章证书"
        constraints = [
            models.UniqueConstraint(
                fields=["department"], condition=Q(active=True), name="seal_one_active_per_department"
            )
        ]

    def __str__(self) -> str:
        return f"{self.department_id} {self.fingerprint[:16]}"
