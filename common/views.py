import itertools
import logging
from collections.abc import Callable, Iterable, Iterator
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.paginator import Page
from django.db import models, transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from common.access import history_required, staff_required

from .exports import Column, Table, wants_export
from .forms import HistoryFilterForm, ImportUploadForm
from .health import run_checks
from .history import LogFilter, audited_model_by_key, entries_for, log_queryset
from .import_plan import ImportIssue, ImportPlan
from .imports import MAX_IMPORT_BYTES, CsvImporter
from .models import ImportJob
from .rendering import Paginator, resolve_choices
from .services import RecordInUse

logger = logging.getLogger(__name__)

# --- the view kit: a list page, a form page, a delete -------------------------------------------


def paginate(request: HttpRequest, records: Iterable) -> Page:
    return Paginator(records, settings.PAGE_SIZE).get_page(request.GET.get("page"))


def list_page(
    request: HttpRequest,
    template: str,
    records: Any,
    *,
    target: str = "",
    table: Table | None = None,
    filename: str | None = None,
    context: dict | None = None,
    rows: Callable[[Page], dict] | None = None,
) -> HttpResponse:
    """A list: ``records`` (a FilterSet, whose ``qs`` is listed, or a queryset) one page at a
    time; its download when ``?format=csv`` or ``xlsx`` asks for it and the list has a
    ``table``; only the ``results`` partial when htmx targets ``target`` (the results' id).

    ``rows(page)`` adds what is computed for the records of the page shown (a few queries for
    the page, never one per row)."""
    queryset = records.qs if hasattr(records, "qs") else records
    if table is not None and wants_export(request):
        return table.response(request, queryset, filename=filename)
    page = paginate(request, queryset)
    data = {"page": page, **(context or {})}
    if hasattr(records, "qs"):
        data["filter"] = records
    if rows is not None:
        data.update(rows(page))
    if target and request.htmx and request.htmx.target == target:
        return render(request, f"{template}#results", data)
    return render(request, template, data)


def form_page(
    request: HttpRequest,
    form,
    title: str,
    cancel_url: str,
    *,
    template: str = "common/form_page.html",
    **context: Any,
) -> HttpResponse:
    """A form to fill in; a form sent back with errors answers 400 and shows them."""
    status = 400 if form.is_bound and form.errors else 200
    context.update(form=form, title=title, cancel_url=cancel_url)
    return render(request, template, context, status=status)


def apply_service(form, write: Callable[[], Any]) -> bool:
    """Run a service for a valid form; its validation errors land on the form."""
    try:
        write()
    except ValidationError as error:
        form.add_error(None, error)
        return False
    return True


def delete_record(
    request: HttpRequest,
    record: models.Model,
    delete: Callable[[Any], None],
    *,
    done: Any,
    refused: Any = None,
    hint: str = "",
) -> HttpResponse:
    """Delete ``record`` through its service and go to ``done``; a refusal (a record in use,
    or a rule of the record's own) is said on ``refused`` (default: the record's page)."""
    label = str(record)
    try:
        delete(record)
    except RecordInUse as refusal:
        messages.error(request, " ".join(filter(None, [str(refusal), hint])))
        return redirect(refused or record)
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
        return redirect(refused or record)
    messages.success(request, _("“%(record)s” was deleted.") % {"record": label})
    return redirect(done)


# --- imports --------------------------------------------------------------------------------------

_IMPORT_SALT = "common.import-preview"
_PREVIEW_MAX_AGE = 60 * 60


def import_csv(
    request: HttpRequest,
    importer: CsvImporter,
    *,
    title: str,
    columns_help: str,
    done_url: str,
) -> HttpResponse:
    """Upload, preview the planned changes and every error, then confirm.

    A file of up to ``IMPORT_BACKGROUND_ROWS`` records is checked in full; its text travels
    back signed, so what is applied is exactly what was previewed, read and validated again on
    confirmation against the data as it is then. A larger file is checked in full (every cell,
    repeated keys) but planned from its first rows only, so that the preview comes at once; it
    is kept as an ``ImportJob``, and confirming queues the job, which checks every record again
    and writes them all or nothing, while its page shows the progress.
    """
    context = {
        "title": title,
        "columns": importer.columns,
        "columns_help": columns_help,
        "max_rows": settings.IMPORT_MAX_ROWS,
        "max_megabytes": MAX_IMPORT_BYTES // (1024 * 1024),
        "shown_rows": PREVIEW_SHOWN_ROWS,
        "shown_issues": PREVIEW_SHOWN_ISSUES,
    }
    if request.method == "POST" and "job" in request.POST:
        return _confirm_job(request, importer)
    if request.method == "POST" and "payload" in request.POST:
        return _apply_previewed(request, importer, context, done_url)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        plan = importer.read(upload.read(), limit=settings.IMPORT_BACKGROUND_ROWS)
        context["plan"] = plan
        context["rows_shown"] = min(PREVIEW_SHOWN_ROWS, len(plan.rows))
        if plan.is_valid and plan.complete:
            context["payload"] = signing.dumps(plan.text, salt=_IMPORT_SALT, compress=True)
        elif plan.is_valid:
            context["job"] = _previewed_job(request, importer, plan, title, done_url, upload)
    context["form"] = form
    status = 400 if "plan" in context and not context["plan"].is_valid else 200
    return render(request, "common/import.html", context, status=status)


def _apply_previewed(
    request: HttpRequest, importer: CsvImporter, context: dict, done_url: str
) -> HttpResponse:
    """Apply a previewed file of up to ``IMPORT_BACKGROUND_ROWS`` records: its signed text,
    read and validated again against the data as it is now; a plan that no longer holds is
    shown with its problems instead."""
    try:
        text = signing.loads(request.POST["payload"], salt=_IMPORT_SALT, max_age=_PREVIEW_MAX_AGE)
    except signing.BadSignature:
        messages.error(request, _("The preview has expired; upload the file again."))
        return redirect(request.path)
    plan = importer.read(text)
    if plan.is_valid:
        counts = importer.apply(plan)
        messages.success(
            request,
            _("Import complete: %(create)s created, %(update)s updated, %(unchanged)s unchanged.")
            % counts,
        )
        return redirect(done_url)
    context.update(form=ImportUploadForm(), plan=plan)
    return render(request, "common/import.html", context, status=400)


#: What a preview shows of a large file: its first rows, and its first problems with a count
#: by column (a page of 100,000 rows would weigh megabytes and take a minute to build).
PREVIEW_SHOWN_ROWS = 100
PREVIEW_SHOWN_ISSUES = 200


def _importer_path(importer: CsvImporter) -> str:
    return f"{type(importer).__module__}.{type(importer).__qualname__}"


def _previewed_job(request, importer, plan, title: str, done_url: str, upload) -> ImportJob:
    # Previews nobody confirmed are not kept beyond a day.
    ImportJob.objects.filter(
        status=ImportJob.Status.PREVIEWED, created_at__lt=timezone.now() - timedelta(days=1)
    ).delete()
    return ImportJob.objects.create(
        importer=_importer_path(importer),
        title=title[:200],
        done_url=done_url,
        filename=(upload.name or "")[:255],
        text=plan.text,
        total_rows=plan.total_rows,
        requested_by=request.user,
    )


def _confirm_job(request: HttpRequest, importer: CsvImporter) -> HttpResponse:
    """Queue a previewed large import; its page follows the worker."""
    from .tasks import apply_import

    job = ImportJob.objects.filter(
        pk=request.POST["job"] if request.POST["job"].isdigit() else None,
        importer=_importer_path(importer),
        requested_by=request.user,
        status=ImportJob.Status.PREVIEWED,
    ).first()
    if job is None:
        messages.error(request, _("The preview has expired; upload the file again."))
        return redirect(request.path)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.QUEUED)

    def publish() -> None:
        try:
            apply_import.apply_async(args=[job.pk], retry=False)
        except Exception:  # the broker is down: say so on the job's page, lose nothing
            logger.warning("could not queue import job %s", job.pk)
            ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.QUEUED).update(
                error=_("The background worker could not be reached; upload the file again.")
            )

    transaction.on_commit(publish)
    return redirect(job)


@staff_required
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    """A large import's progress; htmx polls the partial until the job is over."""
    job = get_object_or_404(
        ImportJob.objects.exclude(status=ImportJob.Status.PREVIEWED).defer("text"), pk=pk
    )
    issues = [ImportIssue(row, column, message) for row, column, message in job.issues]
    summary = ImportPlan(issues=issues).issue_summary()
    context = {
        "job": job,
        "issues": issues,
        "summary": summary,
        "shown_issues": PREVIEW_SHOWN_ISSUES,
    }
    if request.htmx:
        return render(request, "common/import_job.html#progress", context)
    return render(request, "common/import_job.html", context)


# --- audit trail ----------------------------------------------------------------------------------


class HistoryTable(Table):
    """The filtered log in chunks: each chunk costs the queries of one page."""

    chunk = 500

    def rows(self, records) -> Iterator[list]:
        for start in itertools.count(0, self.chunk):
            batch = list(records[start : start + self.chunk])
            for entry in entries_for(batch):
                yield self.row(entry)
            if len(batch) < self.chunk:
                return


HISTORY = HistoryTable(
    "history",
    [
        Column("date", lambda entry: entry.date.isoformat()),
        Column("user", lambda entry: entry.user.get_username() if entry.user else ""),
        Column("record_kind", lambda entry: entry.model._meta.label_lower),
        Column("record_id", lambda entry: entry.object_id),
        Column("record", lambda entry: entry.label),
        Column("change", lambda entry: entry.action_label),
        Column("source", lambda entry: entry.source),
        Column("origin", lambda entry: entry.origin),
        Column("address", lambda entry: entry.ip or ""),
        Column("changes", lambda entry: "; ".join(str(change) for change in entry.changes)),
    ],
)


def _history_page(request: HttpRequest, log_filter: LogFilter, context: dict, template: str):
    return list_page(
        request,
        template,
        log_queryset(log_filter),
        table=HISTORY,
        context=context,
        rows=lambda page: {"entries": entries_for(page.object_list)},
    )


@history_required
def history_log(request: HttpRequest) -> HttpResponse:
    """Every change to every record, newest first, filtered by who, what, when and how."""
    form = resolve_choices(HistoryFilterForm(request.GET or None))
    log_filter = LogFilter()
    if form.is_valid():
        data = form.cleaned_data
        model = audited_model_by_key(data["model"]) if data["model"] else None
        log_filter = LogFilter(
            models=[model] if model else [],
            user_id=data["user"].pk if data["user"] else None,
            date_from=data["date_from"],
            date_to=data["date_to"],
            action=data["action"],
            source=data["source"],
        )
    elif form.is_bound:
        return render(request, "common/history.html", {"form": form, "page": None}, status=400)
    return _history_page(request, log_filter, {"form": form}, "common/history.html")


@history_required
def record_history(request: HttpRequest, model: str, pk: str) -> HttpResponse:
    """Every change to one record (and to the records it declares as its parts)."""
    model_class = audited_model_by_key(model)
    if model_class is None:
        raise Http404
    try:
        pk_value = model_class._meta.pk.to_python(pk)
    except ValidationError:
        raise Http404 from None
    log_filter = LogFilter(record=(model_class, pk_value))
    record = model_class._base_manager.filter(pk=pk_value).first()
    context = {
        "record": record,
        "record_label": str(record) if record else f"#{pk_value}",
        "model_name": model_class._meta.verbose_name,
    }
    return _history_page(request, log_filter, context, "common/record_history.html")


# --- operations -----------------------------------------------------------------------------------


@login_not_required
@transaction.non_atomic_requests
@never_cache
def health_live(request: HttpRequest) -> HttpResponse:
    """Liveness, for the process supervisor or orchestrator: this web process answers. It
    touches nothing (no database, no broker, no session), so that a stalled database never
    gets healthy web processes restarted; whether the application can serve is ``ready``."""
    return HttpResponse(b"ok\n", content_type="text/plain; charset=utf-8")


@login_not_required
@transaction.non_atomic_requests
@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """Readiness, for the load balancer and monitoring (``/health/ready/``, and ``/health/``
    as before): 200 when the database, the broker, the worker and beat answer, 503 otherwise."""
    checks = run_checks()
    healthy = all(check.ok for check in checks)
    return JsonResponse(
        {
            "status": "ok" if healthy else "failing",
            "checks": {check.name: check.as_dict() for check in checks},
        },
        status=200 if healthy else 503,
    )
