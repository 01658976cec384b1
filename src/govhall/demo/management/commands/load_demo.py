"""``govhall load_demo`` — Fujian's regions and departments, themes, ~45 real items with thousands of
implementations, and the demo staff accounts. Idempotent: a second run loads nothing twice."""

import time
from typing import Any

from django.core.management.base import BaseCommand

from govhall.catalog.models import CatalogItem, HandlingItem, ItemImplementation, Theme
from govhall.demo.accounts import DEMO_ACCOUNTS
from govhall.demo.bundles import bundles_demo_load
from govhall.demo.enterprises import load_enterprises
from govhall.demo.interaction import interaction_demo_load
from govhall.demo.licences import licences_demo_load
from govhall.demo.loaders import (
    load_basic_catalog,
    load_demo_implementations,
    load_departments,
    load_regions,
    load_staff,
    load_themes,
)
from govhall.demo.people import load_people
from govhall.demo.ratings import ratings_demo_load
from govhall.demo.rollup import rollup_demo_load
from govhall.demo.sso import load_sso
from govhall.demo.supervision import supervision_demo_load
from govhall.demo.surveys import surveys_demo_load
from govhall.directory.models import Department, Region


class Command(BaseCommand):
    help = "载入演示数据：福建省行政区划与部门、主题、真实事项及其实施清单、演示工作人员账号（可重复运行）"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--no-staff", action="store_true", help="不创建演示工作人员账号")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        say = self.stdout.write

        regions = load_regions()
        say(f"行政区划：新增 {regions.created}，更新 {regions.updated}，未变 {regions.unchanged}")
        departments = load_departments()
        say(f"部门：新增 {departments.created}，更新 {departments.updated}，未变 {departments.unchanged}")
        say(f"主题：新增 {load_themes()}")
        items, handling = load_basic_catalog()
        say(f"基本目录：新增事项 {items}，业务办理项 {handling}")

        def progress(rows: int, created: int) -> None:
            say(f"  实施清单：已处理 {rows}，新增 {created}（{time.monotonic() - started:.1f} 秒）")

        result = load_demo_implementations(progress=progress)
        say(f"实施清单：新增 {result.created}，已存在 {result.skipped}")
        if not options["no_staff"]:
            say(f"演示账号：新增 {load_staff()}")
            say(f"演示个人用户：新增 {load_people()}（密码同上，可用手机号码或身份证号码登录）")
            say(f"演示企业与经办人授权：新增 {load_enterprises()}（数字证书见 var/demo-ca/）")
            say(
                f"演示单点登录（接入系统、模拟国家平台）：新增 {load_sso()}（密钥见 var/demo-sso-client.json）"
            )
            say(f"电子证照类型与演示证照：新增 {licences_demo_load()}")
            say(f"意见征集、在线调查、问题与建议：新增 {surveys_demo_load()}")
            say(
                f"咨询投诉与12345热线接入方：新增 {interaction_demo_load()}（热线令牌见 var/demo-hotline-client.json）"
            )
        say(f"一件事（开办餐饮店等）：新增 {bundles_demo_load()}")
        say(f"好差评（演示评价、差评整改、评价器）：新增评价 {ratings_demo_load()}")
        say(f"电子监察（预警规则、超期演示办件、红黄牌）：新增 {supervision_demo_load()}")
        say(f"监察指标汇总（看板的办件日统计）：写入 {rollup_demo_load()} 行")

        say(
            self.style.SUCCESS(
                f"完成（{time.monotonic() - started:.1f} 秒）。库中现有：行政区划 {Region.objects.count()}，"
                f"部门 {Department.objects.count()}，主题 {Theme.objects.count()}，基本目录事项 {CatalogItem.objects.count()}，"
                f"业务办理项 {HandlingItem.objects.count()}，实施清单 {ItemImplementation.objects.count()}"
            )
        )
        if not options["no_staff"]:
            say(
                "演示账号（密码均为 {}）：{}".format(
                    DEMO_ACCOUNTS[0].password,
                    "、".join(f"{a.username}（{a.region_name}{a.role_label}）" for a in DEMO_ACCOUNTS),
                )
            )
