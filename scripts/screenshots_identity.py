"""Screenshots of the identity pages for the README and docs/screenshots/ (issue 3, unified identity).

Needs a running demo server and Debian's Chromium (the same flags as the browser tests)::

    export GOVHALL_VAR_DIR=/tmp/govhall-shots
    .venv/bin/govhall migrate && PORT=8765 .venv/bin/govhall load_demo
    PORT=8765 .venv/bin/govhall runserver_banner --port 8765 &
    .venv/bin/python scripts/screenshots_identity.py --base http://127.0.0.1:8765

Run it on a freshly loaded demo database (林志远 must not have logged in with his certificate yet,
or 我的账号 shows L3 instead of L2). It logs in as the demo accounts (workbench codes from ``govhall demo_totp``), creates one staff
account without an authenticator (``docs_newstaff``, for the enrolment page) in that demo
database, and writes PNGs to docs/screenshots/ (desktop 1280×900, phone 390×844).
"""

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
GOVHALL = str(ROOT / ".venv" / "bin" / "govhall")
OUT = ROOT / "docs" / "screenshots"
PASSWORD = "Govhall-demo-2026"  # noqa: S105 — the published demo password (src/govhall/demo/accounts.py)
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
L3_ITEM = "0100100000263508020000001135080200010802X3"  # 企业设立登记, 新罗区: requires L3
NEW_STAFF = "docs_newstaff"


def govhall(*args: str) -> str:
    result = subprocess.run([GOVHALL, *args], capture_output=True, text=True)  # noqa: S603 — our own console script
    if result.returncode:
        sys.exit(f"govhall {args[0]} failed: {result.stderr.strip()}")
    return result.stdout.strip()


def shot(page: Page, name: str, *, full_page: bool = False) -> None:
    path = OUT / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    print(f"{path.relative_to(ROOT)}  {path.stat().st_size // 1024} KB")


def portal_login(page: Page, base: str, login_id: str) -> None:
    page.goto(f"{base}/account/login/")
    page.get_by_label("手机号码或身份证号码").fill(login_id)
    page.get_by_label("密码", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="登录", exact=True).click()
    page.wait_for_url(f"{base}/account/")


def workbench_login(page: Page, base: str, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{base}/workbench/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="下一步", exact=True).click()
    page.wait_for_url(f"{base}/workbench/login/*/")
    if page.url.endswith("/code/"):
        page.get_by_role("textbox", name="动态口令").fill(govhall("demo_totp", username))
        page.get_by_role("button", name="登录", exact=True).click()
        page.wait_for_url(f"{base}/workbench/")


def new_staff_ensure() -> None:
    """A staff account without an authenticator, so its first login shows the enrolment page."""
    code = (
        "from govhall.directory.models import Region\n"
        "from govhall.identity.services.staff import staff_upsert\n"
        f"staff_upsert(username={NEW_STAFF!r}, display_name='张新', region=Region.objects.get(code='350802000000'),"
        f" roles=['window_clerk'], password={PASSWORD!r})\n"
    )
    govhall("shell", "-c", code)


def run(base: str) -> None:
    chromium = os.environ.get("GOVHALL_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    OUT.mkdir(parents=True, exist_ok=True)
    new_staff_ensure()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)

        def context(phone: bool):
            if phone:
                return browser.new_context(
                    viewport=PHONE, locale="zh-CN", is_mobile=True, has_touch=True, device_scale_factor=2
                )
            return browser.new_context(viewport=DESKTOP, locale="zh-CN")

        # Portal login page and registration (desktop and phone).
        for phone in (False, True):
            suffix = "-phone" if phone else ""
            ctx = context(phone)
            page = ctx.new_page()
            page.goto(f"{base}/account/login/")
            shot(page, f"identity-login{suffix}")
            page.goto(f"{base}/account/register/")
            shot(page, f"identity-register{suffix}", full_page=not phone)
            ctx.close()

        # An L2 agent (林志远) acting for the demo enterprise: my account, then the apply gate on an L3 item.
        for phone in (False, True):
            suffix = "-phone" if phone else ""
            ctx = context(phone)
            page = ctx.new_page()
            portal_login(page, base, "13805910002")
            page.goto(f"{base}/enterprise/")
            page.get_by_role("button", name="以企业身份办事").first.click()
            page.wait_for_load_state()
            page.goto(f"{base}/account/")
            shot(page, f"identity-account-acting{suffix}", full_page=not phone)
            page.goto(f"{base}/items/{L3_ITEM}/apply/")
            shot(page, f"identity-apply-gate{suffix}")
            ctx.close()

        # Workbench: TOTP enrolment (a new staff member), the real-name service, the SSO client list.
        ctx = context(False)
        page = ctx.new_page()
        page.goto(f"{base}/workbench/login/")
        page.get_by_label("用户名").fill(NEW_STAFF)
        page.get_by_label("密码").fill(PASSWORD)
        page.get_by_role("button", name="下一步", exact=True).click()
        page.wait_for_url(f"{base}/workbench/login/enrol/")
        shot(page, "identity-workbench-totp-enrol", full_page=True)
        ctx.close()

        ctx = context(False)
        page = ctx.new_page()
        workbench_login(page, base, "xl_window")
        page.goto(f"{base}/workbench/identity/realname/")
        page.get_by_label("身份证号码").fill("35010219880412002X")
        page.get_by_role("button", name="查找").click()
        page.wait_for_load_state()
        shot(page, "identity-workbench-realname", full_page=True)
        ctx.close()

        ctx = context(False)
        page = ctx.new_page()
        workbench_login(page, base, "fj_operator")
        page.goto(f"{base}/workbench/sso/")
        shot(page, "identity-workbench-sso-clients", full_page=True)
        ctx.close()
        browser.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8765")
    run(parser.parse_args().base)
    sys.exit(0)
