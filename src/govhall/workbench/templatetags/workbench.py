"""Template helpers for workbench pages: dictionary lookup and field rendering hooks (no rules here)."""

from typing import Any

from django import template

from govhall.identity.selectors import staff_profile_for

register = template.Library()


@register.filter
def get(mapping: Any, key: Any) -> Any:
    """``{{ mapping|get:key }}`` — look a key up in a dict (None when absent)."""
    if not mapping:
        return None
    try:
        value = mapping.get(key)
        if value is None and isinstance(key, str) and key.isdigit():
            value = mapping.get(int(key))
        return value
    except AttributeError:
        return None


@register.filter
def field_id(field: Any) -> str:
    """The id of a bound field's input (for ``aria-describedby`` of its errors and help)."""
    return str(field.auto_id or field.html_name)


@register.simple_tag
def widget(field: Any, **attrs: Any) -> str:
    """Render a bound field's widget with accessible error/help references (``aria-describedby``)."""
    attrs = {key.replace("_", "-") if key.startswith("data_") else key: value for key, value in attrs.items()}
    described = []
    if field.help_text:
        described.append(f"{field_id(field)}-help")
    if field.errors:
        described.append(f"{field_id(field)}-error")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)


@register.simple_tag(takes_context=True)
def current_staff(context: Any) -> Any:
    """The signed-in staff profile (set by ``manager_view``, looked up for other workbench pages)."""
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return None
    profile = getattr(request, "staff_profile", None)
    if profile is None:
        profile = staff_profile_for(request.user)
        request.staff_profile = profile
    return profile


@register.filter
def person(user: Any, names: Any = None) -> str:
    """A staff member's display name from ``names`` (user id → name), else the username, else "—"."""
    if user is None:
        return "—"
    if names and user.pk in names:
        return str(names[user.pk])
    return str(user.get_username())
