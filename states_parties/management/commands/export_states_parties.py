from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from common.exports import csv_lines
from states_parties.tables import STATES, export_queryset


class Command(BaseCommand):
    help = (
        "Export every State as CSV: the import columns plus the computed dates and status. "
        "Importing the file again changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", "-o", type=Path, help="File to write (default: stdout)")

    def handle(self, *args, output: Path | None, **options) -> None:
        lines = csv_lines(STATES.header, STATES.rows(export_queryset().iterator()))
        if output is None:
            for line in lines:
                self.stdout.write(line, ending="")
            return
        with output.open("w", encoding="utf-8", newline="") as file:
            file.writelines(lines)
        self.stderr.write(f"Wrote {output}")
