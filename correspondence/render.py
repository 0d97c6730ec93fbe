"""What a recipient reads: merge values for a State and contact, and the rendered message.

Everything is written in the language of the message: the State's name (``name_in``), the
salutation and address block of the contact, dates, the committee's name and the signature.

A letter's copies are rendered when the letter is sent (what was approved is what goes), dated
the day it was approved (``Letter.letter_date``); its PDF, on the day it is sent or any later
day, carries that date too. A reminder is rendered by the worker that sends it, so that it
states the record as it is then (years missing, deadlines).

PDF letters: ``attachments`` is the one place a per-recipient PDF on letterhead joins the
e-mail: the worker that sends a letter's copy renders ``correspondence/letter_pdf.html`` with
the shared pipeline (``documents.pdf``). Staff and the sending committee can also ask for the
same PDF from the letter's page (a rendering job, ``OutgoingMessage.pdf_source``), and for a
draft's PDF, marked as such (``Letter.pdf_source``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from reporting.models import ExpectedReport
from reporting.rules import missing_years_label
from states_parties.addressing import of_state
from states_parties.models import Contact, StateParty

from . import merge
from .models import Anchor, Letter, MultilingualText, OutgoingMessage

# --- values ----------------------------------------------------------------------------------


def overdue_reports(state_ids: Iterable[int], today: date | None = None) -> dict[int, list]:
    """``{state id: [(kind, year), ...]}``: the Article 7 reports due and not received, oldest
    first, for many States in one query."""
    today = today or timezone.localdate()
    found: dict[int, list] = defaultdict(list)
    for state_id, kind, year in (
        ExpectedReport.objects.overdue(today)
        .filter(state_id__in=list(state_ids))
        .order_by("state_id", "due_date")
        .values_list("state_id", "kind", "year")
    ):
        found[state_id].append((kind, year))
    return found


def format_missing(reports: list, language: str) -> str:
    """ "initial report, 2023", in ``language`` (reporting's one label)."""
    with translation.override(language):
        return missing_years_label(reports)


def years_missing(state: StateParty, language: str, today: date | None = None) -> str:
    """The Article 7 reports due and not received, oldest first: "initial report, 2023"."""
    return format_missing(overdue_reports([state.pk], today).get(state.pk, []), language)


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
    on: date | None = None,
    missing: dict[int, list] | None = None,
) -> dict[str, object]:
    """The merge values for one recipient, in ``language``. ``on`` is the message's date (a
    letter's approval day; a reminder's sending day); ``missing`` the overdue reports of many
    States fetched at once (``overdue_reports``), else they are fetched if the text uses them."""
    on = on or timezone.localdate()
    values: dict[str, object] = {
        "state": state.name_in(language),
        "of_state": cache(lambda: of_state(state, language)),
        "salutation": cache(lambda: contact.salutation_in(language)),
        "contact_name": contact.name,
        "date": merge.format_date(on, language),
        "deadline": merge.format_date(anchor_date, language),
        "report_year": period.rsplit("-", 1)[-1] if anchor == Anchor.ARTICLE7_ANNUAL else "",
        # A query: run only if the text uses it (templates call callables), at most once.
        "years_missing": cache(
            lambda: (
                format_missing(missing.get(state.pk, []), language)
                if missing is not None
                else years_missing(state, language)
            )
        ),
        "initial_report_due": merge.format_date(state.initial_report_due, language),
        "article5_deadline": merge.format_date(
            state.clearance_deadline if state.has_mined_areas else None, language
        ),
        "reply_due": merge.format_date(letter.reply_due if letter else None, language),
        "letter_reference": cache(lambda: letter.reference if letter else ""),
        # Lazy: the committee is fetched only if the text names it.
        "committee": cache(lambda: _committee_name(committee, letter, language)),
    }
    values["letter_subject"] = cache(lambda: _letter_subject(letter, language, values))
    return values


def _letter_subject(letter: Letter | None, language: str, values: dict) -> str:
    """The letter's subject in the message's language, never another one: a Spanish reminder
    of a letter with no Spanish text has no value here (and is not sent)."""
    if letter is None or language not in letter.languages:
        return ""
    subject, _body = letter.text_in(language)
    return merge.render_subject(subject, values)


def _committee_name(committee, letter: Letter | None, language: str) -> str:
    """The committee's name in the message's language."""
    committee = committee() if callable(committee) else committee
    committee = committee or (letter.committee if letter else None)
    if committee is None:
        return ""
    with translation.override(language):
        return committee.display_name


def render_text(
    text: MultilingualText, contact: Contact, values_for, *, strict: bool = False
) -> tuple[str, str, str]:
    """``(language, subject, body)`` of ``text`` for ``contact``; ``values_for(language)``
    gives the merge values in the language chosen. ``strict``: ``merge.BlankField`` rather
    than a field printed blank."""
    chosen = text.choose(contact.preferred_language)
    values = values_for(chosen.language)
    return (
        chosen.language,
        merge.render_subject(chosen.subject, values, strict=strict),
        merge.render(chosen.body, values, strict=strict),
    )


# --- signatures ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Signature:
    """Who signs a letter: name, function and (for a committee's Chair) State. ``unsigned``:
    the committee has no Chair recorded that day, so only the function is printed (the
    approval page says so)."""

    lines: tuple[str, ...]
    unsigned: bool = False

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def signature(letter: Letter, language: str, on: date) -> Signature:
    """A committee's letter is signed by its Chair on ``on`` (name, "Chair of the Committee
    on ...", State), on behalf of the committee; an ISU letter by the signatory chosen, or by
    the ISU's Director."""
    with translation.override(language):
        if letter.committee_id:
            return _chair_signature(letter.committee, language, on)
        unit = _("Implementation Support Unit")
        if letter.signatory_id:
            person = letter.signatory
            return Signature((person.get_full_name() or person.get_username(), unit))
        director = settings.ISU_DIRECTOR_NAME.strip()
        function = _("Director, Implementation Support Unit")
        return Signature((director, function) if director else (function,))


def _chair_signature(committee, language: str, on: date) -> Signature:
    from committees.calendar import FormalCalendar
    from committees.composition import composition_on

    function = _("Chair of the %(committee)s") % {"committee": committee.display_name}
    chair = composition_on(committee, on).chair
    if chair is None:
        return Signature((function,), unsigned=True)
    if chair.term is None:  # the President chairs this committee
        presidency = FormalCalendar().presidency_on(on)
        name = presidency.president_name if presidency else ""
    else:
        representative = chair.term.representatives.order_by("name").first()
        name = representative.name if representative else ""
    lines = (name, function, chair.state.name_in(language))
    return Signature(tuple(line for line in lines if line), unsigned=not name)


# --- letters ---------------------------------------------------------------------------------


@dataclass
class LetterRenderer:
    """Renders a letter's copies: the date, signature and overdue reports are worked out once
    for all recipients (a letter to every State Party is rendered in a few queries)."""

    letter: Letter
    states: list[StateParty] | None = None
    on: date | None = None
    _signatures: dict = field(default_factory=dict, init=False)
    _missing: dict | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.on = self.letter.letter_date or self.on or timezone.localdate()
        if self.states is not None:
            self._missing = overdue_reports(state.pk for state in self.states)

    def signature(self, language: str) -> Signature:
        if language not in self._signatures:
            self._signatures[language] = signature(self.letter, language, self.on)
        return self._signatures[language]

    def values(self, state: StateParty, contact: Contact, language: str) -> dict[str, object]:
        return merge_values(
            state=state,
            contact=contact,
            language=language,
            letter=self.letter,
            on=self.on,
            missing=self._missing,
        )

    def fill(self, message: OutgoingMessage, *, strict: bool = False) -> OutgoingMessage:
        """The copy for ``message.contact``: in their language, signed. ``strict``: raise a
        ``merge.MergeError`` rather than print a blank field."""
        message.to_address = message.contact.email
        language, subject, body = render_text(
            self.letter,
            message.contact,
            lambda language: self.values(message.state, message.contact, language),
            strict=strict,
        )
        signed = self.signature(language)
        message.language, message.subject = language, subject
        # The e-mail reads as the letter does: place and date (of the approval) first, the
        # signature last.
        parts = [dateline(self.on, language), body.strip("\n").rstrip()]
        if signed.lines:
            parts.append(signed.text)
        message.body = "\n\n".join(parts)
        return message

    def copy(self, state: StateParty, contact: Contact, *, strict: bool = False):
        message = OutgoingMessage(
            kind=OutgoingMessage.Kind.LETTER, letter=self.letter, state=state, contact=contact
        )
        return self.fill(message, strict=strict)


def dateline(on: date, language: str) -> str:
    """ "Geneva, 4 November 2025", in ``language``."""
    with translation.override(language):
        return f"{_('Geneva')}, {merge.format_date(on, language)}"


def fill_letter_copy(message: OutgoingMessage, letter: Letter, *, strict: bool = False) -> None:
    LetterRenderer(letter).fill(message, strict=strict)


def fill_reminder(
    message: OutgoingMessage, *, strict: bool = False, missing: dict | None = None
) -> None:
    """The reminder as it reads now, in the contact's language. ``strict`` (the worker that
    sends it): ``merge.BlankField`` when a field it prints has no value for this recipient.
    ``missing``: the overdue reports of a batch's States (``overdue_reports``), if known."""
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
            missing=missing,
        ),
        strict=strict,
    )


# --- the letter on letterhead ----------------------------------------------------------------


def draft_marking(letter: Letter, language: str) -> str:
    """ "DRAFT · v2" in ``language``: what every page of a PDF that is not the sent record
    carries."""
    with translation.override(language):
        return pgettext("watermark", "DRAFT · v%(version)s") % {"version": letter.version}


def letter_pdf_context(
    message: OutgoingMessage,
    *,
    watermark: str | None = None,
    renderer: LetterRenderer | None = None,
) -> dict:
    """What ``letter_pdf.html`` shows: the copy as its recipient reads it, dated the day the
    letter was approved (today for a draft), with ``watermark`` unless it is the sent record.
    Copies of one letter share a ``renderer`` (its signature is worked out once)."""
    letter = message.letter
    language = message.language or "en"
    renderer = renderer or LetterRenderer(letter)
    signed = renderer.signature(language)
    # The e-mail's text starts with the date and ends with the signature; the letter sets
    # them in the letterhead and in a block of their own.
    body = message.body.strip()
    heading = dateline(renderer.on, language)
    if body.startswith(heading):
        body = body[len(heading) :].lstrip()
    if signed.lines and body.endswith(signed.text):
        body = body[: -len(signed.text)].rstrip()
    with translation.override(language):
        committee_name = letter.committee.display_name if letter.committee_id else ""
    return {
        "message": message,
        "letter": letter,
        "letter_date": renderer.on,
        "address": message.contact.address_in(language),
        "state_name": message.state.name_in(language),
        "committee_name": committee_name,
        "body": body,
        "signature": signed.lines,
        "watermark": watermark,
    }


def attachments(message: OutgoingMessage) -> list[tuple[str, bytes, str]]:
    """Files attached to the e-mail: a letter's PDF on letterhead, rendered by the worker that
    sends it, once the ``documents`` app provides the PDF pipeline (issue 5)."""
    if not message.has_pdf:
        return []
    from documents.pdf import render_pdf

    source = message.pdf_source()
    pdf = render_pdf(source.template_name, source.context, language=source.language)
    return [(source.filename, pdf, "application/pdf")]
