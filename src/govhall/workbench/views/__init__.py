"""Workbench pages for catalog managers (事项管理员): thin views over catalog services and selectors."""
