"""``govhall seed_scale``: tops up to exactly N live implementations, realistic synthetic items beyond the demo."""

from io import StringIO

import pytest
from django.core.management import call_command

from govhall.catalog.elements import elements_clean
from govhall.catalog.models import ImplementationStatus, ItemImplementation
from govhall.demo.catalog import demo_plan
from govhall.demo.data.vocabulary import OBJECTS
from govhall.demo.scale import _code, seed_scale_plan


def live() -> int:
    return ItemImplementation.objects.filter(
        status=ImplementationStatus.PUBLISHED, published_version__isnull=False
    ).count()


@pytest.mark.django_db
def test_seed_scale_creates_exactly_n_live_implementations_and_a_second_run_adds_none():
    call_command("seed_scale", implementations=500, stdout=StringIO())
    assert live() == ItemImplementation.objects.count() == 500
    out = StringIO()
    call_command("seed_scale", implementations=500, stdout=out)
    assert live() == 500
    assert "无需补充" in out.getvalue()


@pytest.mark.django_db
def test_seed_scale_tops_up_to_a_larger_n():
    call_command("seed_scale", implementations=120, stdout=StringIO())
    call_command("seed_scale", implementations=250, stdout=StringIO())
    assert live() == 250


def test_beyond_the_demo_plan_synthetic_items_use_real_vocabulary_and_valid_elements():
    plan, _ = demo_plan()
    demo_codes = {_code(p.item_code, p.handling_code[12:], p.department) for p in plan}
    scale = seed_scale_plan(count=2000, existing_codes=demo_codes)
    codes = [_code(p.item_code, p.handling_code[12:], p.department) for p in scale.rows]
    assert len(codes) == len(set(codes)) == 2000 and not set(codes) & demo_codes
    assert all(item.code[5] == "S" and item.code[:2] == item.item_type for item in scale.items)
    vocabulary = {word for words in OBJECTS.values() for word in words}
    assert all(any(word in item.name for word in vocabulary) for item in scale.items)
    for key in {p.elements_key for p in scale.rows}:
        elements_clean(scale.element_sets[key], for_submit=True)
