"""The demo catalog declares sensible 认证等级需求: mostly real name (L2), a few simple registrations
at L1, and enterprise items whose systems need a digital certificate at L3."""

from collections import Counter

from govhall.catalog.elements import elements_clean
from govhall.demo.catalog import demo_items


def test_demo_items_declare_mostly_l2_a_few_l1_and_l3_enterprise_items():
    items = demo_items()
    levels = {item.name: elements_clean(item.elements)["required_level"] for item in items}
    counts = Counter(levels.values())

    assert counts["L2"] > len(items) * 0.8
    assert counts["L1"] >= 2
    assert counts["L3"] >= 2
    assert all("legal_person" in item.elements["audiences"] for item in items if levels[item.name] == "L3")
    assert all(item.elements["audiences"] == ["person"] for item in items if levels[item.name] == "L1")
