"""公众参与 addresses under /participate/ (namespace ``portal``): 意见征集, 在线调查, 问题与建议."""

from django.urls import path

from .views import participate

urlpatterns = [
    path("solicitations/", participate.solicitation_list, name="solicitation_list"),
    path("solicitations/<int:pk>/", participate.solicitation_detail, name="solicitation_detail"),
    path(
        "solicitations/<int:pk>/attachment/",
        participate.solicitation_attachment,
        name="solicitation_attachment",
    ),
    path("surveys/", participate.survey_list, name="survey_list"),
    path("surveys/<int:pk>/", participate.survey_detail, name="survey_detail"),
    path("surveys/<int:pk>/results/", participate.survey_results_page, name="survey_results"),
    path("suggestions/", participate.suggestion_list, name="suggestion_list"),
    path("suggestions/new/", participate.suggestion_new, name="suggestion_new"),
]
