"""办事指南 for display — the live guide of an implementation arranged for the page and the notice PDF.

Reads only what ``catalog.selectors.implementation_get_live`` prefetched (no further queries)
and turns coded values into their Chinese labels. Holds no rule: which version is live, and
what may be shown, is decided by the catalog selectors.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from govhall.catalog.selectors_portal import ChoiceLabels, choice_labels

from .templatetags.portal_format import time_limit, visits

if TYPE_CHECKING:
    from govhall.catalog.selectors import ImplementationVersion, ItemImplementation


@dataclass(frozen=True)
class DepthStepRow:
    code: str
    label: str
    online: bool


@dataclass(frozen=True)
class MaterialRow:
    """One material as the guide table and the notice show it."""

    position: int
    name: str
    requirement: str
    condition_note: str
    form: str
    original: str
    copies: int
    source: str
    notes: str
    has_template: bool
    has_sample: bool

    @property
    def requirement_text(self) -> str:
        return f"{self.requirement}：{self.condition_note}" if self.condition_note else self.requirement


@dataclass(frozen=True)
class Guide:
    implementation: "ItemImplementation"
    version: "ImplementationVersion"
    audiences: list[str]
    depth_steps: list[DepthStepRow]
    delivery_methods: list[str]
    item_type: str
    materials: list[MaterialRow]
    steps: list[Any]
    fees: list[Any]
    themes: list[Any]
    prerequisites: list[Any]
    statutory_limit: str
    promised_limit: str
    visits: str

    @property
    def item(self) -> Any:
        return self.implementation.catalog_item

    @property
    def published_on(self) -> str:
        published = self.version.published_at
        return timezone.localtime(published).strftime("%Y年%m月%d日") if published else ""


def guide_build(implementation: "ItemImplementation", labels: ChoiceLabels | None = None) -> Guide:
    """Arrange the published version of a live implementation (already prefetched) for display."""
    labels = labels or choice_labels()
    version = implementation.published_version
    assert version is not None, "only live implementations have a guide"
    materials = [
        MaterialRow(
            position=m.position,
            name=m.name,
            requirement=m.get_requirement_display(),
            condition_note=m.condition_note,
            form=m.get_form_display(),
            original=m.get_original_display(),
            copies=m.copies,
            source=m.get_source_display() + (f"（{m.source_note}）" if m.source_note else ""),
            notes=m.notes,
            has_template=bool(m.template_file),
            has_sample=bool(m.sample_file),
        )
        for m in version.materials.all()
    ]
    online = set(version.depth_steps)
    return Guide(
        implementation=implementation,
        version=version,
        audiences=[labels.label("audiences", code) for code in version.audiences],
        depth_steps=[DepthStepRow(code, label, code in online) for code, label in labels.depth_steps],
        delivery_methods=[labels.label("delivery_methods", code) for code in version.delivery_methods],
        item_type=labels.label("item_types", implementation.catalog_item.item_type),
        materials=materials,
        steps=list(version.steps.all()),
        fees=list(version.fees.all()),
        themes=list(version.themes.all()),
        prerequisites=list(version.prerequisites.all()),
        statutory_limit=time_limit(version.statutory_limit, version.get_statutory_limit_unit_display()),
        promised_limit=time_limit(version.promised_limit, version.get_promised_limit_unit_display()),
        visits=visits(version.max_visits),
    )
