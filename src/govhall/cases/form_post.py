"""Application forms on a page: a posted form ↔ the nested ``form_data`` of a draft, and fields to render.

Every input of an application form is named ``form.<field path>`` (``form.shop_name``,
``form.safety_manager.name``, ``form.staff.0.name``); a repeating group also posts a marker
``form.<path>.__rows`` so that a group whose last row was removed is saved as empty. The portal's
application pages and the workbench's window intake both use ``form_data_from_post`` to save what
was typed and ``field_views`` (with ``templates/forms/_application_fields.html``) to show it again.

Only the fields that apply under the scenario answers are read from a post; the draft's other
answers (a conditional field hidden by the current answers) are kept, so switching an answer back
and forth loses nothing. Profile fields (``x-profile``) are never read from a post: they come from
the verified account. Values are stored as typed (strings); ``form_answers_clean`` checks them at
submission. Pure functions: no queries, no writes.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from govhall.catalog.application_forms import FormField, form_fields

PREFIX = "form."
ROWS_MARKER = "__rows"
MAX_ROWS = 200
MAX_VALUE = 5000


def _posted(post: Any, name: str) -> str | None:
    if name not in post:
        return None
    value = post.get(name)
    return str(value)[:MAX_VALUE] if value is not None else ""


def _simple(post: Any, path: str) -> str | None:
    value = _posted(post, PREFIX + path)
    return None if value is None else value.strip()


def _row_indexes(post: Any, path: str) -> list[int]:
    start = f"{PREFIX}{path}."
    indexes: set[int] = set()
    for key in post:
        if key.startswith(start):
            head = key[len(start) :].split(".", 1)[0]
            if head.isdigit() and len(head) <= 4:
                indexes.add(int(head))
    return sorted(indexes)[:MAX_ROWS]


def _group(post: Any, item: FormField) -> dict[str, Any] | None:
    values: dict[str, Any] = {}
    seen = False
    for child in item.children:
        if child.readonly:
            continue
        value = _simple(post, child.path)
        if value is None:
            continue
        seen = True
        if value:
            values[child.key] = value
    return values if seen else None


def _rows(post: Any, item: FormField) -> list[dict[str, Any]] | None:
    indexes = _row_indexes(post, item.path)
    if not indexes and f"{PREFIX}{item.path}.{ROWS_MARKER}" not in post:
        return None
    rows = []
    for index in indexes:
        row: dict[str, Any] = {}
        for child in item.children:
            if child.readonly:
                continue
            value = _simple(post, f"{item.path}.{index}.{child.key}")
            if value:
                row[child.key] = value
        if row:  # a row left empty is dropped
            rows.append(row)
    return rows


def form_data_from_post(
    schema: Mapping[str, Any],
    post: Any,
    *,
    scenario_answers: Mapping[str, str],
    existing: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """``existing`` with the applicable fields present in ``post`` replaced by what was posted.

    An empty input removes the answer; a field absent from the post keeps its earlier answer.
    """
    data = copy.deepcopy(dict(existing or {}))
    for item in form_fields(schema, scenario_answers):
        if item.readonly:
            data.pop(item.key, None)  # profile data never lives in the draft
            continue
        if item.widget == "repeat":
            value: Any = _rows(post, item)
        elif item.widget == "group":
            value = _group(post, item)
        else:
            value = _simple(post, item.path)
        if value is None:
            continue
        if value in ("", [], {}):
            data.pop(item.key, None)
        else:
            data[item.key] = value
    return data


def form_row_remove(data: Mapping[str, Any], path: str) -> dict[str, Any]:
    """``data`` without row ``path`` (``"staff.1"``) of a repeating group (the no-JavaScript 删除 button)."""
    key, _, index = path.partition(".")
    result = copy.deepcopy(dict(data))
    rows = result.get(key)
    if isinstance(rows, list) and index.isdigit() and int(index) < len(rows):
        del rows[int(index)]
        if not rows:
            result.pop(key)
    return result


# --- rendering -----------------------------------------------------------------------------------


@dataclass
class FieldView:
    """One field as the template shows it: its input name, current value, errors and offers."""

    field: FormField
    name: str
    input_id: str
    value: Any = ""
    errors: list[str] = dataclasses.field(default_factory=list)
    previous: str = ""  # 上次填写 — offered, never filled in by itself
    children: list[FieldView] = dataclasses.field(default_factory=list)  # a group's fields
    rows: list[RowView] = dataclasses.field(default_factory=list)  # a repeating group's rows
    template: RowView | None = None  # an empty row with ``__INDEX__`` for the 添加一行 script

    @property
    def title(self) -> str:
        return self.field.title

    @property
    def has_errors(self) -> bool:
        return (
            bool(self.errors)
            or any(c.has_errors for c in self.children)
            or any(r.has_errors for r in self.rows)
        )


@dataclass
class RowView:
    index: str
    fields: list[FieldView]
    errors: list[str] = dataclasses.field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return bool(self.errors) or any(f.has_errors for f in self.fields)


def _errors_at(errors: Mapping[str, Any], path: str) -> list[str]:
    return [str(m) for m in errors.get(path, [])]


def _display(value: Any) -> str:
    if value is None:
        return ""
    return str(value)


def _simple_view(item: FormField, path: str, value: Any, errors: Mapping[str, Any]) -> FieldView:
    return FieldView(
        field=item,
        name=PREFIX + path,
        input_id="f-" + path.replace(".", "-"),
        value=_display(value),
        errors=_errors_at(errors, path),
    )


def _row_view(item: FormField, index: str, row: Mapping[str, Any], errors: Mapping[str, Any]) -> RowView:
    path = f"{item.path}.{index}"
    fields = [
        _simple_view(child, f"{path}.{child.key}", row.get(child.key), errors) for child in item.children
    ]
    return RowView(index=index, fields=fields, errors=_errors_at(errors, path))


def field_views(
    schema: Mapping[str, Any],
    *,
    scenario_answers: Mapping[str, str],
    data: Mapping[str, Any],
    errors: Mapping[str, Any] | None = None,
    profile: Mapping[str, Any] | None = None,
    previous: Mapping[str, Any] | None = None,
    extra_rows: set[str] | None = None,
) -> list[FieldView]:
    """The applicable fields with what the draft holds, errors keyed by field path, and 上次填写 offers.

    ``profile`` gives the read-only values of ``x-profile`` fields; ``previous`` the answers of the
    applicant's previous application (offered where they differ from the current answer);
    ``extra_rows`` the repeating groups that get one more empty row (the no-JavaScript 添加一行).
    """
    errors, profile, previous, data = errors or {}, profile or {}, previous or {}, data or {}
    views: list[FieldView] = []
    for item in form_fields(schema, scenario_answers):
        value = data.get(item.key)
        if item.readonly:
            view = _simple_view(item, item.path, profile.get(item.profile, ""), errors)
        elif item.widget == "group":
            group = value if isinstance(value, Mapping) else {}
            view = FieldView(
                field=item,
                name=PREFIX + item.path,
                input_id="f-" + item.path,
                errors=_errors_at(errors, item.path),
            )
            view.children = [
                _simple_view(child, child.path, group.get(child.key), errors) for child in item.children
            ]
        elif item.widget == "repeat":
            rows = [r for r in value if isinstance(r, Mapping)] if isinstance(value, list) else []
            view = FieldView(
                field=item,
                name=PREFIX + item.path,
                input_id="f-" + item.path,
                errors=_errors_at(errors, item.path),
            )
            view.rows = [_row_view(item, str(i), row, errors) for i, row in enumerate(rows)]
            if not rows or item.key in (extra_rows or set()):
                view.rows.append(_row_view(item, str(len(rows)), {}, {}))
            view.template = _row_view(item, "__INDEX__", {}, {})
        else:
            view = _simple_view(item, item.path, value, errors)
            offered = previous.get(item.key)
            if offered not in (None, "") and _display(offered) != view.value:
                view.previous = _display(offered)
        views.append(view)
    return views


def errors_outside(errors: Mapping[str, Any], views: list[FieldView]) -> list[str]:
    """Messages whose path matches no rendered field (shown at the top of the form instead)."""
    shown: set[str] = set()

    def collect(view: FieldView) -> None:
        shown.add(view.name[len(PREFIX) :])
        for child in view.children:
            collect(child)
        for row in view.rows:
            shown.add(f"{view.name[len(PREFIX) :]}.{row.index}")
            for child in row.fields:
                collect(child)

    for view in views:
        collect(view)
    return [str(m) for path, messages in errors.items() if path not in shown for m in messages]
