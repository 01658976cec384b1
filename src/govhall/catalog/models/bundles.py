"""一件事 — a life-event bundle: several items an applicant applies for once, handled in parallel.

A bundle names a **lead** implementation (牵头事项: its department accepts, its form is the one the
applicant fills in, its head issues the combined result) and **member** implementations (协办事项:
their departments become the case's co-departments and countersign in parallel). Written only by
``catalog.services.bundles``.
"""

from django.conf import settings
from django.db import models

from govhall.directory.models import Region

from .implementation import ItemImplementation


class BundleStatus(models.TextChoices):
    ACTIVE = "active", "启用"
    INACTIVE = "inactive", "停用"


class Bundle(models.Model):
    """一件事 — e.g. 开办餐饮店: one application, one acceptance, parallel approval, one combined result."""

    code = models.SlugField("代码", max_length=40, unique=True)
    name = models.CharField("名称", max_length=60)
    description = models.TextField("说明", blank=True)
    region = models.ForeignKey(Region, verbose_name="区划", on_delete=models.PROTECT, related_name="+")
    lead = models.ForeignKey(
        ItemImplementation, verbose_name="牵头事项", on_delete=models.PROTECT, related_name="+"
    )
    members = models.ManyToManyField(ItemImplementation, verbose_name="协办事项", related_name="+")
    status = models.CharField(
        "状态", max_length=10, choices=BundleStatus.choices, default=BundleStatus.ACTIVE
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "一件事"
        ordering = ["region__code", "code"]

    def __str__(self) -> str:
        return self.name
