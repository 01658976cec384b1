"""问题与建议: routing, staff reply seen by the submitter only, publication to all, sealed contact."""

import pytest
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from govhall.directory.models import Department
from govhall.identity.models import StaffRole
from govhall.identity.services.staff import staff_upsert
from govhall.interaction.surveys import selectors
from govhall.interaction.surveys.models import Suggestion, SuggestionCategory, SuggestionRoute
from govhall.interaction.surveys.services import suggestion_reply, suggestion_route_set, suggestion_submit

pytestmark = pytest.mark.django_db


def _submit(people, world, category=SuggestionCategory.USAGE, **extra):
    return suggestion_submit(
        user=people.verified.user,
        region=world.county,
        category=category,
        title="手机上无法上传材料",
        body="在手机浏览器中选择照片后没有反应。",
        **extra,
    )


def test_without_a_route_the_suggestion_goes_to_the_regions_operators(people, world):
    suggestion = _submit(people, world)
    assert suggestion.department is None
    assert list(selectors.suggestions_for_staff(scope=people.scope(people.operator))) == [suggestion]
    assert list(selectors.suggestions_for_staff(scope=people.scope(people.head))) == []


def test_routes_send_a_category_to_a_department_and_counties_inherit_the_citys(people, world):
    # Given: 新罗区 routes 服务建议 to its market regulator; 龙岩市 routes 其他 to the city's
    city_operator = staff_upsert(
        username="ly_operator", display_name="市运维", region=world.city, roles=[StaffRole.OPERATOR]
    ).user
    suggestion_route_set(
        actor=people.operator,
        scope=people.scope(people.operator),
        region=world.county,
        category=SuggestionCategory.SERVICE,
        department=world.county_department,
    )
    suggestion_route_set(
        actor=city_operator,
        scope=people.scope(city_operator),
        region=world.city,
        category=SuggestionCategory.OTHER,
        department=world.city_department,
    )
    # When suggestions come from 新罗区's site
    service = _submit(people, world, category=SuggestionCategory.SERVICE)
    other = _submit(people, world, category=SuggestionCategory.OTHER)
    usage = _submit(people, world, category=SuggestionCategory.USAGE)
    # Then each goes to its department, the rest to the operators
    assert (service.department, other.department, usage.department) == (
        world.county_department,
        world.city_department,
        None,
    )
    assert list(selectors.suggestions_for_staff(scope=people.scope(people.head))) == [service]
    assert list(selectors.suggestions_for_staff(scope=people.scope(people.operator))) == [usage]


def test_a_route_to_a_department_outside_the_region_chain_is_refused(people, world):
    changting = Department.objects.get(name="长汀县市场监督管理局")
    with pytest.raises(ValidationError, match="处理部门须属于该区划或其上级区划"):
        suggestion_route_set(
            actor=people.operator,
            scope=people.scope(people.operator),
            region=world.county,
            category=SuggestionCategory.SERVICE,
            department=changting,
        )
    assert not SuggestionRoute.objects.exists()


def test_the_reply_is_seen_by_the_submitter_and_by_everyone_only_once_published(people, world):
    suggestion = _submit(people, world)
    suggestion_reply(
        actor=people.operator,
        scope=people.scope(people.operator),
        suggestion=suggestion,
        reply="已修复，请刷新后重试。",
        publish=False,
    )
    mine = Client()
    mine.force_login(people.verified.user)
    others = Client()
    others.force_login(people.unverified.user)
    url = reverse("portal:suggestion_list")
    assert "已修复，请刷新后重试。" in mine.get(url).content.decode()
    assert "已修复，请刷新后重试。" not in others.get(url).content.decode()
    assert "已修复，请刷新后重试。" not in Client().get(url).content.decode()
    # When staff publish it, everyone sees it, with the submitter's name masked
    suggestion_reply(
        actor=people.operator,
        scope=people.scope(people.operator),
        suggestion=suggestion,
        reply="已修复，请刷新后重试。",
        publish=True,
    )
    page = Client().get(url).content.decode()
    assert "已修复，请刷新后重试。" in page and "林**" in page and "林志远" not in page


def test_staff_outside_the_routing_cannot_reply(people, world):
    suggestion = _submit(people, world)
    with pytest.raises(PermissionDenied):
        suggestion_reply(
            actor=people.head,
            scope=people.scope(people.head),
            suggestion=suggestion,
            reply="不该由我答复。",
            publish=False,
        )
    with pytest.raises(ObjectDoesNotExist):
        selectors.suggestion_get_for_staff(scope=people.scope(people.head), pk=suggestion.pk)
    assert Suggestion.objects.get(pk=suggestion.pk).reply == ""


def test_the_suggestion_contact_is_sealed(people, world):
    suggestion = _submit(people, world, contact="user@example.com")
    sealed, masked = Suggestion.objects.values_list("contact_sealed", "contact_masked").get(pk=suggestion.pk)
    assert "user@example.com" not in sealed and "example" not in sealed
    assert masked == "u***@example.com"


def test_a_wrong_contact_is_refused_in_chinese(people, world):
    with pytest.raises(ValidationError, match="联系方式应为手机号码、固定电话或电子邮箱"):
        _submit(people, world, contact="12345")
    assert not Suggestion.objects.exists()
