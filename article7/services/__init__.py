"""Every write to online Article 7 reports, one module per step:

- ``drafting``: start a report (pre-filled from the last one), save a form, confirm a form
  unchanged, change its language, throw a draft away, start a correction;
- ``submission``: submit (which makes it the received report of the reporting app) and the
  receipt;
- ``publication``: what the ISU does with a sent report: acknowledge, return with questions,
  publish;
- ``annexes``: a draft's annexes, added through the content-checked upload path, removed.

Keyword-only and typed: the staff pages, the portal, the API and the import call the same
functions, through the names below (``from article7 import services``).
"""

from .annexes import add_annex, remove_annex
from .drafting import (
    EditConflict,
    SectionData,
    confirm_unchanged,
    delete_draft,
    latest_sent,
    latest_version,
    no_change_since_year,
    save_section,
    set_language,
    start_correction,
    start_report,
)
from .publication import acknowledge, publish, return_with_questions
from .submission import (
    ReportHasErrors,
    WarningsNeedConfirmation,
    queue_receipt,
    record_received,
    report_findings,
    submit,
)

__all__ = [
    "EditConflict",
    "ReportHasErrors",
    "SectionData",
    "WarningsNeedConfirmation",
    "acknowledge",
    "add_annex",
    "confirm_unchanged",
    "delete_draft",
    "latest_sent",
    "latest_version",
    "no_change_since_year",
    "publish",
    "queue_receipt",
    "record_received",
    "remove_annex",
    "report_findings",
    "return_with_questions",
    "save_section",
    "set_language",
    "start_correction",
    "start_report",
    "submit",
]
