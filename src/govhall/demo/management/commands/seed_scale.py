"""``govhall seed_scale --implementations N [--cases M]`` — tops the catalog up to N live implementations
(and, with ``--cases``, the case table up to M cases, ``cases.bulk``) for benchmarks.

Ensures the regions, departments, themes and real basic items exist (the loaders of
``load_demo``, without staff), then publishes the next implementations of a fixed order (the
real demo plan, then synthetic items) through ``implementations_publish_bulk``. Idempotent:
with N live implementations already present it adds none.
"""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from govhall.cases.bulk import cases_seed_bulk
from govhall.catalog.models import ImplementationStatus, ItemImplementation
from govhall.catalog.services.bulk import catalog_items_load_bulk, implementations_publish_bulk
from govhall.demo.forms import with_blank_forms
from govhall.demo.loaders import (
    DEMO_REASON,
    LEGACY_REASON,
    Lookups,
    load_basic_catalog,
    load_departments,
    load_regions,
    load_themes,
)
from govhall.demo.scale import seed_scale_plan

SCALE_REASON = "规模测试数据（seed_scale 生成）"


class Command(BaseCommand):
    help = "生成规模测试数据：补足到 N 个在用实施清单（默认 200000），可重复运行"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--implementations", type=int, default=200_000, help="目标在用实施清单数（默认 200000）"
        )
        parser.add_argument("--chunk-size", type=int, default=2000, help="每批写入的实施清单数")
        parser.add_argument("--cases", type=int, default=0, help="目标办件总数（默认 0：不生成办件）")
        parser.add_argument("--persons", type=int, default=2000, help="合成申请人数量（生成办件时）")
        parser.add_argument("--case-chunk-size", type=int, default=5000, help="每批写入的办件数")

    def handle(self, *args: Any, **options: Any) -> None:
        target = options["implementations"]
        if target < 0 or options["cases"] < 0:
            raise CommandError("--implementations 和 --cases 不能为负数")
        started = time.monotonic()
        say = self.stdout.write

        def elapsed() -> str:
            return f"{time.monotonic() - started:.1f} 秒"

        load_regions()
        load_departments()
        load_themes()
        load_basic_catalog()
        say(f"基础数据就绪（行政区划、部门、主题、基本目录）：{elapsed()}")
        live = ItemImplementation.objects.filter(
            status=ImplementationStatus.PUBLISHED, published_version__isnull=False
        ).count()
        need = target - live
        if need <= 0:
            say(self.style.SUCCESS(f"已有在用实施清单 {live} 个（目标 {target}），无需补充。"))
        else:
            self._implementations(need, live, options, say, elapsed)
        if options["cases"]:
            self._cases(options, say, elapsed)

    def _implementations(self, need: int, live: int, options: dict, say: Any, elapsed: Any) -> None:
        existing = set(ItemImplementation.objects.values_list("code", flat=True))
        plan = seed_scale_plan(count=need, existing_codes=existing)
        items, handling = catalog_items_load_bulk(rows=plan.items)
        say(f"待生成实施清单 {len(plan.rows)} 个；新增合成事项 {items}、业务办理项 {handling}：{elapsed()}")
        synthetic = {key: value for key, value in plan.element_sets.items() if key.startswith("S/")}
        real = {key: value for key, value in plan.element_sets.items() if key not in synthetic}
        element_sets = with_blank_forms(real) | with_blank_forms(synthetic, generic=True)
        lookups = Lookups.load()

        def progress(rows: int, created: int) -> None:
            say(f"  已发布 {created}/{need}（{elapsed()}）")

        normal = implementations_publish_bulk(
            rows=(lookups.row(p) for p in plan.rows if not p.legacy),
            element_sets=element_sets,
            reason=f"{SCALE_REASON}；{DEMO_REASON}",
            chunk_size=options["chunk_size"],
            progress=progress,
        )
        legacy = implementations_publish_bulk(
            rows=(lookups.row(p) for p in plan.rows if p.legacy),
            element_sets=element_sets,
            reason=LEGACY_REASON,
            for_submit=False,
        )
        created = normal.created + legacy.created
        say(
            self.style.SUCCESS(
                f"完成：新增 {created} 个，在用实施清单共 {live + created} 个，用时 {elapsed()}。"
            )
        )

    def _cases(self, options: dict, say: Any, elapsed: Any) -> None:
        target = options["cases"]

        def progress(done: int, need: int) -> None:
            say(f"  已生成办件 {done}/{need}（{elapsed()}）")

        result = cases_seed_bulk(
            target=target,
            persons=options["persons"],
            chunk_size=options["case_chunk_size"],
            progress=progress,
        )
        if not result.created:
            say(self.style.SUCCESS(f"已有办件 {result.existing} 件（目标 {target}），无需补充。"))
            return
        say(
            self.style.SUCCESS(
                f"完成：新增办件 {result.created} 件（新增申请人 {result.persons_created} 人），"
                f"办件共 {result.existing + result.created} 件，用时 {elapsed()}。"
            )
        )
