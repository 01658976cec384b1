"""/api/v1/items/{code}/versions/: the published history; drafts, pending and rejected versions never show."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from govhall.catalog.services.implementations import (
    implementation_change_status,
    version_approve,
    version_draft_open,
    version_draft_save,
    version_reject,
    version_submit,
)
from govhall.catalog.services.material_files import material_files_attach

from ..factories import sample_elements

pytestmark = pytest.mark.django_db


def _revise(world, **changes):
    draft = version_draft_open(implementation=world.implementation, user=world.manager)
    version_draft_save(version=draft, user=world.manager, elements=sample_elements(**changes))
    return draft


def _publish(world, draft, reason="压缩承诺时限"):
    version_submit(version=draft, user=world.manager, reason=reason)
    version_approve(version=draft, reviewer=world.reviewer)


def test_history_of_a_new_item_is_its_first_version(world, api, live_code):
    response = api.get(f"/api/v1/items/{live_code}/versions/")

    assert response.status_code == 200
    body = response.json()
    assert (body["count"], body["next"], body["previous"]) == (1, None, None)
    [first] = body["results"]
    assert {
        key: first[key] for key in ("number", "state", "state_label", "change_reason", "is_current", "url")
    } == {
        "number": 1,
        "state": "published",
        "state_label": "已发布",
        "change_reason": "首次编制",
        "is_current": True,
        "url": f"http://testserver/api/v1/items/{live_code}/versions/1/",
    }
    assert {"field": "promised_limit", "label": "承诺办结时限", "before": "", "after": "10"} in first[
        "changes"
    ]


@pytest.mark.parametrize("stage", ["draft", "pending", "rejected"])
def test_unpublished_versions_are_neither_listed_nor_served(world, api, live_code, stage):
    draft = _revise(world, promised_limit=5)
    if stage in ("pending", "rejected"):
        version_submit(version=draft, user=world.manager, reason="压缩承诺时限")
    if stage == "rejected":
        version_reject(version=draft, reviewer=world.reviewer, reason="依据不足")

    history = api.get(f"/api/v1/items/{live_code}/versions/").json()
    version_2 = api.get(f"/api/v1/items/{live_code}/versions/2/")
    guide = api.get(f"/api/v1/items/{live_code}/").json()

    assert [v["number"] for v in history["results"]] == [1]
    assert version_2.status_code == 404
    assert version_2.json() == {
        "code": "not_found",
        "message": f"事项“{live_code}”没有已发布的第 2 版",
        "detail": None,
    }
    assert (guide["version"]["number"], guide["guide"]["promised_limit"]) == (1, 10)


def test_publishing_a_revision_supersedes_the_old_version_in_the_history(world, api, live_code):
    _publish(world, _revise(world, promised_limit=5))

    history = api.get(f"/api/v1/items/{live_code}/versions/").json()["results"]
    guide = api.get(f"/api/v1/items/{live_code}/").json()

    assert [(v["number"], v["state"], v["state_label"], v["is_current"]) for v in history] == [
        (2, "published", "已发布", True),
        (1, "superseded", "已被替代", False),
    ]
    assert history[0]["change_reason"] == "压缩承诺时限"
    assert history[0]["changes"] == [
        {"field": "promised_limit", "label": "承诺办结时限", "before": "10", "after": "5"}
    ]
    assert (guide["version"]["number"], guide["guide"]["promised_limit"]) == (2, 5)


def test_a_superseded_version_is_served_with_its_own_content(world, api, live_code):
    _publish(world, _revise(world, promised_limit=5))

    response = api.get(f"/api/v1/items/{live_code}/versions/1/")

    assert response.status_code == 200
    body = response.json()
    assert {
        key: body[key] for key in ("implementation_code", "number", "state", "state_label", "is_current")
    } == {
        "implementation_code": live_code,
        "number": 1,
        "state": "superseded",
        "state_label": "已被替代",
        "is_current": False,
    }
    assert body["guide"]["promised_limit"] == 10
    assert [m["name"] for m in body["guide"]["materials"]] == [
        "食品经营许可申请书",
        "营业执照复印件",
        "委托书",
    ]
    assert api.get(f"/api/v1/items/{live_code}/versions/2/").json()["guide"]["promised_limit"] == 5


@pytest.mark.parametrize("number", ["0", "99", "abc"])
def test_unknown_version_number_is_a_json_404(world, api, live_code, number):
    response = api.get(f"/api/v1/items/{live_code}/versions/{number}/")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_history_of_a_suspended_item_is_not_served(world, api, live_code):
    implementation_change_status(
        implementation=world.implementation, user=world.manager, action="suspended", reason="机构调整"
    )

    assert api.get(f"/api/v1/items/{live_code}/versions/").status_code == 404
    assert api.get(f"/api/v1/items/{live_code}/versions/1/").status_code == 404


PDF = b"%PDF-1.4\n%test\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_material_template_is_linked_from_the_guide_and_downloadable(
    world, api, live_code, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    draft = _revise(world)
    material_files_attach(
        version=draft,
        user=world.manager,
        position=1,
        kind="template",
        upload=SimpleUploadedFile("申请书.pdf", PDF, content_type="application/pdf"),
    )
    _publish(world, draft, reason="上传空白表格")

    material = api.get(f"/api/v1/items/{live_code}/").json()["guide"]["materials"][0]
    url = f"http://testserver/api/v1/items/{live_code}/versions/2/materials/1/template/"
    download = api.get(url)

    assert (material["template_url"], material["sample_url"]) == (url, None)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert "attachment" in download["Content-Disposition"]


def test_material_file_of_an_unpublished_version_or_missing_file_is_a_404(
    world, api, live_code, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    draft = _revise(world)
    material_files_attach(
        version=draft,
        user=world.manager,
        position=1,
        kind="template",
        upload=SimpleUploadedFile("申请书.pdf", PDF, content_type="application/pdf"),
    )

    for url in (
        f"/api/v1/items/{live_code}/versions/2/materials/1/template/",
        f"/api/v1/items/{live_code}/versions/1/materials/1/template/",
        f"/api/v1/items/{live_code}/versions/1/materials/1/other/",
    ):
        response = api.get(url)
        assert response.status_code == 404
        assert response.json() == {"code": "not_found", "message": "未找到该文件", "detail": None}
