"""A version's guide laid out for reading on staff pages (summary tables of every element)."""

from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from govhall.catalog.elements import (
    ELEMENT_LABELS,
    FORM_ELEMENT_LABELS,
    MATERIAL_FORM_LABELS,
    SCALAR_ELEMENTS,
)

from .diffs import ROW_SPECS, display_value, form_element_display


@dataclass
class RowTable:
    field: str
    label: str
    columns: list[str]
    rows: list[list[str]]


@dataclass
class GuideView:
    scalars: list[tuple[str, str]]
    tables: list[RowTable]
    themes: list[str]
    prerequisites: list[str]


def guide_view(
    snapshot: dict[str, Any], *, theme_names: dict[str, str], item_names: dict[str, str]
) -> GuideView:
    scalars = [(e.label, display_value(e, snapshot.get(e.name))) for e in SCALAR_ELEMENTS]
    scalars += [
        (label, form_element_display(key, snapshot.get(key))) for key, label in FORM_ELEMENT_LABELS.items()
    ]
    tables = []
    for name, spec in ROW_SPECS.items():
        columns = ["序号", *(e.label for e in spec)]
        rows = []
        for position, row in enumerate(snapshot.get(name) or [], start=1):
            cells = [str(position), *(display_value(e, row.get(e.name)) for e in spec)]
            if name == "materials":
                cells += [PurePath(row.get(key) or "").name for key in ("template_file", "sample_file")]
                cells += [form_element_display(key, row.get(key)) for key in MATERIAL_FORM_LABELS]
            rows.append(cells)
        if name == "materials":
            columns += ["空白表格", "示例样表", *MATERIAL_FORM_LABELS.values()]
        tables.append(RowTable(name, ELEMENT_LABELS[name], columns, rows))
    themes = [theme_names.get(code, code) for code in snapshot.get("themes") or []]
    prerequisites = [f"{item_names.get(code, '')}（{code}）" for code in snapshot.get("prerequisites") or []]
    return GuideView(scalars, tables, themes, prerequisites)
