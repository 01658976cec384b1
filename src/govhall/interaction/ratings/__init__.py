"""好差评 — ratings of cases and services, poor-rating rectification, return visits, appeals."""
