"""The search page's filter form: shape checks of the query string, with Chinese messages.

Choices come from selectors (regions, departments of the region chain, themes, coded labels);
the search itself and its rules live in ``catalog.search.query``.
"""

from contextlib import suppress
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ObjectDoesNotExist

from govhall.catalog import selectors as catalog
from govhall.catalog.selectors_portal import ChoiceLabels
from govhall.directory import selectors as directory

from .site import RegionGroup

if TYPE_CHECKING:
    from govhall.directory.selectors import Region

MAX_QUERY_LENGTH = 100
DEPTH_CHOICES = [("", "不限"), *[(str(n), f"{n} 星及以上") for n in range(1, 6)]]


def _invalid(label: str) -> dict[str, str]:
    return {"invalid_choice": f"所选{label}无效，请重新选择", "invalid": f"{label}格式不正确"}


def _normalised(data: Any, province: "Region | None") -> dict[str, Any]:
    """Region codes in any customary length (6, 9 or 12 digits) as 12 digits; the province means 全省."""
    values = {key: data.get(key) for key in data}
    region = (values.get("region") or "").strip()
    if region.isdigit() and len(region) in (6, 9):
        region = region.ljust(12, "0")
    if province and region == province.code:
        region = ""
    values["region"] = region
    return values


class SearchForm(forms.Form):
    q = forms.CharField(
        label="搜索事项",
        required=False,
        max_length=MAX_QUERY_LENGTH,
        strip=True,
        error_messages={"max_length": f"搜索词不能超过 {MAX_QUERY_LENGTH} 个字"},
    )
    region = forms.ChoiceField(label="办理地区", required=False, error_messages=_invalid("办理地区"))
    department = forms.ChoiceField(label="实施部门", required=False, error_messages=_invalid("实施部门"))
    audience = forms.ChoiceField(label="服务对象", required=False, error_messages=_invalid("服务对象"))
    type = forms.ChoiceField(label="事项类型", required=False, error_messages=_invalid("事项类型"))
    depth = forms.ChoiceField(
        label="网办深度", required=False, choices=DEPTH_CHOICES, error_messages=_invalid("网办深度")
    )
    theme = forms.ChoiceField(label="主题", required=False, error_messages=_invalid("主题"))
    page = forms.IntegerField(
        label="页码",
        required=False,
        min_value=1,
        max_value=10_000,
        error_messages={"invalid": "页码应为正整数", "min_value": "页码应为正整数", "max_value": "页码过大"},
    )

    def __init__(
        self,
        data: Any,
        *,
        groups: list[RegionGroup],
        chain: list["Region"],
        province: "Region | None",
        labels: ChoiceLabels,
    ) -> None:
        super().__init__(_normalised(data, province))
        region_choices: list[Any] = [("", f"{province.name}（全省）" if province else "全省")]
        for group in groups:
            options = [(group.city.code, f"{group.city.name}（市本级）")]
            options += [(county.code, county.name) for county in group.counties]
            region_choices.append((group.city.name, options))
        themes = [
            (theme.code, f"{theme.name}（{theme.get_audience_display()}）") for theme in catalog.theme_list()
        ]
        self._choices("region", region_choices)
        self._choices("department", [("", "全部部门"), *self._department_choices(data, chain, province)])
        self._choices("audience", [("", "不限"), *labels.audiences])
        self._choices("type", [("", "全部类型"), *labels.item_types])
        self._choices("theme", [("", "全部主题"), *themes])

    def _choices(self, name: str, choices: list[Any]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices

    def search_arguments(self) -> dict[str, Any]:
        """The cleaned filters as keyword arguments of ``item_search``."""
        data = self.cleaned_data
        return {
            "q": data["q"],
            "region_code": data["region"] or None,
            "department_code": data["department"] or None,
            "audience": data["audience"] or None,
            "item_type": data["type"] or None,
            "min_depth": int(data["depth"]) if data["depth"] else None,
            "theme": data["theme"] or None,
            "page": data["page"] or 1,
        }

    @staticmethod
    def _department_choices(
        data: Any, chain: list["Region"], province: "Region | None"
    ) -> list[tuple[str, str]]:
        """Departments of the region chain (province departments when the whole province is shown).

        A department chosen elsewhere (a link from a department page) stays selectable.
        """
        regions = chain or ([province] if province else [])
        departments = {
            d.credit_code: d for region in regions for d in directory.department_list(region_code=region.code)
        }
        chosen = (data or {}).get("department", "")
        if chosen and chosen not in departments:
            with suppress(ObjectDoesNotExist):
                departments[chosen] = directory.department_get(credit_code=chosen)
        return [(code, department.name) for code, department in departments.items()]
