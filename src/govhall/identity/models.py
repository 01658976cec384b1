"""Staff accounts (minimal): which department and region a staff member works for, and their roles.

The unified-identity issue extends this app with persons, enterprises, assurance levels and SSO.
"""

from django.conf import settings
from django.db import models

from govhall.directory.models import Department, Region


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

    class Meta:
        verbose_name = verbose_name_plural = "工作人员"

    def __str__(self) -> str:
        return self.display_name

    def has_role(self, role: str) -> bool:
        return role in self.roles
