"""Synthetic cases at scale (``govhall seed_scale --cases N``) — the trusted loader path, for benchmarks.

Tops the case table up to N cases spread over the live implementations (``seed_scale
--implementations`` makes them) and a pool of synthetic applicants, with a realistic mix of states:
≈ 10 % 待受理 (an open ``accept`` task for the window clerks), 25 % 审查中 (an open ``review`` task for
the reviewers or ``decide`` task for the department head), the rest closed (办结 with approval or
denial, 不予受理, 撤回), dated over the past year (open cases recent, closed ones anywhere). Departments
are loaded unevenly (a few busy ones, a long tail), as real intake is.

Why there is no per-row audit entry, no timeline event and no notification: this is not an
application by anybody — nobody submits, nobody is told, and a million audit entries for fake
cases would only bury the real chain. The run itself is audited once (``cases.bulk_seeded``, who,
how many, which range of ids). It must never be reachable from a page or an endpoint. Applicants
are created through ``identity.services.persons.person_create`` (sealed, hashed, audited as any
registration); only the cases and their open tasks are written in bulk.

What stays real: case numbers come from ``case_number_format`` with serials reserved from
``CaseNumberSequence`` (the rows of a chunk's regions and days locked with ``select_for_update``
and advanced), so numbers are unique and a later real submission on any of those days takes the
next serial. Open cases carry the real SpiffWorkflow state of the built-in ``standard`` process at
their step (run once per step and copied) with the matching ``CaseTask``, so staff can act on a
seeded case like on any other. Closed cases keep an empty workflow state: a closed case's process
is never restored, and 12 KB of JSON text per closed case would multiply the database size for
nothing.
Only implementations running the ``standard`` process without co-departments or preliminary review
are used. Writes go in chunks (one ``executemany`` per table, see ``_Inserter``), one transaction
per chunk, oldest day first.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone

from govhall.catalog.models import ImplementationStatus, ItemImplementation, LimitUnit
from govhall.core.audit import AuditTarget, audit_record
from govhall.core.personal_data import lookup_hash
from govhall.core.workdays import workdays_add
from govhall.identity.idnumber import id_number_with_check
from govhall.identity.models import AssuranceLevel, AuthMethod, Person, StaffRole
from govhall.identity.services.persons import NewPerson, person_create
from govhall.workflow.engine import process_start

from .models import Case, CaseNumberSequence, CaseResult, CaseStatus, CaseTask, Channel, Delivery
from .numbers import case_number_format
from .services.submit import ACCEPT_DAYS, query_digest

# (status, share of the cases, window of submission ages in days)
MIX: tuple[tuple[str, float, int], ...] = (
    ("submitted", 0.10, 7),
    ("in_review", 0.25, 60),
    ("completed", 0.55, 365),
    ("refused", 0.05, 365),
    ("withdrawn", 0.05, 365),
)
DECIDE_SHARE = 0.4  # of the cases in review, those already at the department head's decision
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈"
)
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力梅琴云莉晨阳佳欣宇浩然子轩雨"


@dataclass(frozen=True)
class SeedResult:
    existing: int
    created: int
    persons_created: int


@dataclass(frozen=True)
class _Implementation:
    code: str
    name: str
    item_code: str
    version_id: int
    department_id: int
    region_id: int
    number_region: str  # the department's region code (first 6 digits): the case number's prefix
    promised_days: int | None
    statutory_days: int | None


@dataclass(frozen=True)
class _Applicant:
    person_id: int
    user_id: int
    name: str
    masked: str
    tail: str  # last 6 characters of the ID number (the progress query's second factor)


@dataclass(frozen=True)
class _Step:
    state: str  # JSON text, as ``cases.services.flow`` stores it
    version: str
    task_id: str
    kind: str
    name: str
    role: str


def synthetic_person(index: int) -> NewPerson:
    """The ``index``-th synthetic applicant: a valid ID number (新罗区, born 1960 on), a 199 phone."""
    born = dt.date(1960, 1, 1) + dt.timedelta(days=index)
    id_number = id_number_with_check(f"350802{born:%Y%m%d}{900 + index % 97:03d}")
    given = GIVEN[(index * 7) % len(GIVEN)] + (GIVEN[(index * 13 + 5) % len(GIVEN)] if index % 2 else "")
    name = SURNAMES[index % len(SURNAMES)] + given  # two or three characters
    return NewPerson(name=name, id_number=id_number, phone=f"1995{index:07d}", password="")


def applicants_ensure(count: int) -> tuple[list[_Applicant], int]:
    """The first ``count`` synthetic applicants (L2), created through ``person_create`` where missing."""
    wanted = [synthetic_person(i) for i in range(count)]
    hashes = {lookup_hash(p.id_number, purpose="id_number"): p for p in wanted}
    found: dict[str, tuple[int, int, str, str]] = {
        digest: (pk, user_id, name, masked)
        for pk, user_id, name, masked, digest in Person.objects.filter(
            id_number_hash__in=list(hashes)
        ).values_list("id", "user_id", "name", "id_number_masked", "id_number_hash")
    }
    created = 0
    pool: list[_Applicant] = []
    for digest, fields in hashes.items():
        row = found.get(digest)
        if row is None:
            person = person_create(fields=fields, level=AssuranceLevel.L2, level_method=AuthMethod.SMS)
            row = (person.pk, person.user_id, person.name, person.id_number_masked)
            created += 1
        pool.append(_Applicant(*row, tail=fields.id_number[-6:]))
    return pool, created


def _days(limit: int | None, unit: str) -> int | None:
    """As ``submit._limit_days``: limits stored in natural days are converted to working days."""
    if limit is None:
        return None
    return max(1, round(limit * 5 / 7)) if unit == LimitUnit.NATURAL_DAYS else int(limit)


def _implementations() -> list[_Implementation]:
    rows = (
        ItemImplementation.objects.filter(
            status=ImplementationStatus.PUBLISHED,
            published_version__isnull=False,
            published_version__process_key__in=["", "standard"],
            published_version__preliminary_level__isnull=True,
            published_version__co_departments__isnull=True,
        )
        .order_by("id")
        .values_list(
            "code",
            "catalog_item__name",
            "handling_item__name",
            "catalog_item__code",
            "published_version_id",
            "department_id",
            "region_id",
            "department__region__code",
            "published_version__promised_limit",
            "published_version__promised_limit_unit",
            "published_version__statutory_limit",
            "published_version__statutory_limit_unit",
        )
    )
    return [
        _Implementation(
            code,
            f"{name}（{handling}）" if handling else name,  # as ``ItemImplementation.name``
            item,
            version,
            dept,
            region,
            dept_region[:6],
            _days(p, pu),
            _days(s, su),
        )
        for code, name, handling, item, version, dept, region, dept_region, p, pu, s, su in rows
    ]


def _steps() -> dict[str, _Step]:
    """The standard process's state at each open step, run once through the real engine.

    Serialised as ``cases.services.flow`` stores it: JSON text in the dump's own key order.
    """
    run = process_start("standard", {"co_departments": [], "needs_preliminary": False})
    steps: dict[str, _Step] = {}
    for kind, outcome in (("accept", "accepted"), ("review", "agree"), ("decide", "approved")):
        (task,) = run.open_tasks()
        assert task.kind == kind, (task.kind, kind)
        assert not run.waiting_timers(), "the standard process arms no timer before the decision"
        state, version = run.dump()
        text = json.dumps(state, ensure_ascii=False, separators=(",", ":"))
        steps[kind] = _Step(text, version, task.id, kind, task.name, task.lane_role)
        run.complete(task.id, {"outcome": outcome})
    return steps


class _Planner:
    """Which cases to create, oldest day first: (age in days, status, implementation) per case."""

    def __init__(self, count: int, implementations: list[_Implementation], rng: random.Random) -> None:
        self.rng = rng
        self.count = count
        by_department: dict[int, list[_Implementation]] = defaultdict(list)
        for implementation in implementations:
            by_department[implementation.department_id].append(implementation)
        departments = sorted(by_department)
        rng.shuffle(departments)
        # A long tail: the i-th department receives in proportion to 1 / (i + 1) ** 0.6.
        self.departments = [by_department[d] for d in departments]
        self.weights = list(_cumulative([1 / (i + 1) ** 0.6 for i in range(len(departments))]))
        self.by_age: list[Counter[str]] = [Counter() for _ in range(365)]
        remaining = count
        for position, (status, share, window) in enumerate(MIX):
            n = remaining if position == len(MIX) - 1 else round(count * share)
            n = min(n, remaining)
            remaining -= n
            for _ in range(n):
                self.by_age[rng.randrange(window)][status] += 1

    def __iter__(self) -> Iterator[tuple[int, str, _Implementation]]:
        for age in range(364, -1, -1):
            statuses = [s for s, n in self.by_age[age].items() for _ in range(n)]
            self.rng.shuffle(statuses)
            for status in statuses:
                departments = self.rng.choices(self.departments, cum_weights=self.weights)[0]
                yield age, status, self.rng.choice(departments)


def _cumulative(values: list[float]) -> Iterator[float]:
    total = 0.0
    for value in values:
        total += value
        yield total


def _chunks(rows: Iterator[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _serials_reserve(keys: Counter[tuple[str, dt.date]]) -> dict[tuple[str, dt.date], int]:
    """Advance ``CaseNumberSequence`` by the chunk's count per (region, day); returns each first serial."""
    codes = {code for code, _ in keys}
    days = {day for _, day in keys}
    rows = {
        (row.region_code, row.day): row
        for row in CaseNumberSequence.objects.select_for_update().filter(region_code__in=codes, day__in=days)
    }
    first: dict[tuple[str, dt.date], int] = {}
    new, changed = [], []
    for key, n in keys.items():
        row = rows.get(key)
        if row is None:
            first[key] = 1
            new.append(CaseNumberSequence(region_code=key[0], day=key[1], last=n))
        else:
            first[key] = row.last + 1
            row.last += n
            changed.append(row)
    if first and max(first[k] + keys[k] - 1 for k in keys) > 999_999:
        raise ValueError("某地区某日的办件流水号超过 999999")
    CaseNumberSequence.objects.bulk_update(changed, ["last"], batch_size=500)
    CaseNumberSequence.objects.bulk_create(new, batch_size=500)
    return first


class _Builder:
    """Turns planned rows into ``Case`` and ``CaseTask`` objects (dates, clocks, numbers, tasks)."""

    def __init__(self, applicants: list[_Applicant], steps: dict[str, _Step], rng: random.Random) -> None:
        self.applicants, self.steps, self.rng = applicants, steps, rng
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.tz = timezone.get_current_timezone()
        self._workdays: dict[tuple[dt.date, int], dt.date] = {}

    def workdays_add(self, day: dt.date, n: int) -> dt.date:
        key = (day, n)
        if key not in self._workdays:
            self._workdays[key] = workdays_add(day, n)
        return self._workdays[key]

    def build(self, planned: list[tuple[int, str, _Implementation]], first: dict) -> tuple[list[Case], list]:
        next_serial = dict(first)
        cases: list[Case] = []
        tasks: list[tuple[int, _Step, dt.date | None]] = []  # (index in cases, step, due)
        for age, status, impl in planned:
            day = self.today - dt.timedelta(days=age)
            key = (impl.number_region, day)
            serial = next_serial[key]
            next_serial[key] = serial + 1
            case, step, due = self._case(
                day, status, impl, case_number_format(impl.number_region, day, serial)
            )
            if step is not None:
                tasks.append((len(cases), step, due))
            cases.append(case)
        return cases, tasks

    def _case(self, day: dt.date, status: str, impl: _Implementation, number: str) -> tuple[Case, Any, Any]:
        rng = self.rng
        applicant = rng.choice(self.applicants)
        moment = dt.datetime.combine(day, dt.time(8), self.tz) + dt.timedelta(
            seconds=rng.randrange(12 * 3600)
        )
        submitted_at = min(moment, self.now - dt.timedelta(minutes=1))
        accept_due = self.workdays_add(day, ACCEPT_DAYS)
        case = Case(
            number=number,
            channel=Channel.ONLINE,
            implementation_code=impl.code,
            item_code=impl.item_code,
            item_name=impl.name,
            version_id=impl.version_id,
            region_id=impl.region_id,
            department_id=impl.department_id,
            applicant_id=applicant.person_id,
            applicant_name=applicant.name,
            applicant_number_masked=applicant.masked,
            query_digest=query_digest(number, applicant.tail),
            submitted_by_id=applicant.user_id,
            delivery=Delivery.ELECTRONIC,
            status=status,
            submitted_at=submitted_at,
            received_on=day,
            accept_due=accept_due,
            promised_days=impl.promised_days,
            statutory_days=impl.statutory_days,
            process_key="standard",
        )
        step = None
        if status != CaseStatus.SUBMITTED and status != CaseStatus.REFUSED:
            case.accepted_on = min(self.workdays_add(day, rng.randrange(0, 3)), self.today)
            if impl.promised_days is not None:
                case.promised_due = self.workdays_add(case.accepted_on, impl.promised_days)
            if impl.statutory_days is not None:
                case.statutory_due = self.workdays_add(case.accepted_on, impl.statutory_days)
        if status == CaseStatus.SUBMITTED:
            step = self.steps["accept"]
        elif status == CaseStatus.IN_REVIEW:
            step = self.steps["decide" if rng.random() < DECIDE_SHARE else "review"]
        else:
            took = dt.timedelta(days=rng.randrange(0, 25), seconds=rng.randrange(8 * 3600))
            case.completed_at = min(submitted_at + took, self.now)
            if status == CaseStatus.COMPLETED:
                case.result = CaseResult.APPROVED if rng.random() < 0.92 else CaseResult.DENIED
        if step is not None:
            case.workflow_state, case.workflow_serializer_version = step.state, step.version
        due = (
            accept_due
            if step is not None and step.kind == "accept"
            else (case.promised_due or case.statutory_due)
        )
        return case, step, due


def cases_seed_bulk(
    *,
    target: int,
    persons: int = 2000,
    chunk_size: int = 5000,
    seed: int = 2026,
    progress: Callable[[int, int], None] | None = None,
) -> SeedResult:
    """Top the case table up to ``target`` cases (none created when it already holds that many)."""
    existing = Case.objects.count()
    need = target - existing
    if need <= 0:
        return SeedResult(existing, 0, 0)
    implementations = _implementations()
    if not implementations:
        raise ValueError(
            "没有可用的在用实施清单（标准流程、无协办部门）：请先运行 seed_scale --implementations"
        )
    applicants, persons_created = applicants_ensure(persons)
    rng = random.Random(f"{seed}:{existing}")
    steps = _steps()
    builder = _Builder(applicants, steps, rng)
    inserter = _Inserter()
    first_id = last_id = None
    created = 0
    for planned in _chunks(iter(_Planner(need, implementations, rng)), chunk_size):
        ids = _chunk_write(builder, inserter, planned)
        first_id = first_id or ids[0]
        last_id = ids[-1]
        created += len(planned)
        if progress:
            progress(created, need)
    audit_record(
        actor=None,
        action="cases.bulk_seeded",
        target=AuditTarget(type="cases.case", id=f"{first_id}-{last_id}", label=f"规模测试办件 {created} 件"),
        summary={"created": created, "total": existing + created, "persons_created": persons_created},
        reason="规模测试数据（seed_scale --cases 生成）",
    )
    return SeedResult(existing, created, persons_created)


class _Inserter:
    """``INSERT``s objects with one ``executemany`` per chunk, values adapted by type.

    ``bulk_create`` spends most of a million-row load compiling SQL and preparing each of the ~45
    values of every row through its field; the values here are plain strings, numbers, dates,
    datetimes and small JSON objects, which the backend's own adapters handle directly.
    """

    def __init__(self) -> None:
        self.ops = connection.ops

    def insert(self, model: type[models.Model], objects: Sequence[models.Model]) -> None:
        fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        now = timezone.now()
        rows = []
        for obj in objects:
            row = []
            for field in fields:
                value = getattr(obj, field.attname)
                if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                    value = value or now
                if isinstance(value, dict | list):
                    value = self.ops.adapt_json_value(value, None)
                elif isinstance(value, dt.datetime):
                    value = self.ops.adapt_datetimefield_value(value)
                elif isinstance(value, dt.date):
                    value = self.ops.adapt_datefield_value(value)
                elif isinstance(field, models.FileField):
                    value = value.name or ""
                row.append(value)
            rows.append(row)
        columns = ", ".join(self.ops.quote_name(str(f.column)) for f in fields)
        marks = ", ".join(["%s"] * len(fields))
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {self.ops.quote_name(model._meta.db_table)} ({columns}) VALUES ({marks})",  # noqa: S608
                rows,
            )


def _chunk_write(
    builder: _Builder, inserter: _Inserter, planned: list[tuple[int, str, _Implementation]]
) -> list[int]:
    keys: Counter[tuple[str, dt.date]] = Counter(
        (impl.number_region, builder.today - dt.timedelta(days=age)) for age, _, impl in planned
    )
    for attempt in range(3):
        try:
            with transaction.atomic():
                cases, opened = builder.build(planned, _serials_reserve(keys))
                inserter.insert(Case, cases)
                ids = dict(
                    Case.objects.filter(number__in=[c.number for c in cases]).values_list("number", "pk")
                )
                inserter.insert(
                    CaseTask,
                    [
                        CaseTask(
                            case_id=ids[cases[index].number],
                            workflow_task_id=step.task_id,
                            kind=step.kind,
                            name=step.name,
                            department_id=cases[index].department_id,
                            role=step.role or StaffRole.WINDOW_CLERK,
                            due_on=due,
                            created_at=cases[index].submitted_at,
                        )
                        for index, step, due in opened
                    ],
                )
                return [ids[cases[0].number], ids[cases[-1].number]]
        except IntegrityError:  # a real submission created a day's sequence row meanwhile: reserve again
            if attempt == 2:
                raise
    raise AssertionError("unreachable")
