"""Writes to the basic catalog (基本目录), handling items and themes.

A change to a basic-catalog element is logged (what, who, when, why) and reaches every
implementation at once, because implementations read those elements from here. Never writes
implementation rows. Every change also writes an audit entry (``catalog.basic_item.*``,
``catalog.handling_item.created``, ``catalog.theme.saved``) in the same transaction.
"""

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from govhall.core.audit import AuditTarget, audit_record

from ..codes import basic_code_validate, handling_code_build
from ..models import CatalogItem, CatalogItemChange, HandlingItem, ItemImplementation, Theme
from ..search.indexer import search_index_refresh

EDITABLE_FIELDS = ("name", "legal_basis", "competent_department", "is_active")


@transaction.atomic
def catalog_item_create(
    *,
    code: str,
    name: str,
    item_type: str,
    legal_basis: str,
    parent: CatalogItem | None = None,
    competent_department: str = "",
    created_by: User | None = None,
) -> CatalogItem:
    code = basic_code_validate(code, item_type=item_type)
    if not name.strip():
        raise ValidationError({"name": "事项名称不能为空"})
    if not legal_basis.strip():
        raise ValidationError({"legal_basis": "设定依据不能为空"})
    if parent is not None and parent.item_type != item_type:
        raise ValidationError({"parent": "子项的事项类型必须与主项一致"})
    try:
        with transaction.atomic():
            item = CatalogItem.objects.create(
                code=code,
                name=name.strip(),
                item_type=item_type,
                legal_basis=legal_basis.strip(),
                parent=parent,
                competent_department=competent_department.strip(),
            )
    except IntegrityError as exc:
        raise ValidationError({"code": f"基本编码“{code}”已存在"}) from exc
    audit_record(
        actor=created_by,
        action="catalog.basic_item.created",
        target=_target(item),
        summary={"name": item.name, "item_type": item.item_type, "parent": parent.code if parent else None},
    )
    return item


def _target(item: CatalogItem) -> AuditTarget:
    return AuditTarget(type="catalog.catalogitem", id=str(item.pk), label=f"{item.name}（{item.code}）")


@transaction.atomic
def catalog_item_update(
    *, item: CatalogItem, changed_by: User | None, reason: str, **changes: object
) -> list[CatalogItemChange]:
    """Change inherited elements of a basic item; code and type are fixed once the item exists."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(f"基本目录的这些要素不能修改：{'、'.join(sorted(unknown))}")
    if not reason.strip():
        raise ValidationError({"reason": "请说明变更原因"})
    item = CatalogItem.objects.select_for_update().get(pk=item.pk)
    logged = []
    for field, value in changes.items():
        before = getattr(item, field)
        if isinstance(value, str):
            value = value.strip()
            if field in ("name", "legal_basis") and not value:
                raise ValidationError({field: "不能为空"})
        if before == value:
            continue
        setattr(item, field, value)
        logged.append(
            CatalogItemChange(
                catalog_item=item,
                field=field,
                before=str(before),
                after=str(value),
                reason=reason.strip(),
                changed_by=changed_by,
            )
        )
    if logged:
        item.save(update_fields=[change.field for change in logged] + ["updated_at"])
        CatalogItemChange.objects.bulk_create(logged)
        audit_record(
            actor=changed_by,
            action="catalog.basic_item.updated",
            target=_target(item),
            summary={change.field: {"before": change.before, "after": change.after} for change in logged},
            reason=reason.strip(),
        )
        search_index_refresh(
            ItemImplementation.objects.filter(catalog_item=item).values_list("pk", flat=True)
        )
    return logged


@transaction.atomic
def handling_item_create(*, catalog_item: CatalogItem, suffix: str, name: str) -> HandlingItem:
    code = handling_code_build(catalog_item.code, suffix)
    handling_item, created = HandlingItem.objects.get_or_create(
        code=code, defaults={"catalog_item": catalog_item, "name": name.strip()}
    )
    if not created and handling_item.name != name.strip():
        raise ValidationError({"code": f"业务办理项编码“{code}”已用于“{handling_item.name}”"})
    if created:
        audit_record(
            actor=None,
            action="catalog.handling_item.created",
            target=AuditTarget(type="catalog.handlingitem", id=str(handling_item.pk), label=code),
            summary={"catalog_item": catalog_item.code, "name": handling_item.name},
        )
    return handling_item


@transaction.atomic
def theme_upsert(*, code: str, name: str, audience: str, position: int = 0) -> Theme:
    values = {"name": name, "audience": audience, "position": position}
    before = Theme.objects.filter(code=code).values(*values).first()
    theme, _ = Theme.objects.update_or_create(code=code, defaults=values)
    if before != values:
        audit_record(
            actor=None,
            action="catalog.theme.saved",
            target=AuditTarget(type="catalog.theme", id=str(theme.pk), label=code),
            summary={"before": before, "after": values},
        )
    return theme
