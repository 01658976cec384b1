"""Content-Security-Policy: on every response, strict everywhere, relaxed for Redoc's styles only.

The policy (settings ``CONTENT_SECURITY_POLICY``) allows scripts and styles only from this
server, so no template may carry inline script, inline ``<style>``, ``style=`` attributes or
``on*=`` handlers: ``test_no_template_contains_inline_script_or_style`` reads every template file.
"""

import re
from pathlib import Path

import pytest
from django.urls import reverse

import govhall

pytestmark = pytest.mark.django_db

SRC = Path(govhall.__file__).resolve().parent


def directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    parsed = {}
    for part in header.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


def assert_strict(response) -> None:
    policy = directives(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/search?q=身份证",
        "/themes/",
        "/workbench/login/",
        "/api/docs/",
        "/admin/login/",
        "/no-such-page/",
    ],
)
def test_pages_carry_the_strict_policy(client, path):
    response = client.get(path)

    assert response.status_code in (200, 404)
    assert_strict(response)


def test_guide_page_carries_the_strict_policy(client, world):
    response = client.get(reverse("portal:guide", args=[world.implementation.code]))

    assert response.status_code == 200
    assert_strict(response)


def test_api_responses_carry_the_policy(client, world):
    response = client.get("/api/v1/regions/")
    error = client.get("/api/v1/items/NO-SUCH-CODE/")

    assert response.status_code == 200
    assert_strict(response)
    assert error.status_code == 404
    assert_strict(error)
    assert_strict(client.get("/api/schema/"))


def test_swagger_ui_page_has_no_inline_script_and_loads_its_start_up_script_from_a_url(client):
    page = client.get("/api/docs/")
    html = page.content.decode()
    script_urls = re.findall(r'<script src="([^"]+)"', html)

    assert page.status_code == 200
    assert not re.search(r"<script>\s*\S", html)
    assert "<style" not in html
    assert any("script=" in url for url in script_urls)
    start_up = client.get(next(url for url in script_urls if "script=" in url))
    assert start_up.status_code == 200
    assert start_up["Content-Type"].startswith("application/javascript")
    assert b"SwaggerUIBundle(" in start_up.content
    assert b"/api/schema/" in start_up.content


def test_redoc_alone_allows_inline_styles_and_blob_workers_but_never_inline_script(client):
    response = client.get("/api/redoc/")
    policy = directives(response)
    html = response.content.decode()

    assert response.status_code == 200
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["worker-src"] == ["'self'", "blob:"]
    assert policy["script-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]  # Redoc's CDN logo stays blocked
    assert "fonts.googleapis.com" not in html
    assert "<style" not in html
    assert not re.search(r"<script>\s*\S", html)


TEMPLATE_FILES = sorted(SRC.rglob("templates/**/*.html"))
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>\s*\S", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style\b", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[a-zA-Z][^>]*\sstyle\s*=", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[a-zA-Z][^>]*\son[a-z]+\s*=", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"""(href|src|action)\s*=\s*["']\s*javascript:""", re.IGNORECASE)
TEMPLATE_COMMENT = re.compile(r"{% comment %}.*?{% endcomment %}|{#.*?#}", re.DOTALL)


def without_comments(text: str) -> str:
    """Template comments never reach the page; blank them out but keep line numbers."""
    return TEMPLATE_COMMENT.sub(lambda match: "\n" * match.group().count("\n"), text)


def test_the_scan_finds_the_project_templates():
    names = {path.name for path in TEMPLATE_FILES}

    assert len(TEMPLATE_FILES) > 40
    assert {"base.html", "guide.html", "login.html", "locked_out.html", "redoc.html"} <= names


@pytest.mark.parametrize(
    ("pattern", "sample"),
    [
        (INLINE_SCRIPT, "<script>alert(1)</script>"),
        (INLINE_SCRIPT, '<script type="module">\n import x from "y";</script>'),
        (STYLE_ELEMENT, "<style>body{}</style>"),
        (STYLE_ATTRIBUTE, '<div class="a" style="color:red">'),
        (EVENT_HANDLER, '<button type="button" onclick="go()">'),
        (JAVASCRIPT_URL, '<a href="javascript:void(0)">'),
    ],
)
def test_the_scan_recognises_each_forbidden_construct(pattern, sample):
    assert pattern.search(sample)


def test_the_scan_accepts_external_scripts_and_data_attributes():
    allowed = '<script src="/static/portal/portal.js" defer></script><div data-style="x" data-onclick="y">'

    assert not any(p.search(allowed) for p in (INLINE_SCRIPT, STYLE_ATTRIBUTE, EVENT_HANDLER))


def test_no_template_contains_inline_script_or_style():
    offences = []
    for path in TEMPLATE_FILES:
        text = without_comments(path.read_text(encoding="utf-8"))
        for name, pattern in [
            ("inline <script>", INLINE_SCRIPT),
            ("<style> element", STYLE_ELEMENT),
            ("style= attribute", STYLE_ATTRIBUTE),
            ("on*= handler", EVENT_HANDLER),
            ("javascript: URL", JAVASCRIPT_URL),
        ]:
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                offences.append(f"{path.relative_to(SRC)}:{line}: {name}")

    assert offences == []
