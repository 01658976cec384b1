"""The consistency report (一致性检查报告) as .xlsx: a summary sheet and one row per implementation involved.

Reads only the findings it is given (see ``catalog.consistency``); deterministic like every export.
"""

from collections import Counter
from collections.abc import Sequence

from ..consistency import SEVERITY_LABELS, Finding, FindingKind
from .writing import table_header_write, table_rows_write, workbook_bytes, workbook_new

SUMMARY_SHEET = "汇总"
DETAIL_SHEET = "问题清单"
DETAIL_HEADERS = (
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


def findings_export(findings: Sequence[Finding]) -> bytes:
    workbook = workbook_new(title="政务服务事项一致性检查报告")
    summary = workbook.active
    assert summary is not None
    summary.title = SUMMARY_SHEET
    table_header_write(summary, ["问题类型", "严重程度", "问题数", "涉及实施清单数"], widths=[34, 10, 10, 16])
    counts = Counter(f.kind for f in findings)
    involved: Counter[str] = Counter()
    for finding in findings:
        involved[finding.kind] += len(finding.entries)
    table_rows_write(
        summary,
        (
            [label, SEVERITY_LABELS[FindingKind.SEVERITY[kind]], counts[kind], involved[kind]]
            for kind, label in FindingKind.LABELS.items()
        ),
    )
    table_rows_write(summary, [["合计", "", len(findings), sum(involved.values())]])
    detail = workbook.create_sheet(DETAIL_SHEET)
    table_header_write(detail, DETAIL_HEADERS, widths=[6, 30, 10, 15, 30, 46, 14, 28, 40, 50], freeze="B2")
    rows = []
    for number, finding in enumerate(findings, start=1):
        for entry in finding.entries:
            rows.append(
                [
                    number,
                    finding.kind_label,
                    finding.severity_label,
                    finding.basic_code,
                    finding.basic_name,
                    entry.implementation_code,
                    entry.region_name,
                    entry.department_name,
                    entry.value,
                    finding.detail,
                ]
            )
    table_rows_write(detail, rows, text_columns=[4, 6])
    return workbook_bytes(workbook)
