"""电子监察 URLs (/workbench/supervision/): red/yellow cards, supervision notices, the warning rule."""

from django.urls import path

from .views import supervision

urlpatterns = [
    path("cards/", supervision.card_list_page, name="card_list"),
    path("cards/<int:card_id>/", supervision.card_detail, name="card_detail"),
    path("notices/", supervision.notice_list_page, name="notice_list"),
    path("notices/new/", supervision.notice_new, name="notice_new"),
    path("notices/<int:notice_id>/", supervision.notice_detail, name="notice_detail"),
    path("notices/<int:notice_id>/answer/", supervision.notice_answer_view, name="notice_answer"),
    path("notices/<int:notice_id>/close/", supervision.notice_close_view, name="notice_close"),
    path("notices/<int:notice_id>/pdf/", supervision.notice_pdf_view, name="notice_pdf"),
    path("rule/", supervision.rule_edit, name="rule_edit"),
]
