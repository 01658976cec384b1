"""Presentation of a version diff: which elements changed, and row by row what happened to the lists.

``elements.snapshot_diff`` decides *which* elements differ; this module only lays them out for
people: choice codes become their Chinese labels, and materials, steps and fees are matched by
name so an added, removed, changed or moved row can be highlighted. Nothing here is a rule.
"""

import json
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from govhall.catalog.application_forms import applies_when_text
from govhall.catalog.elements import (
    ELEMENT_LABELS,
    FEE_ELEMENTS,
    FORM_ELEMENT_LABELS,
    MATERIAL_ELEMENTS,
    MATERIAL_FORM_LABELS,
    PRELIMINARY_LEVELS,
    SCALAR_ELEMENTS,
    STEP_ELEMENTS,
    Element,
    snapshot_diff,
)

ROW_SPECS: dict[str, tuple[Element, ...]] = {
    "materials": MATERIAL_ELEMENTS,
    "steps": STEP_ELEMENTS,
    "fees": FEE_ELEMENTS,
}
FILE_LABELS = {"template_file": "空白表格", "sample_file": "示例样表"}
SCALARS = {e.name: e for e in SCALAR_ELEMENTS}


@dataclass
class Cell:
    label: str
    before: str
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass
class RowChange:
    status: str  # added | removed | changed | moved | same
    title: str
    before_position: int | None
    after_position: int | None
    cells: list[Cell]

    @property
    def status_label(self) -> str:
        return {"added": "新增", "removed": "删除", "changed": "修改", "moved": "调整顺序", "same": "未变"}[
            self.status
        ]

    @property
    def changed_cells(self) -> list[Cell]:
        return [cell for cell in self.cells if cell.changed]


@dataclass
class ListChange:
    field: str
    label: str
    rows: list[RowChange]

    def count(self, status: str) -> int:
        return sum(1 for row in self.rows if row.status == status)

    @property
    def summary(self) -> str:
        parts = [
            f"{label} {self.count(status)} 项"
            for status, label in (
                ("added", "新增"),
                ("removed", "删除"),
                ("changed", "修改"),
                ("moved", "调整顺序"),
            )
            if self.count(status)
        ]
        return "，".join(parts) or "无变化"


@dataclass
class SetChange:
    label: str
    added: list[str]
    removed: list[str]
    kept: list[str]


@dataclass
class VersionDiff:
    scalars: list[Cell] = field(default_factory=list)
    lists: list[ListChange] = field(default_factory=list)
    sets: list[SetChange] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.scalars or self.lists or self.sets)

    @property
    def changed_count(self) -> int:
        return len(self.scalars) + len(self.lists) + len(self.sets)


def display_value(element: Element | None, value: Any) -> str:
    """A value as a person reads it: labels for codes, 是/否 for booleans."""
    if value is None or value == "" or value == []:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if element is not None and element.choices is not None:
        labels = dict(element.choices.choices)  # type: ignore[attr-defined]
        values = value if isinstance(value, list) else [value]
        return "、".join(str(labels.get(v, v)) for v in values)
    if element is not None and element.name == "online_depth":
        return f"{value} 星"
    return str(value)


def form_element_display(key: str, value: Any) -> str:
    """The form, scenario and process elements (and a material's scenario and licence types) for people."""
    if value is None or value in ("", [], {}):
        return ""
    if key in ("form_schema", "scenario"):
        return json.dumps(value, ensure_ascii=False, indent=2)
    if key == "applies_when":
        return applies_when_text(value)
    if key in ("co_departments", "licence_types"):
        return "、".join(value)
    if key == "preliminary_level":
        return PRELIMINARY_LEVELS.get(value, str(value))
    if key == "preliminary_limit":
        return f"{value} 个工作日"
    return str(value)


def _file_display(value: str) -> str:
    return PurePath(value).name if value else ""


def _row_cells(
    spec: tuple[Element, ...], before: dict[str, Any] | None, after: dict[str, Any] | None, with_files: bool
) -> list[Cell]:
    cells = [
        Cell(
            e.label, display_value(e, (before or {}).get(e.name)), display_value(e, (after or {}).get(e.name))
        )
        for e in spec
    ]
    if with_files:
        cells += [
            Cell(label, _file_display((before or {}).get(key, "")), _file_display((after or {}).get(key, "")))
            for key, label in FILE_LABELS.items()
        ]
        cells += [
            Cell(
                label,
                form_element_display(key, (before or {}).get(key)),
                form_element_display(key, (after or {}).get(key)),
            )
            for key, label in MATERIAL_FORM_LABELS.items()
        ]
    return cells


def list_change(name: str, before_rows: list[dict[str, Any]], after_rows: list[dict[str, Any]]) -> ListChange:
    """Match rows by name (then by order among equal names) and classify each one."""
    spec, with_files = ROW_SPECS[name], name == "materials"
    unmatched: dict[str, list[int]] = {}
    for index, row in enumerate(before_rows):
        unmatched.setdefault(str(row.get("name", "")), []).append(index)
    rows: list[RowChange] = []
    for index, row in enumerate(after_rows):
        candidates = unmatched.get(str(row.get("name", "")), [])
        if not candidates:
            rows.append(
                RowChange(
                    "added",
                    str(row.get("name", "")),
                    None,
                    index + 1,
                    _row_cells(spec, None, row, with_files),
                )
            )
            continue
        old_index = candidates.pop(0)
        cells = _row_cells(spec, before_rows[old_index], row, with_files)
        status = "changed" if any(c.changed for c in cells) else ("moved" if old_index != index else "same")
        rows.append(RowChange(status, str(row.get("name", "")), old_index + 1, index + 1, cells))
    removed = sorted(i for indexes in unmatched.values() for i in indexes)
    for old_index in removed:
        old = before_rows[old_index]
        rows.append(
            RowChange(
                "removed",
                str(old.get("name", "")),
                old_index + 1,
                None,
                _row_cells(spec, old, None, with_files),
            )
        )
    return ListChange(name, ELEMENT_LABELS[name], rows)


def version_diff(
    before: dict[str, Any] | None,
    after: dict[str, Any],
    *,
    theme_names: dict[str, str],
    item_names: dict[str, str],
) -> VersionDiff:
    """The changes from snapshot ``before`` (None for a first version) to ``after``."""
    diff = VersionDiff()
    before = before or {}
    for change in snapshot_diff(before, after):
        key = change["field"]
        if key in ROW_SPECS:
            diff.lists.append(list_change(key, list(before.get(key) or []), list(after.get(key) or [])))
        elif key in ("themes", "prerequisites"):
            names = theme_names if key == "themes" else {c: f"{n}（{c}）" for c, n in item_names.items()}
            old, new = set(before.get(key) or []), set(after.get(key) or [])
            diff.sets.append(
                SetChange(
                    change["label"],
                    [names.get(c, c) for c in sorted(new - old)],
                    [names.get(c, c) for c in sorted(old - new)],
                    [names.get(c, c) for c in sorted(old & new)],
                )
            )
        elif key in FORM_ELEMENT_LABELS:
            diff.scalars.append(
                Cell(
                    change["label"],
                    form_element_display(key, before.get(key)),
                    form_element_display(key, after.get(key)),
                )
            )
        else:
            element = SCALARS.get(key)
            diff.scalars.append(
                Cell(
                    change["label"],
                    display_value(element, before.get(key)),
                    display_value(element, after.get(key)),
                )
            )
    return diff


def snapshot_codes(*snapshots: dict[str, Any] | None) -> list[str]:
    """Every prerequisite code mentioned in the snapshots (to look their names up once)."""
    return sorted({code for s in snapshots if s for code in s.get("prerequisites") or []})
