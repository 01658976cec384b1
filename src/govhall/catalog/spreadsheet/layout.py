"""The shape of the unified item template (统一的事项梳理模板): sheets, columns, code lists, cell formats.

Export writes exactly these columns and import accepts exactly these headers, so the two can
never drift apart. Column headers are the Chinese labels of the guide elements in
``catalog.elements``; coded values are written as their Chinese labels and read back as either
label or code. Nothing here touches the database.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models

from govhall.identity.models import AssuranceLevel

from ..elements import FEE_ELEMENTS, MATERIAL_ELEMENTS, SCALAR_ELEMENTS, STEP_ELEMENTS, Element
from ..models import (
    Audience,
    DeliveryMethod,
    DepthStep,
    LimitUnit,
    MaterialForm,
    MaterialOriginal,
    MaterialRequirement,
    MaterialSource,
    ResultType,
)

GUIDE_SHEET = "说明"
ITEM_SHEET = "事项"
MATERIAL_SHEET = "申请材料"
FEE_SHEET = "收费项目"
STEP_SHEET = "办理流程"
CODES_SHEET = "代码表"
DATA_SHEETS = (ITEM_SHEET, MATERIAL_SHEET, FEE_SHEET, STEP_SHEET)

MULTI_SEPARATOR = "、"
YES, NO = "是", "否"

# Fixed document properties: the same data always gives the same file.
WORKBOOK_TITLE = "政务服务事项梳理模板"
WORKBOOK_CREATOR = "govhall"
WORKBOOK_TIMESTAMP = datetime.datetime(2025, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Column:
    """One column of a data sheet.

    ``key`` is the guide element name, or one of the identity keys below; ``kind`` is the
    element kind (text, int, bool, choice, choices, decimal) or ``code``/``names`` for identity
    and reference columns.
    """

    header: str
    key: str
    kind: str
    choices: type[models.Choices] | None = None
    required: bool = False
    read_only: bool = False
    width: int = 16
    note: str = ""
    minimum: int = 0
    maximum: int | None = None


def _element_column(element: Element, *, required: bool | None = None) -> Column:
    widths = {"text": 30, "int": 12, "bool": 10, "choice": 16, "choices": 28, "decimal": 14}
    width = widths[element.kind]
    if element.kind == "text" and (element.max_length or 1000) <= 60:
        width = 18
    return Column(
        element.label,
        element.name,
        element.kind,
        element.choices,
        required=element.required if required is None else required,
        width=width,
        minimum=1 if element.name == "online_depth" else 0,
        maximum=element.max_value,
    )


IMPLEMENTATION_CODE = Column(
    "实施编码",
    "code",
    "code",
    width=46,
    note="基本编码 + 12 位区划代码 + 18 位统一社会信用代码（+ 2 位业务办理项序号）；新增事项可留空，由系统生成",
)
ITEM_COLUMNS: tuple[Column, ...] = (
    IMPLEMENTATION_CODE,
    Column("基本编码", "basic_code", "code", required=True, width=15, note="基本目录中有效事项的 12 位编码"),
    Column(
        "业务办理项编码", "handling_code", "code", width=17, note="基本编码 + 2 位序号；没有业务办理项时留空"
    ),
    Column(
        "事项名称",
        "name",
        "text",
        read_only=True,
        width=30,
        note="继承自基本目录，仅供阅读；如填写，必须与基本目录一致",
    ),
    Column(
        "实施主体统一社会信用代码",
        "credit_code",
        "code",
        required=True,
        width=22,
        note="18 位统一社会信用代码，须为已登记的部门",
    ),
    Column(
        "实施主体名称",
        "department_name",
        "text",
        read_only=True,
        width=26,
        note="仅供阅读；如填写，必须与信用代码对应的部门名称一致",
    ),
    Column(
        "实施区划代码", "region_code", "code", required=True, width=15, note="实施主体所在区划的 12 位代码"
    ),
    *(_element_column(element) for element in SCALAR_ELEMENTS),
    Column("主题", "themes", "names", width=20, note="主题名称，多个用“、”分隔"),
    Column("前置审批事项", "prerequisites", "names", width=20, note="前置审批事项的基本编码，多个用“、”分隔"),
)

_POSITION = Column(
    "序号", "position", "int", required=True, width=8, note="同一实施编码下的排列顺序，不得重复"
)
_PARENT_CODE = Column("实施编码", "code", "code", required=True, width=46, note="须为“事项”表中的实施编码")

CHILD_COLUMNS: dict[str, tuple[Column, ...]] = {
    MATERIAL_SHEET: (_PARENT_CODE, _POSITION, *(_element_column(e) for e in MATERIAL_ELEMENTS)),
    FEE_SHEET: (_PARENT_CODE, _POSITION, *(_element_column(e) for e in FEE_ELEMENTS)),
    STEP_SHEET: (_PARENT_CODE, _POSITION, *(_element_column(e) for e in STEP_ELEMENTS)),
}
CHILD_ELEMENT_KEY = {MATERIAL_SHEET: "materials", FEE_SHEET: "fees", STEP_SHEET: "steps"}
SHEET_FOR_ELEMENT_KEY = {key: sheet for sheet, key in CHILD_ELEMENT_KEY.items()}

SHEET_COLUMNS: dict[str, tuple[Column, ...]] = {ITEM_SHEET: ITEM_COLUMNS, **CHILD_COLUMNS}

# The code lists of the hidden 代码表 sheet, in column order: (title, Chinese labels).
CODE_LISTS: tuple[tuple[type[models.Choices] | None, str], ...] = (
    (None, "是/否"),
    (LimitUnit, "时限单位"),
    (ResultType, "审批结果类型"),
    (Audience, "服务对象"),
    (DepthStep, "可网上办理的环节"),
    (DeliveryMethod, "结果送达方式"),
    (MaterialRequirement, "材料必要性"),
    (MaterialForm, "材料形式"),
    (MaterialOriginal, "原件/复印件"),
    (MaterialSource, "来源渠道"),
    (AssuranceLevel, "认证等级需求"),
)


def code_list_labels(choices: type[models.Choices] | None) -> list[str]:
    if choices is None:
        return [YES, NO]
    return [str(label) for label in choices.labels]


def header_for(sheet: str, key: str) -> str:
    """The column header of ``key`` on ``sheet`` (for placing an error), or "" if there is none."""
    for column in SHEET_COLUMNS[sheet]:
        if column.key == key:
            return column.header
    return ""


def cell_write(column: Column, value: Any) -> Any:
    """The cell value for an element value: labels for codes, 是/否, numbers as numbers, blanks as None."""
    if value is None or value == "" or value == []:
        return None
    if column.kind == "bool":
        return YES if value else NO
    if column.kind == "choice":
        return _label(column, value)
    if column.kind == "choices":
        return MULTI_SEPARATOR.join(_label(column, v) for v in value)
    if column.kind == "names":
        return MULTI_SEPARATOR.join(str(v) for v in value)
    if column.kind == "decimal":
        return Decimal(value)
    return value


def _label(column: Column, code: str) -> str:
    assert column.choices is not None
    try:
        return str(column.choices(code).label)
    except ValueError:
        return str(code)


def cell_read(value: Any) -> Any:
    """Normalise a cell value as read: trimmed text (blank → None), whole floats as ints, TRUE/FALSE as 是/否."""
    if value is None:
        return None
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, float):
        return int(value) if value.is_integer() else Decimal(repr(value))
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, str):
        text = value.strip()
        return text or None
    return value


def split_multi(value: Any) -> list[str]:
    """Split a multi-value cell on 、 , ， ; ； or new lines."""
    if value is None:
        return []
    text = str(value)
    for separator in (",", "，", ";", "；", "\n"):
        text = text.replace(separator, MULTI_SEPARATOR)
    return [part.strip() for part in text.split(MULTI_SEPARATOR) if part.strip()]
