from django import template
from django.utils import timezone

from accounts.permissions import can_read_correspondence

from ..models import Letter, LetterRecipient
from ..services import with_reply_flags

register = template.Library()


@register.inclusion_tag("correspondence/includes/state_letters.html", takes_context=True)
def state_letters(context, state) -> dict:
    """The letters sent to a State, on its page: those the viewer may read (ISU staff: all;
    committee members: their committees'; observers: none, and no section)."""
    user = context["request"].user
    if not can_read_correspondence(user):
        return {"show": False}
    visible = Letter.objects.visible_to(user).values("pk")
    received = with_reply_flags(
        LetterRecipient.objects.filter(state=state, letter__in=visible)
        .select_related("letter__committee")
        .order_by("-letter__sent_at")
    )
    today = timezone.localdate()
    rows = [
        (
            recipient,
            None
            if recipient.replied or not recipient.letter.reply_due
            else (today - timezone.localdate(recipient.letter.sent_at)).days,
        )
        for recipient in received
    ]
    return {"show": True, "rows": rows, "state": state}
