"""监察看板 URLs (/workbench/indicators/): the dashboard, drill-down to a region and a department, exports."""

from django.urls import path

from .views import indicators

urlpatterns = [
    path("", indicators.dashboard, name="dashboard"),
    path("regions/<str:code>/", indicators.dashboard_region, name="dashboard_region"),
    path("departments/<int:department_id>/", indicators.dashboard_department, name="dashboard_department"),
    # 调度表: one ISO week (?week=2026-W21), one row per child region and the region's own level.
    path("regions/<str:code>/dispatch.xlsx", indicators.dispatch_xlsx, name="dispatch_xlsx"),
    # 通报: rankings and card lists of a period, as PDF.
    path("regions/<str:code>/bulletin.pdf", indicators.bulletin, name="bulletin_pdf"),
]
