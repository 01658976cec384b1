"""The OpenAPI schema validates, and the docs UI loads its assets from our own /static/ (no CDN)."""

import re

import pytest
import yaml
from django.contrib.staticfiles import finders
from django.core.management import call_command

ENDPOINTS = [
    "/api/v1/regions/",
    "/api/v1/regions/{code}/",
    "/api/v1/departments/",
    "/api/v1/departments/{credit_code}/",
    "/api/v1/items/",
    "/api/v1/items/{code}/",
    "/api/v1/items/{code}/versions/",
    "/api/v1/items/{code}/versions/{number}/",
    "/api/v1/items/{code}/versions/{number}/materials/{position}/{kind}/",
    "/api/v1/basic-items/",
    "/api/v1/basic-items/{code}/",
    "/api/v1/me/",
    "/api/v1/items/{code}/form/",
    "/api/v1/progress/",
]
AUTHENTICATED = {"/api/v1/me/"}  # session required: 401 for anonymous callers
# Applying and case handling (session required, some write): checked in test_cases_api_schema.py.
CASE_ENDPOINTS = [
    "/api/v1/drafts/",
    "/api/v1/drafts/{draft_id}/",
    "/api/v1/drafts/{draft_id}/materials/",
    "/api/v1/drafts/{draft_id}/materials/{material_id}/",
    "/api/v1/drafts/{draft_id}/submit/",
    "/api/v1/cases/",
    "/api/v1/cases/{number}/",
    "/api/v1/cases/{number}/correction/",
    "/api/v1/cases/{number}/withdraw/",
    "/api/v1/staff/inbox/",
    "/api/v1/staff/tasks/{task_id}/claim/",
    "/api/v1/staff/tasks/{task_id}/release/",
    "/api/v1/staff/cases/{number}/",
    "/api/v1/staff/cases/{number}/accept/",
    "/api/v1/staff/cases/{number}/refuse/",
    "/api/v1/staff/cases/{number}/correction/",
    "/api/v1/staff/cases/{number}/opinion/",
    "/api/v1/staff/cases/{number}/decide/",
    "/api/v1/staff/cases/{number}/extensions/",
    "/api/v1/staff/cases/{number}/extensions/{extension_id}/decide/",
    "/api/v1/staff/cases/{number}/special-procedures/",
    "/api/v1/staff/cases/{number}/special-procedures/{procedure_id}/end/",
]
# 12345 hotline intake: a hotline client's bearer token (401 without it; no session, so no 403).
HOTLINE_ENDPOINTS = ["/api/v1/hotline/tickets/", "/api/v1/hotline/tickets/{ticket_id}/"]


@pytest.fixture(scope="module")
def schema(tmp_path_factory):
    """The schema as written by ``govhall spectacular --validate --fail-on-warn`` (fails on any warning)."""
    path = tmp_path_factory.mktemp("schema") / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(path))
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_hotline_operations_document_401_and_the_error_body(schema):
    for path in HOTLINE_ENDPOINTS:
        for method, operation in schema["paths"][path].items():
            assert "401" in operation["responses"], f"{method} {path}"
            assert operation["summary"] and operation["description"], f"{method} {path}"


def test_schema_lists_every_public_endpoint_read_only(schema):
    assert sorted(schema["paths"]) == sorted(ENDPOINTS + CASE_ENDPOINTS + HOTLINE_ENDPOINTS)
    assert all(set(schema["paths"][path]) == {"get"} for path in ENDPOINTS)


def test_every_endpoint_documents_its_error_responses(schema):
    for path in ENDPOINTS:
        responses = schema["paths"][path]["get"]["responses"]
        expected = {"200", "404"} if "{" in path else {"200", "400"}
        if path in AUTHENTICATED:
            expected = {"200", "401"}
        assert expected <= set(responses), path
        for status in set(responses) - {"200"}:
            assert responses[status]["content"]["application/json"]["schema"] == {
                "$ref": "#/components/schemas/Error"
            }


def test_item_search_documents_its_filters_and_query_terms(schema):
    operation = schema["paths"]["/api/v1/items/"]["get"]
    parameters = {p["name"]: p["schema"] for p in operation["parameters"]}
    page = schema["components"]["schemas"]["PaginatedItemHitList"]

    assert set(parameters) == {
        "q",
        "region",
        "department",
        "audience",
        "type",
        "depth",
        "theme",
        "page",
        "page_size",
    }
    assert parameters["depth"]["enum"] == [1, 2, 3, 4, 5]
    assert parameters["page_size"] == {"type": "integer", "minimum": 1, "maximum": 100}
    assert {"count", "next", "previous", "results", "query_terms", "suggestion", "count_exact"} <= set(
        page["properties"]
    )


def test_coded_values_are_enums_with_their_labels_beside_them(schema):
    guide = schema["components"]["schemas"]["ItemGuide"]["properties"]

    assert guide["item_type"]["allOf"] == [{"$ref": "#/components/schemas/ItemTypeEnum"}]
    assert guide["item_type_label"]["type"] == "string"
    assert schema["components"]["schemas"]["LimitUnitEnum"]["enum"] == ["working", "natural"]


@pytest.mark.django_db
def test_schema_is_served_as_json(client):
    response = client.get("/api/schema/", {"format": "json"})

    assert response.status_code == 200
    assert response.json()["info"]["title"] == "govhall API"


def _asset_urls(html: str) -> list[str]:
    return re.findall(r'(?:src|href)="([^"]+)"', html)


@pytest.mark.django_db
def test_swagger_ui_loads_its_assets_from_our_static_files(client):
    response = client.get("/api/docs/")

    html = response.content.decode()
    assert response.status_code == 200
    assets = _asset_urls(html)
    assert {
        "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js",
        "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui.css",
    } <= set(assets)
    # The start-up script comes from the docs view itself (split view: no inline script under the CSP).
    assert "/api/docs/?script=" in assets
    for url in assets:
        if url == "/api/docs/?script=":
            continue
        assert url.startswith("/static/"), url
        assert finders.find(url.removeprefix("/static/")) is not None, url
    assert "http://" not in html and "https://" not in html


@pytest.mark.django_db
def test_redoc_loads_its_script_from_our_static_files(client):
    response = client.get("/api/redoc/")

    scripts = re.findall(r'<script src="([^"]+)"', response.content.decode())
    assert response.status_code == 200
    assert scripts == ["/static/drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js"]
    assert finders.find(scripts[0].removeprefix("/static/")) is not None
    assert "https://" not in response.content.decode()
