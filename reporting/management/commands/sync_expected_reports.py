from django.core.management.base import BaseCommand

from reporting.services import sync_expected_reports


class Command(BaseCommand):
    help = "Recompute the Article 7 reports every State owes from its dates (idempotent)."

    def handle(self, *args, **options) -> None:
        counts = sync_expected_reports()
        self.stdout.write(
            f"Expected reports: {counts['created']} added, {counts['updated']} updated, "
            f"{counts['removed']} removed."
        )
