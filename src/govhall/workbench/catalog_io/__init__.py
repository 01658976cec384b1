"""Workbench pages for the unified item template (导入导出) and the consistency report (一致性检查)."""
