"""``govhall hotline_client_create --name 龙岩12345 --region 350800``: register a 12345 hotline platform as an
API client and print its bearer token — once; only its SHA-256 is stored."""

from typing import Any

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.management.base import BaseCommand, CommandError

from govhall.core.audit import audit_context_use
from govhall.directory.selectors import region_get
from govhall.interaction.services.hotline import hotline_client_create


class Command(BaseCommand):
    help = "新建 12345 热线接入方并显示其令牌（仅显示一次）"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--name", required=True, help="接入方名称，如“龙岩市12345热线”")
        parser.add_argument(
            "--region", required=True, help="所属区划代码（未指定部门的工单由该区划的默认受理部门办理）"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            region = region_get(code=options["region"])
        except ObjectDoesNotExist as exc:
            raise CommandError(f"没有区划代码 {options['region']}") from exc
        try:
            with audit_context_use(channel="command"):
                issued = hotline_client_create(
                    actor=None, name=options["name"], region=region, actor_label="hotline_client_create"
                )
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from exc
        self.stdout.write(
            f"已新建接入方“{issued.client.name}”（{region.name}）。令牌（仅显示这一次，请妥善保存）："
        )
        self.stdout.write(issued.token)
