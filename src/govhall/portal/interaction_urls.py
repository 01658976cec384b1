"""互动交流 pages of the portal (namespace ``portal``, under /interaction/): consultations and the FAQ,
complaints and reports, my consultations and complaints."""

from django.urls import path

from .views import interaction

urlpatterns = [
    path("", interaction.interaction_home, name="interaction_home"),
    path("consult/", interaction.consultation_new, name="consultation_new"),
    path("faq/", interaction.faq, name="faq"),
    path("complain/", interaction.complaint_new, name="complaint_new"),
    path("my/", interaction.my_interactions, name="my_interactions"),
    path("my/consultations/<int:pk>/", interaction.consultation_detail, name="consultation_detail"),
    path("my/complaints/<int:pk>/", interaction.complaint_detail, name="complaint_detail"),
    path("my/complaints/<int:pk>/confirm/", interaction.complaint_confirm_view, name="complaint_confirm"),
    path("my/complaints/<int:pk>/reopen/", interaction.complaint_reopen_view, name="complaint_reopen"),
]
