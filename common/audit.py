"""The audit trail: every change to a record, who made it, when, from where, before and after.

Built on django-simple-history (a snapshot row per change, on PostgreSQL and SQLite alike),
with what it leaves out added here:

* **Who** for every kind of process. Web requests (``AuditMiddleware``), management commands
  (the command and the operating-system user, or ``--user`` on imports) and Celery tasks (the
  task, and the user who enqueued it, carried in a message header) set the *actor*; every
  history row records it (``history_user``, ``history_source``, ``history_origin``,
  ``history_ip``).
* **Bulk writes.** ``AuditedQuerySet`` records a history row for every row that
  ``QuerySet.update``, ``bulk_create`` and ``bulk_update`` touch (simple-history records only
  ``save`` and ``delete``), with simple-history's own ``bulk_history_create``.
* **Append-only.** On PostgreSQL a trigger on every history table refuses UPDATE, DELETE and
  TRUNCATE (``install_append_only_triggers``, run after every ``migrate``). The test
  settings allow TRUNCATE only, for the test runner's flush between tests.

A model joins the trail with ``history = AuditedHistory()`` and a default manager built on
``AuditedQuerySet``; ``tests/audit`` fails for a model that does neither and is not listed as
derived data.
"""

from __future__ import annotations

import functools
import getpass
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import connections, models, transaction
from django.utils.translation import gettext_lazy as _
from simple_history.manager import HistoryManager
from simple_history.models import HistoricalChanges, HistoricalRecords
from simple_history.signals import pre_create_historical_record


class Source(models.TextChoices):
    WEB = "web", _("Web request")
    COMMAND = "command", _("Management command")
    TASK = "task", _("Background task")
    SYSTEM = "system", _("Other process")


@dataclass
class Actor:
    """Who is changing records in the current request, command or task."""

    source: str
    origin: str = ""
    user_id: int | None = None
    ip: str | None = None
    request: Any = None
    _user: Any = field(default=None, repr=False)

    @property
    def user(self) -> Any:
        if self.request is not None:
            user = getattr(self.request, "user", None)
            return user if getattr(user, "is_authenticated", False) else None
        if self.user_id is not None and self._user is None:
            from django.contrib.auth import get_user_model

            self._user = get_user_model()._default_manager.filter(pk=self.user_id).first()
        return self._user

    @property
    def resolved_user_id(self) -> int | None:
        user = self.user
        return user.pk if user is not None else None

    def history_fields(self) -> dict[str, Any]:
        return {
            "history_source": self.source,
            "history_origin": self.origin[:200],
            "history_ip": self.ip,
        }


_actor: ContextVar[Actor | None] = ContextVar("secretariat_actor", default=None)
#: Set while ``bulk_update`` runs: Django implements it with ``update``, which must not record
#: the same rows a second time.
_inside_bulk_update: ContextVar[bool] = ContextVar("inside_bulk_update", default=False)


@functools.cache
def _system_user() -> str:
    """Who runs this process (read once: without LOGNAME or USER in its environment, finding
    out reads the password database, and every audited save of a command or task asks)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "?"


def _process_actor() -> Actor:
    """Outside a request or a task: the command line that is running, and who ran it."""
    argv = [arg for arg in sys.argv if not arg.startswith("-")]
    program = argv[0].rsplit("/", 1)[-1] if argv else "python"
    if program in ("manage.py", "django-admin") and len(argv) > 1:
        return command_actor(argv[1])
    return Actor(Source.SYSTEM, f"{program} (system user {_system_user()})")


def current_actor() -> Actor:
    return _actor.get() or _process_actor()


@contextmanager
def acting_as(actor: Actor) -> Iterator[Actor]:
    token = _actor.set(actor)
    try:
        yield actor
    finally:
        _actor.reset(token)


def command_actor(command: str, user: Any = None) -> Actor:
    """A management command, attributed to an application user when one is named."""
    actor = Actor(Source.COMMAND, f"manage.py {command} (system user {_system_user()})")
    if user is not None:
        actor.user_id, actor._user = user.pk, user
    return actor


# --- history models -------------------------------------------------------------------------------


class AuditFields(models.Model):
    """What simple-history does not record by itself: where the change came from."""

    history_source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.SYSTEM
    )
    history_origin = models.CharField(_("origin"), max_length=200, blank=True)
    history_ip = models.GenericIPAddressField(_("address"), null=True, blank=True)

    class Meta:
        abstract = True


def _actor_user(request: Any = None, **kwargs: Any) -> Any:
    return current_actor().user


class _AuditHistoryManager(HistoryManager):
    """simple-history's manager, whose class is built once per queryset class: its descriptor
    (``Model.history``, read on every save and every read of the trail) calls
    ``from_queryset`` on each access, and building a manager class inspects every method of
    the queryset (about a millisecond each time)."""

    @classmethod
    @functools.cache
    def from_queryset(cls, queryset_class: type, class_name: str | None = None) -> type:
        return super().from_queryset(queryset_class, class_name)


class AuditedHistory(HistoricalRecords):
    """``HistoricalRecords`` that records the actor of every change."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("bases", [AuditFields])
        kwargs.setdefault("get_user", _actor_user)
        kwargs.setdefault("history_manager", _AuditHistoryManager)
        super().__init__(*args, **kwargs)


def _fill_audit_fields(sender: Any, history_instance: Any, **kwargs: Any) -> None:
    if isinstance(history_instance, AuditFields):
        for name, value in current_actor().history_fields().items():
            setattr(history_instance, name, value)


pre_create_historical_record.connect(_fill_audit_fields, dispatch_uid="common.audit.fields")


def history_manager(model: type[models.Model]) -> HistoryManager | None:
    """The history of ``model`` if it is on the audit trail, else ``None``."""
    name = getattr(model._meta, "simple_history_manager_attribute", None)
    return getattr(model, name) if name else None


def audited_models() -> list[type[models.Model]]:
    """Every model whose changes are recorded, in a stable order."""
    if not apps.ready:  # pragma: no cover
        raise RuntimeError("Models are not loaded yet.")
    return _audited_models()


@functools.cache
def _audited_models() -> list[type[models.Model]]:
    return sorted(
        (model for model in apps.get_models() if history_manager(model) is not None),
        key=lambda model: model._meta.label,
    )


def history_tables() -> list[str]:
    """Every table of the audit trail: history rows and their many-to-many snapshots."""
    return sorted(
        model._meta.db_table
        for model in apps.get_models()
        if issubclass(model, HistoricalChanges) and not model._meta.abstract
    )


# --- bulk writes ----------------------------------------------------------------------------------


class AuditedQuerySet(models.QuerySet):
    """A QuerySet whose bulk writes are recorded like ``save`` and ``delete`` are."""

    def _history(self) -> HistoryManager | None:
        return history_manager(self.model)

    def _record(self, pks: list[Any], *, update: bool, batch_size: int | None = None) -> None:
        history = self._history()
        if history is None or not pks:
            return
        rows = list(self.model._base_manager.using(self.db).filter(pk__in=pks).order_by("pk"))
        snapshots = history.bulk_history_create(
            rows,
            batch_size=batch_size,
            update=update,
            custom_historical_attrs=current_actor().history_fields(),
        )
        self._record_m2m(history.model, snapshots or [])

    def _record_m2m(self, history_model: type[models.Model], snapshots: list[Any]) -> None:
        """What ``save`` would record of tracked many-to-many fields, for the new snapshots."""
        pk_name = self.model._meta.pk.attname
        for m2m_field in getattr(history_model, "_history_m2m_fields", []):
            through = m2m_field.remote_field.through
            own = m2m_field.m2m_field_name()
            links: dict[Any, list[models.Model]] = {}
            for link in through._default_manager.using(self.db).filter(
                **{f"{own}__in": [getattr(snapshot, pk_name) for snapshot in snapshots]}
            ):
                links.setdefault(getattr(link, f"{own}_id"), []).append(link)
            m2m_history = HistoricalRecords.m2m_models[m2m_field]
            m2m_history._default_manager.using(self.db).bulk_create(
                m2m_history(
                    history=snapshot,
                    **{f.attname: getattr(link, f.attname) for f in through._meta.concrete_fields},
                )
                for snapshot in snapshots
                for link in links.get(getattr(snapshot, pk_name), [])
            )

    def update(self, **kwargs: Any) -> int:
        if self._history() is None or _inside_bulk_update.get():
            return super().update(**kwargs)
        with transaction.atomic(using=self.db, savepoint=False):
            pks = list(self.values_list("pk", flat=True))
            count = super().update(**kwargs)
            self._record(pks, update=True)
        return count

    update.alters_data = True

    def bulk_create(
        self,
        objs: Iterable[models.Model],
        batch_size: int | None = None,
        ignore_conflicts: bool = False,
        update_conflicts: bool = False,
        update_fields: list[str] | None = None,
        unique_fields: list[str] | None = None,
    ) -> list[models.Model]:
        if self._history() is None:
            return super().bulk_create(
                objs,
                batch_size=batch_size,
                ignore_conflicts=ignore_conflicts,
                update_conflicts=update_conflicts,
                update_fields=update_fields,
                unique_fields=unique_fields,
            )
        if ignore_conflicts or update_conflicts:
            # Which rows were written is then unknown, and so would be what to record.
            raise ValueError(
                f"{self.model._meta.label} is audited: save conflicting rows one by one."
            )
        with transaction.atomic(using=self.db, savepoint=False):
            created = super().bulk_create(objs, batch_size=batch_size)
            pks = [obj.pk for obj in created]
            if None in pks:  # pragma: no cover - every supported database returns keys
                raise ValueError("The database did not return the keys of the new rows.")
            self._record(pks, update=False, batch_size=batch_size)
        return created

    bulk_create.alters_data = True

    def bulk_update(
        self, objs: Iterable[models.Model], fields: list[str], batch_size: int | None = None
    ) -> int:
        objs = list(objs)
        if self._history() is None:
            return super().bulk_update(objs, fields, batch_size=batch_size)
        token = _inside_bulk_update.set(True)
        try:
            with transaction.atomic(using=self.db, savepoint=False):
                count = super().bulk_update(objs, fields, batch_size=batch_size)
                self._record([obj.pk for obj in objs], update=True, batch_size=batch_size)
        finally:
            _inside_bulk_update.reset(token)
        return count

    bulk_update.alters_data = True


# --- append-only on PostgreSQL --------------------------------------------------------------------

APPEND_ONLY_FUNCTION = """
CREATE OR REPLACE FUNCTION secretariat_history_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE'
       AND current_setting('secretariat.allow_history_truncate', true) = 'on' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'The audit trail is append-only: % on % is refused.', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;
"""


def install_append_only_triggers(using: str = "default") -> list[str]:
    """Make every history table refuse UPDATE, DELETE and TRUNCATE. Idempotent; PostgreSQL
    only (SQLite serves ``make run`` on a developer's machine). Returns the tables covered."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return []
    tables = history_tables()
    with connection.cursor() as cursor:
        cursor.execute(APPEND_ONLY_FUNCTION)
        for table in tables:
            name = connection.ops.quote_name(table)
            cursor.execute(
                f"CREATE OR REPLACE TRIGGER history_append_only BEFORE UPDATE OR DELETE ON {name} "
                "FOR EACH ROW EXECUTE FUNCTION secretariat_history_append_only()"
            )
            cursor.execute(
                f"CREATE OR REPLACE TRIGGER history_no_truncate BEFORE TRUNCATE ON {name} "
                "FOR EACH STATEMENT EXECUTE FUNCTION secretariat_history_append_only()"
            )
    return tables


def install_after_migrate(sender: Any, using: str = "default", **kwargs: Any) -> None:
    # post_migrate is sent once per app after every migration ran: the last one suffices.
    if sender.name == "common":
        install_append_only_triggers(using)


# --- where the actor comes from -------------------------------------------------------------------


class AuditMiddleware:
    """Every change made while answering a request is the signed-in user's (resolved when a
    change is recorded, so that logging in and out within the request is followed)."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        from .addresses import request_address

        actor = Actor(
            Source.WEB,
            f"{request.method} {request.path}",
            ip=request_address(request),
            request=request,
        )
        with acting_as(actor):
            return self.get_response(request)


ACTOR_HEADER = "secretariat_actor"


def _stamp_task_message(headers: dict | None = None, **kwargs: Any) -> None:
    """The user who enqueues a task is the one its changes are recorded for."""
    if headers is None:
        return
    actor = current_actor()
    headers[ACTOR_HEADER] = {"user_id": actor.resolved_user_id, "origin": actor.origin[:120]}


_task_tokens: dict[str, Any] = {}


def _enter_task(task_id: str | None = None, task: Any = None, **kwargs: Any) -> None:
    stamp = getattr(task.request, ACTOR_HEADER, None) or {}
    origin = f"task {task.name} [{task_id}]"
    if stamp.get("origin"):
        origin += f" from {stamp['origin']}"
    _task_tokens[task_id] = _actor.set(Actor(Source.TASK, origin, user_id=stamp.get("user_id")))


def _leave_task(task_id: str | None = None, **kwargs: Any) -> None:
    token = _task_tokens.pop(task_id, None)
    if token is not None:
        _actor.reset(token)


def connect_celery() -> None:
    from celery import signals

    signals.before_task_publish.connect(_stamp_task_message, dispatch_uid="audit.stamp", weak=False)
    signals.task_prerun.connect(_enter_task, dispatch_uid="audit.enter", weak=False)
    signals.task_postrun.connect(_leave_task, dispatch_uid="audit.leave", weak=False)
