"""Every endpoint under the ``workbench`` namespace and /api/v1/ has at least one row in the matrix."""

from django.urls import URLPattern, URLResolver, get_resolver

from .matrix import ACTORS, all_rows


def _endpoints(patterns, prefix: str = "", namespace: str | None = None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _endpoints(
                pattern.url_patterns, prefix + str(pattern.pattern), pattern.namespace or namespace
            )
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), namespace, pattern.name


def protected_endpoint_names() -> set[str]:
    names = set()
    for route, namespace, name in _endpoints(get_resolver().url_patterns):
        if namespace == "workbench":
            names.add(f"workbench:{name}")
        elif route.startswith("api/v1/"):
            names.add(name or route)
    return names


def test_every_workbench_and_api_endpoint_has_a_row():
    covered = {row.name for row in all_rows()}
    missing = sorted(protected_endpoint_names() - covered)
    assert not missing, "授权矩阵缺少以下端点的行（在 tests/authz/matrix_<area>.py 中补充）：" + "、".join(
        missing
    )


def test_rows_name_real_endpoints_and_every_actor():
    endpoints = protected_endpoint_names()
    for row in all_rows():
        assert row.name in endpoints, f"{row.label}: no such endpoint"
        assert set(row.expect) == set(ACTORS), f"{row.label}: expectations for every actor"
