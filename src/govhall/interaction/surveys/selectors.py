"""Reads of solicitations, surveys and suggestions for the portal and the workbench.

Public reads show published items only (drafts never leave the workbench); staff reads are
narrowed by the caller's ``StaffScope`` and load-and-check in one call (``*_get_for_staff``
raises ``DoesNotExist`` outside the scope, which the workbench turns into a 404). The open/closed
phase is a date comparison, done here in SQL for filters and on the model for display. Survey
results live in ``results``. Never writes.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from govhall.directory.models import Region
from govhall.identity.models import StaffRole
from govhall.identity.scope import StaffScope

from .models import Opinion, Phase, PublishStatus, Solicitation, Suggestion, SuggestionStatus, Survey
from .ownership import READ_ROLES

SUGGESTION_ROLES: tuple[str, ...] = (StaffRole.OPERATOR, StaffRole.DEPARTMENT_HEAD, StaffRole.SUPERVISOR)


def _phase_filter(queryset: QuerySet[Any], phase: str) -> QuerySet[Any]:
    today = timezone.localdate()
    if phase == Phase.DRAFT:
        return queryset.filter(status=PublishStatus.DRAFT)
    published = queryset.filter(status=PublishStatus.PUBLISHED)
    if phase == Phase.UPCOMING:
        return published.filter(opens_on__gt=today)
    if phase == Phase.OPEN:
        return published.filter(opens_on__lte=today, closes_on__gte=today)
    if phase == Phase.CLOSED:
        return published.filter(closes_on__lt=today)
    return queryset


def _site_filter(queryset: QuerySet[Any], region: Region | None) -> QuerySet[Any]:
    """A county's site shows its own items and those of the regions above it; the province's site everything."""
    if region is None:
        return queryset
    return queryset.filter(region__code__in=region.ancestor_codes)


# Portal ---------------------------------------------------------------------------------------


def solicitations_public(*, region: Region | None, phase: str = "") -> QuerySet[Solicitation]:
    solicitations = _site_filter(Solicitation.objects.filter(status=PublishStatus.PUBLISHED), region)
    return (
        _phase_filter(solicitations, phase)
        .annotate(opinion_count=Count("opinions"))
        .order_by("-opens_on", "-id")
    )


def solicitation_get_public(*, pk: int) -> Solicitation:
    return Solicitation.objects.get(pk=pk, status=PublishStatus.PUBLISHED)


def surveys_public(*, region: Region | None, phase: str = "") -> QuerySet[Survey]:
    surveys = _site_filter(Survey.objects.filter(status=PublishStatus.PUBLISHED), region)
    return (
        _phase_filter(surveys, phase).annotate(response_count=Count("responses")).order_by("-opens_on", "-id")
    )


def survey_get_public(*, pk: int) -> Survey:
    return Survey.objects.prefetch_related("questions__options").get(pk=pk, status=PublishStatus.PUBLISHED)


def survey_answered_by(*, survey: Survey, person: Any) -> bool:
    return person is not None and survey.responses.filter(person=person).exists()


def suggestions_of_user(*, user: Any) -> QuerySet[Suggestion]:
    return Suggestion.objects.filter(submitter_id=user.pk).order_by("-created_at", "-id")


def suggestions_published() -> QuerySet[Suggestion]:
    return Suggestion.objects.filter(published=True, status=SuggestionStatus.REPLIED).order_by(
        "-replied_at", "-id"
    )


# Workbench ------------------------------------------------------------------------------------


def _require(scope: StaffScope, roles: tuple[str, ...]) -> None:
    if not scope.has_role(*roles):
        raise PermissionDenied("无权访问意见征集与在线调查")


def _scoped(scope: StaffScope, queryset: QuerySet[Any]) -> QuerySet[Any]:
    return scope.filter(
        queryset, region_path_field="region__path", department_field="department", for_roles=READ_ROLES
    )


def solicitations_for_staff(*, scope: StaffScope, phase: str = "", q: str = "") -> QuerySet[Solicitation]:
    _require(scope, READ_ROLES)
    solicitations = _phase_filter(_scoped(scope, Solicitation.objects.all()), phase)
    if q:
        solicitations = solicitations.filter(title__contains=q)
    return solicitations.annotate(opinion_count=Count("opinions")).order_by("-created_at", "-id")


def solicitation_get_for_staff(*, scope: StaffScope, pk: int) -> Solicitation:
    _require(scope, READ_ROLES)
    return _scoped(scope, Solicitation.objects.select_related("region", "department")).get(pk=pk)


def opinions_of(*, solicitation: Solicitation) -> QuerySet[Opinion]:
    return solicitation.opinions.order_by("created_at", "id")


def surveys_for_staff(*, scope: StaffScope, phase: str = "", q: str = "") -> QuerySet[Survey]:
    _require(scope, READ_ROLES)
    surveys = _phase_filter(_scoped(scope, Survey.objects.all()), phase)
    if q:
        surveys = surveys.filter(title__contains=q)
    return surveys.annotate(response_count=Count("responses")).order_by("-created_at", "-id")


def survey_get_for_staff(*, scope: StaffScope, pk: int) -> Survey:
    _require(scope, READ_ROLES)
    return _scoped(scope, Survey.objects.select_related("region", "department")).get(pk=pk)


def suggestions_for_staff(*, scope: StaffScope, status: str = "", category: str = "") -> QuerySet[Suggestion]:
    """Operators: suggestions without a department in their region and below; department heads: their
    department's; supervisors: everything in their region and below (read only)."""
    if not scope.has_role(*SUGGESTION_ROLES):
        raise PermissionDenied("无权访问问题与建议")
    condition = Q(pk__in=[])
    if StaffRole.OPERATOR in scope.roles:
        condition |= Q(department__isnull=True, region__path__startswith=scope.region_path)
    if StaffRole.DEPARTMENT_HEAD in scope.roles and scope.department_id:
        condition |= Q(department_id=scope.department_id)
    if StaffRole.SUPERVISOR in scope.roles:
        condition |= Q(region__path__startswith=scope.region_path)
    suggestions = Suggestion.objects.filter(condition).select_related("region", "department")
    if status:
        suggestions = suggestions.filter(status=status)
    if category:
        suggestions = suggestions.filter(category=category)
    return suggestions.order_by("status", "-created_at", "-id")


def suggestion_get_for_staff(*, scope: StaffScope, pk: int) -> Suggestion:
    return suggestions_for_staff(scope=scope).get(pk=pk)


def suggestion_routes_for_staff(*, scope: StaffScope) -> QuerySet[Any]:
    """Routes of the operator's region and below."""
    from .models import SuggestionRoute

    if StaffRole.OPERATOR not in scope.roles:
        raise PermissionDenied("仅运维人员可以设置问题与建议的分派")
    return (
        SuggestionRoute.objects.filter(region__path__startswith=scope.region_path)
        .select_related("region", "department")
        .order_by("region__code", "category")
    )


def scope_region(*, scope: StaffScope) -> Region:
    return Region.objects.get(pk=scope.region_id)
