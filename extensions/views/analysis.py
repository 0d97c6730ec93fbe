"""Questions to the State, the Committee's analysis and draft decision, its approval and PDF."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import staff_required
from common.views import apply_service, form_page
from documents import services as document_services
from documents.views.jobs import job_response

from .. import services
from ..access import can_approve, workspace_required
from ..forms import AnalysisForm, QuestionForm
from ..models import Analysis
from .requests import _request


@staff_required
def question_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Questions to the State: a draft letter of the Committee, approved and sent on the
    letter's page, where its reply is recorded."""
    extension_request = _request(pk)
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        question = services.ask_question(
            extension_request,
            title=form.cleaned_data["title"],
            body=form.cleaned_data["body"],
            reply_due=form.cleaned_data["reply_due"],
            user=request.user,
        )
        messages.success(
            request, _("The letter is drafted: have it approved and send it from here.")
        )
        return redirect(question.letter)
    return form_page(
        request,
        form,
        _("Questions to %(state)s") % {"state": extension_request.state},
        extension_request.get_absolute_url(),
    )


@staff_required
def analysis_edit(request: HttpRequest, pk: int) -> HttpResponse:
    extension_request = _request(pk)
    analysis = getattr(extension_request, "analysis", None) or Analysis()
    form = AnalysisForm(request.POST or None, instance=analysis, parent=extension_request)
    if (
        request.method == "POST"
        and form.is_valid()
        and apply_service(form, lambda: services.save_analysis(form.instance))
    ):
        messages.success(request, _("The analysis was saved; the Chair approves it."))
        return redirect(extension_request)
    return form_page(
        request,
        form,
        _("Analysis and draft decision: %(request)s") % {"request": extension_request},
        extension_request.get_absolute_url(),
    )


@require_POST
def analysis_approve(request: HttpRequest, pk: int) -> HttpResponse:
    """The Committee's Chair (or ISU staff on the Chair's word) approves the analysis."""
    if not can_approve(request.user):
        raise PermissionDenied
    extension_request = _request(pk)
    analysis = getattr(extension_request, "analysis", None)
    if analysis is None:
        messages.error(request, _("There is no analysis to approve yet."))
        return redirect(extension_request)
    try:
        services.approve_analysis(analysis, request.user, timezone.localdate())
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
    else:
        messages.success(request, _("The analysis and draft decision are approved."))
    return redirect(extension_request)


@require_POST
@workspace_required
def analysis_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    extension_request = _request(pk)
    analysis = getattr(extension_request, "analysis", None)
    if analysis is None:
        messages.error(request, _("There is no analysis to print yet."))
        return redirect(extension_request)
    job = document_services.request_pdf(analysis, requested_by=request.user)
    return job_response(request, job)
