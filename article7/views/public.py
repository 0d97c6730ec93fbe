"""Published reports, for everyone (signed in or not): each with its PDF and its data as JSON
and CSV, and its annexes. The public website lists them (``site:article7``)."""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_not_required
from django.db.models import Q
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from common.exports import table_response
from common.files import attachment
from documents.models import RenderJob

from ..data import report_data
from ..models import ROW_MODELS, SECTION_CODES, Annex, Report, ReportStatus
from ..pdf import pdf_filename


def _published() -> object:
    return Report.objects.published_latest().select_related("state")


def _report(pk: int) -> Report:
    return get_object_or_404(_published(), pk=pk)


@login_not_required
@require_GET
def published_list(request: HttpRequest) -> HttpResponse:
    """The list of published reports is the public website's (``public_site``, a layer above
    this one, so by its URL's name): this address, once a list of its own, leads there, in the
    visitor's language (a temporary redirect: the target's language prefix varies)."""
    return redirect("site:article7")


def _done_job(report: Report) -> RenderJob | None:
    from django.contrib.contenttypes.models import ContentType

    return (
        RenderJob.objects.filter(
            content_type=ContentType.objects.get_for_model(Report),
            object_id=report.pk,
            status=RenderJob.Status.DONE,
        )
        .exclude(output="")
        .order_by("-pk")
        .first()
    )


@login_not_required
@require_GET
def published_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The PDF rendered when the report was published; while the worker is still at it, a page
    that says so (202)."""
    report = _report(pk)
    job = _done_job(report)
    if job is None:
        # Published before the worker rendered it (an import): render it now, once.
        from documents.services import request_pdf

        request_pdf(report, requested_by=None, limited=False)
        return render(request, "article7/pdf_pending.html", {"report": report}, status=202)
    return FileResponse(
        job.output.open("rb"),
        as_attachment=True,
        filename=pdf_filename(report),
        content_type="application/pdf",
    )


@login_not_required
@require_GET
def published_json(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(pk)
    content = json.dumps(report_data(report, context=False), ensure_ascii=False, indent=2)
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{pdf_filename(report)[:-4]}.json"'
    return response


CSV_HEADER = ("state", "year_covered", "version", "form", "row", "field", "value")


def csv_rows(data: dict):
    """A report's data, one line per value: the form, the row (empty for the narrative), the
    field and its value."""
    head = (data["state"], data["year_covered"] or "initial", data["version"])
    for code in SECTION_CODES:
        section = data["sections"][code]
        yield (*head, code, "", "status", section["status"])
        if section["no_change_since"]:
            yield (*head, code, "", "no_change_since", section["no_change_since"])
        for name in ("narrative", "explanation"):
            if section[name]:
                yield (*head, code, "", name, section[name])
        for index, row in enumerate(section["rows"], start=1):
            for name in ROW_MODELS[code].FIELDS:
                value = row.get(name)
                yield (*head, code, index, name, "" if value is None else value)


@login_not_required
@require_GET
def published_csv(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(pk)
    data = report_data(report, context=False)
    return table_response(request, pdf_filename(report)[:-4], CSV_HEADER, csv_rows(data))


@login_not_required
@require_GET
def published_annex(request: HttpRequest, pk: int, annex: int) -> HttpResponse:
    """An annex of a published report, at an address beside the report's PDF and data (the
    public website links here)."""
    return attachment(get_object_or_404(Annex, report=_report(pk), pk=annex).file)


@login_not_required
@require_GET
def annex_file(request: HttpRequest, pk: int) -> HttpResponse:
    """An annex of a report the user reads (``Report.objects.visible_to``): ISU staff any
    report's, a reporter their own State's, everyone, signed in or not, a published one's;
    otherwise there is no such annex (404)."""
    readable = Q(report__status=ReportStatus.PUBLISHED) | Q(
        report__in=Report.objects.visible_to(request.user)
    )
    annex = get_object_or_404(Annex.objects.filter(readable), pk=pk)
    return attachment(annex.file)
