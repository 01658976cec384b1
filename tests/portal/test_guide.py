"""The item guide page (办事指南): every element of the live version, and nothing that is not live."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from govhall.catalog.elements import version_snapshot
from govhall.catalog.services.basic import catalog_item_create
from govhall.catalog.services.implementations import (
    implementation_create,
    version_approve,
    version_draft_open,
    version_draft_save,
    version_submit,
)
from govhall.catalog.services.material_files import material_files_attach
from tests.factories import sample_elements

from .conftest import publish
from .pages import page_text

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_guide_shows_inherited_elements_from_the_basic_catalog(client, world):
    response = client.get(f"/items/{world.implementation.code}/")

    assert response.status_code == 200
    text = page_text(response)
    assert "<h1>食品经营许可</h1>" in response.content.decode()
    assert "基本编码 010000000001" in text
    assert f"实施编码 {world.implementation.code}" in text
    assert "事项类型 行政许可" in text
    assert "设定依据 《中华人民共和国食品安全法》第三十五条" in text
    assert "主管部门 市场监督管理部门" in text


def test_guide_shows_every_element_of_the_published_version(client, world):
    text = page_text(client.get(f"/items/{world.implementation.code}/"))

    assert "实施部门 龙岩市新罗区市场监督管理局" in text
    assert "办理地区 新罗区" in text
    assert "服务对象 自然人、企业法人" in text
    assert "1. 申请人应当具有与经营的食品品种、数量相适应的经营场所；" in text
    assert "2. 有食品安全专业技术人员。" in text
    assert "申请材料（共 3 项）" in text
    assert "食品经营许可申请书 必要 纸质和电子 原件 1 申请人自备" in text
    assert "营业执照复印件 必要 纸质 复印件 1 政府部门核发（市场监督管理部门核发）" in text
    assert "委托书 非必要（视情形提交）：委托他人办理的 纸质 原件 1 申请人自备" in text
    assert "申请 （即时办理） 申请人提交材料" in text
    assert "受理 （1 个工作日） 窗口审查材料是否齐全" in text
    assert "审查 （7 个工作日） 审查并现场核查" in text
    assert "决定 （2 个工作日） 作出许可决定并制证" in text
    assert "法定办结时限 20 个工作日" in text
    assert "承诺办结时限 10 个工作日" in text
    assert "收费标准 不收费" in text
    assert "办理地点 龙岩市新罗区行政服务中心二楼市场监管窗口" in text
    assert "办理时间 周一至周五 上午8:00-12:00，下午14:30-17:30（法定节假日除外）" in text
    assert "到现场次数 最多跑1次" in text
    assert "网上预约 支持" in text
    assert "咨询电话 0597-2345678" in text
    assert "监督投诉电话 0597-12345" in text
    assert "结果类型 证照" in text
    assert "结果名称 食品经营许可证" in text
    assert "送达方式 窗口领取、快递送达" in text
    assert "网上支付 不支持" in text
    assert "物流快递 支持" in text
    assert "中介服务 无" in text
    assert "前置审批 无" in text
    assert "第 1 版" in text


def test_guide_shows_depth_stars_and_which_of_the_six_steps_are_online(client, world):
    response = client.get(f"/items/{world.implementation.code}/")
    html, text = response.content.decode(), page_text(response)

    assert 'aria-label="网办深度 4 星（满分 5 星）"' in html
    for label in ("网上咨询", "网上申请", "网上预审", "网上受理"):
        assert f"{label} ✓ 可网上办理" in text
    for label in ("网上缴费", "网上送达"):
        assert f"{label} 需线下办理" in text


def test_guide_shows_publish_date_of_the_live_version(client, world):
    version = world.implementation.published_version
    published = version.published_at.astimezone().strftime("%Y年%m月%d日")

    text = page_text(client.get(f"/items/{world.implementation.code}/"))

    assert f"第 1 版 · {published}发布" in text


def test_guide_of_a_zero_visit_paid_item_says_零跑动_and_lists_fees(client, portal):
    text = page_text(client.get(f"/items/{portal.city_item.code}/"))

    assert "到现场次数 零跑动" in text
    assert "卫生许可证工本费 15.50 元 闽价费〔2019〕12号" in text
    assert "不收费" not in text
    for label in ("网上咨询", "网上申请", "网上预审", "网上受理", "网上缴费", "网上送达"):
        assert f"{label} ✓ 可网上办理" in text


def test_guide_lists_themes_and_related_items_of_the_region_chain(client, portal):
    text = page_text(client.get(f"/items/{portal.world.implementation.code}/"))

    assert "所属主题： 开办企业" in text
    assert "公共场所卫生许可 龙岩市市场监督管理局" in text  # same theme, city above 新罗区
    assert "药品经营许可" not in text  # 长汀县 is not in 新罗区's chain


def test_guide_links_prerequisites_to_their_basic_item(client, world):
    licence = catalog_item_create(
        code="010000000009",
        name="营业执照核发",
        item_type="01",
        legal_basis="《中华人民共和国市场主体登记管理条例》",
    )
    implementation = publish(
        item=catalog_item_create(
            code="010000000010", name="食品小作坊登记", item_type="01", legal_basis="《福建省食品小作坊条例》"
        ),
        department=world.county_department,
        author=world.manager,
        reviewer=world.reviewer,
        prerequisites=[licence.code],
        intermediary_services="食品检验检测报告（检验检测机构出具）",
    )

    response = client.get(f"/items/{implementation.code}/")

    html = response.content.decode()
    assert '<a href="/basic/010000000009/">营业执照核发</a>' in html
    assert "中介服务 食品检验检测报告（检验检测机构出具）" in page_text(response)


@pytest.mark.parametrize("which", ["draft_item", "suspended_item", "withdrawn_item"])
def test_guide_of_an_implementation_that_is_not_live_is_a_chinese_404(client, portal, which):
    response = client.get(f"/items/{getattr(portal, which).code}/")

    assert response.status_code == 404
    assert "未找到该事项，或该事项暂未发布、已暂停办理" in response.content.decode()


def test_guide_of_an_unknown_code_is_a_chinese_404(client, db):
    response = client.get("/items/NOPE/")

    assert response.status_code == 404
    assert "抱歉，您访问的页面不存在" in response.content.decode()


def test_guide_never_shows_a_pending_revision(client, world):
    draft = version_draft_open(implementation=world.implementation, user=world.manager)
    elements = version_snapshot(draft) | {
        "materials": sample_elements()["materials"][:1]
        + [
            {
                "name": "待审核新增材料",
                "requirement": "required",
                "form": "paper",
                "original": "copy",
                "copies": 1,
                "source": "applicant",
            }
        ],
        "promised_limit": 5,
    }
    version_draft_save(version=draft, user=world.manager, elements=elements)
    version_submit(version=draft, user=world.manager, reason="精简材料")

    text = page_text(client.get(f"/items/{world.implementation.code}/"))

    assert "待审核新增材料" not in text
    assert "承诺办结时限 10 个工作日" in text
    assert "第 1 版" in text


def test_guide_offers_template_download_of_a_live_material(client, world, media_root):
    implementation = implementation_create(
        catalog_item=catalog_item_create(
            code="010000000011",
            name="食品经营许可变更",
            item_type="01",
            legal_basis="《食品经营许可管理办法》",
        ),
        department=world.county_department,
        elements=sample_elements(),
        created_by=world.manager,
    )
    version = implementation.versions.get()
    material_files_attach(
        version=version,
        user=world.manager,
        position=1,
        kind="template",
        upload=SimpleUploadedFile("申请书.pdf", PDF_BYTES, content_type="application/pdf"),
    )
    version_submit(version=version, user=world.manager, reason="首次编制")
    version_approve(version=version, reviewer=world.reviewer)

    html = client.get(f"/items/{implementation.code}/").content.decode()
    download = client.get(f"/items/{implementation.code}/materials/1/template/")

    assert f'href="/items/{implementation.code}/materials/1/template/"' in html
    assert f"/items/{implementation.code}/materials/1/sample/" not in html
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert "attachment" in download["Content-Disposition"]
    assert ".pdf" in download["Content-Disposition"]


def test_material_files_are_served_only_from_the_live_version(client, world, media_root):
    draft = version_draft_open(implementation=world.implementation, user=world.manager)
    material_files_attach(
        version=draft,
        user=world.manager,
        position=2,
        kind="sample",
        upload=SimpleUploadedFile("样表.pdf", PDF_BYTES, content_type="application/pdf"),
    )

    response = client.get(f"/items/{world.implementation.code}/materials/2/sample/")

    assert response.status_code == 404


def test_material_file_of_an_unknown_kind_is_404(client, world):
    assert client.get(f"/items/{world.implementation.code}/materials/1/secret/").status_code == 404


def test_basic_item_page_lists_where_it_is_implemented(client, portal):
    response = client.get("/basic/010000000001/", {"region": "350802"})

    text = page_text(response)
    assert response.status_code == 200
    assert "<h1>食品经营许可</h1>" in response.content.decode()
    assert "基本编码 010000000001" in text
    assert f'href="/items/{portal.world.implementation.code}/"' in response.content.decode()


def test_basic_item_page_separates_implementations_outside_the_chosen_region(client, portal):
    response = client.get("/basic/010000000003/", {"region": "350802"})

    text = page_text(response)
    assert "所选地区及其上级暂无部门实施此事项。" in text
    assert "其他地区" in text
    assert "长汀县市场监督管理局" in text


def test_basic_item_page_of_an_unknown_code_is_404(client, db):
    assert client.get("/basic/019999999999/").status_code == 404
