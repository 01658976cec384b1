"""咨询投诉 pages of the workbench (/workbench/interaction/): the list and export, one consultation or
complaint, and one POST URL per action."""

from django.urls import path

from .views import interaction

urlpatterns = [
    path("", interaction.interaction_list, name="interaction_list"),
    path("export/", interaction.interaction_export, name="interaction_export"),
    path("consultations/<int:pk>/", interaction.consultation_page, name="interaction_consultation"),
    path(
        "consultations/<int:pk>/answer/",
        interaction.consultation_answer_view,
        name="interaction_consultation_answer",
    ),
    path(
        "consultations/<int:pk>/transfer/",
        interaction.consultation_transfer_view,
        name="interaction_consultation_transfer",
    ),
    path(
        "consultations/<int:pk>/publish/",
        interaction.consultation_publish_view,
        name="interaction_consultation_publish",
    ),
    path("complaints/<int:pk>/", interaction.complaint_page, name="interaction_complaint"),
    path(
        "complaints/<int:pk>/triage/", interaction.complaint_triage_view, name="interaction_complaint_triage"
    ),
    path(
        "complaints/<int:pk>/transfer/",
        interaction.complaint_transfer_view,
        name="interaction_complaint_transfer",
    ),
    path("complaints/<int:pk>/reply/", interaction.complaint_reply_view, name="interaction_complaint_reply"),
    path("complaints/<int:pk>/close/", interaction.complaint_close_view, name="interaction_complaint_close"),
    path(
        "complaints/<int:pk>/reveal/", interaction.complaint_reveal_view, name="interaction_complaint_reveal"
    ),
]
