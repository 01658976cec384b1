"""Demo single sign-on: a department system registered as OIDC client, the national-platform simulator upstream.

Idempotent. The demo client "不动产登记系统（演示）" gets a fresh secret on first load, written to
``VAR_DIR/demo-sso-client.json`` (0600) for a local test RP; the simulator is registered as upstream
provider "国家政务服务平台（模拟）" at ``http://$HOST:$PORT/simulators/idp`` (defaults 127.0.0.1:8000).
"""

from __future__ import annotations

import json
import os

from django.conf import settings
from django.contrib.auth import get_user_model
from oauth2_provider.models import Application

from govhall.core.keyfiles import file_replace
from govhall.directory.models import Department
from govhall.identity.models import UpstreamProvider
from govhall.identity.services.sso_clients import sso_client_register
from govhall.identity.services.upstream import upstream_provider_register
from govhall.identity.upstream_simulator import SIMULATOR_CLIENT_ID, SIMULATOR_CLIENT_SECRET

DEMO_CLIENT_NAME = "不动产登记系统（演示）"
DEMO_REDIRECT_URI = "http://localhost:8100/oidc/callback"
DEMO_LOGOUT_URI = "http://localhost:8100/"


def load_sso() -> int:
    """Register the demo client and the simulated upstream provider; returns how many were created."""
    operator = get_user_model().objects.filter(username="fj_operator").first()
    created = 0
    if not Application.objects.filter(name=DEMO_CLIENT_NAME).exists():
        department = Department.objects.filter(name__contains="自然资源").order_by("region__code").first()
        registered = sso_client_register(
            name=DEMO_CLIENT_NAME,
            redirect_uris=[DEMO_REDIRECT_URI],
            post_logout_redirect_uris=[DEMO_LOGOUT_URI],
            confidential=True,
            may_read_id_number=False,
            department=department,
            skip_consent=False,
            registered_by=operator,
            purpose="演示：部门业务系统通过统一身份认证登录",
        )
        handed = {
            "client_id": registered.application.client_id,
            "client_secret": registered.client_secret,
            "redirect_uri": DEMO_REDIRECT_URI,
        }
        file_replace(
            settings.VAR_DIR / "demo-sso-client.json", json.dumps(handed, ensure_ascii=False).encode()
        )
        created += 1
    if not UpstreamProvider.objects.filter(slug="national-sim").exists():
        host, port = os.environ.get("HOST", "127.0.0.1"), os.environ.get("PORT", "8000")
        upstream_provider_register(
            slug="national-sim",
            name="国家政务服务平台（模拟）",
            issuer=f"http://{host}:{port}/simulators/idp",
            client_id=SIMULATOR_CLIENT_ID,
            client_secret=SIMULATOR_CLIENT_SECRET,
            scopes="openid profile id_number",
            id_number_claim="id_number",
            name_claim="name",
            level_map={"loa3": "L3", "loa2": "L2", "loa1": "L1"},
            default_level="L1",
            registered_by=operator,
        )
        created += 1
    return created
