"""``govhall runserver_banner``: print where the platform is and who can log in, then serve it (``make run``)."""

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "打印访问地址与演示账号，然后启动内置服务器（make run 使用）"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", default="8000")

    def handle(self, *args: Any, host: str, port: str, **options: Any) -> None:
        base = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}"  # noqa: S104
        lines = [
            "",
            f"  {settings.GOVHALL['SITE_NAME']} — govhall",
            f"  门户（公众）     {base}/",
            f"  工作台（工作人员） {base}/workbench/",
            f"  API 文档         {base}/api/docs/",
            f"  健康检查         {base}/healthz  {base}/readyz",
            f"  数据库           {settings.DATABASES['default']['NAME']}",
            "",
        ]
        from govhall.demo.accounts import DEMO_ACCOUNTS
        from govhall.identity.selectors import staff_usernames_existing

        present = staff_usernames_existing(usernames=[account.username for account in DEMO_ACCOUNTS])
        if present:
            lines.append("  演示账号（仅用于演示环境）:")
            for account in DEMO_ACCOUNTS:
                if account.username in present:
                    lines.append(
                        f"    {account.username:<15} 密码 {account.password:<18} "
                        f"{account.display_name}（{account.region_name}{account.role_label}）"
                    )
            lines.append("    工作台登录还需动态口令：另开终端运行 .venv/bin/govhall demo_totp <用户名>")
            lines.append("")
            from govhall.demo.people import DEMO_PEOPLE

            lines.append("  演示个人用户（门户 /account/login/，手机号码或身份证号码 + 同一密码）:")
            for person in DEMO_PEOPLE:
                lines.append(f"    {person.name}  {person.phone}  {person.id_number}  {person.level}")
            lines.append(f"    短信验证码见本地模拟器 {base}/simulators/sms/inbox")
            lines.append("")
        if host not in settings.ALLOWED_HOSTS and host not in ("0.0.0.0", "::"):  # noqa: S104
            lines.append(f"  注意：{host} 不在 GOVHALL_ALLOWED_HOSTS 中，请设置该环境变量。")
        self.stdout.write("\n".join(lines))
        _start_ticker()
        call_command("runserver", f"{host}:{port}", use_reloader=False)


def _start_ticker() -> None:
    """The embedded default needs no scheduler: a daemon thread runs the periodic steps
    (``supervision.periodic``: case tick, interaction and rating ticks, supervision scan, rollup)."""
    import os
    import threading
    import time

    from django.db import close_old_connections

    from govhall.supervision.periodic import periodic_run

    interval = max(30, int(os.environ.get("GOVHALL_TICK_SECONDS", "300")))

    def loop() -> None:
        while True:
            periodic_run()  # logs and survives a failing step; the next round retries it
            close_old_connections()
            time.sleep(interval)

    threading.Thread(target=loop, name="govhall-tick", daemon=True).start()
