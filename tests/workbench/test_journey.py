"""The review cycle through the pages: revise → change the promised limit → submit → review → live."""

import pytest
from django.urls import reverse

from govhall.catalog.selectors import implementation_get_live
from govhall.catalog.selectors_workbench import version_open_get

from .conftest import client_for, editor_data

pytestmark = pytest.mark.django_db


def _submit_promised_limit_5(world):
    code = world.implementation.code
    author = client_for(world.manager)
    response = author.post(reverse("workbench:implementation_revise", args=(code,)))
    assert response.status_code == 302 and response["Location"] == reverse(
        "workbench:draft_edit", args=(code,)
    )
    assert "承诺办结时限" in author.get(response["Location"]).content.decode()
    data = editor_data(
        world.implementation, promised_limit="5", action="submit", reason="压缩承诺时限至 5 个工作日"
    )
    response = author.post(reverse("workbench:draft_edit", args=(code,)), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("workbench:implementation_detail", args=(code,))
    return author


def test_manager_revision_goes_live_only_after_another_manager_approves(world):
    code = world.implementation.code
    _submit_promised_limit_5(world)
    assert implementation_get_live(code=code).published_version.promised_limit == 10

    reviewer = client_for(world.reviewer)
    queue = reviewer.get(reverse("workbench:review_queue")).content.decode()
    assert reverse("workbench:review_detail", args=(code,)) in queue
    assert "压缩承诺时限至 5 个工作日" in queue
    review = reviewer.get(reverse("workbench:review_detail", args=(code,)))
    page = review.content.decode()
    assert "承诺办结时限" in page and "<del>10</del>" in page and "<ins>5</ins>" in page
    assert [(c.label, c.before, c.after) for c in review.context["diff"].scalars] == [
        ("承诺办结时限", "10", "5")
    ]

    response = reviewer.post(
        reverse("workbench:review_detail", args=(code,)), {"decision": "approve", "comment": "同意"}
    )
    assert response.status_code == 302
    live = implementation_get_live(code=code).published_version
    assert (live.number, live.promised_limit, live.review_comment) == (2, 5, "同意")
    assert live.reviewed_by == world.reviewer


def test_author_sees_own_pending_version_without_approve_buttons_and_cannot_approve(world):
    code = world.implementation.code
    author = _submit_promised_limit_5(world)
    page = author.get(reverse("workbench:review_detail", args=(code,))).content.decode()
    assert "不能审核自己的版本" in page
    assert 'value="approve"' not in page and 'value="reject"' not in page

    response = author.post(reverse("workbench:review_detail", args=(code,)), {"decision": "approve"})
    assert response.status_code == 403
    assert version_open_get(implementation=world.implementation).state == "pending"
    assert implementation_get_live(code=code).published_version.promised_limit == 10


def test_author_queue_lists_own_pending_under_mine_not_under_to_review(world):
    _submit_promised_limit_5(world)
    response = client_for(world.manager).get(reverse("workbench:review_queue"))
    assert list(response.context["page"].object_list) == []
    assert [v.number for v in response.context["mine"]] == [2]


def test_reject_requires_a_reason_and_then_returns_the_version(world):
    code = world.implementation.code
    _submit_promised_limit_5(world)
    reviewer = client_for(world.reviewer)
    url = reverse("workbench:review_detail", args=(code,))

    response = reviewer.post(url, {"decision": "reject", "reason": "  "})
    assert response.status_code == 400
    assert "退回时必须说明理由" in response.content.decode()
    assert version_open_get(implementation=world.implementation).state == "pending"

    response = reviewer.post(url, {"decision": "reject", "reason": "承诺时限依据不足"})
    assert response.status_code == 302
    version = world.implementation.versions.get(number=2)
    assert (version.state, version.review_comment) == ("rejected", "承诺时限依据不足")
    assert implementation_get_live(code=code).published_version.promised_limit == 10


def test_submit_without_reason_writes_nothing_and_asks_for_it(world, open_draft):
    code = world.implementation.code
    data = editor_data(world.implementation, promised_limit="5", action="submit", reason="")
    response = client_for(world.manager).post(reverse("workbench:draft_edit", args=(code,)), data)
    assert response.status_code == 400
    assert "请填写变更原因（改了什么、为什么改）" in response.content.decode()
    open_draft.refresh_from_db()
    assert (open_draft.state, open_draft.promised_limit) == ("draft", 10)


def test_submit_of_incomplete_draft_saves_it_and_shows_what_is_missing(world, open_draft):
    code = world.implementation.code
    data = editor_data(world.implementation, promised_limit="30", action="submit", reason="延长时限")
    response = client_for(world.manager).post(reverse("workbench:draft_edit", args=(code,)), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "草稿已保存，但还不能提交审核" in page
    assert "承诺时限（30）不能超过法定时限（20）" in page
    open_draft.refresh_from_db()
    assert (open_draft.state, open_draft.promised_limit) == ("draft", 30)


def test_status_change_needs_reason_and_then_suspends(world):
    code = world.implementation.code
    client = client_for(world.manager)
    url = reverse("workbench:implementation_status", args=(code,))
    response = client.post(url, {"action": "suspended", "reason": ""})
    assert response.status_code == 400 and "请说明原因" in response.content.decode()
    world.implementation.refresh_from_db()
    assert world.implementation.status == "published"

    response = client.post(url, {"action": "suspended", "reason": "办理场所装修"})
    assert response.status_code == 302
    world.implementation.refresh_from_db()
    assert (world.implementation.status, world.implementation.status_reason) == ("suspended", "办理场所装修")
    assert (
        "办理场所装修"
        in client.get(reverse("workbench:implementation_detail", args=(code,))).content.decode()
    )


def test_resume_of_a_published_item_is_refused_in_chinese(world):
    response = client_for(world.manager).post(
        reverse("workbench:implementation_status", args=(world.implementation.code,)),
        {"action": "resumed", "reason": "测试"},
    )
    assert response.status_code == 400
    assert "事项当前为“在用”，不能恢复" in response.content.decode()
