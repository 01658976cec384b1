"""Blank forms (空白表格) for the demo's application forms: one generated A4 PDF per form name.

A material that the applicant fills in (申请表, 申请书, 登记表, 承诺书, 声明 …) gets a blank form
to download, as a real guide offers. Each PDF is written once to the default storage under a
path derived from the form's name, so reloading the demo reuses it. Synthetic scale items
share one generic form.
"""

import hashlib
from collections.abc import Iterable
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from govhall.core.pdf import content_width, pdf_render, pdf_styles, pdf_table, pdf_text

FORM_WORDS = (
    "申请表",
    "申请书",
    "登记表",
    "审核表",
    "登记注册书",
    "承诺书",
    "声明",
    "委托书",
    "授权书",
    "情况说明",
    "协议书",
    "章程",
    "申报",
)
GENERIC_FORM = "政务服务事项申请表"
FIELDS = (
    "申请人（单位）名称",
    "居民身份证号码 / 统一社会信用代码",
    "法定代表人（负责人）",
    "联系人及联系电话",
    "通讯地址",
    "申请事项",
    "申请内容及理由",
    "申请人签字（盖章）及日期",
)


def is_form(material_name: str) -> bool:
    return any(word in material_name for word in FORM_WORDS)


def blank_form_path(name: str) -> str:
    return f"catalog/templates/demo/{hashlib.sha256(name.encode()).hexdigest()[:20]}.pdf"


def blank_form_pdf(name: str) -> bytes:
    styles = pdf_styles()
    width = content_width()
    rows = [(field, "") for field in FIELDS]
    return pdf_render(
        [
            pdf_text(name, styles.title),
            pdf_table(("项目", "填写内容"), rows, widths=(width * 0.35, width * 0.65), styles=styles),
            pdf_text(
                "本表由申请人如实填写；提交的材料真实、合法、有效，如有虚假，申请人承担相应法律责任。",
                styles.small,
            ),
        ],
        title=name,
        author="govhall 演示数据",
        footer=f"{name}（空白表格）",
    )


def blank_forms_ensure(names: Iterable[str]) -> dict[str, str]:
    """The storage path of the blank form for each name, generating the missing PDFs."""
    paths = {}
    for name in sorted(set(names)):
        path = blank_form_path(name)
        if not default_storage.exists(path):
            default_storage.save(path, ContentFile(blank_form_pdf(name)))
        paths[name] = path
    return paths


def with_blank_forms(
    element_sets: dict[str, dict[str, Any]], *, generic: bool = False
) -> dict[str, dict[str, Any]]:
    """Element sets whose form materials carry a blank form (``template_file``); ``generic`` uses one for all."""
    names = {
        m["name"] for elements in element_sets.values() for m in elements["materials"] if is_form(m["name"])
    }
    paths = blank_forms_ensure([GENERIC_FORM] if generic else names)
    result = {}
    for key, elements in element_sets.items():
        materials = [
            {**m, "template_file": paths[GENERIC_FORM if generic else m["name"]]} if is_form(m["name"]) else m
            for m in elements["materials"]
        ]
        result[key] = {**elements, "materials": materials}
    return result
