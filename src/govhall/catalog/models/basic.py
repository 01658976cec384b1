"""基本目录 — the basic catalog, defined once and inherited by every implementation."""

from django.conf import settings
from django.db import models

from .choices import ItemType, ThemeAudience


class CatalogItem(models.Model):
    """基本目录事项 — an item defined nationally or by the province.

    ``code`` is the 12-character basic code: the 2-digit item type code followed by ten
    characters (digits or capitals) assigned by the catalog authority. A sub-item (子项) has a
    ``parent``. Name, code, type and legal basis are the inherited elements: implementations
    read them from here and never store their own copy.
    """

    code = models.CharField("基本编码", max_length=12, unique=True)
    name = models.CharField("事项名称", max_length=200)
    item_type = models.CharField("事项类型", max_length=2, choices=ItemType.choices)
    legal_basis = models.TextField("设定依据")
    parent = models.ForeignKey(
        "self", verbose_name="主项", null=True, blank=True, on_delete=models.PROTECT, related_name="sub_items"
    )
    competent_department = models.CharField("主管部门", max_length=100, blank=True)
    is_active = models.BooleanField("有效", default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "基本目录事项"
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[0-9A-Z]{12}$"), name="catalog_item_code_shape"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"


class HandlingItem(models.Model):
    """业务办理项 — a way of handling an item (首次申请, 变更, 延续 …); code = basic code + 2 digits."""

    catalog_item = models.ForeignKey(CatalogItem, on_delete=models.CASCADE, related_name="handling_items")
    code = models.CharField("业务办理项编码", max_length=14, unique=True)
    name = models.CharField("业务办理项名称", max_length=200)

    class Meta:
        verbose_name = verbose_name_plural = "业务办理项"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class CatalogItemChange(models.Model):
    """A change to a basic-catalog element: what, who, when, why. Flows to every implementation at once."""

    catalog_item = models.ForeignKey(CatalogItem, on_delete=models.CASCADE, related_name="changes")
    field = models.CharField(max_length=40)
    before = models.TextField(blank=True)
    after = models.TextField(blank=True)
    reason = models.TextField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.catalog_item.code} {self.field}"


class Theme(models.Model):
    """主题 — a life event for persons (生育, 就业 …) or enterprises (开办企业 …) used for browsing."""

    code = models.SlugField("代码", max_length=40, unique=True)
    name = models.CharField("名称", max_length=40)
    audience = models.CharField("对象", max_length=20, choices=ThemeAudience.choices)
    position = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "主题"
        ordering = ["audience", "position", "code"]

    def __str__(self) -> str:
        return self.name
