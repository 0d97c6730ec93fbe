from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from committees.composition import compositions_on


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"“{text}” is not a date; write it as YYYY-MM-DD.") from None


class Command(BaseCommand):
    help = "Print every committee's member line on a date, as documents print it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", default="", help="YYYY-MM-DD (default: today)")

    def handle(self, *args, date: str, **options) -> None:
        on = _date(date) if date else timezone.localdate()
        for composition in compositions_on(on):
            self.stdout.write(
                f"{composition.committee.code}\t{composition.committee.name}\t{composition.line}"
            )
