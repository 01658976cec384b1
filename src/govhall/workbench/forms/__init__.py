"""Workbench forms: shape-only parsing of what staff type; every rule lives in the catalog services."""
