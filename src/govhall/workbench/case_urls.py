"""办件 URLs (/workbench/cases/): the inbox, case search and export, the case page and its actions, window intake."""

from django.urls import path

from .views import case_actions, cases, inbox, window

urlpatterns = [
    path("", cases.case_list, name="case_list"),
    path("export/", cases.case_export, name="case_export"),
    # 待办: my department's open tasks for my roles.
    path("inbox/", inbox.inbox_page, name="inbox"),
    path("inbox/claim/", inbox.task_claim_bulk, name="task_claim_bulk"),
    path("tasks/<int:task_id>/claim/", inbox.task_claim_view, name="task_claim"),
    path("tasks/<int:task_id>/release/", inbox.task_release_view, name="task_release"),
    # 一窗受理 and same-day 补录.
    path("window/", window.window_intake, name="window_intake"),
    path("back-entry/", window.back_entry, name="back_entry"),
    # One case: the page, its files, and one POST URL per action.
    path("<str:number>/", cases.case_detail, name="case_detail"),
    path("<str:number>/materials/<int:material_id>/", cases.case_material, name="case_material"),
    path(
        "<str:number>/events/<int:event_id>/attachment/",
        cases.case_event_attachment,
        name="case_event_attachment",
    ),
    path(
        "<str:number>/corrections/<int:correction_id>/notice/",
        cases.case_correction_notice,
        name="case_correction_notice",
    ),
    path("<str:number>/result/", cases.case_result_document, name="case_result_document"),
    path("<str:number>/accept/", case_actions.case_accept, name="case_accept"),
    path("<str:number>/refuse/", case_actions.case_refuse, name="case_refuse"),
    path("<str:number>/correction/", case_actions.case_correction_request, name="case_correction_request"),
    path("<str:number>/opinion/", case_actions.case_opinion, name="case_opinion"),
    path("<str:number>/decide/", case_actions.case_decide, name="case_decide"),
    path("<str:number>/extension/", case_actions.case_extension_request, name="case_extension_request"),
    path(
        "<str:number>/extension/<int:extension_id>/decide/",
        case_actions.case_extension_decide,
        name="case_extension_decide",
    ),
    path("<str:number>/special/", case_actions.case_special_start, name="case_special_start"),
    path(
        "<str:number>/special/<int:procedure_id>/end/", case_actions.case_special_end, name="case_special_end"
    ),
    path("<str:number>/visit/", case_actions.case_visit, name="case_visit"),
    path("<str:number>/collected/", case_actions.case_result_collected, name="case_result_collected"),
    path("<str:number>/reveal/", case_actions.case_reveal, name="case_reveal"),
]
