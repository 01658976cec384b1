"""No page breaks the Content-Security-Policy: Chromium records every violation while the pages run.

A violation is caught twice: the ``securitypolicyviolation`` DOM event (reported through a
console message by an init script) and Chromium's own console error. Pages must also *work* under
the policy: portal.js runs (the print button appears), Swagger UI renders the operations.
"""

import pytest

from tests.factories import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REPORTER = """document.addEventListener("securitypolicyviolation", (event) => {
    console.error("CSP-VIOLATION " + event.violatedDirective + " " + event.blockedURI);
});"""


def watch(page) -> list[str]:
    violations: list[str] = []
    page.add_init_script(REPORTER)
    page.on(
        "console",
        lambda message: (
            violations.append(message.text)
            if "CSP-VIOLATION" in message.text or "Content Security Policy" in message.text
            else None
        ),
    )
    return violations


def visit(page, url: str) -> None:
    page.goto(url, wait_until="networkidle")


def test_portal_workbench_login_and_api_docs_record_no_violation(live_server, page):
    world = build_world()
    violations = watch(page)

    visit(page, f"{live_server.url}/")
    visit(page, f"{live_server.url}/search?q=食品")
    visit(page, f"{live_server.url}/items/{world.implementation.code}/")
    assert page.get_by_role("button", name="打印办事指南").is_visible()  # portal.js ran under the policy
    visit(page, f"{live_server.url}/workbench/login/")
    assert page.get_by_label("用户名").is_visible()
    visit(page, f"{live_server.url}/api/docs/")
    page.locator(".opblock").first.wait_for()  # Swagger UI rendered from its split start-up script
    visit(page, f"{live_server.url}/admin/login/")

    assert violations == []


def test_redoc_runs_and_only_its_external_logo_is_blocked(live_server, page):
    violations = watch(page)

    visit(page, f"{live_server.url}/api/redoc/")
    page.get_by_text("govhall API").first.wait_for()

    assert violations, "Redoc fetches its logo from cdn.redoc.ly; the policy must block it"
    assert all("cdn.redoc.ly" in text or "img-src" in text for text in violations), violations
