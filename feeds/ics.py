"""Events as an iCalendar (RFC 5545) document, with the ``icalendar`` library."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta

from icalendar import Calendar, Event

from .registry import FeedEvent

#: Makes every UID unique beyond this application, as RFC 5545 asks.
UID_DOMAIN = "secretariat.apmbc-isu"
PRODID = "-//APMBC Implementation Support Unit//Secretariat//EN"


def calendar(
    name: str, events: Iterable[FeedEvent], absolute: Callable[[str], str], now: datetime
) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT6H")
    stamp = now.astimezone(UTC)
    for item in events:
        event = Event()
        event.add("uid", f"{item.uid}@{UID_DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("summary", str(item.summary))
        # All-day events: DTEND is the day after the last (exclusive).
        event.add("dtstart", item.start)
        event.add("dtend", item.end + timedelta(days=1))
        event.add("url", absolute(item.url))
        description = "\n".join(
            part for part in (str(item.description), absolute(item.url)) if part
        )
        event.add("description", description)
        if item.location:
            event.add("location", item.location)
        if item.categories:
            event.add("categories", list(item.categories))
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()
