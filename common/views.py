import itertools
from collections.abc import Iterator

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from accounts.permissions import history_required

from .exports import table_response
from .forms import HistoryFilterForm, ImportUploadForm
from .health import run_checks
from .history import LogFilter, audited_model_by_key, entries_for, log_queryset
from .imports import CsvImporter

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
    """Upload, preview every planned change and every error, then confirm.

    The previewed text travels back signed, so what is applied is exactly what was previewed;
    it is read and validated again on confirmation, against the data as it is then.
    """
    context = {"title": title, "columns": importer.columns, "columns_help": columns_help}
    if request.method == "POST" and "payload" in request.POST:
        try:
            text = signing.loads(
                request.POST["payload"], salt=_IMPORT_SALT, max_age=_PREVIEW_MAX_AGE
            )
        except signing.BadSignature:
            messages.error(request, _("The preview has expired; upload the file again."))
            return redirect(request.path)
        plan = importer.read(text)
        if plan.is_valid:
            counts = importer.apply(plan)
            messages.success(
                request,
                _(
                    "Import complete: %(create)s created, %(update)s updated, "
                    "%(unchanged)s unchanged."
                )
                % counts,
            )
            return redirect(done_url)
        context.update(form=ImportUploadForm(), plan=plan)
        return render(request, "common/import.html", context, status=400)

    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        plan = importer.read(form.cleaned_data["file"].read())
        context["plan"] = plan
        if plan.is_valid:
            context["payload"] = signing.dumps(plan.text, salt=_IMPORT_SALT, compress=True)
    context["form"] = form
    status = 400 if "plan" in context and not context["plan"].is_valid else 200
    return render(request, "common/import.html", context, status=status)


# --- audit trail ----------------------------------------------------------------------------------

HISTORY_EXPORT_HEADER = [
    "date",
    "user",
    "record_kind",
    "record_id",
    "record",
    "change",
    "source",
    "origin",
    "address",
    "changes",
]


def _history_page(request: HttpRequest, log_filter: LogFilter, context: dict, template: str):
    rows = log_queryset(log_filter)
    if request.GET.get("format") in ("csv", "xlsx"):
        return table_response(request, "history", HISTORY_EXPORT_HEADER, _export_rows(rows))
    page = Paginator(rows, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    context.update(page=page, entries=entries_for(page.object_list))
    return render(request, template, context)


def _export_rows(rows) -> Iterator[list[str]]:
    """The filtered log in chunks: each chunk costs the queries of one page."""
    chunk = 500
    for start in itertools.count(0, chunk):
        batch = list(rows[start : start + chunk])
        for entry in entries_for(batch):
            yield [
                entry.date.isoformat(),
                entry.user.get_username() if entry.user else "",
                entry.model._meta.label_lower,
                entry.object_id,
                entry.label,
                entry.action_label,
                entry.source,
                entry.origin,
                entry.ip or "",
                "; ".join(str(change) for change in entry.changes),
            ]
        if len(batch) < chunk:
            return


@history_required
def history_log(request: HttpRequest) -> HttpResponse:
    """Every change to every record, newest first, filtered by who, what, when and how."""
    form = HistoryFilterForm(request.GET or None)
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
def health(request: HttpRequest) -> JsonResponse:
    """For the load balancer and monitoring: 200 when everything answers, 503 otherwise."""
    checks = run_checks()
    healthy = all(check.ok for check in checks)
    return JsonResponse(
        {
            "status": "ok" if healthy else "failing",
            "checks": {check.name: check.as_dict() for check in checks},
        },
        status=200 if healthy else 503,
    )
