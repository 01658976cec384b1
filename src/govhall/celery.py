"""The Celery application for production's periodic work (Celery beat), beside the web processes.

Runs ``cases_tick`` (deemed acceptance, BPMN timers) and ``supervision_scan`` (red/yellow cards,
escalation) every five minutes. The broker comes from ``GOVHALL_CELERY_BROKER_URL`` (default
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
        "cases-tick": {"task": "govhall.cases_tick", "schedule": EVERY_FIVE_MINUTES},
        "supervision-scan": {"task": "govhall.supervision_scan", "schedule": EVERY_FIVE_MINUTES},
    },
)
app.autodiscover_tasks(["govhall.supervision"])
