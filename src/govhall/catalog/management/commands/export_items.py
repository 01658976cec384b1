"""``govhall export_items`` — export implementations to the unified item template (.xlsx)."""

from pathlib import Path
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.core.management.base import BaseCommand, CommandError, CommandParser

from govhall.catalog.spreadsheet import (
    EXPORT_STATUS_CHOICES,
    implementations_exportable,
    implementations_for_export,
    items_export,
)
from govhall.directory.selectors import region_get


class Command(BaseCommand):
    help = "导出实施清单到统一的事项梳理模板（.xlsx）；不带筛选条件时导出全部，结果为空时即空白模板。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("-o", "--output", required=True, help="输出文件（.xlsx）")
        parser.add_argument("--region", default="", help="行政区划代码：导出该区划及下级的事项")
        parser.add_argument("--basic-code", default="", help="基本编码")
        parser.add_argument(
            "--status",
            action="append",
            default=[],
            choices=[code for code, _ in EXPORT_STATUS_CHOICES],
            help="事项状态，可重复；默认不限",
        )
        parser.add_argument("--drafts", action="store_true", help="有未发布的草稿或待审核版本时导出该版本")

    def handle(self, *args: Any, **options: Any) -> None:
        region_path = ""
        if options["region"]:
            try:
                region_path = region_get(code=options["region"]).path
            except ObjectDoesNotExist as exc:
                raise CommandError(f"行政区划代码“{options['region']}”不存在") from exc
        implementations = implementations_for_export(
            region_path=region_path, basic_code=options["basic_code"], statuses=options["status"]
        )
        content = items_export(implementations_queryset=implementations, include_drafts=options["drafts"])
        output = Path(options["output"])
        output.write_bytes(content)
        count = implementations_exportable(implementations, options["drafts"]).count()
        self.stdout.write(f"已导出 {count} 个实施清单到 {output}")
