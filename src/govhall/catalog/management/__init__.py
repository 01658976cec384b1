"""Management commands of the catalog (spreadsheet import/export, consistency report, search index)."""
