"""Every write to the catalog goes through these services (see basic.py and implementations.py)."""
