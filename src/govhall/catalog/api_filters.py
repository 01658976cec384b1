"""Query parameters of the catalog's public endpoints: item search and the basic-item list.

Each parameter is checked for shape and, for codes, for existence; a bad one is a 400 naming it
(see ``core.api.QuerySerializer``). Reads only (a theme lookup); never writes.
"""

from typing import Any

from rest_framework import serializers

from govhall.core.api import QuerySerializer
from govhall.directory.serializers import CreditCodeParameter, RegionCodeParameter

from .models import Audience, ItemType
from .selectors_api import theme_exists


class ThemeParameter(serializers.SlugField):
    default_error_messages = {"unknown": "没有代码为“{code}”的主题"}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 40)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> str:
        code = super().to_internal_value(data)
        if not theme_exists(code=code):
            self.fail("unknown", code=code)
        return code


class ItemSearchQuerySerializer(QuerySerializer):
    q = serializers.CharField(required=False, max_length=100, help_text="关键词：中文、拼音或拼音首字母")
    region = RegionCodeParameter(help_text="区划代码（6、9 或 12 位）：该区划及其上级区划办理的事项")
    department = CreditCodeParameter(help_text="实施部门的统一社会信用代码")
    audience = serializers.ChoiceField(
        choices=Audience.choices,
        required=False,
        help_text="服务对象",
        error_messages={"invalid_choice": "服务对象“{input}”不在可选值中"},
    )
    type = serializers.ChoiceField(
        choices=ItemType.choices,
        required=False,
        help_text="事项类型代码",
        error_messages={"invalid_choice": "事项类型“{input}”不在编码表中"},
    )
    depth = serializers.ChoiceField(
        choices=[(n, f"{n} 星及以上") for n in range(1, 6)],
        required=False,
        help_text="最低网上办理深度（1–5 星）",
        error_messages={"invalid_choice": "网上办理深度应为 1 至 5"},
    )
    theme = ThemeParameter(help_text="主题代码，如 open-business")


class BasicItemQuerySerializer(QuerySerializer):
    q = serializers.CharField(required=False, max_length=100, help_text="名称包含的文字，或基本编码的开头")
    type = serializers.ChoiceField(
        choices=ItemType.choices,
        required=False,
        help_text="事项类型代码",
        error_messages={"invalid_choice": "事项类型“{input}”不在编码表中"},
    )
