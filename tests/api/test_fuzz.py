"""schemathesis against our OpenAPI schema, in-process (WSGI), on the ``world`` data.

Every read endpoint gets generated parameters — valid and invalid codes, pages, filters — and
must never answer 5xx and must answer with a status and a body its schema documents. The
endpoints with path parameters are also called with codes that exist, so that their 200
bodies are checked against the schema too.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from .test_schema_and_docs import ENDPOINTS

pytestmark = pytest.mark.django_db

# Unknown codes in filters and pages past the end are 400s by design although the schema cannot know
# which codes exist; every other check (no 5xx, documented status and content type, body matches) applies.
EXCLUDED = [positive_data_acceptance]


@pytest.fixture
def keep_test_connection():
    """Like Django's test client: a WSGI request must not close the test transaction's connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(world, keep_test_connection):
    return schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())


@pytest.mark.parametrize("path", ENDPOINTS)
def test_generated_requests_never_fail_and_are_answered_as_documented(api_schema, path):
    operation = api_schema[path]["GET"]

    @given(case=operation.as_strategy())
    @settings(
        max_examples=25,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    def call(case):
        case.call_and_validate(excluded_checks=EXCLUDED)

    call()


def test_existing_resources_are_answered_as_documented(world, api_schema):
    known = {
        "/api/v1/regions/{code}/": {"code": "350802"},
        "/api/v1/departments/{credit_code}/": {"credit_code": world.county_department.credit_code},
        "/api/v1/items/{code}/": {"code": world.implementation.code},
        "/api/v1/items/{code}/versions/": {"code": world.implementation.code},
        "/api/v1/items/{code}/versions/{number}/": {"code": world.implementation.code, "number": 1},
        "/api/v1/items/{code}/versions/{number}/materials/{position}/{kind}/": {
            "code": world.implementation.code,
            "number": 1,
            "position": 1,
            "kind": "template",
        },
        "/api/v1/basic-items/{code}/": {"code": world.item.code},
    }
    statuses = {}
    for path, parameters in known.items():
        case = api_schema[path]["GET"].Case(path_parameters=parameters)
        statuses[path] = case.call_and_validate(excluded_checks=EXCLUDED).status_code

    assert statuses == dict.fromkeys(known, 200) | {
        "/api/v1/items/{code}/versions/{number}/materials/{position}/{kind}/": 404
    }  # the material has no file
