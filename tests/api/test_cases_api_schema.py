"""The cases endpoints in the OpenAPI schema: every operation documents its errors with the common body."""

import pytest
import yaml
from django.core.management import call_command

from .test_schema_and_docs import CASE_ENDPOINTS


@pytest.fixture(scope="module")
def schema(tmp_path_factory):
    path = tmp_path_factory.mktemp("schema") / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(path))
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_every_case_operation_documents_401_403_and_the_error_body(schema):
    for path in CASE_ENDPOINTS:
        for method, operation in schema["paths"][path].items():
            responses = operation["responses"]
            assert {"401", "403"} <= set(responses), f"{method} {path}"
            for code in set(responses) - {"200", "201", "204"}:
                assert responses[code]["content"]["application/json"]["schema"] == {
                    "$ref": "#/components/schemas/Error"
                }, f"{method} {path} {code}"
            assert operation["summary"] and operation["description"], f"{method} {path}"


def test_submit_requires_the_idempotency_key_header_and_documents_409(schema):
    operation = schema["paths"]["/api/v1/drafts/{draft_id}/submit/"]["post"]
    headers = {p["name"]: p for p in operation["parameters"] if p["in"] == "header"}

    assert headers["Idempotency-Key"]["required"] is True
    assert {"200", "201", "400", "409"} <= set(operation["responses"])


def test_progress_documents_its_rate_limit(schema):
    assert "429" in schema["paths"]["/api/v1/progress/"]["get"]["responses"]
