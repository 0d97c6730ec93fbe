from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from committees.models import Committee
from common.visibility import Visibility
from documents.assembly import pdf_source_for_snapshot, snapshot, untranslated
from documents.models import Document
from documents.pdf import render_source
from documents.services import validate_document


class Command(BaseCommand):
    # The system checks load every URL pattern, and through them every view and the API's
    # schema generator (about a second): a command that writes one file does without them.
    requires_system_checks: list[str] = []
    help = (
        "Write a committee's document as of a date to a PDF file, straight from the record "
        "(nothing is saved), marked as a draft on every page, e.g. --committee CCC --kind "
        "activities-priorities --period 2025-2026 --date 2025-11-20 --out ccc.pdf. In French "
        "or Spanish, paragraphs not translated yet are printed in the original, flagged, and "
        "listed on stderr."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--committee", required=True, help="short code (CCC) or full name")
        parser.add_argument(
            "--kind", required=True, choices=Document.Kind.values, help="the kind of document"
        )
        parser.add_argument("--period", required=True, help="e.g. 2025-2026")
        parser.add_argument("--date", required=True, help="the document's date, YYYY-MM-DD")
        parser.add_argument("--out", required=True, type=Path, help="the PDF file to write")
        parser.add_argument(
            "--language", default="en", choices=[code for code, _name in settings.LANGUAGES]
        )
        parser.add_argument("--symbol", default="", help="default: APLC/<code>/<year>/<kind>")
        parser.add_argument(
            "--visibility",
            default=Visibility.PUBLIC,
            choices=Visibility.values,
            help="include activities up to this level (default: public)",
        )

    def handle(self, *args, **options) -> None:
        committee = self._committee(options["committee"])
        try:
            on = date.fromisoformat(options["date"])
        except ValueError:
            raise CommandError(
                f"“{options['date']}” is not a date; write it as YYYY-MM-DD."
            ) from None
        document = Document(
            committee=committee,
            kind=options["kind"],
            period=options["period"],
            date=on,
            language=options["language"],
            symbol=options["symbol"]
            or f"APLC/{committee.code}/{on.year}/{options['kind'].upper()}",
            visibility=options["visibility"],
        )
        try:
            validate_document(document)
        except ValidationError as error:
            problems = "; ".join(
                f"{field}: {' '.join(messages)}" if field != "__all__" else " ".join(messages)
                for field, messages in error.message_dict.items()
            )
            raise CommandError(problems) from None
        data = snapshot(document)
        missing = untranslated(data)
        # Straight from the record, never a published version: watermarked on every page as a
        # draft (published PDFs are the frozen versions on the document's page).
        rendered = render_source(pdf_source_for_snapshot(data, draft=True))
        try:
            options["out"].write_bytes(rendered.content)
        except OSError as error:
            raise CommandError(f"Cannot write {options['out']}: {error.strerror}") from None
        paragraphs = sum(len(section["paragraphs"]) for section in data["sections"])
        self.stdout.write(
            f"Wrote {options['out']}: {rendered.page_count} page(s), {paragraphs} paragraph(s), "
            f"{len(rendered.content):,} bytes."
        )
        if missing:
            language = dict(settings.LANGUAGES)[document.language]
            self.stderr.write(
                f"Marked as a draft: {len(missing)} paragraph(s) not translated into {language}:"
            )
            for paragraph in missing:
                self.stderr.write(f"  {paragraph['number']}. {paragraph['text'][:100]}")

    @staticmethod
    def _committee(text: str) -> Committee:
        for committee in Committee.objects.all():
            if text.strip().upper() == committee.code or text.strip().casefold() == (
                committee.name.casefold()
            ):
                return committee
        codes = ", ".join(Committee.objects.values_list("code", flat=True))
        raise CommandError(f"No committee “{text}”; the committees are {codes}.")
