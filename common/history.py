"""Reading the audit trail: one chronological log across every history table, with what each
change did (before and after), in a fixed number of queries per page.

simple-history keeps one table per model; the log is their ``UNION ALL``, filtered in each
part, ordered and paginated by the database. A page then loads its rows' full snapshots and
the snapshots just before them, one query per model on the page.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import CharField, F, OuterRef, Subquery, Value
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from common.clock import local_datetime

from .audit import Source, audited_models, history_manager

ACTIONS = {
    "+": pgettext_lazy("history", "Created"),
    "~": pgettext_lazy("history", "Changed"),
    "-": pgettext_lazy("history", "Deleted"),
}
LOG_COLUMNS = (
    "history_id",
    "history_date",
    "history_type",
    "history_user_id",
    "history_source",
    "history_origin",
    "history_ip",
)
#: Fields that say what a record is, in the order they are preferred, for the log's labels.
NAMING_FIELDS = ("name", "title", "iso3", "code", "username")


def model_key(model: type[models.Model]) -> str:
    return model._meta.label_lower


def audited_model_by_key(key: str) -> type[models.Model] | None:
    return _audited_models_by_key().get(key)


@functools.cache
def _audited_models_by_key() -> dict[str, type[models.Model]]:
    return {model_key(model): model for model in audited_models()}


def record_history_url(record: models.Model) -> str | None:
    if history_manager(type(record)) is None or record.pk is None:
        return None
    return reverse("history:record", args=[model_key(type(record)), record.pk])


# --- the log --------------------------------------------------------------------------------------


@dataclass
class LogFilter:
    models: list[type[models.Model]] = field(default_factory=list)
    user_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    action: str = ""
    source: str = ""
    #: One record: ``(model, pk)``; its declared parts (``history_includes``) come with it.
    record: tuple[type[models.Model], Any] | None = None


def _parts(model: type[models.Model], pk: Any) -> list[tuple[type[models.Model], dict]]:
    """The record's own history and that of the records it declares as its parts."""
    parts: list[tuple[type[models.Model], dict]] = [(model, {model._meta.pk.attname: pk})]
    for label, fk_name in getattr(model, "history_includes", ()):
        from django.apps import apps

        part = apps.get_model(label)
        parts.append((part, {part._meta.get_field(fk_name).attname: pk}))
    return parts


def log_queryset(log_filter: LogFilter):
    """Every history row the filter selects, newest first, as dicts (a lazy UNION ALL)."""
    if log_filter.record is not None:
        selected = _parts(*log_filter.record)
    else:
        selected = [(model, {}) for model in (log_filter.models or audited_models())]
    parts = []
    for model, conditions in selected:
        rows = history_manager(model).filter(**conditions)
        if log_filter.user_id is not None:
            rows = rows.filter(history_user_id=log_filter.user_id)
        if log_filter.date_from:
            rows = rows.filter(history_date__date__gte=log_filter.date_from)
        if log_filter.date_to:
            rows = rows.filter(history_date__date__lte=log_filter.date_to)
        if log_filter.action:
            rows = rows.filter(history_type=log_filter.action)
        if log_filter.source:
            rows = rows.filter(history_source=log_filter.source)
        parts.append(
            rows.order_by()
            .annotate(
                model_key=Value(model_key(model), output_field=CharField()),
                object_id=Cast(F(model._meta.pk.attname), CharField()),
            )
            .values(*LOG_COLUMNS, "model_key", "object_id")
        )
    if not parts:
        return history_manager(audited_models()[0]).none().values(*LOG_COLUMNS)
    first, *others = parts
    return first.union(*others, all=True).order_by("-history_date", "-history_id")


# --- entries with their changes -------------------------------------------------------------------


@dataclass
class Change:
    field: str
    before: str  # "" for a record just created
    after: str  # "" for a record deleted

    def __str__(self) -> str:
        if not self.before:
            return f"{self.field}: {self.after}"
        return f"{self.field}: {self.before} → {self.after or '—'}"


@dataclass
class Entry:
    model: type[models.Model]
    object_id: str
    history_id: int
    date: datetime
    action: str
    user: Any
    source: str
    origin: str
    ip: str | None
    label: str = ""
    changes: list[Change] = field(default_factory=list)

    @property
    def model_name(self) -> str:
        return str(capfirst(self.model._meta.verbose_name))

    @property
    def source_label(self) -> str:
        return str(dict(Source.choices).get(self.source, self.source))

    @property
    def action_label(self) -> str:
        return ACTIONS.get(self.action, self.action)

    @property
    def record_url(self) -> str:
        return reverse("history:record", args=[model_key(self.model), self.object_id])


def _tracked_fields(model: type[models.Model]) -> list[models.Field]:
    return list(history_manager(model).model.tracked_fields)


def _m2m_fields(model: type[models.Model]) -> list[models.Field]:
    history_model = history_manager(model).model
    return list(getattr(history_model, "_history_m2m_fields", []))


class _Display:
    """Turns stored values into text, resolving foreign keys in one query per related model."""

    def __init__(self) -> None:
        self.wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
        self.names: dict[tuple[type[models.Model], Any], str] = {}

    def want(self, model_field: models.Field, value: Any) -> None:
        if model_field.is_relation and value is not None:
            self.wanted[model_field.related_model].add(value)

    def load(self) -> None:
        for model, pks in self.wanted.items():
            records = model._base_manager.filter(pk__in=pks)
            if relations := _naming_relations(model):
                records = records.select_related(*relations)
            for obj in records:
                self.names[(model, obj.pk)] = str(obj)

    def text(self, model_field: models.Field, value: Any) -> str:
        if value is None or value == "":
            return "—"
        if model_field.is_relation:
            return self.names.get((model_field.related_model, value), f"#{value}")
        if model_field.choices:
            return str(dict(model_field.flatchoices).get(value, value))
        if isinstance(value, bool):
            return _("yes") if value else _("no")
        if isinstance(value, datetime):
            # Stored in UTC: shown, like every date-time, on the ISU's clock, which it names.
            return local_datetime(value, "DATETIME_FORMAT")
        if isinstance(value, date):
            return value.isoformat()
        return str(value)


@functools.cache
def _naming_relations(model: type[models.Model]) -> list[str]:
    """What a record's name may read besides the record (a request names its State): its
    foreign keys and theirs, read with it instead of one query per record named."""
    paths = []
    for model_field in model._meta.concrete_fields:
        if model_field.many_to_one:
            paths.append(model_field.name)
            paths += [
                f"{model_field.name}__{inner.name}"
                for inner in model_field.related_model._meta.concrete_fields
                if inner.many_to_one and not inner.null
            ]
    return paths


def _label(model: type[models.Model], snapshot: Any, object_id: str, display: _Display) -> str:
    """What the record is called: its name or code, else what it belongs to, and its number."""
    if snapshot is None:
        return f"#{object_id}"
    for name in NAMING_FIELDS:
        value = getattr(snapshot, name, None)
        if value:
            return str(value)
    for model_field in _tracked_fields(model):
        if model_field.many_to_one and getattr(snapshot, model_field.attname) is not None:
            owner = display.text(model_field, getattr(snapshot, model_field.attname))
            return f"{owner} · #{object_id}"
    return f"#{object_id}"


@dataclass
class _Snapshots:
    """The history rows behind a page of the log, by (model key, history id): each row's
    snapshot, the snapshot just before it, and the values of their many-to-many fields."""

    current: dict[tuple[str, int], Any] = field(default_factory=dict)
    previous: dict[tuple[str, int], Any] = field(default_factory=dict)
    m2m_values: dict[tuple[str, int], dict[str, list[Any]]] = field(
        default_factory=lambda: defaultdict(dict)
    )

    def load(self, key: str, model_rows: list[dict], display: _Display) -> None:
        """One model's rows and those just before them (a query for each), their links, and
        the related records ``display`` must name."""
        model = audited_model_by_key(key)
        history_model = history_manager(model).model
        pk_name = model._meta.pk.attname
        ids = [row["history_id"] for row in model_rows]
        before = (
            history_model.objects.filter(**{pk_name: OuterRef(pk_name)})
            .filter(
                history_date__lte=OuterRef("history_date"), history_id__lt=OuterRef("history_id")
            )
            .order_by("-history_date", "-history_id")
            .values("history_id")[:1]
        )
        current = list(
            history_model.objects.filter(history_id__in=ids).annotate(
                history_previous_id=Subquery(before)
            )
        )
        earlier = {
            row.history_id: row
            for row in history_model.objects.filter(
                history_id__in=[
                    row.history_previous_id for row in current if row.history_previous_id
                ]
            )
        }
        for row in current:
            self.current[(key, row.history_id)] = row
            if row.history_previous_id:
                self.previous[(key, row.history_id)] = earlier[row.history_previous_id]
        self._load_links(key, model, [row.history_id for row in current] + list(earlier))
        for snapshot in [*current, *earlier.values()]:
            for model_field in _tracked_fields(model):
                display.want(model_field, getattr(snapshot, model_field.attname))
        for m2m_field in _m2m_fields(model):
            for values in self.m2m_values.values():
                for value in values.get(m2m_field.name, []):
                    display.wanted[m2m_field.related_model].add(value)

    def _load_links(self, key: str, model: type[models.Model], history_ids: list[int]) -> None:
        for m2m_field in _m2m_fields(model):
            through = HistoricalRecords.m2m_models[m2m_field]
            target = m2m_field.m2m_reverse_field_name()
            for link in through.objects.filter(history_id__in=history_ids).order_by("pk"):
                values = self.m2m_values[(key, link.history_id)].setdefault(m2m_field.name, [])
                values.append(getattr(link, f"{target}_id"))


def _entry(row: dict, snapshots: _Snapshots, users: dict[int, Any], display: _Display) -> Entry:
    """One row of the log as an entry, with its changes when its snapshot was loaded."""
    key = row["model_key"]
    model = audited_model_by_key(key)
    snapshot = snapshots.current.get((key, row["history_id"]))
    earlier_snapshot = snapshots.previous.get((key, row["history_id"]))
    entry = Entry(
        model=model,
        object_id=row["object_id"],
        history_id=row["history_id"],
        date=row["history_date"],
        action=row["history_type"],
        user=users.get(row["history_user_id"]),
        source=row["history_source"],
        origin=row["history_origin"],
        ip=row["history_ip"],
        label=_label(model, snapshot, row["object_id"], display),
    )
    if snapshot is not None:
        m2m_values = snapshots.m2m_values
        entry.changes = _changes(
            model,
            snapshot,
            earlier_snapshot,
            m2m_values.get((key, row["history_id"]), {}),
            m2m_values.get((key, earlier_snapshot.history_id), {}) if earlier_snapshot else {},
            display,
        )
    return entry


def entries_for(rows: Iterable[dict]) -> list[Entry]:
    """Full entries, with before and after, for rows of ``log_queryset``."""
    rows = list(rows)
    by_model: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_model[row["model_key"]].append(row)
    snapshots = _Snapshots()
    display = _Display()
    for key, model_rows in by_model.items():
        snapshots.load(key, model_rows, display)
    user_ids = {row["history_user_id"] for row in rows if row["history_user_id"]}
    users = {user.pk: user for user in get_user_model()._base_manager.filter(pk__in=user_ids)}
    display.load()
    return [_entry(row, snapshots, users, display) for row in rows]


def _changes(
    model: type[models.Model],
    after: Any,
    before: Any,
    m2m_after: dict[str, list[Any]],
    m2m_before: dict[str, list[Any]],
    display: _Display,
) -> list[Change]:
    """What differs between two snapshots; for a creation every filled field, for a deletion
    every field as it last was."""
    changes = []
    deleted = after.history_type == "-"
    for model_field in _tracked_fields(model):
        if model_field.primary_key:
            continue
        new = getattr(after, model_field.attname)
        old = getattr(before, model_field.attname) if before is not None else None
        if deleted:
            old, new = new, None
        if old == new or (before is None and not deleted and new in (None, "")):
            continue
        changes.append(
            Change(
                str(capfirst(model_field.verbose_name)),
                "" if before is None and not deleted else display.text(model_field, old),
                "" if deleted else display.text(model_field, new),
            )
        )
    for m2m_field in _m2m_fields(model):
        new_ids = sorted(m2m_after.get(m2m_field.name, []))
        old_ids = sorted(m2m_before.get(m2m_field.name, [])) if before is not None else []
        if new_ids == old_ids or deleted:
            continue
        related = m2m_field.related_model

        def names(ids: list[Any], related: type[models.Model] = related) -> str:
            return ", ".join(sorted(display.names.get((related, pk), f"#{pk}") for pk in ids))

        changes.append(
            Change(str(capfirst(m2m_field.verbose_name)), names(old_ids), names(new_ids))
        )
    return changes
