"""Reads of regions and departments shared by pages, API and other contexts."""

from django.db.models import QuerySet

from .models import Department, Level, Region


def region_get(*, code: str) -> Region:
    """A region by its 6-, 9- or 12-digit code; raises ``Region.DoesNotExist``."""
    return Region.objects.get(code=code.strip().ljust(12, "0"))


def region_list(*, parent_code: str | None = None, level: int | None = None, q: str = "") -> QuerySet[Region]:
    regions = Region.objects.all()
    if parent_code:
        regions = regions.filter(parent__code=parent_code.ljust(12, "0"))
    if level:
        regions = regions.filter(level=level)
    if q:
        regions = regions.filter(name__contains=q)
    return regions.order_by("code")


def region_ancestors(*, region: Region) -> list[Region]:
    """The chain from the province down to ``region`` (inclusive), in order."""
    by_code = Region.objects.in_bulk(region.ancestor_codes, field_name="code")
    return [by_code[code] for code in region.ancestor_codes if code in by_code]


def region_switcher_choices() -> QuerySet[Region]:
    """Regions a visitor can switch the site to: province, cities and counties."""
    return Region.objects.filter(level__lte=Level.COUNTY).order_by("code")


def department_list(*, region_code: str | None = None, q: str = "") -> QuerySet[Department]:
    departments = Department.objects.filter(is_active=True).select_related("region")
    if region_code:
        departments = departments.filter(region__code=region_code.ljust(12, "0"))
    if q:
        departments = departments.filter(name__contains=q)
    return departments.order_by("region__code", "name")


def department_get(*, credit_code: str) -> Department:
    return Department.objects.select_related("region").get(credit_code=credit_code)
