"""``govhall licence_import --type SPJYXKZ --issuer <credit code> FILE`` — import existing licences.

All rows are checked first; any problem is listed (row by row) and nothing is written.
"""

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from govhall.core.audit import audit_context_use
from govhall.directory.models import Department
from govhall.directory.selectors import department_get
from govhall.licences.imports import licence_import, rows_from_file


class Command(BaseCommand):
    help = "从部门的 .xlsx 或 .csv 文件导入存量证照（全部核对无误才导入）"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", help=".xlsx 或 .csv 文件")
        parser.add_argument("--type", required=True, dest="type_code", help="证照类型代码，如 SPJYXKZ")
        parser.add_argument("--issuer", required=True, help="发证部门统一社会信用代码")
        parser.add_argument(
            "--base-url", default="", help="核验页面的站点地址，如 https://zwfw.fujian.gov.cn"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            department = department_get(credit_code=options["issuer"].strip().upper())
        except Department.DoesNotExist as exc:
            raise CommandError(f"没有统一社会信用代码为 {options['issuer']} 的部门") from exc
        try:
            rows = rows_from_file(path.name, path.read_bytes())
        except OSError as exc:
            raise CommandError(f"无法读取文件：{path}") from exc
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from exc
        with audit_context_use(channel="command"):
            report = licence_import(
                actor=None,
                type_code=options["type_code"],
                issuer=department,
                rows=rows,
                base_url=options["base_url"],
            )
        if not report.ok:
            lines = [f"第 {p.row} 行：{p.message}" for p in report.problems]
            raise CommandError("未导入任何证照：\n" + "\n".join(lines))
        self.stdout.write(f"已导入 {len(report.created)} 份证照")
