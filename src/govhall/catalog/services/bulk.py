"""Bulk publishing of implementations (实施清单) — the trusted loader path.

Used by ``govhall load_demo``, ``govhall seed_scale`` and operators' bulk loads of lists that
were already reviewed elsewhere (e.g. a legacy catalog being migrated). Every implementation is
created directly with a published version 1 (``status=published``, ``published_version`` set)
together with its materials, steps, fees and themes, and an ``ImplementationEvent`` with
``action="imported"`` records who loaded it and why — there is no draft/review cycle and no
scope check, so this must never be reachable from a public endpoint or a manager's form.

Guide elements are still validated through ``elements_clean`` — once per distinct element set
(and once per distinct set of local elements: window, hours, phones), never per row, which is
what lets 200,000 rows load in minutes. ``for_submit=False`` admits legacy data that breaks a
submit rule (e.g. a promised limit above the statutory one) so that the consistency report can
flag it; malformed values are refused either way. A material row may name files already in
storage (``template_file``, ``sample_file``); they are carried over as they are.

Each created implementation also gets an audit entry (``catalog.implementation.imported``),
written per chunk with one ``audit_record_many`` in the chunk's transaction; the basic-item
loader does the same (``catalog.basic_item.created``).

Rows whose implementation code already exists are skipped, so a load can simply be re-run.
Writes go in chunks with ``bulk_create``, one transaction per chunk, and the search index is
refreshed for each chunk inside that transaction.

``catalog_items_load_bulk`` is the matching loader for basic-catalog items and their handling
items: it creates the missing ones (codes validated like ``catalog_item_create``) and never
changes an existing item — changes to inherited elements go through ``catalog_item_update``,
which logs them.
"""

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, TypeVar

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import connections, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from govhall.core.audit import AuditItem, AuditTarget, audit_record_many
from govhall.directory.models import Department, Region

from ..codes import basic_code_validate, handling_code_build, implementation_code_build
from ..elements import FORM_ELEMENT_LABELS, SCALAR_ELEMENTS, elements_clean
from ..models import (
    CatalogItem,
    Fee,
    HandlingItem,
    ImplementationEvent,
    ImplementationStatus,
    ImplementationVersion,
    ItemImplementation,
    ItemType,
    Material,
    ProcessStep,
    Theme,
    VersionState,
)
from ..search.indexer import search_index_refresh

# Elements that differ per implementing department (its hall, hours and phones) and carry no
# cross-element rule, so they may be validated apart from the rest of the element set.
LOCAL_ELEMENTS = ("service_location", "service_hours", "consult_phone", "complaint_phone")

T = TypeVar("T")


@dataclass(frozen=True)
class BulkImplementation:
    """One implementation to publish: which item, by whom, and which element set it uses."""

    catalog_item: CatalogItem
    department: Department
    elements_key: str
    handling_item: HandlingItem | None = None
    local: tuple[tuple[str, str], ...] = ()
    popularity: int = 0


@dataclass
class BulkResult:
    created_ids: list[int] = field(default_factory=list)
    skipped: int = 0

    @property
    def created(self) -> int:
        return len(self.created_ids)


@dataclass
class _Prepared:
    """Validated element sets and lookups, filled lazily as rows use them."""

    element_sets: Mapping[str, dict[str, Any]]
    for_submit: bool
    cleaned: dict[str, dict[str, Any]] = field(default_factory=dict)
    locals: dict[tuple[tuple[str, str], ...], dict[str, Any]] = field(default_factory=dict)
    theme_ids: dict[str, list[int]] = field(default_factory=dict)
    prerequisite_ids: dict[str, list[int]] = field(default_factory=dict)
    co_department_ids: dict[str, list[int]] = field(default_factory=dict)
    region_codes: dict[int, str] = field(default_factory=dict)

    def elements(self, key: str) -> dict[str, Any]:
        if key not in self.cleaned:
            if key not in self.element_sets:
                raise ValidationError(f"未提供要素集“{key}”", code="unknown_element_set")
            try:
                cleaned = elements_clean(self.element_sets[key], for_submit=self.for_submit)
            except ValidationError as exc:
                raise ValidationError(
                    {f"{key}.{name}": messages for name, messages in exc.message_dict.items()},
                    code="invalid_elements",
                ) from exc
            self.theme_ids[key] = _ids_for(Theme, cleaned["themes"], "未知主题")
            self.prerequisite_ids[key] = _ids_for(
                CatalogItem, cleaned["prerequisites"], "前置审批事项的基本编码不存在"
            )
            self.co_department_ids[key] = list(
                Department.objects.filter(credit_code__in=cleaned["co_departments"]).values_list(
                    "pk", flat=True
                )
            )
            # Files already in storage (blank form, filled sample) are carried over by name, as drafts do.
            for row, raw in zip(
                cleaned["materials"], self.element_sets[key].get("materials") or [], strict=True
            ):
                row["template_file"] = raw.get("template_file") or ""
                row["sample_file"] = raw.get("sample_file") or ""
            self.cleaned[key] = cleaned
        return self.cleaned[key]

    def local_elements(self, local: tuple[tuple[str, str], ...]) -> dict[str, Any]:
        if local not in self.locals:
            unknown = {name for name, _ in local} - set(LOCAL_ELEMENTS)
            if unknown:
                raise ValidationError(
                    f"这些要素不能按实施主体单独设置：{'、'.join(sorted(unknown))}",
                    code="invalid_local_elements",
                )
            cleaned = elements_clean(dict(local))
            self.locals[local] = {name: cleaned[name] for name, _ in local}
        return self.locals[local]


def _ids_for(model: type[Theme] | type[CatalogItem], codes: list[str], message: str) -> list[int]:
    ids = dict(model.objects.filter(code__in=codes).values_list("code", "pk"))
    missing = sorted(set(codes) - set(ids))
    if missing:
        raise ValidationError(f"{message}：{'、'.join(missing)}", code="unknown_code")
    return [ids[code] for code in codes]


def implementations_publish_bulk(
    *,
    rows: Iterable[BulkImplementation],
    element_sets: Mapping[str, dict[str, Any]],
    reason: str,
    actor: AbstractBaseUser | None = None,
    for_submit: bool = True,
    chunk_size: int = 2000,
    progress: Callable[[int, int], None] | None = None,
) -> BulkResult:
    """Publish many implementations at once; returns the ids created and how many rows were skipped.

    ``element_sets`` maps each row's ``elements_key`` to a full set of guide elements (the
    input of ``elements_clean``); a row's ``local`` pairs override the elements in
    ``LOCAL_ELEMENTS``. ``progress(rows_seen, created)`` is called after every chunk.
    """
    if not reason.strip():
        raise ValidationError({"reason": "请说明导入原因"})
    prepared = _Prepared(element_sets=element_sets, for_submit=for_submit)
    result, seen, rows_seen = BulkResult(), set(), 0
    for chunk in _chunks(iter(rows), chunk_size):
        rows_seen += len(chunk)
        coded = []
        for row in chunk:
            code = _code_for(row, prepared)
            if code in seen:
                result.skipped += 1
                continue
            seen.add(code)
            coded.append((code, row))
        existing = set(
            ItemImplementation.objects.filter(code__in=[code for code, _ in coded]).values_list(
                "code", flat=True
            )
        )
        fresh = [(code, row) for code, row in coded if code not in existing]
        result.skipped += len(coded) - len(fresh)
        if fresh:
            result.created_ids.extend(_publish_chunk(fresh, prepared, actor=actor, reason=reason.strip()))
        if progress is not None:
            progress(rows_seen, result.created)
    return result


def _chunks(rows: Iterator[T], size: int) -> Iterator[list[T]]:
    while chunk := list(islice(rows, size)):
        yield chunk


def _code_for(row: BulkImplementation, prepared: _Prepared) -> str:
    prepared.elements(row.elements_key)
    prepared.local_elements(row.local)
    item, handling = row.catalog_item, row.handling_item
    if not item.is_active:
        raise ValidationError({"catalog_item": f"基本目录事项“{item.name}”已失效"})
    if handling is not None and handling.catalog_item_id != item.pk:
        raise ValidationError({"handling_item": f"业务办理项“{handling.name}”不属于“{item.name}”"})
    region_id = row.department.region_id
    if region_id not in prepared.region_codes:
        prepared.region_codes.update(Region.objects.filter(pk=region_id).values_list("pk", "code"))
    return implementation_code_build(
        basic_code=item.code,
        region_code=prepared.region_codes[region_id],
        credit_code=row.department.credit_code,
        handling_code=handling.code if handling else None,
    )


class _RowTemplates:
    """Database-ready rows per element set, prepared once and reused for every implementation using it.

    ``bulk_create`` would build a model instance and prepare every field of every row; the
    versions, materials, steps, fees and theme links of one element set are identical apart
    from their foreign key, so they are prepared once (``get_db_prep_save``, per backend) and
    inserted with ``executemany``. Implementations themselves go through ``bulk_create``.
    """

    def __init__(self, prepared: _Prepared, *, actor: AbstractBaseUser | None, reason: str, now: Any) -> None:
        self.prepared, self.connection = prepared, connections[ItemImplementation.objects.db]
        self.fixed_version = {
            "number": 1,
            "state": VersionState.PUBLISHED,
            "change_reason": reason,
            "changes": [],
            "review_comment": "",
            "created_by_id": actor and actor.pk,
            "submitted_by_id": actor and actor.pk,
            "reviewed_by_id": actor and actor.pk,
            "submitted_at": now,
            "reviewed_at": now,
            "published_at": now,
            "created_at": now,
        }
        self.event = {
            "action": ImplementationEvent.Action.IMPORTED,
            "actor_id": actor and actor.pk,
            "reason": reason,
            "at": now,
        }
        self.versions: dict[str, list[Any]] = {}
        self.children: dict[str, dict[type, list[tuple[Any, ...]]]] = {}
        self.locals: dict[tuple[tuple[str, str], ...], list[tuple[int, Any]]] = {}
        self._columns: dict[type, list[Any]] = {}
        self.version_fk = self._index(ImplementationVersion, "implementation_id")

    def columns(self, model: type) -> list[Any]:
        if model not in self._columns:
            self._columns[model] = [
                f
                for f in model._meta.local_concrete_fields  # type: ignore[attr-defined]
                if not f.primary_key
            ]
        return self._columns[model]

    def prepare(self, model: type, values: dict[str, Any]) -> list[Any]:
        """One row of ``model`` in column order; ``None`` stands for the foreign key filled in per row."""
        row = []
        for column in self.columns(model):
            value = values[column.attname] if column.attname in values else column.get_default()
            row.append(None if value is _PER_ROW else column.get_db_prep_save(value, self.connection))
        return row

    def version_row(self, key: str, local: tuple[tuple[str, str], ...], implementation_id: int) -> tuple:
        if key not in self.versions:
            cleaned = self.prepared.cleaned[key]
            scalars = {element.name: cleaned[element.name] for element in SCALAR_ELEMENTS} | {
                name: cleaned[name] for name in FORM_ELEMENT_LABELS if name != "co_departments"
            }
            self.versions[key] = self.prepare(
                ImplementationVersion, {**scalars, **self.fixed_version, "implementation_id": _PER_ROW}
            )
        if local not in self.locals:
            names = [c.attname for c in self.columns(ImplementationVersion)]
            values = self.prepared.locals[local]
            self.locals[local] = [(names.index(name), value) for name, value in values.items()]
        row = list(self.versions[key])
        row[self.version_fk] = implementation_id
        for index, value in self.locals[local]:
            row[index] = value
        return tuple(row)

    def child_rows(self, key: str) -> dict[type, list[tuple[Any, ...]]]:
        """Materials, steps, fees and links of an element set, with ``None`` for the version id."""
        if key not in self.children:
            cleaned, prepared = self.prepared.cleaned[key], self.prepared
            self.children[key] = {
                Material: [
                    tuple(self.prepare(Material, {**m, "position": n, "version_id": _PER_ROW}))
                    for n, m in enumerate(cleaned["materials"], 1)
                ],
                ProcessStep: [
                    tuple(self.prepare(ProcessStep, {**s, "position": n, "version_id": _PER_ROW}))
                    for n, s in enumerate(cleaned["steps"], 1)
                ],
                Fee: [
                    tuple(self.prepare(Fee, {**f, "position": n, "version_id": _PER_ROW}))
                    for n, f in enumerate(cleaned["fees"], 1)
                ],
                THEME_LINK: [(None, theme_id) for theme_id in prepared.theme_ids[key]],
                PREREQUISITE_LINK: [(None, item_id) for item_id in prepared.prerequisite_ids[key]],
                CO_DEPARTMENT_LINK: [(None, pk) for pk in prepared.co_department_ids[key]],
            }
        return self.children[key]

    def _index(self, model: type, attname: str) -> int:
        return [c.attname for c in self.columns(model)].index(attname)

    def insert(self, model: type, rows: list[tuple[Any, ...]], columns: list[str] | None = None) -> None:
        if not rows:
            return
        quote = self.connection.ops.quote_name
        names = columns or [c.column for c in self.columns(model)]
        table = quote(model._meta.db_table)  # type: ignore[attr-defined]
        # Table and column names come from the models' metadata, never from input; values are parameters.
        sql = f"INSERT INTO {table} ({', '.join(quote(n) for n in names)}) VALUES ({', '.join(['%s'] * len(names))})"  # noqa: S608
        with self.connection.cursor() as cursor:
            cursor.executemany(sql, rows)


_PER_ROW = object()
THEME_LINK = ImplementationVersion.themes.through
PREREQUISITE_LINK = ImplementationVersion.prerequisites.through
CO_DEPARTMENT_LINK = ImplementationVersion.co_departments.through


def _with_fk(rows: list[tuple[Any, ...]], index: int, value: int) -> list[tuple[Any, ...]]:
    return [row[:index] + (value,) + row[index + 1 :] for row in rows]


@transaction.atomic
def _publish_chunk(
    rows: list[tuple[str, BulkImplementation]],
    prepared: _Prepared,
    *,
    actor: AbstractBaseUser | None,
    reason: str,
) -> list[int]:
    templates = _RowTemplates(prepared, actor=actor, reason=reason, now=timezone.now())
    implementations = ItemImplementation.objects.bulk_create(
        ItemImplementation(
            code=code,
            catalog_item_id=row.catalog_item.pk,
            handling_item_id=row.handling_item.pk if row.handling_item else None,
            region_id=row.department.region_id,
            department_id=row.department.pk,
            status=ImplementationStatus.PUBLISHED,
            popularity=row.popularity,
        )
        for code, row in rows
    )
    ids = [implementation.pk for implementation in implementations]
    templates.insert(
        ImplementationVersion,
        [
            templates.version_row(row.elements_key, row.local, pk)
            for pk, (_, row) in zip(ids, rows, strict=True)
        ],
    )
    version_ids = dict(
        ImplementationVersion.objects.filter(implementation_id__in=ids, number=1).values_list(
            "implementation_id", "pk"
        )
    )
    children: dict[type, list[tuple[Any, ...]]] = {model: [] for model in (Material, ProcessStep, Fee)}
    links: dict[type, list[tuple[Any, ...]]] = {THEME_LINK: [], PREREQUISITE_LINK: [], CO_DEPARTMENT_LINK: []}
    version_fk = {model: templates._index(model, "version_id") for model in children}
    for pk, (_, row) in zip(ids, rows, strict=True):
        for model, template_rows in templates.child_rows(row.elements_key).items():
            if model in children:
                children[model] += _with_fk(template_rows, version_fk[model], version_ids[pk])
            else:
                links[model] += [(version_ids[pk], target) for _, target in template_rows]
    for model, model_rows in children.items():
        templates.insert(model, model_rows)
    templates.insert(THEME_LINK, links[THEME_LINK], ["implementationversion_id", "theme_id"])
    templates.insert(
        PREREQUISITE_LINK, links[PREREQUISITE_LINK], ["implementationversion_id", "catalogitem_id"]
    )
    templates.insert(
        CO_DEPARTMENT_LINK, links[CO_DEPARTMENT_LINK], ["implementationversion_id", "department_id"]
    )
    ItemImplementation.objects.filter(pk__in=ids).update(
        published_version=Subquery(
            ImplementationVersion.objects.filter(implementation=OuterRef("pk"), number=1).values("pk")[:1]
        )
    )
    event = templates.prepare(
        ImplementationEvent, {**templates.event, "implementation_id": _PER_ROW, "version_id": _PER_ROW}
    )
    names = [c.attname for c in templates.columns(ImplementationEvent)]
    events = []
    for pk in ids:
        event[names.index("implementation_id")], event[names.index("version_id")] = pk, version_ids[pk]
        events.append(tuple(event))
    templates.insert(ImplementationEvent, events)
    audit_record_many(
        actor=actor,
        items=(
            AuditItem(
                "catalog.implementation.imported",
                AuditTarget(type="catalog.itemimplementation", id=str(pk), label=code),
                {"version": 1, "state": "published", "elements": row.elements_key},
                reason,
            )
            for pk, (code, row) in zip(ids, rows, strict=True)
        ),
    )
    search_index_refresh(ids)
    return ids


@dataclass(frozen=True)
class BasicItemRow:
    """A basic-catalog item with its handling items as ``(suffix, name)`` pairs."""

    code: str
    name: str
    item_type: str
    legal_basis: str
    competent_department: str = ""
    handling: tuple[tuple[str, str], ...] = ()


@transaction.atomic
def catalog_items_load_bulk(*, rows: Iterable[BasicItemRow], chunk_size: int = 2000) -> tuple[int, int]:
    """Create the basic items and handling items that do not exist yet; returns (items, handling items) created."""
    items_created = handling_created = 0
    for chunk in _chunks(iter(rows), chunk_size):
        new_items = []
        for row in chunk:
            code = basic_code_validate(row.code, item_type=row.item_type)
            if not row.name.strip() or not row.legal_basis.strip():
                raise ValidationError(f"基本目录事项“{code}”的名称和设定依据不能为空", code="incomplete_item")
            new_items.append(
                CatalogItem(
                    code=code,
                    name=row.name.strip(),
                    item_type=ItemType(row.item_type),
                    legal_basis=row.legal_basis.strip(),
                    competent_department=row.competent_department.strip(),
                )
            )
        existing = set(
            CatalogItem.objects.filter(code__in=[item.code for item in new_items]).values_list(
                "code", flat=True
            )
        )
        created = CatalogItem.objects.bulk_create([item for item in new_items if item.code not in existing])
        items_created += len(created)
        created_ids = CatalogItem.objects.filter(code__in=[item.code for item in created]).values_list(
            "code", "pk"
        )
        names = {item.code: item.name for item in created}
        audit_record_many(
            actor=None,
            items=(
                AuditItem(
                    "catalog.basic_item.created",
                    AuditTarget(type="catalog.catalogitem", id=str(pk), label=f"{names[code]}（{code}）"),
                    {"name": names[code], "loaded_in_bulk": True},
                )
                for code, pk in created_ids
            ),
        )
        by_code = CatalogItem.objects.in_bulk([row.code for row in chunk], field_name="code")
        handling = [
            HandlingItem(
                catalog_item=by_code[row.code], code=handling_code_build(row.code, suffix), name=name.strip()
            )
            for row in chunk
            for suffix, name in row.handling
        ]
        known = set(
            HandlingItem.objects.filter(code__in=[h.code for h in handling]).values_list("code", flat=True)
        )
        handling_created += len(
            HandlingItem.objects.bulk_create([h for h in handling if h.code not in known])
        )
    return items_created, handling_created
