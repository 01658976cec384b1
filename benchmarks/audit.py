"""Audit trail benchmark: how fast audited writes append to the hash chain, and how fast it verifies.

Every state change writes an audit entry under the chain's head lock (docs/adr/0005), so the
append rate bounds the platform's audited write rate (DESIGN.md: ≥ 100 submissions per second).
Appends ``--entries`` entries from ``--threads`` threads, each entry in its own transaction (as a
service would), then runs the full ``audit_chain_verify`` and prints both rates::

    GOVHALL_VAR_DIR=/tmp/govhall-bench .venv/bin/python benchmarks/audit.py --entries 5000 --threads 4
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python benchmarks/audit.py --threads 8

Run ``govhall migrate`` on that database first. The entries it writes stay (the chain is append-only).
"""

import argparse
import os
import threading
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=5000)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govhall.settings")
    import django

    django.setup()
    from django.db import connection, connections, transaction

    from govhall.core.audit import AuditTarget, audit_chain_verify, audit_context_use, audit_record

    per_thread = args.entries // args.threads
    errors: list[BaseException] = []

    def work(index: int) -> None:
        try:
            with audit_context_use(channel="benchmark", ip="127.0.0.1", level="L2", method="password"):
                for number in range(per_thread):
                    with transaction.atomic():
                        audit_record(
                            actor=None,
                            actor_label=f"bench-{index}",
                            action="benchmark.append",
                            target=AuditTarget(type="benchmark.item", id=f"{index}-{number}", label="压测"),
                            summary={"before": {"state": "draft"}, "after": {"state": "submitted"}},
                        )
        except BaseException as exc:  # noqa: BLE001 - reported after the run
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(args.threads)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    if errors:
        raise SystemExit(f"append failed: {errors[0]!r}")
    written = per_thread * args.threads
    print(f"audit append: {written:,} entries from {args.threads} threads, database {connection.vendor}")
    print(f"  {written / elapsed:,.0f} entries/s ({elapsed * 1000 / written:.2f} ms each, wall clock)")

    start = time.perf_counter()
    count, problems = audit_chain_verify()
    elapsed = time.perf_counter() - start
    print(
        f"audit verify: {count:,} entries in {elapsed:.2f} s ({count / elapsed:,.0f} entries/s), problems: {len(problems)}"
    )


if __name__ == "__main__":
    main()
