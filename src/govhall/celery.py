"""The Celery application for production's periodic work (Celery beat), beside the web processes.

Beat runs ``govhall.periodic_run`` every five minutes: the steps of
``supervision.periodic.PERIODIC_STEPS`` in order (case tick, interaction and rating ticks, the
supervision scan, the indicator rollup). Schedule exactly one beat per installation. The broker comes from ``GOVHALL_CELERY_BROKER_URL`` (default
``redis://127.0.0.1:6379/0``); results are not kept. Start a worker with the beat embedded::

    GOVHALL_CELERY_BROKER_URL=redis://127.0.0.1:6379/0 .venv/bin/celery -A govhall.celery worker --beat -l info

The embedded default (``make run``) needs none of this: its ticker thread calls the same services.
"""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govhall.settings")

EVERY_FIVE_MINUTES = 300.0

app = Celery("govhall")
app.conf.update(
    broker_url=os.environ.get("GOVHALL_CELERY_BROKER_URL", "redis://127.0.0.1:6379/0"),
    task_ignore_result=True,
    timezone="Asia/Shanghai",
    beat_schedule={
        "periodic-run": {"task": "govhall.periodic_run", "schedule": EVERY_FIVE_MINUTES},
    },
)
app.autodiscover_tasks(["govhall.supervision"])
