"""Demo data as plain Python values: themes, department kinds and ~45 real service items of Fujian.

Nothing here touches the database; ``govhall.demo.loaders`` turns these values into rows
through the directory and catalog services.
"""
