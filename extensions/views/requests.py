"""The lists, a request's page and its versions."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import can_edit_records, staff_required
from common.files import attachment
from common.views import apply_service, delete_record, form_page, import_csv, list_page

from .. import expected, services, stages
from ..access import can_approve, workspace_required
from ..forms import (
    ExtensionRequestForm,
    FundingForm,
    HazardousAreaForm,
    InitialVersionForm,
    VersionForm,
    WorkPlanYearForm,
)
from ..imports import ExtensionDecisionImporter, ExtensionRequestImporter
from ..models import ExtensionRequest, Funding, HazardousArea, RequestVersion, WorkPlanYear
from ..tables import EXPECTED, REQUESTS


@workspace_required
def expected_list(request: HttpRequest) -> HttpResponse:
    """Who must request at the coming Meeting, by when, and who did (late, missing)."""
    today = timezone.localdate()
    rows = expected.expected_requests(today)
    return list_page(
        request,
        "extensions/expected_list.html",
        rows,
        table=EXPECTED,
        context={
            "counts": expected.counts(rows),
            "meeting": rows[0].meeting if rows else None,
            "due": rows[0].due if rows else None,
            "can_edit": can_edit_records(request.user),
        },
    )


@workspace_required
def request_list(request: HttpRequest) -> HttpResponse:
    requests = ExtensionRequest.objects.select_related("state", "meeting", "decision").order_by(
        "-meeting__start_date", "state__name", "pk"
    )
    return list_page(
        request,
        "extensions/request_list.html",
        requests,
        table=REQUESTS,
        context={"can_edit": can_edit_records(request.user)},
    )


def _request(pk: int) -> ExtensionRequest:
    return get_object_or_404(
        ExtensionRequest.objects.select_related(
            "state", "meeting", "analysis", "decision", "outcome_record"
        ),
        pk=pk,
    )


@workspace_required
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    extension_request = _request(pk)
    versions = list(extension_request.versions.order_by("number"))
    questions = stages.question_rows(extension_request)
    decision = getattr(extension_request, "decision", None)
    context = {
        "record": extension_request,
        "versions": versions,
        "questions": questions,
        "stages": stages.stages_of(extension_request, versions, questions, timezone.localdate()),
        "analysis": getattr(extension_request, "analysis", None),
        "decision": decision,
        "requirements": list(decision.requirements.order_by("due_on", "pk")) if decision else [],
        "can_edit": can_edit_records(request.user),
        "can_approve": can_approve(request.user),
    }
    return render(request, "extensions/request_detail.html", context)


@staff_required
def request_create(request: HttpRequest) -> HttpResponse:
    form = ExtensionRequestForm(request.POST or None)
    file_form = InitialVersionForm(request.POST or None, request.FILES or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and file_form.is_valid()
        and apply_service(
            form,
            lambda: services.receive_request(
                form.instance,
                RequestVersion(
                    received_on=form.instance.received_on,
                    document=file_form.cleaned_data.get("document"),
                ),
            ),
        )
    ):
        messages.success(request, _("The request was recorded."))
        return redirect(form.instance)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "extensions/request_form.html",
        {
            "form": form,
            "file_form": file_form,
            "title": _("New extension request"),
            "cancel_url": "extensions:requests",
        },
        status=status,
    )


@staff_required
def request_edit(request: HttpRequest, pk: int) -> HttpResponse:
    extension_request = _request(pk)
    form = ExtensionRequestForm(request.POST or None, instance=extension_request)
    if (
        request.method == "POST"
        and form.is_valid()
        and apply_service(form, lambda: services.save_request(form.instance))
    ):
        messages.success(request, _("The request was saved."))
        return redirect(extension_request)
    return form_page(request, form, str(extension_request), extension_request.get_absolute_url())


def _version(pk: int, number: int) -> RequestVersion:
    return get_object_or_404(
        RequestVersion.objects.select_related("request__state", "request__meeting"),
        request_id=pk,
        number=number,
    )


@staff_required
def version_create(request: HttpRequest, pk: int) -> HttpResponse:
    extension_request = _request(pk)
    form = VersionForm(request.POST or None, request.FILES or None, parent=extension_request)
    if (
        request.method == "POST"
        and form.is_valid()
        and apply_service(form, lambda: services.add_version(form.instance))
    ):
        messages.success(request, _("The revised request was recorded."))
        return redirect(form.instance)
    return form_page(
        request,
        form,
        _("Revised request: %(request)s") % {"request": extension_request},
        extension_request.get_absolute_url(),
        multipart=True,
    )


@workspace_required
def version_detail(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    version = _version(pk, number)
    areas = list(version.areas.all())
    context = {
        "version": version,
        "record": version.request,
        "areas": areas,
        "confirmed_m2": sum(a.area_m2 for a in areas if a.kind == HazardousArea.Kind.CONFIRMED),
        "suspected_m2": sum(a.area_m2 for a in areas if a.kind == HazardousArea.Kind.SUSPECTED),
        "work_plan": list(version.work_plan.all()),
        "funding": list(version.funding.all()),
        "checklist": checklist(version, areas),
        "can_edit": can_edit_records(request.user),
    }
    return render(request, "extensions/version_detail.html", context)


def checklist(version: RequestVersion, areas: list[HazardousArea]) -> list[tuple[str, bool]]:
    """What a request must contain, and whether this version's record has it."""
    return [
        (_("Remaining contamination (confirmed and suspected hazardous areas, m²)"), bool(areas)),
        (_("Annual work plan of the area to release"), version.work_plan.exists()),
        (_("Budget and who funds it"), version.funding.exists()),
        (_("Circumstances impeding completion"), bool(version.impeding_circumstances.strip())),
        (
            _("Humanitarian, social, economic and environmental implications"),
            all(
                value.strip()
                for value in (
                    version.humanitarian_implications,
                    version.social_implications,
                    version.economic_implications,
                    version.environmental_implications,
                )
            ),
        ),
    ]


@staff_required
def version_edit(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    version = _version(pk, number)
    form = VersionForm(
        request.POST or None, request.FILES or None, instance=version, parent=version.request
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and apply_service(form, lambda: services.save_version(form.instance))
    ):
        messages.success(request, _("The version was saved."))
        return redirect(version)
    return form_page(request, form, str(version), version.get_absolute_url(), multipart=True)


@workspace_required
def version_document(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    version = _version(pk, number)
    if not version.document:
        raise Http404
    suffix = version.document.name.rsplit(".", 1)[-1].lower()
    return attachment(
        version.document, f"{version.request.state.iso3}-extension-v{version.number}.{suffix}"
    )


CONTENT = {
    "areas": (HazardousAreaForm, HazardousArea),
    "work-plan": (WorkPlanYearForm, WorkPlanYear),
    "funding": (FundingForm, Funding),
}


@staff_required
def content_create(request: HttpRequest, pk: int, number: int, part: str) -> HttpResponse:
    """Add a line to a version's content: a hazardous area, a work plan year, a funder."""
    if part not in CONTENT:
        raise Http404
    version = _version(pk, number)
    form_class, model = CONTENT[part]
    form = form_class(request.POST or None, parent=version)
    if (
        request.method == "POST"
        and form.is_valid()
        and apply_service(form, lambda: services.save_content(form.instance))
    ):
        messages.success(request, _("Added."))
        return redirect(version)
    return form_page(
        request,
        form,
        f"{model._meta.verbose_name.capitalize()}: {version}",
        version.get_absolute_url(),
    )


@staff_required
@require_POST
def content_delete(
    request: HttpRequest, pk: int, number: int, part: str, line: int
) -> HttpResponse:
    if part not in CONTENT:
        raise Http404
    version = _version(pk, number)
    record = get_object_or_404(CONTENT[part][1], pk=line, version=version)
    return delete_record(request, record, services.delete_content, done=version)


@staff_required
def requests_import(request: HttpRequest) -> HttpResponse:
    return import_csv(
        request,
        ExtensionRequestImporter(),
        title=_("Import extension requests"),
        columns_help=_(
            "Meetings are written 22MSP or 5RC; dates as YYYY-MM-DD; a row matches the "
            "State's request for that Meeting."
        ),
        done_url=reverse("extensions:requests"),
    )


@staff_required
def decisions_import(request: HttpRequest) -> HttpResponse:
    return import_csv(
        request,
        ExtensionDecisionImporter(),
        title=_("Import decisions on extension requests"),
        columns_help=_(
            "granted is true or false; requests lists what the decision asks, each as a date "
            "and a text, separated by semicolons (2027-04-30 An updated work plan)."
        ),
        done_url=reverse("extensions:requests"),
    )
