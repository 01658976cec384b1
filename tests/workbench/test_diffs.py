"""How a version diff is laid out for reviewers (pure functions over snapshots, no database)."""

from govhall.workbench.diffs import list_change, version_diff

BEFORE = {
    "audiences": ["person"],
    "promised_limit": 10,
    "online_depth": 3,
    "is_free": True,
    "materials": [
        {"name": "申请书", "copies": 1, "requirement": "required", "template_file": ""},
        {"name": "身份证", "copies": 1, "requirement": "required", "template_file": ""},
    ],
    "steps": [{"name": "受理"}, {"name": "决定"}],
    "fees": [],
    "themes": ["open-business"],
    "prerequisites": [],
}


def _after(**changes):
    return BEFORE | changes


def test_unchanged_snapshot_gives_an_empty_diff():
    diff = version_diff(BEFORE, dict(BEFORE), theme_names={}, item_names={})
    assert diff.is_empty and diff.changed_count == 0


def test_scalar_changes_show_chinese_labels_for_codes_and_booleans():
    after = _after(audiences=["person", "legal_person"], online_depth=4, is_free=False)
    diff = version_diff(BEFORE, after, theme_names={}, item_names={})
    assert [(c.label, c.before, c.after) for c in diff.scalars] == [
        ("服务对象", "自然人", "自然人、企业法人"),
        ("网上办理深度", "3 星", "4 星"),
        ("是否免费", "是", "否"),
    ]


def test_reordered_rows_are_moved_not_added_or_removed():
    change = list_change("steps", BEFORE["steps"], [{"name": "决定"}, {"name": "受理"}])
    assert [(r.status, r.before_position, r.after_position) for r in change.rows] == [
        ("moved", 2, 1),
        ("moved", 1, 2),
    ]
    assert change.summary == "调整顺序 2 项"


def test_uploaded_template_shows_as_a_changed_material_cell():
    after_rows = [
        dict(BEFORE["materials"][0], template_file="catalog/templates/1-v2-1-template-ab.pdf"),
        BEFORE["materials"][1],
    ]
    change = list_change("materials", BEFORE["materials"], after_rows)
    assert [(c.label, c.before, c.after) for c in change.rows[0].changed_cells] == [
        ("空白表格", "", "1-v2-1-template-ab.pdf")
    ]


def test_themes_and_prerequisites_list_added_and_removed_names():
    after = _after(themes=["employment"], prerequisites=["010000000002"])
    diff = version_diff(
        BEFORE,
        after,
        theme_names={"open-business": "开办企业", "employment": "就业创业"},
        item_names={"010000000002": "营业执照核发"},
    )
    assert [(s.label, s.added, s.removed) for s in diff.sets] == [
        ("主题", ["就业创业"], ["开办企业"]),
        ("前置审批事项", ["营业执照核发（010000000002）"], []),
    ]


def test_first_version_lists_everything_as_added():
    diff = version_diff(None, BEFORE, theme_names={}, item_names={})
    materials = next(change for change in diff.lists if change.field == "materials")
    assert [r.status for r in materials.rows] == ["added", "added"]
