from celery import shared_task
from django.utils import timezone

from .models import Heartbeat


@shared_task(name="common.heartbeat", ignore_result=True)
def heartbeat() -> None:
    """Scheduled by beat and run by a worker: both are alive when ``last_seen`` is recent."""
    Heartbeat.objects.update_or_create(name="worker", defaults={"last_seen": timezone.now()})
