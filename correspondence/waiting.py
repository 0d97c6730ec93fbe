"""What correspondence has waiting: for ISU staff, failed e-mails, overdue replies, drafts and
the reminders about to go; for a Chair, the letters awaiting their approval."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.permissions import CHAIR, committee_roles, is_isu_staff
from common.waiting import WaitingGroup, WaitingItem, contributes, first_with_total

from .models import Letter, LetterRecipient, MessageStatus, OutgoingMessage

#: The reminders the home page announces: those planned for the next week.
REMINDER_DAYS = 7


def _url(name: str, **query: Any) -> str:
    return reverse(name) + ("?" + urlencode(query) if query else "")


def _letter_item(letter: Letter) -> WaitingItem:
    return WaitingItem(
        label=f"{letter.reference} {letter.title}",
        url=letter.get_absolute_url(),
        when=letter.created_at.date() if letter.created_at else None,
    )


def _failed_emails() -> WaitingGroup:
    failed, count = first_with_total(
        OutgoingMessage.objects.filter(status=MessageStatus.FAILED)
        .select_related("state")
        .order_by("-next_attempt_at", "-pk")
    )
    return WaitingGroup(
        key="failed-emails",
        title=_("E-mails that failed"),
        count=count,
        url=_url("correspondence:outbox", status=MessageStatus.FAILED),
        items=[
            WaitingItem(
                label=f"{message.state.display_name}: {message.subject or message.note}",
                url=_url("correspondence:outbox", status=MessageStatus.FAILED),
                when=message.next_attempt_at,
            )
            for message in failed
        ],
        section="correspondence",
        alert=True,
    )


def _replies_overdue(today: date) -> WaitingGroup:
    overdue, count = first_with_total(
        LetterRecipient.objects.awaiting_reply()
        .filter(letter__reply_due__lt=today)
        .select_related("state", "letter__committee")
        .order_by("letter__reply_due", "state__name", "pk")
    )
    return WaitingGroup(
        key="replies-overdue",
        title=_("Replies overdue"),
        count=count,
        url=_url("correspondence:awaiting", overdue="on"),
        items=[
            WaitingItem(
                label=f"{recipient.state.display_name}: {recipient.letter.reference}",
                url=recipient.letter.get_absolute_url(),
                when=recipient.letter.reply_due,
            )
            for recipient in overdue
        ],
        section="correspondence",
    )


def _letter_drafts() -> WaitingGroup:
    drafts, count = first_with_total(
        Letter.objects.filter(status=Letter.Status.DRAFT)
        .select_related("committee")
        .order_by("created_at", "pk")
    )
    return WaitingGroup(
        key="letter-drafts",
        title=_("Letter drafts, oldest first"),
        count=count,
        url=_url("correspondence:letters", status=Letter.Status.DRAFT),
        items=[_letter_item(letter) for letter in drafts],
        section="correspondence",
    )


def _reminders_next_week(today: date) -> WaitingGroup:
    until = today + timedelta(days=REMINDER_DAYS)
    reminders, count = first_with_total(
        OutgoingMessage.objects.upcoming()
        .filter(send_at__date__lte=until)
        .select_related("state", "rule", "letter__committee")
        .order_by("next_attempt_at", "state__name", "pk")
    )
    return WaitingGroup(
        key="reminders-next-week",
        title=_("Reminders going out in the next 7 days"),
        count=count,
        url=_url("correspondence:upcoming", until=until.isoformat()),
        items=[
            WaitingItem(
                label=f"{message.state.display_name}: "
                f"{message.rule.name if message.rule else message.letter.reference}",
                url=_url("correspondence:upcoming", until=until.isoformat()),
                when=message.next_attempt_at,
            )
            for message in reminders
        ],
        section="correspondence",
    )


@contributes(10)
def staff_correspondence(user: Any, today: date) -> list[WaitingGroup]:
    """ISU staff's groups, in the order the home page shows them: what failed first."""
    if not is_isu_staff(user):
        return []
    return [
        _failed_emails(),
        _replies_overdue(today),
        _letter_drafts(),
        _reminders_next_week(today),
    ]


@contributes(20)
def chair_letters(user: Any, today: date) -> list[WaitingGroup]:
    if is_isu_staff(user):
        return []
    chaired = sorted(pk for pk, role in committee_roles(user).items() if role == CHAIR)
    if not chaired:
        return []
    drafts, count = first_with_total(
        Letter.objects.filter(status=Letter.Status.DRAFT, committee__in=chaired)
        .select_related("committee")
        .order_by("created_at", "pk")
    )
    query = {"status": Letter.Status.DRAFT}
    if len(chaired) == 1:
        query["committee"] = chaired[0]
    return [
        WaitingGroup(
            key="letters-to-approve",
            title=_("Letters awaiting your approval"),
            count=count,
            url=_url("correspondence:letters", **query),
            items=[_letter_item(letter) for letter in drafts],
            section="correspondence",
        )
    ]
