"""Security headers, CSRF on every POST, and cookie flags (plain HTTP default and behind TLS)."""

import json
import os
import subprocess
import sys

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "Xinluo-2026!"


@pytest.mark.parametrize("path", ["/", "/workbench/login/", "/api/v1/regions/", "/no-such-page/"])
def test_every_response_carries_the_security_headers(client, path):
    response = client.get(path)

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_without_tls_settings_there_is_no_hsts_and_no_redirect(client):
    response = client.get("/")

    assert response.status_code == 200
    assert "Strict-Transport-Security" not in response


def test_post_without_csrf_token_is_refused_and_logs_nobody_in(world):
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("workbench:login"), {"username": "xl_manager", "password": PASSWORD})

    assert response.status_code == 403
    assert "_auth_user_id" not in client.session
    assert "workbench.login_pending" not in client.session


def test_post_with_the_csrf_token_from_the_form_is_accepted(world):
    client = Client(enforce_csrf_checks=True)
    page = client.get(reverse("workbench:login"))
    token = client.cookies["csrftoken"].value

    response = client.post(
        reverse("workbench:login"),
        {"username": "xl_manager", "password": PASSWORD, "csrfmiddlewaretoken": token},
    )

    assert page.status_code == 200
    assert b"csrfmiddlewaretoken" in page.content
    assert response.status_code == 302
    assert response["Location"] == reverse("workbench:login_code")


def test_admin_login_post_without_csrf_token_is_refused(world):
    client = Client(enforce_csrf_checks=True)

    response = client.post("/admin/login/", {"username": "xl_manager", "password": PASSWORD})

    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_logout_post_without_csrf_token_keeps_the_session(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.manager)

    response = client.post(reverse("workbench:logout"))

    assert response.status_code == 403
    assert client.session["_auth_user_id"] == str(world.manager.pk)


def test_session_and_csrf_cookies_are_http_only_and_same_site_lax(world):
    client = Client()
    client.get(reverse("workbench:login"))
    client.post(reverse("workbench:login"), {"username": "xl_manager", "password": PASSWORD})

    session_cookie = client.cookies["sessionid"]
    csrf_cookie = client.cookies["csrftoken"]
    assert session_cookie["httponly"] is True
    assert session_cookie["samesite"] == "Lax"
    assert not session_cookie["secure"]  # plain HTTP (the embedded default)
    assert csrf_cookie["httponly"] is True
    assert csrf_cookie["samesite"] == "Lax"


def test_behind_tls_cookies_are_secure_and_hsts_is_sent(world, settings):
    # What GOVHALL_SECURE_COOKIES=1 sets (see test_secure_cookies_setting_maps_to_django_settings).
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    client = Client()

    plain = client.get(reverse("workbench:login"))
    page = client.get(reverse("workbench:login"), secure=True)
    client.post(reverse("workbench:login"), {"username": "xl_manager", "password": PASSWORD}, secure=True)

    assert plain.status_code == 301
    assert plain["Location"].startswith("https://")
    assert page["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert client.cookies["sessionid"]["secure"] is True
    assert client.cookies["csrftoken"]["secure"] is True
    assert client.cookies["sessionid"]["httponly"] is True


def _settings_with(tmp_path, **env):
    code = (
        "import json, govhall.settings as s; print(json.dumps({k: getattr(s, k) for k in "
        "['SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SECURE_SSL_REDIRECT', 'SECURE_HSTS_SECONDS',"
        " 'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'PROXY_COUNT', 'AXES_CLIENT_IP_CALLABLE', 'RATELIMIT_IP_META_KEY',"
        " 'SECURE_PROXY_SSL_HEADER'] if hasattr(s, k)}))"
    )
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("GOVHALL_") and key != "DJANGO_SETTINGS_MODULE"
    }
    environment |= {"GOVHALL_VAR_DIR": str(tmp_path), **env}
    result = subprocess.run(  # noqa: S603 - our own interpreter running a fixed snippet
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True, timeout=60
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_secure_cookies_setting_maps_to_django_settings(tmp_path):
    plain = _settings_with(tmp_path)
    secure = _settings_with(tmp_path, GOVHALL_SECURE_COOKIES="1", GOVHALL_PROXY_COUNT="1")

    assert plain["SESSION_COOKIE_SECURE"] is False
    assert plain["SECURE_HSTS_SECONDS"] == 0
    assert plain["PROXY_COUNT"] == 0
    assert "SECURE_PROXY_SSL_HEADER" not in plain
    # Lockout and rate limits name the client the same way (govhall.core.client_address).
    assert (
        plain["AXES_CLIENT_IP_CALLABLE"]
        == plain["RATELIMIT_IP_META_KEY"]
        == ("govhall.core.client_address.client_address")
    )
    assert secure["SESSION_COOKIE_SECURE"] is True
    assert secure["CSRF_COOKIE_SECURE"] is True
    assert secure["SECURE_SSL_REDIRECT"] is True
    assert secure["SECURE_HSTS_SECONDS"] == 31536000
    assert secure["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert secure["PROXY_COUNT"] == 1
    assert secure["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
