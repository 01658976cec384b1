"""``govhall import_items FILE --user USERNAME`` — import a filled-in item template into drafts."""

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from govhall.catalog.spreadsheet import items_import


class Command(BaseCommand):
    help = (
        "把统一的事项梳理模板导入为草稿（全部校验通过才写入，否则列出所有错误）；"
        "以 --user 指定的事项管理员身份、在其管理范围内导入。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="已填写的模板（.xlsx）")
        parser.add_argument("--user", required=True, help="执行导入的事项管理员用户名")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"文件不存在：{path}")
        try:
            user = get_user_model().objects.get(username=options["user"])
        except get_user_model().DoesNotExist as exc:
            raise CommandError(f"用户“{options['user']}”不存在") from exc
        try:
            with path.open("rb") as file:
                result = items_import(file=file, user=user, filename=path.name)
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from exc
        if not result.ok:
            for issue in result.errors:
                self.stderr.write(str(issue))
            raise CommandError(f"发现 {len(result.errors)} 处错误，未导入任何数据")
        for item in result.items:
            self.stdout.write(f"{item.outcome_label}\t{item.code}\t{item.name}")
        self.stdout.write(
            self.style.SUCCESS(
                f"导入完成：新增 {len(result.created)} 个，修订 {len(result.updated)} 个，无变化 {len(result.unchanged)} 个；"
                "草稿须提交审核后才会发布"
            )
        )
