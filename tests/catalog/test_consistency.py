"""一致性检查: crafted implementations give exactly the findings expected, in a fixed number of queries."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from govhall.catalog.consistency import Finding, FindingEntry, FindingKind, consistency_findings
from govhall.catalog.models import ImplementationVersion, Material, ProcessStep
from govhall.catalog.services.implementations import (
    implementation_change_status,
    implementation_create,
    version_approve,
    version_submit,
)
from govhall.directory.services import department_upsert
from govhall.identity.models import StaffRole
from govhall.identity.services.staff import staff_upsert

from ..factories import credit_code, sample_elements

pytestmark = pytest.mark.django_db

CHANGTING = "长汀县市场监督管理局"


def _publish(department, author, reviewer, item, **overrides):
    implementation = implementation_create(
        catalog_item=item, department=department, created_by=author, elements=sample_elements(**overrides)
    )
    version = implementation.versions.get()
    version_submit(version=version, user=author, reason="首次编制")
    version_approve(version=version, reviewer=reviewer)
    implementation.refresh_from_db()
    return implementation


@pytest.fixture
def changting(world):
    return department_upsert(credit_code=credit_code(21), name=CHANGTING, region=world.other_county)


def _in_changting(world, changting, **overrides):
    return _publish(changting, world.other_manager, world.city_manager, world.item, **overrides)


def _kind(findings: list[Finding], kind: str) -> list[Finding]:
    return [finding for finding in findings if finding.kind == kind]


def test_the_sample_guide_only_lacks_a_blank_template(world):
    findings = consistency_findings()

    assert findings == [
        Finding(
            FindingKind.TEMPLATE_MISSING,
            "010000000001",
            "食品经营许可",
            (
                FindingEntry(
                    world.implementation.code, "新罗区", "龙岩市新罗区市场监督管理局", "食品经营许可申请书"
                ),
            ),
            "申请人须填写的必要材料应提供空白表格下载",
        )
    ]
    assert findings[0].severity == "low" and findings[0].kind_label == "申请人填写的必要材料缺少空白表格"


def test_a_blank_template_clears_that_finding(world):
    Material.objects.filter(version=world.implementation.published_version, position=1).update(
        template_file="catalog/templates/申请书.docx"
    )

    assert consistency_findings() == []


def test_materials_that_are_not_forms_need_no_blank_template(world):
    Material.objects.filter(version=world.implementation.published_version, position=1).update(
        name="经营场所照片"
    )

    assert _kind(consistency_findings(), FindingKind.TEMPLATE_MISSING) == []


def test_identical_guides_in_two_counties_agree(world, changting):
    _in_changting(world, changting)

    assert _kind(consistency_findings(), FindingKind.PROMISED_LIMIT_DIFFERS) == []
    assert [f.kind for f in consistency_findings()] == [FindingKind.TEMPLATE_MISSING] * 2


def test_promised_limits_differing_between_counties_are_flagged(world, changting):
    other = _in_changting(world, changting, promised_limit=15)

    [finding] = _kind(consistency_findings(), FindingKind.PROMISED_LIMIT_DIFFERS)

    assert finding.severity == "medium" and finding.basic_code == "010000000001"
    assert set(finding.entries) == {
        FindingEntry(world.implementation.code, "新罗区", "龙岩市新罗区市场监督管理局", "10 个工作日"),
        FindingEntry(other.code, "长汀县", CHANGTING, "15 个工作日"),
    }
    assert finding.implementations == sorted(finding.implementations)
    assert finding.detail == "同级区划共有 2 种不同的时限"


def test_promised_limits_of_different_levels_are_not_compared(world):
    _publish(
        world.city_department, world.city_manager, _province_manager(world), world.item, promised_limit=15
    )

    assert _kind(consistency_findings(), FindingKind.PROMISED_LIMIT_DIFFERS) == []


def test_statutory_limit_differing_at_any_level_is_flagged(world):
    city = _publish(
        world.city_department, world.city_manager, _province_manager(world), world.item, statutory_limit=30
    )

    [finding] = _kind(consistency_findings(), FindingKind.STATUTORY_LIMIT_DIFFERS)

    assert finding.severity == "high"
    assert {e.implementation_code: e.value for e in finding.entries} == {
        world.implementation.code: "20 个工作日",
        city.code: "30 个工作日",
    }


def test_fees_differing_between_counties_are_flagged(world, changting):
    other = _in_changting(
        world, changting, is_free=False, fees=[{"name": "工本费", "amount": "10", "basis": "闽价〔2020〕1号"}]
    )

    [finding] = _kind(consistency_findings(), FindingKind.FEES_DIFFER)

    assert finding.severity == "high"
    assert {e.implementation_code: e.value for e in finding.entries} == {
        world.implementation.code: "免费",
        other.code: "工本费 10.00 元",
    }


def test_material_lists_differing_are_flagged_with_the_differing_names(world, changting):
    materials = sample_elements()["materials"][:2] + [
        {
            "name": "健康证明",
            "requirement": "required",
            "form": "paper",
            "original": "copy",
            "copies": 1,
            "source": "government",
        }
    ]
    other = _in_changting(world, changting, materials=materials)

    [finding] = _kind(consistency_findings(), FindingKind.MATERIALS_DIFFER)

    assert finding.detail == "共同材料 2 项；不一致的材料：健康证明、委托书"
    assert {e.implementation_code: e.value for e in finding.entries} == {
        world.implementation.code: "委托书、营业执照复印件、食品经营许可申请书",
        other.code: "健康证明、营业执照复印件、食品经营许可申请书",
    }


def test_legacy_promised_limit_over_statutory_is_flagged(world):
    ImplementationVersion.objects.filter(pk=world.implementation.published_version_id).update(
        promised_limit=30
    )

    [finding] = _kind(consistency_findings(), FindingKind.PROMISED_OVER_STATUTORY)

    assert finding.severity == "high"
    assert finding.entries[0].value == "承诺 30 个工作日，法定 20 个工作日"


def test_promised_working_days_over_statutory_natural_days_is_flagged_but_not_the_reverse(world):
    version = ImplementationVersion.objects.filter(pk=world.implementation.published_version_id)
    version.update(promised_limit=25, statutory_limit_unit="natural")
    assert len(_kind(consistency_findings(), FindingKind.PROMISED_OVER_STATUTORY)) == 1

    version.update(promised_limit_unit="natural", statutory_limit_unit="working", promised_limit=25)
    assert _kind(consistency_findings(), FindingKind.PROMISED_OVER_STATUTORY) == []


def test_published_guide_without_steps_is_flagged(world):
    ProcessStep.objects.filter(version=world.implementation.published_version).delete()

    [finding] = _kind(consistency_findings(), FindingKind.NO_STEPS)

    assert finding.implementations == [world.implementation.code] and finding.severity == "high"


def test_four_stars_without_online_acceptance_is_flagged(world, changting):
    other = _in_changting(world, changting, online_depth=4, depth_steps=["consult", "apply"])

    [finding] = _kind(consistency_findings(), FindingKind.DEPTH_STEPS_MISMATCH)

    assert finding.implementations == [other.code]
    assert finding.entries[0].value == "4 星；未网上办理：网上预审、网上受理"


def test_zero_visits_with_depth_below_four_is_flagged(world, changting):
    other = _in_changting(
        world, changting, online_depth=3, depth_steps=["consult", "apply", "pre_review"], max_visits=0
    )

    [finding] = _kind(consistency_findings(), FindingKind.VISITS_DEPTH_MISMATCH)

    assert finding.implementations == [other.code] and finding.entries[0].value == "0 次，3 星"


def test_courier_flag_without_courier_delivery_is_flagged(world, changting):
    other = _in_changting(world, changting, delivery_methods=["window"], supports_courier=True)

    [finding] = _kind(consistency_findings(), FindingKind.SERVICE_FLAGS_MISMATCH)

    assert finding.implementations == [other.code]
    assert finding.entries[0].value == "支持物流快递，但送达方式无快递送达"


def test_region_filter_keeps_other_counties_out_of_the_comparison(world, changting):
    _in_changting(world, changting, promised_limit=15)

    findings = consistency_findings(region=world.county)

    assert [f.kind for f in findings] == [FindingKind.TEMPLATE_MISSING]
    assert len(consistency_findings(region=world.city)) == 3


def test_basic_code_filter(world):
    assert consistency_findings(basic_code="010000000099") == []
    assert len(consistency_findings(basic_code="010000000001")) == 1


def test_suspended_implementations_are_not_checked(world, changting):
    other = _in_changting(world, changting, promised_limit=15)
    implementation_change_status(
        implementation=other, user=world.other_manager, action="suspended", reason="整改"
    )

    assert _kind(consistency_findings(), FindingKind.PROMISED_LIMIT_DIFFERS) == []


def test_findings_take_a_fixed_number_of_queries(world, changting):
    _in_changting(world, changting, promised_limit=15)
    with CaptureQueriesContext(connection) as few:
        consistency_findings()
    for seed in range(3):
        department = department_upsert(
            credit_code=credit_code(40 + seed), name=f"长汀县第{seed}局", region=world.other_county
        )
        _publish(
            department,
            world.other_manager,
            world.city_manager,
            world.item,
            promised_limit=11 + seed,
            max_visits=0,
            online_depth=2,
        )
    with CaptureQueriesContext(connection) as many:
        findings = consistency_findings()

    assert len(many) == len(few)
    assert len(_kind(findings, FindingKind.VISITS_DEPTH_MISMATCH)) == 3


def _province_manager(world):
    return staff_upsert(
        username="fj_manager", display_name="黄敏", region=world.province, roles=[StaffRole.CATALOG_MANAGER]
    ).user


def test_consistency_report_command_prints_a_summary_and_exports(world, changting, tmp_path):
    _in_changting(world, changting, promised_limit=15)
    output = tmp_path / "report.xlsx"
    stdout = io.StringIO()

    call_command("consistency_report", "-o", str(output), stdout=stdout)

    assert stdout.getvalue().splitlines() == [
        "[警告] 同级区划承诺办结时限不一致：1 处",
        "[提示] 申请人填写的必要材料缺少空白表格：2 处",
        "共发现 3 处问题",
        f"报告已导出到 {output}",
    ]
    workbook = load_workbook(output)
    assert workbook.sheetnames == ["汇总", "问题清单"]
    detail = list(workbook["问题清单"].iter_rows(values_only=True))
    assert detail[0] == (
        "序号",
        "问题类型",
        "严重程度",
        "基本编码",
        "事项名称",
        "实施编码",
        "实施区划",
        "实施主体",
        "取值",
        "说明",
    )
    assert [row[1] for row in detail[1:]] == ["同级区划承诺办结时限不一致"] * 2 + [
        "申请人填写的必要材料缺少空白表格"
    ] * 2
    assert ("合计", None, 3, 4) in list(workbook["汇总"].iter_rows(values_only=True))
