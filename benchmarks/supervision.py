"""Supervision benchmark (issue 5): the card scan over many open cases, and the dashboard's indicators.

**Scan** (target: 1,000,000 open cases ≤ 10 s on PostgreSQL): tops the case table up to
``--open-cases`` *open* cases with the trusted bulk loader of ``govhall seed_scale --cases``
(``cases.bulk.cases_seed_bulk``, told to make only 待受理 and 审查中 cases — the mix of open states
and ages it uses for open cases, closed cases left out because the scan never reads them), then times
``supervision_scan`` twice: the first run issues the cards, the second is the idempotent steady state
(nothing new to issue; every open card checked for cure and escalation). Needs the implementations
first::

    createdb -h 127.0.0.1 -U postgres bench_cards
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_cards GOVHALL_VAR_DIR=/tmp/var-cards-bench
    .venv/bin/govhall migrate && .venv/bin/govhall seed_scale --implementations 4128
    .venv/bin/python benchmarks/supervision.py --only scan --open-cases 1000000

``--fresh`` deletes the cards (and notices) first, so the first run issues again.

**Dashboard** (target: p95 ≤ 300 ms for a province over a year, 1,000,000 cases on PostgreSQL):
``--only dashboard`` first times the daily rollup the dashboard reads (``supervision.rollup``): a
full rebuild (``govhall indicators_rebuild``; skipped when the rollup is already there, unless
``--rebuild``) and one periodic refresh of the last 7 days (``rollup_refresh_recent``). Then it times
what the region page computes — the indicators per child region and per department and the monthly
trend, all reading the rollup (``bench_dashboard``) — ``--runs`` times (default 30) after one warm-up
run, and prints p50/p95/max. ``--cases N`` first tops the cases up with ``seed_scale``::

    createdb -h 127.0.0.1 -U postgres bench_indicators
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_indicators GOVHALL_VAR_DIR=/tmp/var-ind-bench
    .venv/bin/govhall migrate && .venv/bin/govhall seed_scale --implementations 4128 --cases 1000000
    .venv/bin/python benchmarks/supervision.py --only dashboard --runs 30 --rebuild
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any

OPEN_MIX = (("submitted", 0.3, 7), ("in_review", 0.7, 60))


def setup_django() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govhall.settings")
    import django

    django.setup()


def seed_open_cases(target: int) -> None:
    """Top the *open* cases up to ``target`` with the bulk loader (only open states)."""
    from govhall.cases import bulk
    from govhall.cases.models import OPEN_STATUSES, Case

    open_now = Case.objects.filter(status__in=OPEN_STATUSES).count()
    if open_now >= target:
        print(f"已有未办结办件 {open_now} 件（目标 {target}）")
        return
    total = Case.objects.count()
    started = time.monotonic()
    bulk.MIX = OPEN_MIX  # only open cases: the scan reads nothing else

    def progress(done: int, need: int) -> None:
        if done % 50_000 == 0 or done == need:
            print(f"  已生成 {done}/{need}（{time.monotonic() - started:.0f} 秒）", flush=True)

    result = bulk.cases_seed_bulk(target=total + target - open_now, chunk_size=5000, progress=progress)
    print(f"生成办件 {result.created} 件，用时 {time.monotonic() - started:.0f} 秒")


def phase_timer() -> dict[str, float]:
    """Wrap the scan's steps so each run reports where its time went."""
    import functools

    from govhall.supervision.services import scan

    seconds: dict[str, float] = {}

    def timed(name: str, step: Any) -> Any:
        @functools.wraps(step)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            key = name + (f":{args[0]}" if args and isinstance(args[0], str) else "")
            started = time.monotonic()
            try:
                return step(*args, **kwargs)
            finally:
                seconds[key] = seconds.get(key, 0.0) + time.monotonic() - started

        return wrapper

    for name in (
        "_issue_clock_cards",
        "_issue_irregularity_cards",
        "_close_cured",
        "_close_overtaken",
        "_escalate_cards",
    ):
        setattr(scan, name, timed(name, getattr(scan, name)))
    return seconds


def run_scan(args: argparse.Namespace) -> None:
    from django.db import connection

    from govhall.cases.models import OPEN_STATUSES, Case
    from govhall.supervision.models import Card, CardStatus, Notice
    from govhall.supervision.services.scan import supervision_scan

    if args.open_cases:
        seed_open_cases(args.open_cases)
    if args.fresh:
        Notice.objects.all().delete()
        Card.objects.all().delete()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    open_cases = Case.objects.filter(status__in=OPEN_STATUSES).count()
    print(f"数据库 {connection.vendor}；未办结办件 {open_cases} 件，办件总数 {Case.objects.count()} 件")
    phases = phase_timer()
    for label in ("第一次扫描（发牌）", "第二次扫描（幂等）"):
        phases.clear()
        started = time.monotonic()
        counts = supervision_scan()
        elapsed = time.monotonic() - started
        print(f"{label}：{elapsed:.2f} 秒  {counts}")
        print("  各步骤（秒）：" + "，".join(f"{name} {seconds:.2f}" for name, seconds in phases.items()))
        if connection.vendor == "postgresql":  # as autovacuum would after a mass insert
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE supervision_card")
    open_cards = Card.objects.filter(status=CardStatus.OPEN).count()
    print(f"未解除红黄牌 {open_cards} 张，红黄牌总数 {Card.objects.count()} 张")


def percentile(timings: list[float], share: float) -> float:
    ordered = sorted(timings)
    return ordered[max(0, int(len(ordered) * share + 0.5) - 1)]


def bench_dashboard(*, region_code: str, start: Any, end: Any, runs: int) -> dict[str, float]:
    """Time the dashboard's indicator queries for ``region_code`` over ``[start, end]``, ``runs`` times.

    One run is what the region page computes: the indicators per child region and per department
    (``indicators_by_region_and_department``, one read of the sources for both) and the trend
    (monthly for a year), all reading the rollup. Returns p50/p95/max in milliseconds.
    """
    import statistics

    from govhall.directory.models import Region
    from govhall.supervision.indicators import (
        indicator_trend,
        indicators_by_region_and_department,
        trend_window,
    )

    region = Region.objects.get(code=region_code.ljust(12, "0"))
    timings = []
    for _ in range(runs + 1):  # the first run warms the caches and is not counted
        started = time.perf_counter()
        indicators_by_region_and_department(scope_region=region, start=start, end=end)
        trend_start, trend_end = trend_window(end=end, unit="month")
        indicator_trend(scope_region=region, start=trend_start, end=trend_end, unit="month")
        timings.append((time.perf_counter() - started) * 1000)
    timings = timings[1:]
    return {"p50": statistics.median(timings), "p95": percentile(timings, 0.95), "max": max(timings)}


def bench_rollup(*, rebuild: bool) -> None:
    """Time a full rebuild of the rollup (when asked, or when it is empty) and one periodic refresh."""
    from django.utils import timezone

    from govhall.supervision.rollup.models import CaseDayStats
    from govhall.supervision.rollup.services import rollup_rebuild, rollup_refresh_recent

    today = timezone.localdate()
    if rebuild or not CaseDayStats.objects.exists():
        started = time.monotonic()
        results = rollup_rebuild(today=today)
        rows = sum(result.day_rows for result in results)
        print(f"汇总全量重建：{time.monotonic() - started:.1f} 秒（{len(results)} 个月，日统计 {rows} 行）")
    timings = []
    for _ in range(3):
        result = rollup_refresh_recent(today)
        timings.append(result.seconds)
    print(
        f"汇总刷新近 7 天（rollup_refresh_recent，3 次）：{' / '.join(f'{t * 1000:.0f}' for t in timings)} ms"
        f"（日统计 {result.day_rows} 行）"
    )


def run_dashboard(args: argparse.Namespace) -> None:
    """The indicators of a province over a year (target p95 ≤ 300 ms on PostgreSQL, 1,000,000 cases)."""
    import datetime as dt

    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from govhall.cases.models import Case
    from govhall.supervision.rollup.models import CaseDayStats, CaseMonthStats

    if args.cases:
        call_command("seed_scale", cases=args.cases)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    bench_rollup(rebuild=args.rebuild)
    end = timezone.localdate()
    start = end - dt.timedelta(days=364)
    cases = Case.objects.count()
    print(
        f"数据库 {connection.vendor}；办件 {cases} 件（汇总：日统计 {CaseDayStats.objects.count()} 行，"
        f"月统计 {CaseMonthStats.objects.count()} 行）；统计 {args.region} {start} 至 {end}，{args.runs} 次"
    )
    result = bench_dashboard(region_code=args.region, start=start, end=end, runs=args.runs)
    print(
        f"看板指标（地区 + 部门 + 月趋势，读汇总）：p50 {result['p50']:.1f} ms  p95 {result['p95']:.1f} ms  max {result['max']:.1f} ms"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("scan", "dashboard"), help="只运行一部分")
    parser.add_argument("--open-cases", type=int, default=0, help="先补足到这么多未办结办件（批量生成）")
    parser.add_argument("--fresh", action="store_true", help="先删除全部红黄牌和督办通知单")
    parser.add_argument("--cases", type=int, default=0, help="看板：先用 seed_scale 补足到这么多办件")
    parser.add_argument("--region", default="350000", help="看板：统计的区划代码（默认福建省）")
    parser.add_argument("--runs", type=int, default=30, help="看板：计时次数")
    parser.add_argument("--rebuild", action="store_true", help="看板：先全量重建指标汇总并计时")
    args: Any = parser.parse_args(argv)
    setup_django()
    if args.only in (None, "scan"):
        run_scan(args)
    if args.only in (None, "dashboard"):
        run_dashboard(args)


if __name__ == "__main__":
    main()
