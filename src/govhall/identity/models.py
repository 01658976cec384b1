"""Unified identity (统一身份认证): persons, enterprises, agents, login methods, staff, SSO clients.

Every principal logs in as a Django ``User``; what the user *is* hangs off it:
a ``Person`` (自然人, with the ID number sealed at rest), an ``Enterprise`` (法人, its own account
for enterprise-certificate login), or a ``StaffProfile`` (工作人员). Assurance levels (L1–L3) are
kept on persons and enterprises and on every session (``identity.session``). Login methods bound
to an account are ``Credential`` rows — one identity, many ways in.

Personal data: ``*_sealed`` columns hold AES-GCM ciphertext (``core.personal_data``), ``*_hash``
the keyed lookup hash, ``*_masked`` what pages show. Only ``identity.services.reveal`` turns a
sealed value back into text for a person to see, and it writes an audit entry.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from govhall.directory.models import Department, Region


class AssuranceLevel(models.TextChoices):
    """认证等级 — ordered: L1 < L2 < L3."""

    L1 = "L1", "一级（注册用户）"
    L2 = "L2", "二级（实名核验）"
    L3 = "L3", "三级（数字证书）"


LEVEL_ORDER = {AssuranceLevel.L1: 1, AssuranceLevel.L2: 2, AssuranceLevel.L3: 3}


def level_at_least(level: str, required: str) -> bool:
    return LEVEL_ORDER.get(level, 0) >= LEVEL_ORDER.get(required, 99)  # type: ignore[call-overload]


class AuthMethod(models.TextChoices):
    """How a level was reached or a session was opened (认证方式)."""

    PASSWORD = "password", "密码"
    SMS = "sms", "短信验证码"
    CERTIFICATE = "certificate", "数字证书"
    POPULATION_REGISTRY = "population_registry", "人口库核验"
    WINDOW = "window", "窗口人工核验"
    UPSTREAM = "upstream", "互认身份提供方"
    TOTP = "totp", "密码 + 动态口令"


class StaffRole(models.TextChoices):
    WINDOW_CLERK = "window_clerk", "窗口人员"
    REVIEWER = "reviewer", "审批人员"
    DEPARTMENT_HEAD = "department_head", "部门负责人"
    CATALOG_MANAGER = "catalog_manager", "事项管理员"
    SUPERVISOR = "supervisor", "效能监察人员"
    OPERATOR = "operator", "运维人员"


class StaffProfile(models.Model):
    """工作人员 — a staff member's place: a region (scope), usually a department, and roles."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_profile"
    )
    region = models.ForeignKey(Region, verbose_name="所属区划", on_delete=models.PROTECT, related_name="+")
    department = models.ForeignKey(
        Department, verbose_name="所属部门", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    roles = models.JSONField("角色", default=list)
    display_name = models.CharField("姓名", max_length=50)
    # Set when an operator typed the password (new account, reset, reactivation); the workbench
    # lets the staff member in only to change it (``identity.services.staff_password``).
    must_change_password = models.BooleanField("须修改密码", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "工作人员"

    def __str__(self) -> str:
        return self.display_name

    def has_role(self, role: str) -> bool:
        return role in self.roles


class Person(models.Model):
    """自然人 — a registered citizen. One account per ID number."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="person")
    name = models.CharField("姓名", max_length=50)
    id_number_sealed = models.TextField("身份证号码（加密）")
    id_number_hash = models.CharField("身份证号码检索值", max_length=64, unique=True)
    id_number_masked = models.CharField("身份证号码", max_length=18)
    # A person who arrived through an upstream identity provider may not have given a phone yet.
    phone_sealed = models.TextField("手机号码（加密）", blank=True)
    phone_hash = models.CharField("手机号码检索值", max_length=64, unique=True, null=True, blank=True)
    phone_masked = models.CharField("手机号码", max_length=11, blank=True)
    level = models.CharField(
        "认证等级", max_length=2, choices=AssuranceLevel.choices, default=AssuranceLevel.L1
    )
    level_method = models.CharField("认证方式", max_length=30, choices=AuthMethod.choices, blank=True)
    level_verified_at = models.DateTimeField("核验时间", null=True, blank=True)
    level_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="核验人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("注册时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "自然人用户"

    def __str__(self) -> str:
        return f"{self.name}（{self.id_number_masked}）"


class Enterprise(models.Model):
    """法人 — an enterprise or other organisation, one per unified social credit code."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="enterprise"
    )
    credit_code = models.CharField("统一社会信用代码", max_length=18, unique=True)
    name = models.CharField("名称", max_length=200)
    representative = models.ForeignKey(
        Person, verbose_name="法定代表人", on_delete=models.PROTECT, related_name="represented_enterprises"
    )
    level = models.CharField(
        "认证等级", max_length=2, choices=AssuranceLevel.choices, default=AssuranceLevel.L2
    )
    level_method = models.CharField("认证方式", max_length=30, choices=AuthMethod.choices, blank=True)
    created_at = models.DateTimeField("注册时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "法人用户"

    def __str__(self) -> str:
        return f"{self.name}（{self.credit_code}）"


class AgentMandate(models.Model):
    """经办人授权 — a person authorised by the representative to act for the enterprise."""

    enterprise = models.ForeignKey(Enterprise, on_delete=models.PROTECT, related_name="mandates")
    agent = models.ForeignKey(
        Person, verbose_name="经办人", on_delete=models.PROTECT, related_name="mandates"
    )
    all_items = models.BooleanField("全部事项", default=True)
    item_codes = models.JSONField("授权事项（基本目录编码）", default=list, blank=True)
    valid_from = models.DateField("生效日期")
    valid_until = models.DateField("截止日期")
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="授权人", on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField("授权时间", auto_now_add=True)
    revoked_at = models.DateTimeField("撤销时间", null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="撤销人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    revoke_reason = models.CharField("撤销原因", max_length=300, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "经办人授权"
        constraints = [
            # At most one live (unrevoked) mandate per enterprise and agent; renewals revoke the old one.
            models.UniqueConstraint(
                fields=["enterprise", "agent"], condition=Q(revoked_at__isnull=True), name="one_live_mandate"
            ),
            models.CheckConstraint(
                condition=Q(valid_until__gte=models.F("valid_from")), name="mandate_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agent.name} → {self.enterprise.name}"


class CredentialKind(models.TextChoices):
    CERTIFICATE = "certificate", "数字证书"
    UPSTREAM = "upstream", "互认身份提供方账号"


class Credential(models.Model):
    """A login method bound to an account (账号绑定) besides password and SMS: a certificate, an upstream account."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="credentials")
    kind = models.CharField("类型", max_length=20, choices=CredentialKind.choices)
    identifier = models.CharField("标识", max_length=200)  # SHA-256 fingerprint, or "<issuer> <subject>"
    label = models.CharField("说明", max_length=200, blank=True)
    created_at = models.DateTimeField("绑定时间", auto_now_add=True)
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "登录方式"
        constraints = [
            models.UniqueConstraint(fields=["kind", "identifier"], name="one_account_per_credential")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.label or self.identifier[:16]}"


class SmsPurpose(models.TextChoices):
    REGISTER = "register", "注册"
    LOGIN = "login", "登录"


class SmsChallenge(models.Model):
    """A verification code sent by SMS; only its keyed hash is kept."""

    phone_hash = models.CharField(max_length=64)
    purpose = models.CharField(max_length=20, choices=SmsPurpose.choices)
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    consumed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["phone_hash", "purpose", "created_at"])]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} {self.created_at:%Y-%m-%d %H:%M}"


class CertificateChallenge(models.Model):
    """A random challenge a certificate holder signs to log in or reach L3; usable once."""

    nonce = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    consumed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"challenge {self.nonce[:8]}…"


class UpstreamProvider(models.Model):
    """互认身份提供方 — an OIDC provider whose verified identities this platform accepts (e.g. the national platform)."""

    slug = models.SlugField("标识", unique=True)
    name = models.CharField("名称", max_length=100)
    issuer = models.URLField("Issuer", max_length=300)
    client_id = models.CharField("Client ID", max_length=200)
    client_secret_sealed = models.TextField("Client secret（加密）", blank=True)
    scopes = models.CharField("Scopes", max_length=200, default="openid profile")
    id_number_claim = models.CharField("身份证号码声明", max_length=50, default="id_number")
    name_claim = models.CharField("姓名声明", max_length=50, default="name")
    level_map = models.JSONField("等级映射（acr → L1/L2/L3）", default=dict, blank=True)
    default_level = models.CharField(
        "默认等级", max_length=2, choices=AssuranceLevel.choices, default=AssuranceLevel.L2
    )
    enabled = models.BooleanField("启用", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "互认身份提供方"

    def __str__(self) -> str:
        return self.name


class ClientPolicy(models.Model):
    """What a registered OIDC client (a department's own system) may receive beyond the defaults."""

    application = models.OneToOneField(
        settings.OAUTH2_PROVIDER_APPLICATION_MODEL, on_delete=models.CASCADE, related_name="govhall_policy"
    )
    department = models.ForeignKey(
        Department, verbose_name="所属部门", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    may_read_id_number = models.BooleanField("可获取完整身份证号码", default=False)
    purpose = models.CharField("用途说明", max_length=300, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    disabled_at = models.DateTimeField("停用时间", null=True, blank=True)
    disable_reason = models.CharField("停用原因", max_length=300, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "单点登录接入系统"

    def __str__(self) -> str:
        return f"{self.application}"


class AuthorizationContext(models.Model):
    """How the user was authenticated when they authorised an OIDC client (level, method, enterprise).

    The browser session knows the assurance level, the login method and the enterprise acted for;
    the token and userinfo endpoints do not see that session. The authorize step records them here,
    keyed by the SHA-256 of the authorization code, and the row follows the tokens it produces
    (access and refresh token checksums) so ``acr``, ``amr`` and the enterprise context stay what
    they were at sign-in.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    application = models.ForeignKey(
        settings.OAUTH2_PROVIDER_APPLICATION_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    code_hash = models.CharField(max_length=64, unique=True)
    access_token_checksum = models.CharField(max_length=64, blank=True, db_index=True)
    refresh_token_checksum = models.CharField(max_length=64, blank=True, db_index=True)
    level = models.CharField(max_length=2, choices=AssuranceLevel.choices, blank=True)
    method = models.CharField(max_length=30, choices=AuthMethod.choices, blank=True)
    enterprise = models.ForeignKey(
        Enterprise, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    mandate = models.ForeignKey(
        AgentMandate, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "单点登录认证上下文"

    def __str__(self) -> str:
        return f"{self.user_id} → {self.application_id}（{self.level} {self.method}）"


class SimulatedResident(models.Model):
    """人口库模拟数据 — a resident as the local population-registry simulator knows them (demo and tests only).

    The simulator stands in for the province's population registry: it holds the name, the keyed
    hash of the ID number (never the number itself) and whether the person is recorded as deceased.
    """

    name = models.CharField("姓名", max_length=50)
    id_number_hash = models.CharField("身份证号码检索值", max_length=64, unique=True)
    id_number_masked = models.CharField("身份证号码", max_length=18)
    deceased = models.BooleanField("已死亡", default=False)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "人口库模拟数据"

    def __str__(self) -> str:
        return f"{self.name}（{self.id_number_masked}）"
