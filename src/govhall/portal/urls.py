"""The public portal's addresses (all pages in Chinese; see ``views``)."""

from django.urls import include, path

from .views import apply, browse, guide, home, search

app_name = "portal"
urlpatterns = [
    path("", home.home, name="home"),
    path("search", search.search, name="search"),
    path("items/<str:code>/", guide.item_guide, name="guide"),
    path("items/<str:code>/apply/", apply.item_apply, name="apply"),
    path("items/<str:code>/notice.pdf", guide.item_notice, name="notice"),
    path("items/<str:code>/materials/<int:position>/<str:kind>/", guide.material_file, name="material_file"),
    path("basic/<str:basic_code>/", guide.basic_item, name="basic_item"),
    path("departments/", browse.department_list, name="departments"),
    path("departments/<str:credit_code>/", browse.department_detail, name="department"),
    path("themes/", browse.theme_list, name="themes"),
    path("themes/<slug:code>/", browse.theme_detail, name="theme"),
    path("bundles/", include("govhall.portal.bundle_urls")),  # 一件事: life-event bundles, applied for once
    path("regions/", home.region_list, name="regions"),
    path("regions/switch/", home.region_switch, name="region_switch"),
    # Accounts: register, log in (password / SMS / certificate), my account, real-name upgrade.
    path("account/", include("govhall.portal.account_urls")),
    path("account/upstream/", include("govhall.portal.upstream_urls")),  # sign-in via upstream IdPs (SSO)
    # Enterprises: certificate login, representative's agents, acting for an enterprise.
    path("enterprise/", include("govhall.portal.enterprise_urls")),
    # Applying online, my cases, the public progress query and in-site messages.
    path("", include("govhall.portal.application_urls")),
    # 互动: consultations and FAQ, complaints and reports, solicitations, surveys, problems and suggestions.
    path("interaction/", include("govhall.portal.interaction_urls")),
    path("ratings/", include("govhall.portal.rating_urls")),
    path(
        "participate/", include("govhall.portal.survey_urls")
    ),  # 意见征集、在线调查、问题与建议.  # 好差评: rate a case (web, SMS link, on-site device).
]
