"""What calendar feeds contain: every app registers a source of events.

A source is a function ``(FeedRequest) -> Iterable[FeedEvent]`` registered under a name,
usually from the app's ``AppConfig.ready()``::

    from feeds.registry import FeedEvent, register

    def reply_deadlines(feed):
        for letter in Letter.objects.visible_to(feed.user).filter(reply_due__range=...):
            yield FeedEvent(uid=f"letter-reply-{letter.pk}", ...)

    register("letters", reply_deadlines)

Sources decide what the feed's user may see (``feed.user``), keep to the feed's committee when
it has one, and run a fixed number of queries.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from django.utils.functional import Promise


@dataclass(frozen=True)
class FeedRequest:
    user: object
    #: ``None`` for the overall feed.
    committee: object | None
    include_deadlines: bool
    #: Deadlines are listed from ``start`` to ``end``; meetings are all listed.
    start: date
    end: date


@dataclass(frozen=True)
class FeedEvent:
    #: Stable across fetches and edits, unique within the application (a suffix is added).
    uid: str
    summary: str | Promise
    start: date
    #: The last day (inclusive); the same as ``start`` for a deadline.
    end: date
    #: The page the event comes from, as a path (made absolute by the feed).
    url: str
    description: str | Promise = ""
    location: str = ""
    categories: tuple[str, ...] = field(default_factory=tuple)


Source = Callable[[FeedRequest], Iterable[FeedEvent]]

_sources: dict[str, Source] = {}


def register(name: str, source: Source) -> None:
    _sources[name] = source


def sources() -> dict[str, Source]:
    return dict(_sources)


def events_for(feed: FeedRequest) -> list[FeedEvent]:
    events = [event for source in _sources.values() for event in source(feed)]
    return sorted(events, key=lambda event: (event.start, event.uid))
