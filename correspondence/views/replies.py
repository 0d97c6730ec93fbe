"""Replies to letters: recording one, its attachment, and the letters awaiting replies."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import staff_required
from common.files import attachment
from common.views import list_page

from .. import services
from ..filters import AwaitingFilter
from ..forms import ReplyForm
from ..models import Letter, Reply
from ..tables import awaiting_table
from .letters import letter_for, require_correspondence
from .texts import text_form_page


def reply_attachment(request: HttpRequest, pk: int, reply_pk: int) -> HttpResponse:
    """A reply's attachment, for whoever reads the letter; as an attachment, never inline."""
    letter = letter_for(request, pk)
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
    return text_form_page(
        request,
        form,
        _("Record a reply to %(reference)s") % {"reference": letter.reference},
        letter.get_absolute_url(),
    )


def awaiting_list(request: HttpRequest) -> HttpResponse:
    require_correspondence(request)
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
