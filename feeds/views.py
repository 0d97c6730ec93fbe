from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from committees.models import Meeting
from common.rendering import resolve_choices

from . import ics, registry, services
from .forms import FeedForm
from .models import FeedSubscription

#: Deadlines are listed from a year back to three years ahead; meetings are all listed.
DEADLINES_BEFORE = timedelta(days=366)
DEADLINES_AFTER = timedelta(days=3 * 366)


def feed_list(request: HttpRequest) -> HttpResponse:
    form = resolve_choices(FeedForm(request.POST or None))
    if request.method == "POST" and form.is_valid():
        services.create_feed(
            request.user,
            committee=form.cleaned_data["committee"],
            include_deadlines=form.cleaned_data["include_deadlines"],
        )
        messages.success(request, _("The calendar feed was created; copy its address below."))
        return redirect("feeds:list")
    feeds = FeedSubscription.objects.filter(user=request.user, revoked_at__isnull=True)
    context = {
        "form": form,
        "feeds": [
            (feed, request.build_absolute_uri(feed.get_absolute_url()))
            for feed in feeds.select_related("committee")
        ],
    }
    return render(request, "feeds/feed_list.html", context, status=400 if form.errors else 200)


@require_POST
def feed_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    feed = get_object_or_404(FeedSubscription, pk=pk, user=request.user, revoked_at__isnull=True)
    services.revoke_feed(feed)
    messages.success(request, _("The calendar feed was revoked; its address no longer works."))
    return redirect("feeds:list")


@login_not_required
@require_GET
def feed_ics(request: HttpRequest, token: str) -> HttpResponse:
    """The feed itself: calendar programs fetch it without logging in; the secret address is
    the credential, and the user's permissions apply."""
    feed = (
        FeedSubscription.objects.active().select_related("user", "committee").filter(token=token)
    ).first()
    if feed is None:
        raise Http404
    user = feed.user
    language = getattr(user, "language", "") or translation.get_language()
    today = timezone.localdate()
    with translation.override(language):
        name = (
            _("APMBC: %(committee)s") % {"committee": feed.committee.code}
            if feed.committee
            else _("APMBC meetings and deadlines")
        )
        events = registry.events_for(
            registry.FeedRequest(
                user=user,
                committee=feed.committee,
                include_deadlines=feed.include_deadlines,
                start=today - DEADLINES_BEFORE,
                end=today + DEADLINES_AFTER,
            )
        )
        body = ics.calendar(name, events, request.build_absolute_uri, timezone.now())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="secretariat.ics"'
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response


@login_not_required
@require_GET
def public_calendar(request: HttpRequest) -> HttpResponse:
    """The public meetings (formal, intersessional and special: never a committee's own) for
    anyone, in the language of the address (``/fr/meetings.ics``), each linking to the public
    website's calendar."""
    meetings = Meeting.objects.filter(committee__isnull=True).order_by("start_date", "pk")
    page = reverse("site:meetings")
    events = [
        registry.FeedEvent(
            uid=f"meeting-{meeting.pk}",
            summary=meeting.display_title,
            start=meeting.start_date,
            end=meeting.end_date,
            url=f"{page}#meeting-{meeting.pk}",
            description=meeting.get_kind_display(),
            location=meeting.venue,
            categories=("meeting",),
        )
        for meeting in meetings
    ]
    body = ics.calendar(_("APMBC meetings"), events, request.build_absolute_uri, timezone.now())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="apmbc-meetings.ics"'
    patch_cache_control(response, public=True, max_age=settings.PUBLIC_SITE_MAX_AGE)
    return response
