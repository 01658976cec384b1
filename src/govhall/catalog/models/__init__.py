"""Catalog models: the basic catalog, implementations and their versions, and the search index."""

from .basic import CatalogItem, CatalogItemChange, HandlingItem, Theme
from .bundles import Bundle, BundleStatus
from .choices import (
    Audience,
    DeliveryMethod,
    DepthStep,
    ImplementationStatus,
    ItemType,
    LimitUnit,
    MaterialForm,
    MaterialOriginal,
    MaterialRequirement,
    MaterialSource,
    ResultType,
    ThemeAudience,
    VersionState,
)
from .implementation import (
    Fee,
    ImplementationEvent,
    ImplementationVersion,
    ItemImplementation,
    Material,
    ProcessStep,
)
from .search import SearchDocument

__all__ = [
    "Audience",
    "Bundle",
    "BundleStatus",
    "CatalogItem",
    "ImplementationEvent",
    "CatalogItemChange",
    "DeliveryMethod",
    "DepthStep",
    "Fee",
    "HandlingItem",
    "ImplementationStatus",
    "ImplementationVersion",
    "ItemImplementation",
    "ItemType",
    "LimitUnit",
    "Material",
    "MaterialForm",
    "MaterialOriginal",
    "MaterialRequirement",
    "MaterialSource",
    "ProcessStep",
    "ResultType",
    "SearchDocument",
    "Theme",
    "ThemeAudience",
    "VersionState",
]
