"""Reads about upstream identity providers (互认身份提供方) for the login page and the workbench."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from .models import UpstreamProvider


def upstream_providers_enabled() -> list[UpstreamProvider]:
    return list(UpstreamProvider.objects.filter(enabled=True).order_by("name"))


def upstream_provider_list() -> QuerySet[UpstreamProvider]:
    return UpstreamProvider.objects.order_by("name")


def upstream_provider_enabled_get(*, slug: str) -> UpstreamProvider:
    """The enabled provider ``slug``; ``Http404`` otherwise."""
    return get_object_or_404(UpstreamProvider, slug=slug, enabled=True)
