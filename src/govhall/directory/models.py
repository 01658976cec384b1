"""行政区划与部门 — regions (GB/T 2260) and departments (implementing bodies).

Every other context may reference these tables; only ``directory.services`` writes them.
"""

from django.db import models


class Level(models.IntegerChoices):
    """The five levels of government (五级联动)."""

    PROVINCE = 1, "省级"
    CITY = 2, "市级"
    COUNTY = 3, "县级"
    TOWNSHIP = 4, "乡镇（街道）级"
    VILLAGE = 5, "村（社区）级"


class Region(models.Model):
    """行政区划 — a region with its GB/T 2260 code in the 12-digit form.

    Province, city and county codes end in six zeros (their 6-digit prefix is the familiar
    GB/T 2260 code); townships use 9 digits and villages all 12. ``path`` lists the codes from
    the province down to this region, so "this region and below" is a prefix query and
    "this region and above" is a split.
    """

    code = models.CharField("区划代码", max_length=12, unique=True)
    name = models.CharField("名称", max_length=60)
    level = models.PositiveSmallIntegerField("层级", choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级区划",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField("区划路径", max_length=70, db_index=True)
    position = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "行政区划"
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(condition=models.Q(code__regex=r"^\d{12}$"), name="region_code_12_digits")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def short_code(self) -> str:
        """The customary code: 6 digits for county and above, 9 for townships, 12 for villages."""
        if self.level <= Level.COUNTY:
            return self.code[:6]
        if self.level == Level.TOWNSHIP:
            return self.code[:9]
        return self.code

    @property
    def ancestor_codes(self) -> list[str]:
        """Codes from the province down to and including this region."""
        return [part for part in self.path.split("/") if part]


class Department(models.Model):
    """部门 — an implementing body (实施主体) in a region, identified by its unified social credit code."""

    credit_code = models.CharField("统一社会信用代码", max_length=18, unique=True)
    name = models.CharField("名称", max_length=100)
    short_name = models.CharField("简称", max_length=40, blank=True)
    region = models.ForeignKey(
        Region, verbose_name="所在区划", on_delete=models.PROTECT, related_name="departments"
    )
    level = models.PositiveSmallIntegerField("层级", choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级部门",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    phone = models.CharField("咨询电话", max_length=40, blank=True)
    complaint_phone = models.CharField("监督投诉电话", max_length=40, blank=True)
    address = models.CharField("办事大厅地址", max_length=200, blank=True)
    hours = models.CharField("办公时间", max_length=200, blank=True)
    website = models.URLField("网址", blank=True)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "部门"
        ordering = ["region__code", "name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="department_name_unique_in_region")
        ]

    def __str__(self) -> str:
        return self.name
