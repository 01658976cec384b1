import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_rate_limit_counters():
    """Rate-limit counters live in the cache, which outlives a test: start every test from zero."""
    cache.clear()
    yield
    cache.clear()
