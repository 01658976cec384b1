"""Rate limits: what a limited request gets (JSON for API clients, a Chinese page otherwise)."""

import json

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from govhall.core.ratelimit import MESSAGE, rate_limited

pytestmark = pytest.mark.django_db


def test_api_path_gets_precise_json():
    response = rate_limited(RequestFactory().post("/api/v1/anything/"))

    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {"code": "rate_limited", "message": MESSAGE, "detail": {}}


def test_a_client_asking_for_json_gets_json_anywhere():
    response = rate_limited(RequestFactory().post("/account/sms/", HTTP_ACCEPT="application/json"))

    assert response.status_code == 429
    assert json.loads(response.content)["code"] == "rate_limited"


def test_a_browser_gets_the_chinese_page():
    request = RequestFactory().post("/workbench/login/", HTTP_ACCEPT="text/html,application/xhtml+xml")

    response = rate_limited(request)
    html = response.content.decode()

    assert response.status_code == 429
    assert response["Content-Type"].startswith("text/html")
    assert "操作过于频繁，请稍后再试" in html
    assert "<html" in html


def test_the_login_rate_limit_answers_with_429_per_client_address(world, settings):
    settings.GOVHALL = {**settings.GOVHALL, "LOGIN_RATE": "3/m"}
    client = Client()
    data = {"username": "nobody", "password": "wrong-password"}
    answers = [
        client.post(reverse("workbench:login"), data, REMOTE_ADDR="203.0.113.90").status_code
        for _ in range(3)
    ]

    limited = client.post(reverse("workbench:login"), data, REMOTE_ADDR="203.0.113.90")
    other_client = Client().post(reverse("workbench:login"), data, REMOTE_ADDR="198.51.100.91")

    assert answers == [200, 200, 200]
    assert limited.status_code == 429
    assert "操作过于频繁" in limited.content.decode()
    assert other_client.status_code == 200
