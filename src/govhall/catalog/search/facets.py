"""Filter facets: the tokens that put filter values into the full-text index.

A search filter becomes a match on these tokens, so the engine intersects filters and words
in one index lookup on both backends. Every token is ``[a-z0-9]+`` so both tokenizers keep it
whole. Never touches the database.
"""

MAX_DEPTH = 5


def region_facet(region_code: str) -> str:
    return f"r{region_code}"


def department_facet(credit_code: str) -> str:
    return f"d{credit_code.lower()}"


def audience_facet(audience: str) -> str:
    return f"a{audience.encode().hex()}"


def item_type_facet(item_type: str) -> str:
    return f"t{item_type}"


def depth_facet(min_depth: int) -> str:
    """Documents of depth ``n`` carry o1…on, so "at least ``min_depth`` stars" is one token."""
    return f"o{min_depth}"


def theme_facet(theme_code: str) -> str:
    return f"h{theme_code.encode().hex()}"


def document_facets(
    *,
    region_code: str,
    credit_code: str,
    audiences: list[str],
    item_type: str,
    online_depth: int,
    theme_codes: list[str],
) -> list[str]:
    """Every facet token of one document."""
    facets = [region_facet(region_code), department_facet(credit_code), item_type_facet(item_type)]
    facets += [audience_facet(audience) for audience in audiences]
    facets += [depth_facet(depth) for depth in range(1, min(online_depth, MAX_DEPTH) + 1)]
    facets += [theme_facet(code) for code in theme_codes]
    return facets
