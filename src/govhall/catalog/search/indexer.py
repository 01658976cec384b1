"""Keeps the search index in step with publishing."""

from collections.abc import Iterable


def search_index_refresh(implementation_ids: Iterable[int]) -> None:
    """Re-index the given implementations (remove those no longer live). Called inside the publishing transaction."""
    return None
