"""网上申报、我的办件、进度查询、站内消息 — included at the portal's root (namespace ``portal``).

``portal:apply`` itself (items/<code>/apply/) stays in ``urls.py`` with the guide pages; it hands
eligible applicants to ``views.applications``.
"""

from django.urls import path

from .views import applications, messages, my_cases, progress

urlpatterns = [
    path("apply/<uuid:draft_id>/save/", applications.draft_save_view, name="draft_save"),
    path("apply/<uuid:draft_id>/submit/", applications.draft_submit_view, name="draft_submit"),
    path(
        "apply/<uuid:draft_id>/materials/<int:position>/upload/",
        applications.draft_material_upload_view,
        name="draft_material_upload",
    ),
    path(
        "apply/<uuid:draft_id>/materials/<int:position>/licence/",
        applications.draft_material_licence_view,
        name="draft_material_licence",
    ),
    path(
        "apply/<uuid:draft_id>/files/<int:material_id>/remove/",
        applications.draft_material_remove_view,
        name="draft_material_remove",
    ),
    path(
        "apply/<uuid:draft_id>/files/<int:material_id>/",
        applications.draft_material_file_view,
        name="draft_material_file",
    ),
    path("my/cases/", my_cases.my_cases, name="my_cases"),
    path("my/cases/<str:number>/", my_cases.case_detail, name="case_detail"),
    path("my/cases/<str:number>/correction/", my_cases.case_correction, name="case_correction"),
    path("my/cases/<str:number>/withdraw/", my_cases.case_withdraw_view, name="case_withdraw"),
    path("my/cases/<str:number>/documents/<str:document>/", my_cases.case_document, name="case_document"),
    path("progress/", progress.progress, name="progress"),
    path("my/messages/", messages.message_list, name="messages"),
    path("my/messages/read/", messages.messages_mark_read, name="messages_read"),
    path("my/messages/<int:message_id>/", messages.message_open, name="message_open"),
]
