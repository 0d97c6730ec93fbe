"""The Celery application: configured from Django settings (``CELERY_*``), tasks autodiscovered."""

from __future__ import annotations

import os
from typing import Any

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("secretariat")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

#: Tasks (by the start of their name) that have a queue of their own, and its suffix: e-mail
#: must never wait behind a flood of PDF renderings, nor PDFs behind a mass mailing.
OWN_QUEUES = {
    "correspondence.": "mail",
    "accounts.send_password_reset": "mail",
    "documents.": "documents",
}


def queue_names(default: str | None = None) -> list[str]:
    """Every queue of an installation whose default queue is ``default`` (a worker started with
    all of them does every kind of work: ``make run``, the test workers)."""
    default = default or app.conf.task_default_queue
    suffixes = dict.fromkeys(OWN_QUEUES.values())  # once each, in order
    return [default, *(f"{default}.{suffix}" for suffix in suffixes)]


def route_task(name: str, args: Any, kwargs: Any, options: Any, task: Any = None, **kw: Any):
    """``CELERY_TASK_ROUTES``: the queue of a task, named after the default queue as it is when
    the task is sent (so that a test that changes it takes every queue along)."""
    for prefix, suffix in OWN_QUEUES.items():
        if name.startswith(prefix):
            return {"queue": f"{app.conf.task_default_queue}.{suffix}"}
    return None
