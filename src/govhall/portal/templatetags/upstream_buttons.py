"""``{% upstream_providers as providers %}``: the enabled upstream identity providers for the login page."""

from django import template

from govhall.identity.selectors_upstream import upstream_providers_enabled

register = template.Library()


@register.simple_tag
def upstream_providers():
    return upstream_providers_enabled()
