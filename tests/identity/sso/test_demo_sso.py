"""The demo registers one department client and the simulated national platform, once."""

import json

from oauth2_provider.models import Application

from govhall.demo.sso import DEMO_CLIENT_NAME, load_sso
from govhall.identity.models import UpstreamProvider


def test_load_sso_is_idempotent_and_hands_over_the_secret(world, settings, tmp_path):
    settings.VAR_DIR = tmp_path  # the hand-over file is per installation; other test workers write theirs
    assert load_sso() == 2
    assert load_sso() == 0
    application = Application.objects.get(name=DEMO_CLIENT_NAME)
    handed = json.loads((settings.VAR_DIR / "demo-sso-client.json").read_text())
    assert handed["client_id"] == application.client_id
    assert application.redirect_uris == handed["redirect_uri"]
    provider = UpstreamProvider.objects.get(slug="national-sim")
    assert provider.issuer.endswith("/simulators/idp") and provider.level_map["loa3"] == "L3"
