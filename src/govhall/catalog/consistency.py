"""一致性检查 — consistency checks of live implementations across levels and within each guide (R-CAT.8).

``consistency_findings`` reads only, with a fixed number of set-based queries whatever the
number of implementations (the grouping of a query's rows happens in Python, never a query
per row). It compares implementations of the same basic item (and handling item): statutory
limits everywhere, promised limits, fees and materials among regions of the same level; and
checks each live guide on its own: promised over statutory, required forms without a blank
template, no process steps, online depth against the steps done online, visits on site,
service flags. It never changes anything: findings are for catalog managers to act on.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Concat

from govhall.directory.models import Region

from .models import (
    DeliveryMethod,
    DepthStep,
    Fee,
    ItemImplementation,
    LimitUnit,
    Material,
    MaterialRequirement,
    MaterialSource,
    ProcessStep,
)
from .selectors import implementation_live_list


class FindingKind:
    """Kinds of finding: code → Chinese label, in report order."""

    STATUTORY_LIMIT_DIFFERS = "statutory_limit_differs"
    PROMISED_LIMIT_DIFFERS = "promised_limit_differs"
    FEES_DIFFER = "fees_differ"
    MATERIALS_DIFFER = "materials_differ"
    PROMISED_OVER_STATUTORY = "promised_over_statutory"
    NO_STEPS = "no_steps"
    DEPTH_STEPS_MISMATCH = "depth_steps_mismatch"
    VISITS_DEPTH_MISMATCH = "visits_depth_mismatch"
    TEMPLATE_MISSING = "template_missing"
    SERVICE_FLAGS_MISMATCH = "service_flags_mismatch"

    LABELS = {
        STATUTORY_LIMIT_DIFFERS: "法定办结时限各地不一致",
        PROMISED_LIMIT_DIFFERS: "同级区划承诺办结时限不一致",
        FEES_DIFFER: "同级区划收费不一致",
        MATERIALS_DIFFER: "同级区划申请材料不一致",
        PROMISED_OVER_STATUTORY: "承诺时限超过法定时限",
        NO_STEPS: "已发布事项无办理流程",
        DEPTH_STEPS_MISMATCH: "网办深度与可网上办理的环节不符",
        VISITS_DEPTH_MISMATCH: "到现场次数与网办深度不符",
        TEMPLATE_MISSING: "申请人填写的必要材料缺少空白表格",
        SERVICE_FLAGS_MISMATCH: "服务标识与办理方式不符",
    }
    SEVERITY = {
        STATUTORY_LIMIT_DIFFERS: "high",
        FEES_DIFFER: "high",
        PROMISED_OVER_STATUTORY: "high",
        NO_STEPS: "high",
        PROMISED_LIMIT_DIFFERS: "medium",
        MATERIALS_DIFFER: "medium",
        DEPTH_STEPS_MISMATCH: "medium",
        VISITS_DEPTH_MISMATCH: "medium",
        TEMPLATE_MISSING: "low",
        SERVICE_FLAGS_MISMATCH: "low",
    }


SEVERITY_LABELS = {"high": "严重", "medium": "警告", "low": "提示"}
_SEVERITY_ORDER = list(SEVERITY_LABELS)
_KIND_ORDER = list(FindingKind.LABELS)

# The steps a depth (网办深度星级) implies are done online: 3 星 网上预审, 4 星 网上受理, 5 星 全程网办.
DEPTH_REQUIRED_STEPS = {
    3: (DepthStep.APPLY, DepthStep.PRE_REVIEW),
    4: (DepthStep.APPLY, DepthStep.PRE_REVIEW, DepthStep.ACCEPT),
    5: (DepthStep.APPLY, DepthStep.PRE_REVIEW, DepthStep.ACCEPT, DepthStep.DELIVER),
}


@dataclass(frozen=True)
class FindingEntry:
    """One implementation involved in a finding, with its value of the element concerned."""

    implementation_code: str
    region_name: str
    department_name: str
    value: str


@dataclass(frozen=True)
class Finding:
    kind: str
    basic_code: str
    basic_name: str
    entries: tuple[FindingEntry, ...]
    detail: str

    @property
    def kind_label(self) -> str:
        return FindingKind.LABELS[self.kind]

    @property
    def severity(self) -> str:
        return FindingKind.SEVERITY[self.kind]

    @property
    def severity_label(self) -> str:
        return SEVERITY_LABELS[self.severity]

    @property
    def implementations(self) -> list[str]:
        return [entry.implementation_code for entry in self.entries]

    def sort_key(self) -> tuple[int, int, str, str]:
        return (
            _SEVERITY_ORDER.index(self.severity),
            _KIND_ORDER.index(self.kind),
            self.basic_code,
            self.implementations[0] if self.entries else "",
        )


_ROW_FIELDS = (
    "pk",
    "code",
    "catalog_item_id",
    "handling_item_id",
    "catalog_item__code",
    "catalog_item__name",
    "region__level",
    "region__name",
    "department__name",
    "published_version_id",
)
_VERSION = "published_version__"


def consistency_findings(*, region: Region | None = None, basic_code: str | None = None) -> list[Finding]:
    """Every finding among live implementations in ``region`` (and below) and/or of ``basic_code``."""
    live = implementation_live_list()
    if region is not None:
        live = live.filter(region__path__startswith=region.path)
    if basic_code:
        live = live.filter(catalog_item__code=basic_code.strip().upper())
    findings = [
        *_limits_differ(live, "statutory"),
        *_limits_differ(live, "promised"),
        *_contents_differ(live),
        *_promised_over_statutory(live),
        *_without_steps(live),
        *_guide_claims(live),
        *_templates_missing(live),
    ]
    return sorted(findings, key=Finding.sort_key)


def _finding(kind: str, rows: list[dict[str, Any]], values: dict[int, str], detail: str) -> Finding:
    first = rows[0]
    entries = tuple(
        FindingEntry(row["code"], row["region__name"], row["department__name"], values[row["pk"]])
        for row in sorted(rows, key=lambda r: r["code"])
    )
    return Finding(kind, first["catalog_item__code"], first["catalog_item__name"], entries, detail)


def _group_key(row: dict[str, Any], by_level: bool) -> tuple[Any, ...]:
    key = (row["catalog_item_id"], row["handling_item_id"])
    return (*key, row["region__level"]) if by_level else key


def _limit_text(limit: int | None, unit: str) -> str:
    return "未填写" if limit is None else f"{limit} 个{LimitUnit(unit).label}"


def _limits_differ(live: QuerySet[ItemImplementation], which: str) -> list[Finding]:
    """Statutory limits must agree everywhere; promised limits among regions of the same level."""
    by_level = which == "promised"
    limit, unit = f"{_VERSION}{which}_limit", f"{_VERSION}{which}_limit_unit"
    group_fields = ["catalog_item_id", "handling_item_id"] + (["region__level"] if by_level else [])
    differing = (
        live.values(*group_fields)
        .annotate(variants=Count(Concat(limit, Value(":"), unit), distinct=True))
        .filter(variants__gt=1)
        .values("catalog_item_id")
    )
    rows = list(live.filter(catalog_item_id__in=differing).values(*_ROW_FIELDS, limit, unit))
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[_group_key(row, by_level)].append(row)
    kind = FindingKind.PROMISED_LIMIT_DIFFERS if by_level else FindingKind.STATUTORY_LIMIT_DIFFERS
    findings = []
    for group in groups.values():
        values = {row["pk"]: _limit_text(row[limit], row[unit]) for row in group}
        if len(set(values.values())) > 1:
            scope = "同级区划" if by_level else "各级"
            findings.append(
                _finding(kind, group, values, f"{scope}共有 {len(set(values.values()))} 种不同的时限")
            )
    return findings


def _contents_differ(live: QuerySet[ItemImplementation]) -> list[Finding]:
    """Fees (and whether the item is free) and material names among regions of the same level."""
    shared = (
        live.values("catalog_item_id", "handling_item_id", "region__level")
        .annotate(count=Count("pk"))
        .filter(count__gt=1)
        .values("catalog_item_id")
    )
    compared = live.filter(catalog_item_id__in=shared)
    rows = list(compared.values(*_ROW_FIELDS, f"{_VERSION}is_free"))
    version_ids = compared.values("published_version_id")
    fees: dict[int, list[str]] = defaultdict(list)
    for version_id, name, amount in (
        Fee.objects.filter(version_id__in=version_ids)
        .order_by("version_id", "position")
        .values_list("version_id", "name", "amount")
    ):
        fees[version_id].append(f"{name} {amount} 元")
    materials: dict[int, set[str]] = defaultdict(set)
    for version_id, name in Material.objects.filter(version_id__in=version_ids).values_list(
        "version_id", "name"
    ):
        materials[version_id].add(name)
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[_group_key(row, True)].append(row)
    findings = []
    for group in groups.values():
        if len(group) < 2:
            continue
        fee_values = {
            row["pk"]: "免费"
            if row[f"{_VERSION}is_free"] and not fees[row["published_version_id"]]
            else "；".join(sorted(fees[row["published_version_id"]])) or "收费（未填写收费项目）"
            for row in group
        }
        if len(set(fee_values.values())) > 1:
            findings.append(
                _finding(
                    FindingKind.FEES_DIFFER,
                    group,
                    fee_values,
                    f"同级区划共有 {len(set(fee_values.values()))} 种收费情况",
                )
            )
        sets = {row["pk"]: materials[row["published_version_id"]] for row in group}
        if len({frozenset(names) for names in sets.values()}) > 1:
            common = set.intersection(*sets.values())
            differing = sorted(set.union(*sets.values()) - common)
            values = {pk: "、".join(sorted(names)) or "（无材料）" for pk, names in sets.items()}
            findings.append(
                _finding(
                    FindingKind.MATERIALS_DIFFER,
                    group,
                    values,
                    f"共同材料 {len(common)} 项；不一致的材料：{'、'.join(differing)}",
                )
            )
    return findings


def _promised_over_statutory(live: QuerySet[ItemImplementation]) -> list[Finding]:
    """Promised beyond statutory in the same unit — or in working days against natural days (always longer)."""
    over = live.filter(**{f"{_VERSION}promised_limit__gt": F(f"{_VERSION}statutory_limit")}).filter(
        Q(**{f"{_VERSION}promised_limit_unit": F(f"{_VERSION}statutory_limit_unit")})
        | Q(
            **{
                f"{_VERSION}promised_limit_unit": LimitUnit.WORKING_DAYS,
                f"{_VERSION}statutory_limit_unit": LimitUnit.NATURAL_DAYS,
            }
        )
    )
    fields = [
        f"{_VERSION}{name}"
        for name in ("promised_limit", "promised_limit_unit", "statutory_limit", "statutory_limit_unit")
    ]
    findings = []
    for row in over.values(*_ROW_FIELDS, *fields):
        promised = _limit_text(row[fields[0]], row[fields[1]])
        statutory = _limit_text(row[fields[2]], row[fields[3]])
        findings.append(
            _finding(
                FindingKind.PROMISED_OVER_STATUTORY,
                [row],
                {row["pk"]: f"承诺 {promised}，法定 {statutory}"},
                "承诺办结时限不得超过法定办结时限",
            )
        )
    return findings


def _without_steps(live: QuerySet[ItemImplementation]) -> list[Finding]:
    no_steps = live.filter(~Exists(ProcessStep.objects.filter(version_id=OuterRef("published_version_id"))))
    return [
        _finding(FindingKind.NO_STEPS, [row], {row["pk"]: "0 个环节"}, "已发布的办事指南必须列明办理流程")
        for row in no_steps.values(*_ROW_FIELDS)
    ]


def _guide_claims(live: QuerySet[ItemImplementation]) -> list[Finding]:
    """Online depth against the steps done online and the visits on site; service flags against methods."""
    fields = [
        f"{_VERSION}{name}"
        for name in (
            "online_depth",
            "depth_steps",
            "max_visits",
            "delivery_methods",
            "supports_online_payment",
            "supports_courier",
        )
    ]
    findings = []
    for row in live.values(*_ROW_FIELDS, *fields):
        depth, steps, visits, delivery, pays, couriers = (row[f] for f in fields)
        steps, delivery = set(steps or []), set(delivery or [])
        missing = [DepthStep(step).label for step in DEPTH_REQUIRED_STEPS.get(depth, ()) if step not in steps]
        if missing:
            findings.append(
                _finding(
                    FindingKind.DEPTH_STEPS_MISMATCH,
                    [row],
                    {row["pk"]: f"{depth} 星；未网上办理：{'、'.join(missing)}"},
                    f"{depth} 星事项应能网上办理：{'、'.join(missing)}",
                )
            )
        if visits == 0 and depth < 4:
            findings.append(
                _finding(
                    FindingKind.VISITS_DEPTH_MISMATCH,
                    [row],
                    {row["pk"]: f"0 次，{depth} 星"},
                    "到现场 0 次的事项应能网上受理（网办深度不低于 4 星）",
                )
            )
        elif depth == 5 and visits > 0:
            findings.append(
                _finding(
                    FindingKind.VISITS_DEPTH_MISMATCH,
                    [row],
                    {row["pk"]: f"{visits} 次，5 星"},
                    "全程网办（5 星）的事项到现场次数应为 0",
                )
            )
        flags = list(_flag_mismatches(steps, delivery, pays, couriers))
        if flags:
            findings.append(
                _finding(
                    FindingKind.SERVICE_FLAGS_MISMATCH,
                    [row],
                    {row["pk"]: "；".join(flags)},
                    "“支持网上支付”“支持物流快递”应与可网上办理的环节、送达方式一致",
                )
            )
    return findings


def _flag_mismatches(steps: set[str], delivery: set[str], pays: bool, couriers: bool) -> Iterable[str]:
    if pays != (DepthStep.PAY in steps):
        yield "支持网上支付，但网上缴费不在可网上办理的环节中" if pays else "可网上缴费，但未标为支持网上支付"
    if couriers != (DeliveryMethod.COURIER in delivery):
        yield "支持物流快递，但送达方式无快递送达" if couriers else "送达方式含快递送达，但未标为支持物流快递"


FORM_NAME_PATTERN = r"(表|申请书|申报书|承诺书|委托书|声明书|报告书)"


def _templates_missing(live: QuerySet[ItemImplementation]) -> list[Finding]:
    """Required forms the applicant fills in (申请人自备) with no blank template to download.

    Only materials that are forms by name (…表, 申请书, 承诺书 …) need a blank template; photos,
    contracts and certificates have none, and flagging them would bury the real findings.
    """
    materials = Material.objects.filter(
        version_id__in=live.values("published_version_id"),
        requirement=MaterialRequirement.REQUIRED,
        source=MaterialSource.APPLICANT,
        name__regex=FORM_NAME_PATTERN,
    ).filter(Q(template_file="") | Q(template_file__isnull=True))
    missing: dict[int, list[str]] = defaultdict(list)
    for version_id, name in materials.order_by("version_id", "position").values_list("version_id", "name"):
        missing[version_id].append(name)
    if not missing:
        return []
    rows = live.filter(published_version_id__in=materials.values("version_id")).values(*_ROW_FIELDS)
    return [
        _finding(
            FindingKind.TEMPLATE_MISSING,
            [row],
            {row["pk"]: "、".join(missing[row["published_version_id"]])},
            "申请人须填写的必要材料应提供空白表格下载",
        )
        for row in rows
    ]
