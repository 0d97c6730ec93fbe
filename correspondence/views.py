from __future__ import annotations

from contextlib import suppress
from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
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
from common.exports import wants_export
from common.files import attachment
from common.services import RecordInUse
from common.views import delete_record, form_page, import_csv, list_page
from documents import services as document_services
from documents.views import job_response, render_refused
from states_parties.models import Contact

from . import render as rendering
from . import services
from .filters import AwaitingFilter, LetterFilter, MessageFilter, UpcomingFilter
from .forms import LetterForm, ReminderRuleForm, ReplyForm
from .imports import ReminderRuleImporter
from .merge import MERGE_FIELDS, MergeError
from .mergetags import FILTERS, TAGS
from .models import (
    Letter,
    MessageStatus,
    MultilingualText,
    OutgoingMessage,
    ReminderRule,
    Reply,
)
from .tables import LETTERS, MESSAGES, UPCOMING, awaiting_table
from .waiting import REMINDER_DAYS


def _require_correspondence(request: HttpRequest) -> None:
    if not can_read_correspondence(request.user):
        raise PermissionDenied


def _texts(text: MultilingualText) -> list[tuple[str, str, str, str]]:
    """``(code, language, subject, body)`` for each language, for the text sections."""
    return [(code, str(label), *text.text_in(code)) for code, label in Contact.Language.choices]


def _form_page(request, form, title, cancel_url, intro: str = "") -> HttpResponse:
    """A form with the merge fields, tags and filters its texts may use."""
    return form_page(
        request,
        form,
        title,
        cancel_url,
        template="correspondence/form_page.html",
        intro=intro,
        merge_fields=MERGE_FIELDS,
        merge_tags=[tag for tag in TAGS if not tag.startswith("end")],
        merge_filters=FILTERS,
        multipart=form.is_multipart(),
    )


# --- letters ---------------------------------------------------------------------------------


def letter_list(request: HttpRequest) -> HttpResponse:
    _require_correspondence(request)
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


def _letter_for(request: HttpRequest, pk: int) -> Letter:
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
    letter = _letter_for(request, pk)
    previews = services.preview_recipients(letter) if letter.status != Letter.Status.SENT else []
    context = {
        "letter": letter,
        "texts": _texts(letter),
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
    return _form_page(
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
    letter = _letter_for(request, pk)
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
    letter = _letter_for(request, pk)
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


# --- replies ---------------------------------------------------------------------------------


def reply_attachment(request: HttpRequest, pk: int, reply_pk: int) -> HttpResponse:
    """A reply's attachment, for whoever reads the letter; as an attachment, never inline."""
    letter = _letter_for(request, pk)
    reply = get_object_or_404(
        Reply.objects.select_related("recipient__state"), pk=reply_pk, recipient__letter=letter
    )
    return attachment(reply.attachment)


@staff_required
def reply_create(request: HttpRequest, pk: int) -> HttpResponse:
    letter = get_object_or_404(Letter, pk=pk, status=Letter.Status.SENT)
    initial = {}
    if request.GET.get("state"):
        initial["state"] = (
            letter.recipients.filter(state__iso3=request.GET["state"].upper())
            .values_list("state", flat=True)
            .first()
        )
    form = ReplyForm(request.POST or None, request.FILES or None, letter=letter, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.record_reply(form.instance, request.user)
        messages.success(
            request,
            _("The reply of %(state)s was recorded.") % {"state": form.cleaned_data["state"]},
        )
        return redirect(letter)
    return _form_page(
        request,
        form,
        _("Record a reply to %(reference)s") % {"reference": letter.reference},
        letter.get_absolute_url(),
    )


def awaiting_list(request: HttpRequest) -> HttpResponse:
    _require_correspondence(request)
    visible = Letter.objects.visible_to(request.user).values("pk")
    recipients = AwaitingFilter(
        request.GET or None, queryset=services.awaiting_reply().filter(letter__in=visible)
    )
    today = timezone.localdate()

    def rows(page) -> dict:
        return {
            "rows": [
                (
                    recipient,
                    (today - timezone.localdate(recipient.letter.sent_at)).days,
                    recipient.letter.reply_due < today,
                )
                for recipient in page.object_list
            ]
        }

    return list_page(
        request,
        "correspondence/awaiting_list.html",
        recipients,
        target="awaiting-results",
        table=awaiting_table(today),
        context={"today": today},
        rows=rows,
    )


# --- reminder rules --------------------------------------------------------------------------


@staff_required
def rule_list(request: HttpRequest) -> HttpResponse:
    rules = ReminderRule.objects.select_related("audience", "committee", "letter").annotate(
        planned=Count("messages", filter=Q(messages__status=MessageStatus.PLANNED)),
        sent=Count("messages", filter=Q(messages__status=MessageStatus.SENT)),
        failed=Count("messages", filter=Q(messages__status=MessageStatus.FAILED)),
    )
    return render(request, "correspondence/rule_list.html", {"rules": list(rules)})


@staff_required
def rule_detail(request: HttpRequest, pk: int) -> HttpResponse:
    rule = get_object_or_404(
        ReminderRule.objects.select_related("audience", "committee", "letter"), pk=pk
    )
    counts = dict(
        rule.messages.order_by()
        .values_list("status")
        .annotate(count=Count("pk"))
        .values_list("status", "count")
    )
    context = {
        "rule": rule,
        "counts": [
            (status, label, counts.get(status, 0)) for status, label in MessageStatus.choices
        ],
        "next_sends": rule.messages.upcoming()
        .select_related("state", "contact")
        .order_by("send_at", "state__name")[:10],
        "texts": _texts(rule),
    }
    return render(request, "correspondence/rule_detail.html", context)


@staff_required
def rule_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    rule = get_object_or_404(ReminderRule, pk=pk) if pk else None
    form = ReminderRuleForm(request.POST or None, instance=rule)
    if request.method == "POST" and form.is_valid():
        saved = services.save_rule(form.instance)
        messages.success(
            request,
            _("The rule was saved; its sends are being planned (see “Upcoming sends”)."),
        )
        return redirect(saved)
    return _form_page(
        request,
        form,
        _("Reminder rule") if rule else _("New reminder rule"),
        rule.get_absolute_url() if rule else reverse("correspondence:rules"),
        intro=_(
            "A reminder goes out at each offset from the anchor date, to the contacts of every "
            "State the anchor applies to in the audience, in each contact's language. Nothing "
            "whose time fell before “effective from” (or before the rule was created) is ever "
            "sent; sends stop when the obligation is met."
        ),
    )


@staff_required
def rule_import(request: HttpRequest) -> HttpResponse:
    return import_csv(
        request,
        ReminderRuleImporter(),
        title=_("Import reminder rules"),
        columns_help=_(
            "One row per rule, matched on its name. The anchor is given by its code or its "
            "name as the form shows it; the days before and after the anchor date are whole "
            "numbers separated by semicolons (60;30;7 and 1;30); the audience is given by its "
            "name, the sending committee by its code, the letter by its reference "
            "(CCC/2026/12); the kinds of contact are separated by semicolons. The texts follow "
            "the same rules as in the form."
        ),
        done_url=reverse("correspondence:rules"),
    )


@staff_required
@require_POST
def rule_switch(request: HttpRequest, pk: int) -> HttpResponse:
    rule = get_object_or_404(ReminderRule, pk=pk)
    active = request.POST.get("active") == "1"
    services.switch_rule(rule, active)
    messages.success(
        request,
        _("The rule is on; its sends are planned.")
        if active
        else _("The rule is off; its planned sends are skipped."),
    )
    return redirect(rule)


@staff_required
@require_POST
def rule_delete(request: HttpRequest, pk: int) -> HttpResponse:
    rule = get_object_or_404(ReminderRule, pk=pk)
    return delete_record(
        request,
        rule,
        services.delete_rule,
        done="correspondence:rules",
        hint=_("Switch it off instead."),
    )


# --- upcoming sends and the outbox -----------------------------------------------------------


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
