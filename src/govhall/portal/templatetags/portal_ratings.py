"""``{% rating_section case %}`` — the 评价 section of the applicant's case page (stages open for rating,
ratings given). Two queries; nothing when no stage is open yet."""

from typing import Any

from django import template

from govhall.cases.selectors_ratings import case_for_rating
from govhall.interaction.ratings.selectors import rating_stage_states

register = template.Library()


@register.inclusion_tag("portal/ratings/_case_section.html")
def rating_section(case: Any) -> dict[str, Any]:
    states = rating_stage_states(case_for_rating(case_id=case.pk))
    return {"number": case.number, "states": [s for s in states if s.state != "closed"]}
