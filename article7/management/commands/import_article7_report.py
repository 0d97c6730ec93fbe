import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from article7.exchange import ReportInvalid, import_report
from common.audit import acting_as, command_actor


class Command(BaseCommand):
    help = (
        "Record an Article 7 report from a JSON file (the format export_article7_report "
        "writes): the ISU's historical reports, or a report moved from another installation. "
        "A submitted report is recorded as received on the day it was submitted."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="JSON file")
        parser.add_argument(
            "--user",
            help="The application user the changes are recorded for in the audit trail "
            "(otherwise the command and the system user who ran it).",
        )

    def handle(self, *args, file: Path, user: str | None = None, **options) -> None:
        account = None
        if user:
            account = get_user_model().objects.filter(username=user, is_active=True).first()
            if account is None:
                raise CommandError(f"No active user is called {user!r}.")
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CommandError(f"{file} is not JSON: {error}") from None
        with acting_as(command_actor("import_article7_report", account)):
            try:
                report, found = import_report(data, by=account)
            except ReportInvalid as invalid:
                for path, message in invalid.problems:
                    self.stderr.write(f"{path}: {message}" if path else message)
                raise CommandError(
                    f"{file}: {len(invalid.problems)} problem(s); nothing was imported."
                ) from None
            except ValidationError as refused:
                raise CommandError(" ".join(refused.messages)) from None
        for finding in found:
            where = f"Form {finding.section}" if finding.section else "Report"
            self.stderr.write(f"{where} ({finding.level}): {finding.message}")
        self.stdout.write(f"Imported {report} ({report.get_status_display()}).")
