from celery import shared_task

from .services import sync_expected_reports


@shared_task(name="reporting.sync_expected_reports", ignore_result=True)
def sync_all_expected_reports() -> dict[str, int]:
    """Nightly: on 1 January every State starts to owe the report for the new year, and every
    day some reports fall overdue (the sync rebuilds the summaries lists read)."""
    return sync_expected_reports()
