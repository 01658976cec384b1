"""``govhall personal_data_rekey``: re-seal every registered personal-data column under the current key.

Key rotation (docs/security.md): put the new key first in ``GOVHALL_DATA_KEYS`` and keep the old
ones, restart, run this command, then remove the old keys. Each column registered with
``core.personal_data.sealed_column_register`` is walked in primary-key order, in batches (one
transaction each, rows locked while they are re-sealed); values already under the current key
are left alone, so the command is idempotent and can be interrupted and run again. Lookup
hashes do not change (they use the separate lookup key). One audit entry per column records the
counts — never a value.
"""

from dataclasses import dataclass

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Q

from govhall.core.audit import AuditTarget, audit_context_use, audit_record
from govhall.core.personal_data import SEALED_COLUMNS, SealedColumn, keyring, seal, sealed_key_id, unseal


@dataclass
class ColumnResult:
    total: int = 0
    resealed: int = 0
    already_current: int = 0


class Command(BaseCommand):
    help = "用当前数据密钥重新加密所有已登记的个人信息字段（密钥轮换后运行）。"

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500, help="每批处理的行数（默认 500）")

    def handle(self, *args, batch_size: int, **options):
        if batch_size < 1:
            raise CommandError("--batch-size 必须为正整数")
        current = keyring().current_id
        self.stdout.write(f"当前数据密钥：{current}；共 {len(SEALED_COLUMNS)} 个加密字段")
        with audit_context_use(channel="command"):
            for column in SEALED_COLUMNS:
                result = self._rekey_column(column, current, batch_size)
                audit_record(
                    actor=None,
                    actor_label="personal_data_rekey",
                    action="core.personal_data.rekeyed",
                    target=AuditTarget(
                        type="core.sealedcolumn",
                        id=f"{column.model_label}.{column.field}",
                        label=column.purpose,
                    ),
                    summary={
                        "key": current,
                        "rows": result.total,
                        "resealed": result.resealed,
                        "already_current": result.already_current,
                    },
                )
                self.stdout.write(
                    f"{column.model_label}.{column.field}：共 {result.total} 条，重新加密 {result.resealed} 条，"
                    f"已是当前密钥 {result.already_current} 条"
                )
        self.stdout.write(self.style.SUCCESS("重新加密完成：旧密钥现在可以从 GOVHALL_DATA_KEYS 中移除"))

    def _rekey_column(self, column: SealedColumn, current: str, batch_size: int) -> ColumnResult:
        model = apps.get_model(column.model_label)
        field = column.field
        sealed = model._default_manager.exclude(Q(**{f"{field}__isnull": True}) | Q(**{field: ""}))
        result = ColumnResult(total=sealed.count())
        last_pk = None
        done = 0
        while True:
            with transaction.atomic():
                batch = sealed.order_by("pk")
                if last_pk is not None:
                    batch = batch.filter(pk__gt=last_pk)
                rows = list(batch.select_for_update().values_list("pk", field)[:batch_size])
                if not rows:
                    break
                for pk, token in rows:
                    if sealed_key_id(token) == current:
                        result.already_current += 1
                        continue
                    try:
                        plain = unseal(token, purpose=column.purpose)
                    except Exception as exc:  # noqa: BLE001 - report which row, never the value
                        raise CommandError(
                            f"{column.model_label}.{field} 主键 {pk} 无法解密（密钥 {sealed_key_id(token)}）：{exc}"
                        ) from exc
                    model._default_manager.filter(pk=pk).update(
                        **{field: seal(plain, purpose=column.purpose)}
                    )
                    result.resealed += 1
                last_pk = rows[-1][0]
            done += len(rows)
            self.stdout.write(f"  {column.model_label}.{field}：{done}/{result.total}")
        return result
