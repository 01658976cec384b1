"""意见征集、在线调查、问题与建议 pages under /workbench/surveys/ (namespace ``workbench``, nav ``surveys``)."""

from django.urls import path

from .views import suggestions, surveys

urlpatterns = [
    path("", surveys.survey_list, name="survey_list"),
    path("new/", surveys.survey_new, name="survey_new"),
    path("<int:pk>/", surveys.survey_detail, name="survey_detail"),
    path("<int:pk>/edit/", surveys.survey_edit, name="survey_edit"),
    path("<int:pk>/questions/", surveys.survey_questions, name="survey_questions"),
    path("<int:pk>/publish/", surveys.survey_publish_view, name="survey_publish"),
    path("<int:pk>/results/", surveys.survey_results_view, name="survey_results"),
    path("<int:pk>/export/", surveys.survey_export, name="survey_export"),
    path("solicitations/", surveys.solicitation_list, name="solicitation_list"),
    path("solicitations/new/", surveys.solicitation_new, name="solicitation_new"),
    path("solicitations/<int:pk>/", surveys.solicitation_detail, name="solicitation_detail"),
    path("solicitations/<int:pk>/edit/", surveys.solicitation_edit, name="solicitation_edit"),
    path("solicitations/<int:pk>/publish/", surveys.solicitation_publish_view, name="solicitation_publish"),
    path("solicitations/<int:pk>/feedback/", surveys.solicitation_feedback, name="solicitation_feedback"),
    path("solicitations/<int:pk>/export/", surveys.solicitation_export, name="solicitation_export"),
    path("suggestions/", suggestions.suggestion_inbox, name="suggestion_inbox"),
    path("suggestions/routes/", suggestions.suggestion_routes, name="suggestion_routes"),
    path("suggestions/<int:pk>/", suggestions.suggestion_detail, name="suggestion_detail"),
]
