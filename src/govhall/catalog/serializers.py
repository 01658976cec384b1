"""Shapes of catalog items in the public API (their query parameters are in ``api_filters.py``).

Output only: nothing here writes, and nothing here decides what is public (the selectors do).
Every coded value is shown with its Chinese label next to it (``"item_type": "01",
"item_type_label": "行政许可"``; lists get ``<name>_labels``). Staff identities and review
comments are never exposed.
"""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from govhall.core.api import (
    ChoiceLabelField,
    ChoiceLabelListField,
    NamedChoiceField,
    ReadOnlyModelSerializer,
)
from govhall.directory.serializers import (
    DepartmentBriefSerializer,
    DepartmentContactSerializer,
    RegionBriefSerializer,
)
from govhall.identity.models import AssuranceLevel

from .models import (
    Audience,
    CatalogItem,
    DeliveryMethod,
    DepthStep,
    Fee,
    HandlingItem,
    ImplementationStatus,
    ImplementationVersion,
    ItemImplementation,
    ItemType,
    LimitUnit,
    Material,
    MaterialForm,
    MaterialOriginal,
    MaterialRequirement,
    MaterialSource,
    ProcessStep,
    ResultType,
    Theme,
    ThemeAudience,
    VersionState,
)


class BasicItemBriefSerializer(ReadOnlyModelSerializer):
    """基本目录事项（简要）— a basic item by its code."""

    item_type_label = ChoiceLabelField(ItemType, source="item_type")
    url = serializers.SerializerMethodField(help_text="该基本目录事项的接口地址")

    class Meta:
        model = CatalogItem
        fields = ["code", "name", "item_type", "item_type_label", "url"]

    def get_url(self, item: CatalogItem) -> str:
        return reverse(
            "api-basic-item-detail", kwargs={"code": item.code}, request=self.context.get("request")
        )


class HandlingItemSerializer(ReadOnlyModelSerializer):
    """业务办理项 — a way of handling an item (首次申请, 变更 …)."""

    class Meta:
        model = HandlingItem
        fields = ["code", "name"]


class ThemeSerializer(ReadOnlyModelSerializer):
    """主题 — a life event used for browsing."""

    audience_label = ChoiceLabelField(ThemeAudience, source="audience")

    class Meta:
        model = Theme
        fields = ["code", "name", "audience", "audience_label"]


class MaterialSerializer(ReadOnlyModelSerializer):
    """申请材料 — one material, with links to its blank form and filled sample."""

    requirement_label = ChoiceLabelField(MaterialRequirement, source="requirement")
    form_label = ChoiceLabelField(MaterialForm, source="form")
    original_label = ChoiceLabelField(MaterialOriginal, source="original")
    source_label = ChoiceLabelField(MaterialSource, source="source")
    template_url = serializers.SerializerMethodField(help_text="空白表格的下载地址；没有则为 null")
    sample_url = serializers.SerializerMethodField(help_text="示例样表的下载地址；没有则为 null")

    class Meta:
        model = Material
        fields = [
            "position",
            "name",
            "requirement",
            "requirement_label",
            "condition_note",
            "form",
            "form_label",
            "original",
            "original_label",
            "copies",
            "source",
            "source_label",
            "source_note",
            "notes",
            "template_url",
            "sample_url",
            "applies_when",
            "licence_types",
        ]
        extra_kwargs = {
            "applies_when": {"help_text": "适用情形：{问题标识: [回答, …]}，空对象表示所有情形都需要"},
            "licence_types": {"help_text": "可用电子证照代替本材料的证照类型代码"},
        }

    def get_template_url(self, material: Material) -> str | None:
        return self._file_url(material, "template") if material.template_file else None

    def get_sample_url(self, material: Material) -> str | None:
        return self._file_url(material, "sample") if material.sample_file else None

    def _file_url(self, material: Material, kind: str) -> str:
        """The API download address; the context names the implementation and version (no extra query)."""
        kwargs = {
            "code": self.context["implementation_code"],
            "number": self.context["version_number"],
            "position": material.position,
            "kind": kind,
        }
        return reverse("api-item-material-file", kwargs=kwargs, request=self.context.get("request"))


class ProcessStepSerializer(ReadOnlyModelSerializer):
    """办理流程环节 — one step of the process with its time limit (working days)."""

    class Meta:
        model = ProcessStep
        fields = ["position", "name", "description", "time_limit", "responsible"]


class FeeSerializer(ReadOnlyModelSerializer):
    """收费项目 — a fee with its amount (yuan) and legal basis."""

    class Meta:
        model = Fee
        fields = ["position", "name", "amount", "basis"]


class GuideSerializer(ReadOnlyModelSerializer):
    """办事指南要素 — every guide element of one version (the inherited ones are on the item itself)."""

    audiences = serializers.ListField(child=serializers.ChoiceField(choices=Audience.choices), read_only=True)
    audiences_labels = ChoiceLabelListField(Audience, source="audiences")
    statutory_limit_unit = NamedChoiceField(LimitUnit)
    statutory_limit_unit_label = ChoiceLabelField(LimitUnit, source="statutory_limit_unit")
    promised_limit_unit = NamedChoiceField(LimitUnit)
    promised_limit_unit_label = ChoiceLabelField(LimitUnit, source="promised_limit_unit")
    depth_steps = serializers.ListField(
        child=serializers.ChoiceField(choices=DepthStep.choices), read_only=True
    )
    depth_steps_labels = ChoiceLabelListField(DepthStep, source="depth_steps")
    result_type_label = ChoiceLabelField(ResultType, source="result_type")
    delivery_methods = serializers.ListField(
        child=serializers.ChoiceField(choices=DeliveryMethod.choices), read_only=True
    )
    delivery_methods_labels = ChoiceLabelListField(DeliveryMethod, source="delivery_methods")
    required_level = NamedChoiceField(
        AssuranceLevel, help_text="认证等级需求：在线申请所需的最低认证等级（L1 注册、L2 实名、L3 数字证书）"
    )
    required_level_label = ChoiceLabelField(AssuranceLevel, source="required_level")
    materials = MaterialSerializer(many=True, read_only=True)
    steps = ProcessStepSerializer(many=True, read_only=True)
    fees = FeeSerializer(many=True, read_only=True)
    themes = ThemeSerializer(many=True, read_only=True)
    prerequisites = BasicItemBriefSerializer(many=True, read_only=True, help_text="前置审批事项（基本目录）")

    class Meta:
        model = ImplementationVersion
        fields = [
            "audiences",
            "audiences_labels",
            "conditions",
            "statutory_limit",
            "statutory_limit_unit",
            "statutory_limit_unit_label",
            "promised_limit",
            "promised_limit_unit",
            "promised_limit_unit_label",
            "is_free",
            "service_location",
            "service_hours",
            "consult_phone",
            "complaint_phone",
            "online_depth",
            "depth_steps",
            "depth_steps_labels",
            "max_visits",
            "result_type",
            "result_type_label",
            "result_name",
            "delivery_methods",
            "delivery_methods_labels",
            "supports_appointment",
            "supports_online_payment",
            "supports_courier",
            "intermediary_services",
            "required_level",
            "required_level_label",
            "materials",
            "steps",
            "fees",
            "themes",
            "prerequisites",
            "scenario",
            "form_schema",
        ]
        extra_kwargs = {
            "scenario": {"help_text": "情形引导：问题与选项，回答决定适用的材料和表单字段；空对象表示没有"},
            "form_schema": {
                "help_text": "申请表单：JSON Schema（draft 2020-12）及 x- 界面提示；空对象表示暂无网上申请表单"
            },
        }


class ChangeSerializer(serializers.Serializer):
    """变更的要素 — one element that changed from the previous published version."""

    field = serializers.CharField(help_text="要素名")
    label = serializers.CharField(help_text="要素中文名")  # type: ignore[assignment]  # shadows Field.label
    before = serializers.CharField(help_text="变更前（文本）")
    after = serializers.CharField(help_text="变更后（文本）")


class VersionSummarySerializer(ReadOnlyModelSerializer):
    """发布版本 — a published or superseded version: when, why and what changed."""

    state_label = ChoiceLabelField(VersionState, source="state")
    changes = ChangeSerializer(many=True, read_only=True, help_text="与上一发布版本相比变更的要素")
    is_current = serializers.SerializerMethodField(help_text="是否为当前在用版本")
    url = serializers.SerializerMethodField(help_text="该版本完整内容的接口地址")

    class Meta:
        model = ImplementationVersion
        fields = [
            "number",
            "state",
            "state_label",
            "published_at",
            "change_reason",
            "changes",
            "is_current",
            "url",
        ]

    def get_is_current(self, version: ImplementationVersion) -> bool:
        return version.pk == version.implementation.published_version_id

    def get_url(self, version: ImplementationVersion) -> str:
        return reverse(
            "api-item-version",
            request=self.context.get("request"),
            kwargs={"code": version.implementation.code, "number": version.number},
        )


class VersionDetailSerializer(VersionSummarySerializer):
    """发布版本的完整内容 — a published or superseded version with every guide element."""

    implementation_code = serializers.CharField(source="implementation.code", read_only=True)
    guide = GuideSerializer(source="*", read_only=True)

    class Meta(VersionSummarySerializer.Meta):
        fields = ["implementation_code", *VersionSummarySerializer.Meta.fields, "guide"]


class CurrentVersionSerializer(ReadOnlyModelSerializer):
    """在用版本 — the number and publication of the live guide."""

    class Meta:
        model = ImplementationVersion
        fields = ["number", "published_at", "change_reason"]


class ItemImplementationSerializer(ReadOnlyModelSerializer):
    """实施清单 — an implementation with the elements it inherits from the basic catalog."""

    name = serializers.CharField(read_only=True, help_text="事项名称（继承自基本目录，含业务办理项）")
    basic_code = serializers.CharField(source="catalog_item.code", read_only=True)
    basic_name = serializers.CharField(source="catalog_item.name", read_only=True)
    item_type = serializers.ChoiceField(
        source="catalog_item.item_type", choices=ItemType.choices, read_only=True
    )
    item_type_label = ChoiceLabelField(ItemType, source="catalog_item.item_type")
    legal_basis = serializers.CharField(source="catalog_item.legal_basis", read_only=True)
    competent_department = serializers.CharField(source="catalog_item.competent_department", read_only=True)
    main_item = BasicItemBriefSerializer(
        source="catalog_item.parent", allow_null=True, help_text="子项所属的主项；不是子项则为 null"
    )
    handling_item = HandlingItemSerializer(
        read_only=True, allow_null=True, help_text="业务办理项；没有则为 null"
    )
    status_label = ChoiceLabelField(ImplementationStatus, source="status")
    url = serializers.SerializerMethodField(help_text="办事指南的接口地址")

    class Meta:
        model = ItemImplementation
        fields = [
            "code",
            "name",
            "basic_code",
            "basic_name",
            "item_type",
            "item_type_label",
            "legal_basis",
            "competent_department",
            "main_item",
            "handling_item",
            "status",
            "status_label",
            "popularity",
            "url",
        ]

    def get_url(self, implementation: ItemImplementation) -> str:
        return reverse(
            "api-item-detail", kwargs={"code": implementation.code}, request=self.context.get("request")
        )


class ItemGuideSerializer(ItemImplementationSerializer):
    """办事指南 — the live guide: inherited elements, department, region, version and every element."""

    department = DepartmentContactSerializer(read_only=True)
    region = RegionBriefSerializer(read_only=True)
    version = CurrentVersionSerializer(source="published_version", read_only=True)
    guide = GuideSerializer(source="published_version", read_only=True)

    class Meta(ItemImplementationSerializer.Meta):
        fields = [*ItemImplementationSerializer.Meta.fields, "department", "region", "version", "guide"]


class ImplementationBriefSerializer(ReadOnlyModelSerializer):
    """在用实施清单（简要）— a live implementation as listed under its basic item."""

    name = serializers.CharField(read_only=True)
    handling_item = HandlingItemSerializer(read_only=True, allow_null=True)
    department = DepartmentBriefSerializer()
    region = RegionBriefSerializer()
    url = serializers.SerializerMethodField(help_text="办事指南的接口地址")

    class Meta:
        model = ItemImplementation
        fields = ["code", "name", "handling_item", "department", "region", "url"]

    def get_url(self, implementation: ItemImplementation) -> str:
        return reverse(
            "api-item-detail", kwargs={"code": implementation.code}, request=self.context.get("request")
        )


class BasicItemSerializer(BasicItemBriefSerializer):
    """基本目录事项 — a basic item as listed."""

    main_item_code = serializers.CharField(
        source="parent.code",
        read_only=True,
        allow_null=True,
        help_text="子项所属主项的基本编码；不是子项则为 null",
    )

    class Meta(BasicItemBriefSerializer.Meta):
        fields = [
            "code",
            "name",
            "item_type",
            "item_type_label",
            "main_item_code",
            "competent_department",
            "is_active",
            "url",
        ]


class BasicItemDetailSerializer(BasicItemSerializer):
    """基本目录事项详情 — with its main item, sub-items, handling items and live implementations."""

    main_item = BasicItemBriefSerializer(source="parent", read_only=True, allow_null=True)
    sub_items = BasicItemBriefSerializer(many=True, read_only=True)
    handling_items = HandlingItemSerializer(many=True, read_only=True)
    implementations = serializers.SerializerMethodField(help_text="在用的实施清单（各地各部门）")

    class Meta(BasicItemSerializer.Meta):
        fields = [
            "code",
            "name",
            "item_type",
            "item_type_label",
            "legal_basis",
            "competent_department",
            "is_active",
            "main_item",
            "sub_items",
            "handling_items",
            "implementations",
            "url",
        ]

    @extend_schema_field(ImplementationBriefSerializer(many=True))
    def get_implementations(self, item: CatalogItem) -> list[dict[str, Any]]:
        return ImplementationBriefSerializer(
            self.context["implementations"],
            many=True,  # type: ignore[return-value]
            context=self.context,
        ).data


class ItemHitSerializer(serializers.Serializer):
    """检索结果 — one search hit (from ``catalog.search.query.SearchHit``)."""

    code = serializers.CharField(source="implementation_code", help_text="实施编码")
    name = serializers.CharField()
    name_highlighted = serializers.CharField(help_text="名称，命中的词用 <mark> 标出（已做 HTML 转义）")
    department_name = serializers.CharField()
    region_name = serializers.CharField()
    region_code = serializers.CharField()
    item_type = serializers.ChoiceField(choices=ItemType.choices)
    item_type_label = serializers.CharField()
    online_depth = serializers.IntegerField(help_text="网上办理深度（1–5 星）")
    max_visits = serializers.IntegerField(help_text="到现场次数")
    popularity = serializers.IntegerField()
    url = serializers.SerializerMethodField(help_text="办事指南的接口地址")

    def get_url(self, hit: Any) -> str:
        return reverse(
            "api-item-detail", kwargs={"code": hit.implementation_code}, request=self.context.get("request")
        )
