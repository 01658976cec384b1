"""Every change to solicitations, surveys and suggestions (see the modules of this package).

Each service takes keyword-only arguments, runs in one transaction, checks its invariant, and
writes an audit entry (actions ``surveys.*``) in the same transaction. They never touch another
context's tables: persons come from ``identity.selectors``, staff scopes from ``identity.scope``.
"""

from .solicitations import (
    SolicitationFields,
    opinion_submit,
    opinions_export_record,
    solicitation_create,
    solicitation_feedback_publish,
    solicitation_publish,
    solicitation_update,
)
from .suggestions import suggestion_reply, suggestion_route_set, suggestion_submit
from .surveys import (
    QuestionSpec,
    SurveyFields,
    survey_create,
    survey_publish,
    survey_questions_replace,
    survey_respond,
    survey_results_export_record,
    survey_update,
)

__all__ = [
    "QuestionSpec",
    "SolicitationFields",
    "SurveyFields",
    "opinion_submit",
    "opinions_export_record",
    "solicitation_create",
    "solicitation_feedback_publish",
    "solicitation_publish",
    "solicitation_update",
    "suggestion_reply",
    "suggestion_route_set",
    "suggestion_submit",
    "survey_create",
    "survey_publish",
    "survey_questions_replace",
    "survey_respond",
    "survey_results_export_record",
    "survey_update",
]
