"""The shape every CSV import command shares: read a file, plan, report every problem by row
and column, apply all or nothing."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from common.audit import acting_as, command_actor
from common.imports import CsvImporter


class ImportCommand(BaseCommand):
    importer_class: type[CsvImporter]

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="CSV file (UTF-8, header row)")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Validate and report what would change, without saving anything.",
        )
        parser.add_argument(
            "--user",
            help="The application user the changes are recorded for in the audit trail "
            "(otherwise the command and the system user who ran it).",
        )

    def handle(self, *args, user: str | None = None, **options) -> None:
        account = None
        if user:
            account = get_user_model().objects.filter(username=user, is_active=True).first()
            if account is None:
                raise CommandError(f"No active user is called {user!r}.")
        with acting_as(command_actor(self._command_name(), account)):
            self.run(**options)

    def _command_name(self) -> str:
        return type(self).__module__.rsplit(".", 1)[-1]

    def run(self, *, file: Path, dry_run: bool, **options) -> None:
        try:
            content = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from None
        importer = self.importer_class()
        plan = importer.read(content)
        if not plan.is_valid:
            for issue in plan.issues:
                self.stderr.write(str(issue))
            raise CommandError(f"{file}: {len(plan.issues)} problem(s); nothing was imported.")
        counts = plan.counts if dry_run else importer.apply(plan)
        prefix = "Would import" if dry_run else "Imported"
        self.stdout.write(
            f"{prefix}: {counts['create']} created, {counts['update']} updated, "
            f"{counts['unchanged']} unchanged."
        )
