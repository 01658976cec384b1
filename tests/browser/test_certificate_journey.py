"""End-to-end in Chromium: certificates signed in the browser with WebCrypto (``portal/certificate.js``).

The certificate and the PKCS#8 private key are chosen through the page's file inputs; the page signs
the challenge itself and posts only the certificate and the signature. A fresh test CA is the only
trust anchor (``GOVHALL["CA_CERTIFICATES"]``), so the server verifies exactly as in production.

A. An L2 person binds their certificate (my account shows L3), logs out, and logs in with the
   certificate alone (an L3 session, method 数字证书).
B. The representative registers the enterprise with its certificate and authorises an agent for all
   items; the agent logs in, acts for the enterprise, sees it named on an item's 在线办理 page, and
   the audit trail records the agent acting on behalf of the enterprise.

No page of either journey may break the Content-Security-Policy.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from playwright.sync_api import expect

from govhall.core.models import AuditEntry
from govhall.identity.certificate_authority import Issued, certificate_pem, private_key_pem
from govhall.identity.models import AgentMandate, AssuranceLevel, Enterprise, Person
from tests.factories import build_world
from tests.identity.certificates.pki import (
    ENTERPRISE_CODE,
    LI_ID,
    ZHANG_ID,
    person_make,
    pki,  # noqa: F401 - fixture
)

from .test_csp import watch

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Minxi-Hakka-2026"
ENTERPRISE_NAME = "龙岩闽西食品有限公司"
SIGNING_TIMEOUT = 20_000  # ms: WebCrypto key import and signing on a loaded 2-core CI machine


@pytest.fixture(autouse=True)
def clean_rate_limits():
    cache.clear()
    yield
    cache.clear()


def person_with_password(*, name: str, id_number: str, phone: str) -> Person:
    person = person_make(name=name, id_number=id_number, level=AssuranceLevel.L2, phone=phone)
    person.user.set_password(PASSWORD)
    person.user.save(update_fields=["password"])
    return person


def files_write(directory: Path, stem: str, issued: Issued) -> tuple[Path, Path]:
    cert_path = directory / f"{stem}.cert.pem"
    key_path = directory / f"{stem}.key.pem"
    cert_path.write_text(certificate_pem(issued.certificate))
    key_path.write_text(private_key_pem(issued.key))
    return cert_path, key_path


def record_posts(page) -> list[str]:
    """The bodies of every POST the page sends (to prove the private key never leaves the browser)."""
    bodies: list[str] = []
    page.on(
        "request",
        lambda request: bodies.append(request.post_data or "") if request.method == "POST" else None,
    )
    return bodies


def sign_in_browser(page, cert_path: Path, key_path: Path) -> None:
    """Choose the certificate, then the key: certificate.js signs the challenge on the page."""
    status = page.locator("[data-signer-status]")
    page.get_by_label("证书文件（.cert.pem）").set_input_files(str(cert_path))
    expect(status).to_have_text("已读取证书。请选择私钥文件完成签名。", timeout=SIGNING_TIMEOUT)
    page.get_by_label("私钥文件（.key.pem，PKCS#8）").set_input_files(str(key_path))
    expect(status).to_have_text("已在本机完成签名，请点击下方按钮提交。", timeout=SIGNING_TIMEOUT)
    expect(page.locator("[data-signature]")).not_to_have_value("")


def sign_before_script_runs(page, url: str, cert_path: Path, key_path: Path) -> None:
    """A slow connection: both files are chosen before certificate.js arrives; it must still sign."""
    held = []
    page.route("**/portal/certificate*.js", lambda route: held.append(route))
    page.goto(url, wait_until="commit")
    page.get_by_label("证书文件（.cert.pem）").set_input_files(str(cert_path))
    page.get_by_label("私钥文件（.key.pem，PKCS#8）").set_input_files(str(key_path))
    while not held:
        page.wait_for_timeout(20)
    assert page.locator("[data-signature]").input_value() == ""  # nothing ran yet
    held[0].continue_()
    page.unroute("**/portal/certificate*.js")
    expect(page.locator("[data-signer-status]")).to_have_text(
        "已在本机完成签名，请点击下方按钮提交。", timeout=SIGNING_TIMEOUT
    )
    expect(page.locator("[data-certificate]")).to_have_value(certificate_pem_of(cert_path))


def certificate_pem_of(path: Path) -> str:
    return path.read_text().strip()


def password_log_in(page, base: str, login_id: str) -> None:
    page.goto(f"{base}/account/login/")
    page.get_by_label("手机号码或身份证号码").fill(login_id)
    page.get_by_label("密码", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="登录", exact=True).click()
    page.wait_for_url(f"{base}/account/")


def log_out(page, base: str) -> None:
    page.get_by_role("navigation", name="账号").get_by_role("button", name="退出").click()
    page.wait_for_url(f"{base}/")


def test_bind_certificate_then_log_in_with_it_alone(live_server, page, pki, tmp_path):  # noqa: F811
    base = live_server.url
    violations = watch(page)
    posts = record_posts(page)
    person = person_with_password(name="张建国", id_number=ZHANG_ID, phone="13905970001")
    issued = pki.issue(kind="person", name="张建国", serial=ZHANG_ID, key_type="rsa")
    cert_path, key_path = files_write(tmp_path, "zhang", issued)

    password_log_in(page, base, "13905970001")
    expect(page.get_by_test_id("level")).to_have_text("二级（实名核验）")
    page.get_by_role("link", name="绑定数字证书").click()
    expect(page.get_by_role("heading", name="绑定数字证书")).to_be_visible()
    sign_in_browser(page, cert_path, key_path)
    page.get_by_role("button", name="签名并绑定").click()

    page.wait_for_url(f"{base}/account/")
    expect(page.get_by_text("数字证书已绑定，您的账号已提升为三级（数字证书）。")).to_be_visible()
    expect(page.get_by_test_id("level")).to_have_text("三级（数字证书）")
    person.refresh_from_db()
    assert person.level == AssuranceLevel.L3

    log_out(page, base)
    sign_before_script_runs(page, f"{base}/enterprise/certificate/login/", cert_path, key_path)
    expect(page.get_by_role("heading", name="数字证书登录")).to_be_visible()
    page.get_by_role("button", name="签名并登录").click()

    page.wait_for_url(f"{base}/account/")
    expect(page.get_by_text("已使用数字证书登录，本次登录为三级（数字证书）认证。")).to_be_visible()
    expect(page.get_by_test_id("level")).to_have_text("三级（数字证书）")
    expect(page.get_by_text("本次登录方式：数字证书（三级（数字证书））。")).to_be_visible()
    login = AuditEntry.objects.filter(action="identity.login", actor=person.user).latest("sequence")
    assert login.summary == {"level": "L3", "method": "certificate"}

    key_body = private_key_pem(issued.key).splitlines()[1]
    assert len(posts) >= 4 and not any("PRIVATE" in body or key_body[:40] in body for body in posts)
    assert violations == []


def test_agent_acts_for_the_enterprise_registered_with_its_certificate(
    live_server,
    phone_page,
    pki,  # noqa: F811
    tmp_path,
):
    page = phone_page
    base = live_server.url
    violations = watch(page)
    world = build_world()  # its implementation needs L2 (the default 认证等级需求)
    person_with_password(name="张建国", id_number=ZHANG_ID, phone="13905970001")
    agent = person_with_password(name="李秀英", id_number=LI_ID, phone="13905970002")
    issued = pki.issue(kind="enterprise", name=ENTERPRISE_NAME, serial=ENTERPRISE_CODE, key_type="ec")
    cert_path, key_path = files_write(tmp_path, "enterprise", issued)

    # The representative registers the enterprise with its certificate (ECDSA P-256, signed in the page).
    password_log_in(page, base, "13905970001")
    page.goto(f"{base}/enterprise/register/")
    expect(page.get_by_role("heading", name="法人注册")).to_be_visible()
    sign_in_browser(page, cert_path, key_path)
    page.get_by_role("button", name="签名并注册").click()
    page.wait_for_url(f"{base}/enterprise/{ENTERPRISE_CODE}/agents/")
    expect(page.get_by_text(f"法人账号已注册：{ENTERPRISE_NAME}。")).to_be_visible()

    # … and authorises the agent for all items (the form's defaults: all items, one year from today).
    page.get_by_label("经办人姓名").fill("李秀英")
    page.get_by_label("经办人身份证号码").fill(LI_ID)
    expect(page.get_by_label("全部事项")).to_be_checked()
    page.get_by_role("button", name="授权", exact=True).click()
    page.wait_for_url(f"{base}/enterprise/{ENTERPRISE_CODE}/agents/")
    expect(page.get_by_text("已授权 李秀英 为经办人")).to_be_visible()
    mandate = AgentMandate.objects.get(enterprise__credit_code=ENTERPRISE_CODE, agent=agent)
    assert mandate.all_items and mandate.revoked_at is None
    log_out(page, base)

    # The agent logs in with a password and switches to act for the enterprise.
    password_log_in(page, base, LI_ID)
    page.goto(f"{base}/enterprise/")
    row = page.get_by_role("row").filter(has_text=ENTERPRISE_NAME)
    expect(row).to_contain_text("经办人")
    row.get_by_role("button", name="以企业身份办事").click()
    page.wait_for_url(f"{base}/enterprise/")
    expect(page.get_by_text(f"您现在以经办人身份代表“{ENTERPRISE_NAME}”办事")).to_be_visible()
    switched_at = AuditEntry.objects.get(action="identity.act_for").sequence

    # The item's 在线办理 page names the enterprise the application would be made for.
    page.goto(f"{base}/items/{world.implementation.code}/apply/")
    expect(page.get_by_role("heading", name="您符合在线申请的认证要求")).to_be_visible()
    expect(page.get_by_text("法人（代企业办理）")).to_be_visible()
    expect(page.get_by_text(f"{ENTERPRISE_NAME}（统一社会信用代码 {ENTERPRISE_CODE}）")).to_be_visible()
    expect(page.get_by_text("李秀英（", exact=False)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    log_out(page, base)

    # Every entry from the switch on names the agent and the enterprise: the switch and the logout.
    after = list(AuditEntry.objects.filter(sequence__gte=switched_at).order_by("sequence"))
    assert [entry.action for entry in after] == ["identity.act_for", "identity.logout"]
    for entry in after:
        assert entry.actor_id == agent.user_id
        assert entry.on_behalf_of == f"enterprise:{ENTERPRISE_CODE}"
        assert entry.actor_level == AssuranceLevel.L2 and entry.actor_method == "password"
    assert after[0].summary == {"role": "agent", "mandate": mandate.pk}
    # Before the switch the agent acted as themself.
    agent_login = AuditEntry.objects.filter(action="identity.login", actor_id=agent.user_id).get()
    assert agent_login.on_behalf_of == ""
    enterprise = Enterprise.objects.get(credit_code=ENTERPRISE_CODE)
    assert enterprise.representative.name == "张建国"
    assert User.objects.filter(pk=enterprise.user_id).exists()  # its own certificate account
    assert violations == []
