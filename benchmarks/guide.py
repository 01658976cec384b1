"""Item guide page benchmark (DESIGN.md: p95 ≤ 30 ms server time at 200,000 implementations).

Renders ``/items/<code>/`` for random live implementations through Django's test client (the full
middleware, view, selectors and template stack, without a network hop) and prints p50/p95/max.
Build the catalog first (``govhall seed_scale --implementations 200000`` or benchmarks/search.py)::

    GOVHALL_VAR_DIR=/tmp/govhall-bench .venv/bin/python benchmarks/guide.py --requests 1000
"""

import argparse
import os
import random
import statistics
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1000)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govhall.settings")
    import django

    django.setup()
    from django.test import Client

    from govhall.catalog.selectors import implementation_live_list

    codes = list(implementation_live_list().values_list("code", flat=True))
    if not codes:
        raise SystemExit("没有已发布的事项：请先运行 govhall load_demo 或 govhall seed_scale")
    rng = random.Random(2026)
    client = Client()
    for code in rng.sample(codes, min(20, len(codes))):  # warm caches and the template loader
        client.get(f"/items/{code}/")
    timings = []
    for _ in range(args.requests):
        code = rng.choice(codes)
        start = time.perf_counter()
        response = client.get(f"/items/{code}/")
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (code, response.status_code)
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(
        f"guide page: {len(codes):,} live implementations, {args.requests} requests, "
        f"database {django.db.connection.vendor}"
    )
    print(
        f"  p50 {statistics.median(timings):.1f} ms   p95 {p95:.1f} ms   max {timings[-1]:.1f} ms   "
        f"(target p95 ≤ 30 ms)"
    )


if __name__ == "__main__":
    main()
