"""Writes to identity tables, one module per concern (staff, persons, enterprises, certificates, ...)."""
