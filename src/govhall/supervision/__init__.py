"""电子监察 — supervision: clocks, yellow/red cards, supervision notices, monitors, indicators, reports.

Reads cases, the catalog and interaction through their public selectors; writes only its own
tables (cards, warning rules, notices). See docs/supervision.md.
"""
