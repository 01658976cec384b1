"""``govhall consistency_report`` — print the consistency findings (一致性检查) and optionally export them."""

from collections import Counter
from pathlib import Path
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.core.management.base import BaseCommand, CommandError, CommandParser

from govhall.catalog.consistency import SEVERITY_LABELS, FindingKind, consistency_findings
from govhall.catalog.spreadsheet import findings_export
from govhall.directory.selectors import region_get


class Command(BaseCommand):
    help = "检查在用实施清单的一致性（各级时限、收费、材料，承诺与法定时限，流程、网办深度等），输出汇总并可导出 .xlsx"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("-o", "--output", default="", help="导出报告（.xlsx）")
        parser.add_argument("--region", default="", help="行政区划代码：只检查该区划及下级")
        parser.add_argument("--basic-code", default="", help="只检查该基本编码的事项")

    def handle(self, *args: Any, **options: Any) -> None:
        region = None
        if options["region"]:
            try:
                region = region_get(code=options["region"])
            except ObjectDoesNotExist as exc:
                raise CommandError(f"行政区划代码“{options['region']}”不存在") from exc
        findings = consistency_findings(region=region, basic_code=options["basic_code"] or None)
        counts = Counter(finding.kind for finding in findings)
        for kind, label in FindingKind.LABELS.items():
            if counts[kind]:
                severity = SEVERITY_LABELS[FindingKind.SEVERITY[kind]]
                self.stdout.write(f"[{severity}] {label}：{counts[kind]} 处")
        self.stdout.write(f"共发现 {len(findings)} 处问题")
        if options["output"]:
            output = Path(options["output"])
            output.write_bytes(findings_export(findings))
            self.stdout.write(f"报告已导出到 {output}")
