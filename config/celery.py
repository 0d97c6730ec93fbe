"""The Celery application: configured from Django settings (``CELERY_*``), tasks autodiscovered."""

from __future__ import annotations

import os
from typing import Any

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("secretariat")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

#: Tasks (by the start of their name) that have a queue of their own, and its suffix: e-mail
#: must never wait behind a flood of PDF renderings, nor PDFs behind a mass mailing.
OWN_QUEUES = {
    "correspondence.": "mail",
    "accounts.send_password_reset": "mail",
    "article7.send_receipt": "mail",
    "portal.send_invitation": "mail",
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


def close_old_connections(sender: Any = None, **kwargs: Any) -> None:
    """Before and after every task, what Django does around every request: close a connection
    that is older than ``CONN_MAX_AGE`` or broken (and have ``CONN_HEALTH_CHECKS`` check a kept
    one before its first query). Celery's own closing is held off by ``CELERY_DB_REUSE_MAX``,
    so that a worker keeps its connection between tasks (mail and documents alike)."""
    from django.db import close_old_connections as close

    # A task run eagerly (in the caller's process) shares the caller's connection.
    if sender is not None and not getattr(sender.request, "is_eager", False):
        close()


signals.task_prerun.connect(close_old_connections, dispatch_uid="db.task_prerun", weak=False)
signals.task_postrun.connect(close_old_connections, dispatch_uid="db.task_postrun", weak=False)
