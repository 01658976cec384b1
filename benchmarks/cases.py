"""Cases benchmark: online submissions per second, and the staff inbox under load (issue 4).

**Submissions** (target ≥ 100/s on PostgreSQL): prepares ``--submissions`` drafts through the real
services (one synthetic L2 applicant each, ``draft_open`` → ``draft_save`` → one uploaded PNG for
the required material) on a small implementation of its own, then submits them all with
``case_submit`` from ``--threads`` threads (each its own database connection) and prints
submissions/s and p50/p95 latency. Each submission is the whole service: live-guide re-check,
form validation, case number, materials, SpiffWorkflow start, first task, timeline, audit entry,
in-site message and the SMS after commit. ``--profile`` runs one more submission under cProfile.
Threads share one interpreter (the GIL), so one process tops out at 1 / (Python time per
submission); ``--processes P`` forks P processes of ``--threads`` each, as app-server workers would.

**Inbox** (target p95 ≤ 100 ms at 16 concurrent users): with the case table filled
(``govhall seed_scale --implementations 4128 --cases 1000000``), gives 16 staff accounts of the
departments with the most open tasks (window clerks and reviewers) and runs ``--users`` threads
that request the first inbox page — ``cases.selectors.inbox`` sliced to 25 rows and counted, as
the page does — and, when the workbench inbox page exists, the page itself through Django's test
client with a verified staff session. Prints p50/p95/max. ::

    GOVHALL_VAR_DIR=/tmp/govhall-bench .venv/bin/govhall migrate
    GOVHALL_VAR_DIR=/tmp/govhall-bench .venv/bin/govhall seed_scale --implementations 4128 --cases 1000000
    GOVHALL_VAR_DIR=/tmp/govhall-bench .venv/bin/python benchmarks/cases.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_cases GOVHALL_VAR_DIR=/tmp/govhall-bench \\
        .venv/bin/python benchmarks/cases.py --submissions 2000 --processes 2 --threads 4 --inbox-requests 3200

``--only submit`` or ``--only inbox`` runs one part. The cases, drafts and accounts it creates stay.
"""

import argparse
import os
import queue
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any

ITEM_CODE = "019999000001"  # a basic code of our own (type 01 行政许可), kept apart from the demo's


def percentile(timings: list[float], share: float) -> float:
    ordered = sorted(timings)
    return ordered[max(0, int(len(ordered) * share) - 1)]


def summary(timings: list[float]) -> str:
    return (
        f"p50 {statistics.median(timings):.1f} ms   p95 {percentile(timings, 0.95):.1f} ms   "
        f"max {max(timings):.1f} ms"
    )


def run_threads(count: int, work: Any) -> list[BaseException]:
    from django.db import connections

    errors: list[BaseException] = []

    def body(index: int) -> None:
        try:
            work(index)
        except BaseException as exc:  # noqa: BLE001 - reported after the run
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=body, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def fail(errors: list[BaseException]) -> None:
    import traceback

    if errors[0].__traceback__ is not None:
        traceback.print_exception(errors[0])
    raise SystemExit(f"{len(errors)} 个线程出错，第一个：{errors[0]!r}")


# --- submissions -------------------------------------------------------------------------------


def bench_implementation() -> Any:
    """A live 食品经营许可-like implementation of our own (created through the catalog services once)."""
    from govhall.catalog.models import CatalogItem, ItemImplementation
    from govhall.catalog.services.basic import catalog_item_create
    from govhall.catalog.services.implementations import (
        implementation_create,
        version_approve,
        version_submit,
    )
    from govhall.directory.models import Department
    from govhall.identity.models import StaffRole
    from govhall.identity.services.staff import staff_upsert
    from tests.factories import sample_elements

    live = ItemImplementation.objects.filter(
        catalog_item__code=ITEM_CODE, published_version__isnull=False
    ).first()
    if live is not None:
        return live
    department = Department.objects.filter(region__level=3, is_active=True).order_by("id").first()
    if department is None:
        raise SystemExit("没有县级部门：请先运行 govhall seed_scale --implementations 4128")
    authors = [
        staff_upsert(
            username=f"bench_catalog_{n}",
            display_name=f"压测事项管理员{n}",
            region=department.region,
            roles=[StaffRole.CATALOG_MANAGER],
            department=department,
        ).user
        for n in (1, 2)
    ]
    item = CatalogItem.objects.filter(code=ITEM_CODE).first() or catalog_item_create(
        code=ITEM_CODE,
        name="食品经营许可（压测）",
        item_type="01",
        legal_basis="《中华人民共和国食品安全法》第三十五条",
        competent_department="市场监督管理部门",
    )
    elements = sample_elements(themes=[])
    implementation = implementation_create(
        catalog_item=item, department=department, elements=elements, created_by=authors[0]
    )
    version = implementation.versions.get()
    version_submit(version=version, user=authors[0], reason="压测事项")
    version_approve(version=version, reviewer=authors[1])
    implementation.refresh_from_db()
    return implementation


def png() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def drafts_prepare(implementation: Any, count: int) -> list[tuple[Any, Any]]:
    """``count`` (draft, applicant) pairs ready to submit; applicants are the synthetic L2 pool."""
    from govhall.cases.bulk import applicants_ensure
    from govhall.cases.services.applicants import Applicant
    from govhall.cases.services.drafts import draft_material_upload, draft_open, draft_save
    from govhall.identity.models import AssuranceLevel, Person

    pool, _ = applicants_ensure(count)
    persons = Person.objects.select_related("user").in_bulk([a.person_id for a in pool])
    content = png()
    prepared = []
    for entry in pool:
        person = persons[entry.person_id]
        applicant = Applicant(user=person.user, person=person, level=AssuranceLevel.L2)
        draft = draft_open(applicant=applicant, implementation_code=implementation.code)
        draft_save(draft=draft, delivery="electronic")
        if not draft.materials.exists():
            draft_material_upload(draft=draft, position=1, content=content, filename="申请书.png")
        prepared.append((draft, applicant))
    return prepared


def submit_batch(pairs: list[tuple[Any, Any]], threads: int) -> tuple[list[float], list[str], list]:
    """Submit ``pairs`` from ``threads`` threads; (latencies in ms, case numbers, errors)."""
    from govhall.cases.services.submit import case_submit

    work: queue.Queue = queue.Queue()
    for pair in pairs:
        work.put(pair)
    timings: list[float] = []
    numbers: list[str] = []

    def submit(_: int) -> None:
        while True:
            try:
                draft, applicant = work.get_nowait()
            except queue.Empty:
                return
            start = time.perf_counter()
            case = case_submit(draft=draft, applicant=applicant)
            timings.append((time.perf_counter() - start) * 1000)
            numbers.append(case.number)

    return timings, numbers, run_threads(threads, submit)


def submit_forked(
    pairs: list[tuple[Any, Any]], processes: int, threads: int
) -> tuple[list[float], list[str], list]:
    """As ``submit_batch`` from ``processes`` forked processes (as several app-server workers would)."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    results = context.Queue()

    def child(index: int) -> None:
        timings, numbers, errors = submit_batch(pairs[index::processes], threads)
        results.put((timings, numbers, [repr(e) for e in errors]))

    children = [context.Process(target=child, args=(i,)) for i in range(processes)]
    for process in children:
        process.start()
    collected = [results.get() for _ in children]
    for process in children:
        process.join()
    return (
        [t for c in collected for t in c[0]],
        [n for c in collected for n in c[1]],
        [RuntimeError(e) for c in collected for e in c[2]],
    )


def bench_submissions(args: argparse.Namespace) -> None:
    import django
    from django.db import connections

    from govhall.cases.services.submit import case_submit

    implementation = bench_implementation()
    started = time.perf_counter()
    prepared = drafts_prepare(implementation, args.submissions + 1 + (1 if args.profile else 0))
    connections.close_all()
    print(
        f"submissions: {args.submissions} drafts prepared in {time.perf_counter() - started:.1f} s "
        f"({implementation.code}), database {django.db.connection.vendor}, "
        f"{args.processes} process(es) × {args.threads} threads"
    )
    draft, applicant = prepared.pop()
    case_submit(draft=draft, applicant=applicant)  # warm up: URLconf, process spec cache, template loader
    if args.profile:
        import cProfile
        import pstats

        draft, applicant = prepared.pop()
        profiler = cProfile.Profile()
        profiler.enable()
        case_submit(draft=draft, applicant=applicant)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.profile_lines)
    connections.close_all()
    start = time.perf_counter()
    if args.processes == 1:
        timings, numbers, errors = submit_batch(prepared, args.threads)
    else:
        timings, numbers, errors = submit_forked(prepared, args.processes, args.threads)
    elapsed = time.perf_counter() - start
    if errors:
        fail(errors)
    assert len(set(numbers)) == len(numbers) == len(prepared), "办件编号重复或有遗漏"
    print(
        f"  {len(numbers)} cases in {elapsed:.1f} s: {len(numbers) / elapsed:.1f} submissions/s   "
        f"{summary(timings)}   (target ≥ 100/s on PostgreSQL)"
    )


# --- inbox -------------------------------------------------------------------------------------


def inbox_staff(count: int) -> list[Any]:
    """``count`` staff accounts: clerks and reviewers of the departments with the most open tasks."""
    from django.db.models import Count

    from govhall.cases.models import CaseTask, TaskStatus
    from govhall.directory.models import Department
    from govhall.identity.models import StaffRole
    from govhall.identity.services.staff import staff_upsert

    busiest = list(
        CaseTask.objects.filter(status=TaskStatus.OPEN, role__in=[StaffRole.WINDOW_CLERK, StaffRole.REVIEWER])
        .values("department_id")
        .annotate(n=Count("id"))
        .order_by("-n")[: (count + 1) // 2]
        .values_list("department_id", "n")
    )
    if not busiest:
        raise SystemExit("没有待办：请先运行 govhall seed_scale --cases 1000000")
    departments = Department.objects.select_related("region").in_bulk([d for d, _ in busiest])
    print(f"  busiest departments' open tasks: {', '.join(str(n) for _, n in busiest)}")
    users = []
    for n in range(count):
        department = departments[busiest[(n // 2) % len(busiest)][0]]
        role = StaffRole.WINDOW_CLERK if n % 2 == 0 else StaffRole.REVIEWER
        users.append(
            staff_upsert(
                username=f"bench_inbox_{n:02d}",
                display_name=f"压测{n:02d}",
                region=department.region,
                roles=[role],
                department=department,
            ).user
        )
    return users


def bench_inbox(args: argparse.Namespace) -> None:
    import django
    from django.db import connection
    from django.urls import NoReverseMatch, reverse

    from govhall.cases.models import Case
    from govhall.cases.selectors import InboxFilter, inbox
    from govhall.identity.scope import staff_scope_for

    total = Case.objects.count()
    users = inbox_staff(16)
    scopes = [staff_scope_for(user) for user in users]
    per_user = max(1, args.inbox_requests // args.users)
    print(
        f"inbox: {total:,} cases, {args.users} concurrent users × {per_user} requests, "
        f"database {django.db.connection.vendor}"
    )

    def selector_once(scope: Any) -> tuple[int, int]:
        tasks = inbox(scope, InboxFilter())
        rows = [(task.case.number, task.case.item_name, task.due_on) for task in tasks[:25]]
        return len(rows), tasks.count()

    for scope in scopes:  # warm the page cache / the database's buffers once per department
        selector_once(scope)
    connection.close()
    timings: list[float] = []

    def selector_user(index: int) -> None:
        scope = scopes[index % len(scopes)]
        for _ in range(per_user):
            start = time.perf_counter()
            selector_once(scope)
            timings.append((time.perf_counter() - start) * 1000)

    errors = run_threads(args.users, selector_user)
    if errors:
        fail(errors)
    print(f"  selector (25 rows + count): {summary(timings)}   (target p95 ≤ 100 ms)")

    try:
        url = reverse("workbench:inbox")
    except NoReverseMatch:
        print("  page: workbench:inbox not available, skipped")
        return
    from tests.staff_login import staff_client

    clients = [staff_client(user) for user in users]
    for client in clients:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    connection.close()
    page_timings: list[float] = []

    def page_user(index: int) -> None:
        client = clients[index % len(clients)]
        for _ in range(per_user):
            start = time.perf_counter()
            response = client.get(url)
            page_timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, response.status_code

    if args.processes == 1:
        errors = run_threads(args.users, page_user)
    else:  # the users spread over forked processes, as over app-server worker processes
        page_timings, errors = pages_forked(page_user, page_timings, args.users, args.processes)
    if errors:
        fail(errors)
    print(f"  page {url} ({args.processes} process(es)): {summary(page_timings)}   (target p95 ≤ 100 ms)")


def pages_forked(
    page_user: Any, page_timings: list[float], users: int, processes: int
) -> tuple[list[float], list[BaseException]]:
    """Run ``users`` page users as ``processes`` forked processes of ``users / processes`` threads each."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    results = context.Queue()

    def child(index: int) -> None:
        from django.db import connections

        for conn in connections.all():
            conn.close()
        mine = [u for u in range(users) if u % processes == index]
        errors = run_threads(len(mine), lambda n: page_user(mine[n]))
        results.put((list(page_timings), [repr(e) for e in errors]))

    children = [context.Process(target=child, args=(i,)) for i in range(processes)]
    for process in children:
        process.start()
    collected = [results.get() for _ in children]
    for process in children:
        process.join()
    return [t for c in collected for t in c[0]], [RuntimeError(e) for c in collected for e in c[1]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=500)
    parser.add_argument("--threads", type=int, default=8, help="submitting threads")
    parser.add_argument("--processes", type=int, default=1, help="forked processes, each with --threads")
    parser.add_argument("--profile", action="store_true", help="cProfile one extra submission")
    parser.add_argument("--profile-lines", type=int, default=60)
    parser.add_argument("--inbox-requests", type=int, default=800)
    parser.add_argument("--users", type=int, default=16, help="concurrent inbox users")
    parser.add_argument("--only", choices=["submit", "inbox"])
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.factories, tests.staff_login
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govhall.settings")
    import django

    django.setup()
    if args.only != "inbox":
        bench_submissions(args)
    if args.only != "submit":
        bench_inbox(args)


if __name__ == "__main__":
    main()
