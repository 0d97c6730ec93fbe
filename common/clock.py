"""One clock: every date-time shown is in the ISU's time zone (``TIME_ZONE``, Geneva's by
default), and says which, since readers in capitals far from Geneva would otherwise take it for
their own."""

from datetime import datetime

from django.utils import timezone
from django.utils.formats import date_format, get_format

NO_BREAK_SPACE = "\u00a0"


def local_datetime(value: datetime | None, format: str = "SHORT_DATETIME_FORMAT") -> str:
    """``value`` in the ISU's time zone, in the language's format (a format setting's name or
    a format string, or "seconds": the short form with the seconds, for the audit trail),
    followed by the zone's abbreviation: "15 Jan 2026, 14:05 CET", "15 Jul 2026, 14:05 CEST".
    A naive value is taken to be in that zone already."""
    if value is None or value == "":
        return ""
    if format == "seconds":
        format = get_format("SHORT_DATETIME_FORMAT") + ":s"
    zone = timezone.get_default_timezone()
    local = timezone.localtime(value, zone) if timezone.is_aware(value) else value
    if timezone.is_naive(local):
        local = timezone.make_aware(local, zone)
    return f"{date_format(local, format)}{NO_BREAK_SPACE}{local.tzname()}"
