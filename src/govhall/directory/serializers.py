"""Shapes of regions and departments in the public API, and the checks on their query parameters.

Output only: nothing here writes. Codes are shown with their Chinese labels
(``"level": 3, "level_label": "县级"``).
"""

from typing import Any

from django.core.exceptions import ImproperlyConfigured, ObjectDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from govhall.core.api import ChoiceLabelField, QuerySerializer, ReadOnlyModelSerializer

from .models import Department, Level, Region
from .selectors import department_get, region_get
from .services import credit_code_validate, region_code_normalise


class RegionBriefSerializer(ReadOnlyModelSerializer):
    """行政区划（简要）— a region by its 12-digit code."""

    short_code = serializers.CharField(
        read_only=True, help_text="惯用代码：县级及以上 6 位，乡镇 9 位，村 12 位"
    )
    level_label = ChoiceLabelField(Level, source="level")

    class Meta:
        model = Region
        fields = ["code", "short_code", "name", "level", "level_label"]


class RegionSerializer(RegionBriefSerializer):
    """行政区划 — a region with its parent's code."""

    parent_code = serializers.SerializerMethodField(help_text="上级区划的 12 位代码；省级为 null")

    class Meta(RegionBriefSerializer.Meta):
        fields = [*RegionBriefSerializer.Meta.fields, "parent_code"]

    def get_parent_code(self, region: Region) -> str | None:
        codes = region.ancestor_codes
        return codes[-2] if len(codes) > 1 else None


class RegionDetailSerializer(RegionSerializer):
    """行政区划详情 — a region with the chain above it and the regions directly below it."""

    ancestors = serializers.SerializerMethodField(help_text="从省级到上一级的区划链，省级在前")
    children = serializers.SerializerMethodField(help_text="直接下级区划，按代码排序")

    class Meta(RegionSerializer.Meta):
        fields = [*RegionSerializer.Meta.fields, "ancestors", "children"]

    @extend_schema_field(RegionBriefSerializer(many=True))
    def get_ancestors(self, region: Region) -> list[dict[str, Any]]:
        return RegionBriefSerializer(self.context["ancestors"], many=True).data  # type: ignore[return-value]

    @extend_schema_field(RegionBriefSerializer(many=True))
    def get_children(self, region: Region) -> list[dict[str, Any]]:
        return RegionBriefSerializer(self.context["children"], many=True).data  # type: ignore[return-value]


class DepartmentBriefSerializer(ReadOnlyModelSerializer):
    """部门（简要）— a department by its unified social credit code."""

    class Meta:
        model = Department
        fields = ["credit_code", "name"]


class DepartmentContactSerializer(ReadOnlyModelSerializer):
    """实施部门 — who handles an item and how to reach them (as shown on a guide)."""

    class Meta:
        model = Department
        fields = [
            "credit_code",
            "name",
            "short_name",
            "phone",
            "complaint_phone",
            "address",
            "hours",
            "website",
        ]


class DepartmentSerializer(ReadOnlyModelSerializer):
    """部门 — an implementing body with its region, parent and contact details."""

    level_label = ChoiceLabelField(Level, source="level")
    region = RegionBriefSerializer(read_only=True)
    parent = DepartmentBriefSerializer(read_only=True, allow_null=True, help_text="上级部门；没有则为 null")

    class Meta:
        model = Department
        fields = [
            "credit_code",
            "name",
            "short_name",
            "level",
            "level_label",
            "region",
            "parent",
            "phone",
            "complaint_phone",
            "address",
            "hours",
            "website",
            "is_active",
        ]


# Query parameters ---------------------------------------------------------------------------------


class _LookupParameter(serializers.CharField):
    """A query parameter naming an existing object by its code; validates it and returns the object."""

    default_error_messages = {"unknown": "没有代码为“{code}”的对象"}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def lookup(self, code: str) -> Any:
        raise ImproperlyConfigured(f"{type(self).__name__} must define lookup()")

    def to_internal_value(self, data: Any) -> Any:  # type: ignore[override]
        code = super().to_internal_value(data)
        try:
            return self.lookup(code)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from exc
        except ObjectDoesNotExist as exc:
            self.fail("unknown", code=code)
            raise AssertionError from exc  # fail() always raises


@extend_schema_field({"type": "string", "pattern": r"^(\d{6}|\d{9}|\d{12})$"})
class RegionCodeParameter(_LookupParameter):
    """A 6-, 9- or 12-digit region code that exists; returns the region."""

    default_error_messages = {"unknown": "没有区划代码为“{code}”的行政区划"}

    def lookup(self, code: str) -> Region:
        return region_get(code=region_code_normalise(code))


@extend_schema_field({"type": "string", "pattern": r"^[0-9A-Z]{18}$"})
class CreditCodeParameter(_LookupParameter):
    """A unified social credit code of a known department; returns the department."""

    default_error_messages = {"unknown": "没有统一社会信用代码为“{code}”的部门"}

    def lookup(self, code: str) -> Department:
        return department_get(credit_code=credit_code_validate(code))


class RegionQuerySerializer(QuerySerializer):
    parent = RegionCodeParameter(  # type: ignore[assignment]  # a field named like Field.parent (the API's word)
        help_text="上级区划代码（6、9 或 12 位）：只列其直接下级"
    )
    level = serializers.ChoiceField(
        choices=Level.choices,
        required=False,
        help_text="层级：1 省级、2 市级、3 县级、4 乡镇（街道）级、5 村（社区）级",
        error_messages={"invalid_choice": "层级应为 1 至 5"},
    )
    q = serializers.CharField(required=False, allow_blank=True, max_length=50, help_text="名称包含的文字")


class DepartmentQuerySerializer(QuerySerializer):
    region = RegionCodeParameter(help_text="所在区划代码（6、9 或 12 位）")
    q = serializers.CharField(required=False, allow_blank=True, max_length=50, help_text="名称包含的文字")
