"""The receipt of a submitted report, e-mailed by the mail worker (never during the request)."""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import loader
from django.utils import translation

from .models import Report

logger = logging.getLogger(__name__)


@shared_task(
    name="article7.send_receipt",
    ignore_result=True,
    autoretry_for=(OSError,),
    retry_backoff=30,
    max_retries=5,
)
def send_receipt(*, report_id: int, address: str) -> bool:
    """E-mail the receipt of a submitted report (number, date, time) in the report's
    language. Returns whether it went (not for a report that was never submitted)."""
    report = Report.objects.select_related("state").filter(pk=report_id).first()
    if report is None or report.submitted_at is None:
        return False
    with translation.override(report.language):
        context = {"report": report, "state_name": report.state.name_in(report.language)}
        subject = loader.render_to_string("article7/email/receipt_subject.txt", context)
        body = loader.render_to_string("article7/email/receipt.txt", context)
    message = EmailMultiAlternatives(
        "".join(subject.splitlines()),
        body,
        settings.DEFAULT_FROM_EMAIL,
        [address],
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.send()
    logger.info("receipt %s sent", report.receipt_number)
    return True
