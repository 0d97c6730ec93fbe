"""What a recipient reads: merge values for a State and contact, and the rendered message.

A letter's copies are rendered when the letter is sent (what was approved is what goes);
a reminder is rendered by the worker that sends it, so that it states the record as it is
then (years missing, deadlines).

PDF letters: ``attachments`` is the one place a per-recipient PDF on letterhead joins the
e-mail: the worker that sends a letter's copy renders ``correspondence/letter_pdf.html`` with
the shared pipeline (``documents.pdf``). Staff and the sending committee can also ask for the
same PDF from the letter's page (a rendering job, ``OutgoingMessage.pdf_source``).
"""

from __future__ import annotations

from datetime import date
from functools import cache

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from reporting.models import ExpectedReport, ReportKind
from states_parties.models import Contact, StateParty

from . import merge
from .models import Anchor, Letter, MultilingualText, OutgoingMessage


def years_missing(state: StateParty, language: str, today: date | None = None) -> str:
    """The Article 7 reports due and not received, oldest first: "initial report, 2023"."""
    today = today or timezone.localdate()
    with translation.override(language):
        return ", ".join(
            _("initial report") if kind == ReportKind.INITIAL else str(year)
            for kind, year in ExpectedReport.objects.overdue(today)
            .filter(state=state)
            .order_by("due_date")
            .values_list("kind", "year")
        )


def merge_values(
    *,
    state: StateParty,
    contact: Contact,
    language: str,
    letter: Letter | None = None,
    committee=None,  # a Committee, or a function giving one (fetched only if used)
    anchor_date: date | None = None,
    period: str = "",
    anchor: str = "",
) -> dict[str, object]:
    values: dict[str, object] = {
        "state": state.name,
        "contact_name": contact.name,
        "deadline": merge.format_date(anchor_date, language),
        "report_year": period.rsplit("-", 1)[-1] if anchor == Anchor.ARTICLE7_ANNUAL else "",
        # A query: run only if the text uses it (templates call callables), at most once.
        "years_missing": cache(lambda: years_missing(state, language)),
        "initial_report_due": merge.format_date(state.initial_report_due, language),
        "article5_deadline": merge.format_date(
            state.clearance_deadline if state.has_mined_areas else None, language
        ),
        "reply_due": merge.format_date(letter.reply_due if letter else None, language),
        "letter_reference": cache(lambda: letter.reference if letter else ""),
        # Lazy: the committee is fetched only if the text names it.
        "committee": cache(lambda: _committee_name(committee, letter, language)),
    }
    values["letter_subject"] = cache(
        lambda: merge.render_subject(letter.choose(language).subject, values) if letter else ""
    )
    return values


def _committee_name(committee, letter: Letter | None, language: str) -> str:
    """The committee's name in the message's language."""
    committee = committee() if callable(committee) else committee
    committee = committee or (letter.committee if letter else None)
    if committee is None:
        return ""
    with translation.override(language):
        return committee.display_name


def render_text(text: MultilingualText, contact: Contact, values_for) -> tuple[str, str, str]:
    """``(language, subject, body)`` of ``text`` for ``contact``; ``values_for(language)``
    gives the merge values in the language chosen."""
    chosen = text.choose(contact.preferred_language)
    values = values_for(chosen.language)
    return (
        chosen.language,
        merge.render_subject(chosen.subject, values),
        merge.render(chosen.body, values),
    )


def fill_letter_copy(message: OutgoingMessage, letter: Letter) -> None:
    message.to_address = message.contact.email
    message.language, message.subject, message.body = render_text(
        letter,
        message.contact,
        lambda language: merge_values(
            state=message.state, contact=message.contact, language=language, letter=letter
        ),
    )


def fill_reminder(message: OutgoingMessage) -> None:
    rule = message.rule
    message.to_address = message.contact.email
    message.language, message.subject, message.body = render_text(
        rule,
        message.contact,
        lambda language: merge_values(
            state=message.state,
            contact=message.contact,
            language=language,
            letter=rule.letter,
            committee=lambda: rule.committee,
            anchor_date=message.anchor_date,
            period=message.period,
            anchor=rule.anchor,
        ),
    )


def letter_pdf_context(message: OutgoingMessage) -> dict:
    return {"message": message, "letter": message.letter, "today": timezone.localdate()}


def letter_html(message: OutgoingMessage) -> str:
    """The letter on letterhead as HTML (what the PDF shows)."""
    with translation.override(message.language or "en"):
        return render_to_string("correspondence/letter_pdf.html", letter_pdf_context(message))


def attachments(message: OutgoingMessage) -> list[tuple[str, bytes, str]]:
    """Files attached to the e-mail: a letter's PDF on letterhead, rendered by the worker that
    sends it, once the ``documents`` app provides the PDF pipeline (issue 5)."""
    if not message.has_pdf:
        return []
    from documents.pdf import render_pdf

    source = message.pdf_source()
    pdf = render_pdf(source.template_name, source.context, language=source.language)
    return [(source.filename, pdf, "application/pdf")]
