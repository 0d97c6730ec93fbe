"""The outbox and the upcoming sends: every outgoing e-mail, its preview, PDF and retry."""

from __future__ import annotations

from contextlib import suppress
from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import staff_required
from common.exports import wants_export
from common.views import list_page
from documents import services as document_services
from documents.views.jobs import job_response, render_refused

from .. import render as rendering
from .. import services
from ..filters import MessageFilter, UpcomingFilter
from ..merge import MergeError
from ..models import MessageStatus, OutgoingMessage
from ..tables import MESSAGES, UPCOMING
from ..waiting import REMINDER_DAYS


def _messages():
    return OutgoingMessage.objects.select_related("state", "contact", "rule", "letter__committee")


@staff_required
def upcoming(request: HttpRequest) -> HttpResponse:
    sends = UpcomingFilter(
        request.GET or None,
        queryset=_messages().upcoming().order_by("next_attempt_at", "state__name", "pk"),
    )
    return list_page(
        request,
        "correspondence/upcoming.html",
        sends,
        target="upcoming-results",
        table=UPCOMING,
        context={
            "now": timezone.now(),
            # The shortcut to what goes in the next week (the home page links to the same).
            "next_week": timezone.localdate() + timedelta(days=REMINDER_DAYS),
        },
    )


@staff_required
def message_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """A planned reminder as it would read if it went now (it is rendered when it goes)."""
    message = get_object_or_404(
        _messages().select_related("rule__letter", "rule__committee"), pk=pk
    )
    problem = ""
    if message.kind == OutgoingMessage.Kind.REMINDER and not message.body:
        try:
            rendering.fill_reminder(message, strict=True)
        except MergeError as error:
            # Shown as it would fail: the worker will not send it unless the record changes.
            problem = str(error)
            with suppress(MergeError):
                rendering.fill_reminder(message)
    template = "correspondence/message_preview.html"
    return render(
        request,
        f"{template}#preview" if request.htmx else template,
        {"message": message, "problem": problem},
    )


@staff_required
def outbox(request: HttpRequest) -> HttpResponse:
    sent_or_due = _messages().exclude(
        Q(status=MessageStatus.PLANNED, next_attempt_at__gt=timezone.now())
    )
    outgoing = MessageFilter(
        request.GET or None, queryset=sent_or_due.order_by("-next_attempt_at", "-pk")
    )
    if wants_export(request):
        return MESSAGES.response(request, outgoing.qs)
    counts = dict(
        OutgoingMessage.objects.order_by()
        .values_list("status")
        .annotate(count=Count("pk"))
        .values_list("status", "count")
    )
    context = {
        "counts": [
            (status, label, counts.get(status, 0)) for status, label in MessageStatus.choices
        ],
    }
    return list_page(
        request,
        "correspondence/outbox.html",
        outgoing,
        target="outbox-results",
        table=MESSAGES,
        context=context,
    )


@require_POST
def message_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """Queue the PDF of one copy of a letter, as its recipient receives it; the page polls."""
    message = get_object_or_404(
        OutgoingMessage.objects.select_related("letter", "state", "contact"),
        pk=pk,
        kind=OutgoingMessage.Kind.LETTER,
    )
    if not message.pdf_readable_by(request.user):
        raise PermissionDenied
    try:
        job = document_services.request_pdf(message, requested_by=request.user)
    except document_services.RenderLimitReached as refusal:
        return render_refused(request, refusal)
    return job_response(request, job)


@staff_required
@require_POST
def message_retry(request: HttpRequest, pk: int) -> HttpResponse:
    message = get_object_or_404(OutgoingMessage, pk=pk)
    if services.retry_message(message, request.user):
        feedback = _("Message #%(pk)s is queued again.") % {"pk": pk}
    else:
        feedback = _("Message #%(pk)s had not failed; nothing was done.") % {"pk": pk}
    if request.htmx:
        message = get_object_or_404(_messages(), pk=pk)
        return render(
            request,
            "correspondence/outbox.html#row",
            {"message": message, "feedback": feedback},
        )
    messages.success(request, feedback)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = reverse("correspondence:outbox")
    return redirect(back)
