"""Golden texts: a committee's letter (its PDF, read back with pdftotext) and a reminder e-mail
(as the SMTP server received it), in English, French and Spanish, equal the expected text line
by line: the State's name in the reader's language, the salutation, the letter's date (the day
it was approved, whenever the PDF is made), the Chair who signs, and the watermark of a draft
or none on the sent record."""

import subprocess
from datetime import UTC, date, datetime
from email.header import decode_header, make_header

import pytest

from committees.models import Office, Representative
from correspondence import delivery, planning, services
from correspondence.models import Anchor, Letter, OutgoingMessage, ReminderRule
from documents.pdf import render_pdf
from reporting import services as reporting_services
from reporting.models import Submission
from states_parties.models import Contact
from tests.factories import ContactFactory, StatePartyFactory, UserFactory
from tests.pdf_text import read_back

pytestmark = pytest.mark.django_db

LETTER = {
    "subject_en": "Article 9 measures {{ of_state }}",
    "body_en": (
        "{{ salutation }}\n\nThe {{ committee }} would be grateful for information on the "
        "measures {{ of_state }} under Article 9 by {{ reply_due }}.\n\nYours sincerely,"
    ),
    "subject_fr": "Mesures {{ of_state }} au titre de l'article 9",
    "body_fr": (
        "{{ salutation }}\n\nLe {{ committee }} vous saurait gré de lui communiquer, d'ici au "
        "{{ reply_due }}, les mesures {{ of_state }} au titre de l'article 9.\n\nJe vous prie "
        "d'agréer l'assurance de ma haute considération."
    ),
    "subject_es": "Medidas {{ of_state }} en virtud del artículo 9",
    "body_es": (
        "{{ salutation }}\n\nEl {{ committee }} agradecería recibir, a más tardar el "
        "{{ reply_due }}, las medidas {{ of_state }} en virtud del artículo 9.\n\nLe saluda "
        "atentamente,"
    ),
}


def at(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def pdf_lines(source) -> list[str]:
    pdf = render_pdf(source.template_name, source.context, language=source.language)
    text = subprocess.run(
        ["/usr/bin/pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    return [line.strip() for line in text.splitlines() if line.strip()]


@pytest.fixture
def letter_world(frozen, seat):
    """Japan chairs the Committee on Article 5 Implementation in 2025 (its representative,
    Kenji Sato, has an account); three States with a contact each in English (the
    Netherlands, Ms Larsen), French (Belgium, the Mission) and Spanish (Chile, the Permanent
    Representative)."""
    frozen(at(2025, 11, 4, 9))
    term = seat("CA5", "JPN", "21MSP", "22MSP")
    Office.objects.create(term=term, kind=Office.Kind.CHAIR, year=2025)
    chair = UserFactory(username="sato", role="committee")
    Representative.objects.create(term=term, name="Kenji Sato", user=chair)
    states = {
        "NLD": StatePartyFactory(iso3="NLD", name="Netherlands"),
        "BEL": StatePartyFactory(iso3="BEL", name="Belgium"),
        "CHL": StatePartyFactory(iso3="CHL", name="Chile"),
    }
    ContactFactory(
        state=states["NLD"],
        name="Ingrid Larsen",
        family_name="Larsen",
        addressed_as=Contact.AddressedAs.MS,
        email="a7@nld.example",
        kind=Contact.Kind.ARTICLE7,
        preferred_language="en",
    )
    ContactFactory(
        state=states["BEL"],
        name="Permanent Mission of Belgium to the United Nations Office at Geneva",
        addressed_as=Contact.AddressedAs.MISSION,
        email="mission@bel.example",
        preferred_language="fr",
    )
    ContactFactory(
        state=states["CHL"],
        name="Juan Pérez",
        addressed_as=Contact.AddressedAs.PERMANENT_REPRESENTATIVE,
        email="pr@chl.example",
        preferred_language="es",
    )
    return {"chair": chair, "states": states, "committee": term.committee}


@pytest.fixture
def approved_letter(letter_world, frozen):
    """Written on 3 November, approved by the Chair on 4 November 2025 (Geneva time)."""
    frozen(at(2025, 11, 3, 15))
    author = UserFactory(username="irene", role="isu_staff")
    letter = services.save_letter(
        Letter(
            title="Article 9",
            committee=letter_world["committee"],
            addressees="hand_picked",
            reply_due=date(2026, 1, 31),
            **LETTER,
        ),
        list(letter_world["states"].values()),
        author,
    )
    frozen(at(2025, 11, 4, 9))
    services.approve_letter(letter, letter_world["chair"])
    return letter


GOLDEN_RECORDS = {
    "NLD": [
        "CA5/2025/{pk}",
        "4 November 2025",
        "Anti-Personnel Mine Ban Convention",
        "Committee on Article 5 Implementation",
        "Geneva, 4 November 2025",
        "CA5/2025/{pk}",
        "Ms Ingrid Larsen",
        "Netherlands",
        "Article 9 measures of the Netherlands",
        "Dear Ms Larsen,",
        "The Committee on Article 5 Implementation would be grateful for information on the",
        "measures of the Netherlands under Article 9 by 31 January 2026.",
        "Yours sincerely,",
        "Kenji Sato",
        "Chair of the Committee on Article 5 Implementation",
        "Japan",
        "Page 1 of 1",
    ],
    "BEL": [
        "CA5/2025/{pk}",
        "4 novembre 2025",
        "Convention sur l'interdiction des mines antipersonnel",
        "Comité sur l'application de l'article 5",
        "Genève, 4 novembre 2025",
        "CA5/2025/{pk}",
        "Mission permanente de la Belgique auprès de l'Office des Nations Unies à Genève",
        "Mesures de la Belgique au titre de l'article 9",
        "Madame, Monsieur,",
        "Le Comité sur l'application de l'article 5 vous saurait gré de lui communiquer, d'ici "
        "au 31",
        "janvier 2026, les mesures de la Belgique au titre de l'article 9.",
        "Je vous prie d'agréer l'assurance de ma haute considération.",
        "Kenji Sato",
        "Présidence du Comité sur l'application de l'article 5",
        "Japon",
        "Page 1 sur 1",
    ],
    "CHL": [
        "CA5/2025/{pk}",
        "4 de noviembre de 2025",
        "Convención sobre la Prohibición de las Minas Antipersonal",
        "Comité sobre la Aplicación del Artículo 5",
        "Ginebra, 4 de noviembre de 2025",
        "CA5/2025/{pk}",
        "Juan Pérez",
        "Misión Permanente de Chile ante la Oficina de las Naciones Unidas en Ginebra",
        "Medidas de Chile en virtud del artículo 9",
        "Excelencia:",
        "El Comité sobre la Aplicación del Artículo 5 agradecería recibir, a más tardar el 31 de",
        "enero de 2026, las medidas de Chile en virtud del artículo 9.",
        "Le saluda atentamente,",
        "Kenji Sato",
        "Presidencia del Comité sobre la Aplicación del Artículo 5",
        "Japón",
        "Página 1 de 1",
    ],
}


def test_the_sent_record_of_a_letter_in_each_language(approved_letter, frozen):
    """Sent on 6 November; the record copy made on 4 December still says 4 November, and
    carries no watermark."""
    frozen(at(2025, 11, 6, 10))
    services.send_letter(approved_letter, UserFactory(username="sender", role="isu_staff"))
    frozen(at(2025, 12, 4, 10))
    for iso3, golden in GOLDEN_RECORDS.items():
        copy = OutgoingMessage.objects.get(letter=approved_letter, state__iso3=iso3)
        expected = [line.format(pk=approved_letter.pk) for line in golden]
        assert pdf_lines(copy.pdf_source()) == expected, iso3


def test_a_draft_pdf_carries_the_watermark_of_its_version(letter_world, frozen, tmp_path):
    """A draft is dated the day it is rendered and marked on every page; the sample is the
    first recipient in alphabetical order (Belgium, in French)."""
    frozen(at(2025, 11, 3, 15))
    author = UserFactory(username="irene", role="isu_staff")
    letter = services.save_letter(
        Letter(
            title="Article 9",
            committee=letter_world["committee"],
            addressees="hand_picked",
            reply_due=date(2026, 1, 31),
            **LETTER,
        ),
        list(letter_world["states"].values()),
        author,
    )
    letter = services.save_letter(letter, list(letter_world["states"].values()), author)
    source = letter.pdf_source()
    path = tmp_path / "draft.pdf"
    path.write_bytes(render_pdf(source.template_name, source.context, language=source.language))
    pages = read_back(path)
    assert [(page.header, page.watermark) for page in pages] == [
        (f"CA5/2025/{letter.pk} 3 novembre 2025", "PROJET·v2")
    ]
    assert pages[0].body.startswith("Convention sur l'interdiction des mines antipersonnel")
    assert "Genève, 3 novembre 2025" in pages[0].body


GOLDEN_REMINDERS = {
    "en": (
        "Netherlands: Article 7 report due on 30 April 2026",
        "Dear Ms Larsen,\n\nThe Article 7 report of the Netherlands covering 2025 is due on "
        "30 April 2026.\n\nImplementation Support Unit\n",
    ),
    "fr": (
        "Belgique : rapport au titre de l'article 7 attendu le 30 avril 2026",
        "Madame, Monsieur,\n\nLe rapport de la Belgique au titre de l'article 7 portant sur 2025 "
        "est attendu le 30 avril 2026.\n\nUnité d'appui à l'application\n",
    ),
    "es": (
        "Chile: informe del artículo 7 previsto para el 30 de abril de 2026",
        "Excelencia:\n\nEl informe de Chile en virtud del artículo 7 correspondiente a 2025 "
        "debe presentarse a más tardar el 30 de abril de 2026.\n\nDependencia de Apoyo a la "
        "Aplicación\n",
    ),
}


def test_a_reminder_e_mail_in_each_language(letter_world, frozen, real_smtp):
    from correspondence.demo import ANNUAL_REMINDER

    frozen(at(2026, 3, 1, 8))
    for state in letter_world["states"].values():
        reporting_services.sync_expected_reports([state], through_year=2025)
        for report in state.expected_reports.filter(due_date__lt=date(2026, 3, 1)):
            reporting_services.save_submission(
                Submission(
                    state=state, kind=report.kind, year=report.year, received_on=report.due_date
                )
            )
    rule = ReminderRule(
        name="Annual report",
        anchor=Anchor.ARTICLE7_ANNUAL,
        offsets=[-30],
        **ANNUAL_REMINDER,
    )
    rule.full_clean()
    rule.save()
    planning.reconcile(rule)
    frozen(at(2026, 3, 31, 7, 1))
    sends = OutgoingMessage.objects.filter(rule=rule, period="annual-2025")
    assert sends.count() == 3
    for message in sends:
        assert delivery.deliver(message.pk).result == "sent"
    received = {
        mail.recipients[0]: (
            " ".join(str(make_header(decode_header(mail.subject))).split()),
            mail.body,
        )
        for mail in real_smtp.received
    }
    assert received == {
        "a7@nld.example": GOLDEN_REMINDERS["en"],
        "mission@bel.example": GOLDEN_REMINDERS["fr"],
        "pr@chl.example": GOLDEN_REMINDERS["es"],
    }
