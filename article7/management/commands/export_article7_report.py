import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from article7.data import report_data
from article7.models import Report


class Command(BaseCommand):
    help = (
        "Write a State's Article 7 report (its latest version) to a file, as JSON (which "
        "import_article7_report reads back) or PDF, e.g. --state KHM --year 2025 --format pdf "
        "--out khm-2025.pdf; --year initial for the initial report."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--state", required=True, help="ISO 3166 alpha-3 code, e.g. KHM")
        parser.add_argument("--year", required=True, help="the calendar year covered, or initial")
        parser.add_argument("--format", default="json", choices=["json", "pdf"])
        parser.add_argument("--report-version", type=int, help="default: the latest")
        parser.add_argument("--out", required=True, type=Path, help="the file to write")

    def handle(self, *args, state: str, year: str, format: str, out: Path, **options) -> None:
        if year.lower() == "initial":
            year_covered = None
        elif year.isdigit():
            year_covered = int(year)
        else:
            raise CommandError(f"“{year}” is not a year; give YYYY or initial.")
        reports = Report.objects.select_related("state").filter(state__iso3=state.upper())
        reports = reports.for_year(year_covered).order_by("-version")
        if options.get("report_version"):
            reports = reports.filter(version=options["report_version"])
        report = reports.first()
        if report is None:
            raise CommandError(f"No Article 7 report of {state.upper()} covering {year}.")
        if format == "json":
            content = json.dumps(report_data(report, context=False), ensure_ascii=False, indent=2)
            out.write_text(content + "\n", encoding="utf-8")
        else:
            from documents.pdf import render_source

            out.write_bytes(render_source(report.pdf_source()).content)
        self.stdout.write(f"Wrote {report} to {out}.")
