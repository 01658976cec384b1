"""Workbench URLs (/workbench/): staff login (password + TOTP), the catalog manager's pages, import/export, identity pages."""

from django.urls import include, path

from .views import basic, drafts, home, implementations, login, password, reviews, versions

app_name = "workbench"
urlpatterns = [
    # Staff login: password, then the TOTP code (or enrolment of an authenticator on first login).
    path("login/", login.login_view, name="login"),
    path("login/code/", login.login_code, name="login_code"),
    path("login/enrol/", login.login_enrol, name="login_enrol"),
    path("logout/", login.logout_view, name="logout"),
    # Every staff member's own password change; forced after an operator set the password.
    path("account/password/", password.password_change, name="password_change"),
    path("", home.home, name="home"),
    path("catalog/", implementations.implementation_list, name="implementation_list"),
    path("catalog/new/", implementations.implementation_new, name="implementation_new"),
    # Import, export and consistency pages (their own sub-package; names ``catalog_io_*``).
    path("catalog/io/", include("govhall.workbench.catalog_io.urls")),
    path("catalog/reviews/", reviews.review_queue, name="review_queue"),
    path("catalog/reviews/<str:code>/", reviews.review_detail, name="review_detail"),
    path("catalog/<str:code>/", implementations.implementation_detail, name="implementation_detail"),
    path("catalog/<str:code>/revise/", implementations.implementation_revise, name="implementation_revise"),
    path("catalog/<str:code>/status/", implementations.implementation_status, name="implementation_status"),
    path("catalog/<str:code>/draft/", drafts.draft_edit, name="draft_edit"),
    path("catalog/<str:code>/versions/", versions.version_history, name="version_list"),
    path("catalog/<str:code>/versions/<int:number>/", versions.version_detail, name="version_detail"),
    path(
        "catalog/<str:code>/versions/<int:number>/materials/<int:position>/<str:kind>/",
        drafts.material_file_download,
        name="material_file",
    ),
    path("basic/", basic.basic_list, name="basic_list"),
    # Catalog managers: BPMN process definitions (流程定义).
    path("processes/", include("govhall.workbench.process_urls")),
    # Catalog managers: 一件事 (life-event bundles of items applied for once).
    path("bundles/", include("govhall.workbench.bundle_urls")),
    path("basic/<str:code>/", basic.basic_edit, name="basic_edit"),
    # 办件: inbox, case search, the case page and its actions, window intake.
    path("cases/", include("govhall.workbench.case_urls")),
    # Identity: window real-name service (实名核验).
    path("identity/", include("govhall.workbench.identity_urls")),
    # Enterprise agent management at the window (经办人授权).
    path("enterprises/", include("govhall.workbench.enterprise_urls")),
    # Operators: OIDC clients of department systems, upstream identity providers.
    path("sso/", include("govhall.workbench.sso_urls")),
    # Operators and the demo: what the local SMS / e-mail simulators received.
    path("simulators/", include("govhall.workbench.simulator_urls")),
    path(
        "staff/", include("govhall.workbench.staff_urls")
    ),  # Operators: staff directory and account recovery.
    path("audit/", include("govhall.workbench.audit_urls")),  # Operators: the audit log (审计日志).
    path("licences/", include("govhall.workbench.licence_urls")),  # Electronic licences of the department.
    # 电子监察: cards, supervision notices, warning rules, monitors (supervisors; departments answer).
    path("supervision/", include("govhall.workbench.supervision_urls")),
    # Indicators, the dashboard with drill-down, the weekly dispatch table and bulletins.
    path("indicators/", include("govhall.workbench.indicator_urls")),
    path("calendar/", include("govhall.workbench.calendar_urls")),  # Operators: the working-day calendar.
    # 互动: consultations, complaints, solicitations and surveys handled by departments.
    path("interaction/", include("govhall.workbench.interaction_urls")),
    path("ratings/", include("govhall.workbench.rating_urls")),
    path(
        "surveys/", include("govhall.workbench.survey_urls")
    ),  # Solicitations, surveys, suggestions.  # 好差评: rectification, return visits, appeals.
]
