"""The pages of letters: the list, a letter, its draft, approval, PDF and sending."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import (
    can_approve_letter,
    can_edit_records,
    can_read_correspondence,
    can_read_letter,
    staff_required,
)
from common.collation import sorted_by_text
from common.services import RecordInUse
from common.views import delete_record, list_page
from documents import services as document_services
from documents.views.jobs import job_response

from .. import render as rendering
from .. import services
from ..filters import LetterFilter
from ..forms import LetterForm
from ..merge import MergeError
from ..models import Letter, OutgoingMessage, Reply
from ..tables import LETTERS
from .texts import text_form_page, text_sections


def require_correspondence(request: HttpRequest) -> None:
    if not can_read_correspondence(request.user):
        raise PermissionDenied


def letter_list(request: HttpRequest) -> HttpResponse:
    require_correspondence(request)
    letters = LetterFilter(
        request.GET or None,
        queryset=Letter.objects.visible_to(request.user)
        .select_related("committee", "audience")
        .annotate(recipient_count=Count("recipients"))
        .order_by("-created_at", "-pk"),
    )
    return list_page(
        request,
        "correspondence/letter_list.html",
        letters,
        target="letter-results",
        table=LETTERS,
        context={"can_edit": can_edit_records(request.user)},
    )


def letter_for(request: HttpRequest, pk: int) -> Letter:
    letter = get_object_or_404(
        Letter.objects.select_related(
            "committee", "audience", "follow_up_of", "created_by", "approved_by", "sent_by"
        ),
        pk=pk,
    )
    if not can_read_letter(request.user, letter.committee_id):
        raise PermissionDenied
    return letter


def letter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    letter = letter_for(request, pk)
    previews = services.preview_recipients(letter) if letter.status != Letter.Status.SENT else []
    context = {
        "letter": letter,
        "texts": text_sections(letter),
        "previews": previews,
        "unreachable": sum(1 for preview in previews if not preview.reachable),
        "email_count": sum(len(preview.contacts) for preview in previews),
        "can_edit": can_edit_records(request.user),
        "can_approve": can_approve_letter(request.user, letter.committee_id),
    }
    if letter.status == Letter.Status.SENT:
        deliveries: dict[int, list[OutgoingMessage]] = {}
        for message in letter.messages.select_related("contact").order_by("contact__name"):
            deliveries.setdefault(message.state_id, []).append(message)
        replies = {
            reply.recipient_id: reply
            for reply in Reply.objects.filter(recipient__letter=letter).order_by("received_on")
        }
        recipients = letter.recipients.select_related("state")
        context["recipients"] = [
            (recipient, deliveries.get(recipient.state_id, []), replies.get(recipient.pk))
            for recipient in sorted_by_text(recipients, lambda r: r.state.display_name)
        ]
    preview_id = request.GET.get("preview")
    if preview_id:
        context["email_preview"] = _email_preview(letter, previews, preview_id)
        if request.htmx:
            return render(request, "correspondence/letter_detail.html#preview", context)
    return render(request, "correspondence/letter_detail.html", context)


def _email_preview(letter: Letter, previews, contact_id: str) -> dict | None:
    """One recipient's copy, shown in the row that was clicked."""
    for preview in previews:
        for contact, _language, fallback in preview.contacts:
            if str(contact.pk) == contact_id:
                try:
                    copy = rendering.LetterRenderer(letter).copy(preview.state, contact)
                except MergeError as problem:
                    return {"contact": contact, "problem": str(problem)}
                return {"contact": contact, "message": copy, "fallback": fallback}
    return None


@staff_required
def letter_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    letter = get_object_or_404(Letter, pk=pk) if pk else None
    if letter and not letter.is_editable:
        messages.error(request, _("A letter that was sent cannot be changed."))
        return redirect(letter)
    form = LetterForm(request.POST or None, instance=letter)
    if request.method == "POST" and form.is_valid():
        saved = services.save_letter(form.instance, form.cleaned_data.get("states"), request.user)
        messages.success(request, _("The letter was saved as a draft."))
        return redirect(saved)
    title = _("Edit letter %(reference)s") % {"reference": letter.reference} if letter else None
    return text_form_page(
        request,
        form,
        title or _("New letter"),
        letter.get_absolute_url() if letter else reverse("correspondence:letters"),
        intro=_(
            "Write the text in each language you have; each contact receives it in their "
            "preferred language, or in English (then French, then Spanish) if it is missing."
        ),
    )


def _letter_action(request: HttpRequest, pk: int, action, success: str) -> HttpResponse:
    letter = get_object_or_404(Letter, pk=pk)
    try:
        result = action(letter)
    except (ValidationError, RecordInUse) as refusal:
        messages.error(request, " ".join(getattr(refusal, "messages", [str(refusal)])))
        return redirect(letter)
    messages.success(request, success)
    return redirect(result if isinstance(result, Letter) else letter)


def letter_approve(request: HttpRequest, pk: int) -> HttpResponse:
    """The approval page: how many States, three copies in their languages, the check that
    every merge field has a value for every recipient; approving fixes the letter's date."""
    letter = letter_for(request, pk)
    if not can_approve_letter(request.user, letter.committee_id):
        raise PermissionDenied
    if request.method == "POST":
        return _letter_action(
            request,
            pk,
            lambda letter: services.approve_letter(letter, request.user),
            _("The letter was approved; ISU staff can now send it."),
        )
    previews = services.preview_recipients(letter)
    second_person = services.needs_second_person(letter, len(previews))
    context = {
        "letter": letter,
        "recipient_count": len(previews),
        "email_count": sum(len(preview.contacts) for preview in previews),
        "samples": [
            (sample, rendering.letter_pdf_context(sample))
            for sample in services.sample_copies(letter, previews=previews)
        ],
        "problems": services.letter_problems(letter, previews),
        "unsigned": services.unsigned_warning(letter),
        "second_person": second_person,
        "own_letter": second_person and request.user.pk in letter.authors,
        "second_person_reason": services.second_person_reason(letter, len(previews)),
    }
    return render(request, "correspondence/letter_approve.html", context)


@require_POST
def letter_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """Queue the PDF of a draft (its first recipient's copy, marked "DRAFT · v2")."""
    letter = letter_for(request, pk)
    if letter.status == Letter.Status.SENT or not services.sample_copies(letter, count=1):
        messages.error(request, _("There is no draft addressed to anyone to render."))
        return redirect(letter)
    job = document_services.request_pdf(letter, requested_by=request.user)
    return job_response(request, job)


@staff_required
@require_POST
def letter_send(request: HttpRequest, pk: int) -> HttpResponse:
    letter = get_object_or_404(Letter, pk=pk)
    try:
        count = services.send_letter(letter, request.user)
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
        return redirect(letter)
    messages.success(
        request,
        _("The letter was sent: %(count)s e-mails are in the outbox.") % {"count": count},
    )
    return redirect(letter)


@staff_required
@require_POST
def letter_duplicate(request: HttpRequest, pk: int) -> HttpResponse:
    return _letter_action(
        request,
        pk,
        lambda letter: services.duplicate_letter(letter, request.user),
        _("A copy was made as a new draft."),
    )


@staff_required
@require_POST
def letter_follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    return _letter_action(
        request,
        pk,
        lambda letter: services.start_follow_up(letter, request.user),
        _("A follow-up was drafted; it will go only to those who have not replied."),
    )


@staff_required
@require_POST
def letter_delete(request: HttpRequest, pk: int) -> HttpResponse:
    letter = get_object_or_404(Letter, pk=pk)
    return delete_record(request, letter, services.delete_letter, done="correspondence:letters")
