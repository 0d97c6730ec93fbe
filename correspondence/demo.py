"""Demonstration correspondence: letters of the committees' year, replies, reminder rules and
an outbox with history, and reminders that fall due a minute after loading, so that ``make
run`` shows them reaching the mail sink (the worker and beat run beside the web server).

Letters sent in the past are recorded as sent; nothing of the past is mailed."""

from __future__ import annotations

import random
from datetime import time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from committees.models import Committee
from reporting import audiences
from reporting.models import Audience
from states_parties.models import Contact

from . import planning, render
from .models import (
    Anchor,
    Letter,
    LetterRecipient,
    MessageStatus,
    OutgoingMessage,
    ReminderRule,
    Reply,
)

# Every text in English, French and Spanish: each contact reads it entirely in their language,
# with the State's name ("{{ of_state }}": "du Chili", "del Perú") and the salutation in it.
# Letters end with the closing formula; the signature (the Chair's, for a committee) follows.
ARTICLE7_LETTER = {
    "subject_en": "Article 7 transparency report {{ of_state }} due on 30 April",
    "body_en": (
        "{{ salutation }}\n\nOn behalf of the {{ committee }}, I recall that the annual "
        "transparency report under Article 7, covering the last calendar year, is due on "
        "30 April. The online reporting format is available from the Implementation Support "
        "Unit.\n{% if years_missing %}\nOur records show no report yet for: {{ years_missing }}."
        "\n{% endif %}\nYours sincerely,"
    ),
    "subject_fr": "Rapport de transparence {{ of_state }} attendu le 30 avril",
    "body_fr": (
        "{{ salutation }}\n\nAu nom du {{ committee }}, je rappelle que le rapport annuel de "
        "transparence au titre de l'article 7, portant sur l'année civile écoulée, est attendu "
        "le 30 avril. Le modèle de rapport en ligne est disponible auprès de l'Unité d'appui à "
        "l'application.\n{% if years_missing %}\nNos registres n'indiquent encore aucun rapport "
        "pour : {{ years_missing }}.\n{% endif %}\nJe vous prie d'agréer l'assurance de ma "
        "haute considération."
    ),
    "subject_es": "Informe de transparencia {{ of_state }}: plazo el 30 de abril",
    "body_es": (
        "{{ salutation }}\n\nEn nombre del {{ committee }}, recuerdo que el informe anual de "
        "transparencia previsto en el artículo 7, relativo al año civil anterior, debe "
        "presentarse a más tardar el 30 de abril. El formato de presentación en línea está "
        "disponible en la Dependencia de Apoyo a la Aplicación.\n{% if years_missing %}\n"
        "Nuestros registros aún no muestran informe para: {{ years_missing }}.\n{% endif %}\n"
        "Le saluda atentamente,"
    ),
}

ARTICLE9_LETTER = {
    "subject_en": "Article 9 measures {{ of_state }}: request for information",
    "body_en": (
        "{{ salutation }}\n\nThe {{ committee }} would be grateful for information on the "
        "legal, administrative and other measures {{ state }} has taken under Article 9, by "
        "{{ reply_due }}.\n\nYours sincerely,"
    ),
    "subject_fr": "Mesures {{ of_state }} au titre de l'article 9 : demande d'information",
    "body_fr": (
        "{{ salutation }}\n\nLe {{ committee }} vous saurait gré de lui communiquer, d'ici au "
        "{{ reply_due }}, des informations sur les mesures juridiques, administratives et autres "
        "{{ of_state }} au titre de l'article 9.\n\nJe vous prie d'agréer l'assurance de ma "
        "haute considération."
    ),
    "subject_es": "Medidas {{ of_state }} en virtud del artículo 9: solicitud de información",
    "body_es": (
        "{{ salutation }}\n\nEl {{ committee }} agradecería recibir, a más tardar el "
        "{{ reply_due }}, información sobre las medidas jurídicas, administrativas y de otra "
        "índole {{ of_state }} en virtud del artículo 9.\n\nLe saluda atentamente,"
    ),
}

EXTENSION_LETTER = {
    "subject_en": "Your Article 5 deadline: {{ article5_deadline }}",
    "body_en": (
        "{{ salutation }}\n\nThe deadline {{ of_state }} under Article 5 falls on "
        "{{ article5_deadline }}. The Committee invites you to share your plans by "
        "{{ reply_due }}.\n\nYours sincerely,"
    ),
    "subject_fr": "Votre échéance au titre de l'article 5 : {{ article5_deadline }}",
    "body_fr": (
        "{{ salutation }}\n\nL'échéance {{ of_state }} au titre de l'article 5 est fixée au "
        "{{ article5_deadline }}. Le Comité vous invite à lui faire part de vos plans d'ici au "
        "{{ reply_due }}.\n\nJe vous prie d'agréer l'assurance de ma haute considération."
    ),
    "subject_es": "Su plazo en virtud del artículo 5: {{ article5_deadline }}",
    "body_es": (
        "{{ salutation }}\n\nEl plazo {{ of_state }} en virtud del artículo 5 vence el "
        "{{ article5_deadline }}. El Comité le invita a darle a conocer sus planes a más tardar "
        "el {{ reply_due }}.\n\nLe saluda atentamente,"
    ),
}

REMINDER_OF_LETTER = {
    "subject_en": "Reminder: {{ letter_subject }}",
    "body_en": (
        "{{ salutation }}\n\nWe have not yet received the reply {{ of_state }} to our letter "
        "{{ letter_reference }}, expected by {{ reply_due }}. We would be grateful for it at "
        "your earliest convenience.\n\nImplementation Support Unit"
    ),
    "subject_fr": "Rappel : {{ letter_subject }}",
    "body_fr": (
        "{{ salutation }}\n\nNous n'avons pas encore reçu la réponse {{ of_state }} à notre "
        "lettre {{ letter_reference }}, attendue le {{ reply_due }}. Nous vous serions "
        "reconnaissants de nous la faire parvenir dans les meilleurs délais.\n\nUnité d'appui "
        "à l'application"
    ),
    "subject_es": "Recordatorio: {{ letter_subject }}",
    "body_es": (
        "{{ salutation }}\n\nAún no hemos recibido la respuesta {{ of_state }} a nuestra carta "
        "{{ letter_reference }}, esperada para el {{ reply_due }}. Le agradeceríamos que nos la "
        "hiciera llegar a la mayor brevedad.\n\nDependencia de Apoyo a la Aplicación"
    ),
}

ANNUAL_REMINDER = {
    "subject_en": "{{ state }}: Article 7 report due on {{ deadline }}",
    "body_en": (
        "{{ salutation }}\n\nThe Article 7 report {{ of_state }} covering {{ report_year }} is "
        "due on {{ deadline }}.{% if years_missing %} Reports not yet received: "
        "{{ years_missing }}.{% endif %}\n\nImplementation Support Unit"
    ),
    "subject_fr": "{{ state }} : rapport au titre de l'article 7 attendu le {{ deadline }}",
    "body_fr": (
        "{{ salutation }}\n\nLe rapport {{ of_state }} au titre de l'article 7 portant sur "
        "{{ report_year }} est attendu le {{ deadline }}.{% if years_missing %} Rapports non "
        "encore reçus : {{ years_missing }}.{% endif %}\n\nUnité d'appui à l'application"
    ),
    "subject_es": "{{ state }}: informe del artículo 7 previsto para el {{ deadline }}",
    "body_es": (
        "{{ salutation }}\n\nEl informe {{ of_state }} en virtud del artículo 7 "
        "correspondiente a {{ report_year }} debe presentarse a más tardar el {{ deadline }}."
        "{% if years_missing %} Informes aún no recibidos: {{ years_missing }}.{% endif %}\n\n"
        "Dependencia de Apoyo a la Aplicación"
    ),
}

CLEARANCE_REMINDER = {
    "subject_en": "{{ state }}: Article 5 deadline on {{ deadline }}",
    "body_en": (
        "{{ salutation }}\n\nThe Article 5 deadline {{ of_state }} falls on {{ deadline }}. "
        "If an extension is needed, the request is expected about nine months before the "
        "Meeting of the States Parties that is to decide on it."
        "\n\nImplementation Support Unit"
    ),
    "subject_fr": "{{ state }} : échéance au titre de l'article 5 le {{ deadline }}",
    "body_fr": (
        "{{ salutation }}\n\nL'échéance {{ of_state }} au titre de l'article 5 est fixée au "
        "{{ deadline }}. Si une prolongation est nécessaire, la demande est attendue environ "
        "neuf mois avant l'Assemblée des États parties appelée à se prononcer sur celle-ci."
        "\n\nUnité d'appui à l'application"
    ),
    "subject_es": "{{ state }}: plazo del artículo 5 el {{ deadline }}",
    "body_es": (
        "{{ salutation }}\n\nEl plazo {{ of_state }} en virtud del artículo 5 vence el "
        "{{ deadline }}. Si se necesita una prórroga, la solicitud se espera unos nueve meses "
        "antes de la Reunión de los Estados Partes que haya de decidir al respecto."
        "\n\nDependencia de Apoyo a la Aplicación"
    ),
}


def load(rng: random.Random) -> None:
    now = timezone.now()
    staff = get_user_model().objects.filter(username="isu").first()
    committees = {committee.code: committee for committee in Committee.objects.all()}
    ccc = committees.get("CCC")
    everyone = _audience(Audience.Query.ALL_BOUND, "All States Parties")
    article9 = _audience(
        Audience.Query.ARTICLE9_OUTSTANDING, "States with outstanding Article 9 obligations"
    )

    reminder_letter = _sent_letter(
        "Recalling the 30 April Article 7 deadline",
        ccc,
        everyone,
        ARTICLE7_LETTER,
        sent=now - timedelta(days=75),
        reply_due=None,
        staff=staff,
    )
    _fail_some(reminder_letter, rng)
    # The reply is due today; the reminder to those who have not replied goes a minute from
    # now (make run: watch the mail sink).
    soon = timezone.localtime(now + timedelta(minutes=1))
    article9_letter = _sent_letter(
        "Outstanding Article 9 measures",
        ccc,
        article9,
        ARTICLE9_LETTER,
        sent=now - timedelta(days=30),
        reply_due=soon.date(),
        staff=staff,
    )
    _reply_some(article9_letter, rng, staff)
    _draft_extension_letter(committees.get("CA5"), now, staff)
    rules = _reminder_rules(ccc, committees.get("CA5"), article9_letter, soon, now)
    # The first rule was "created" a minute before its send time, whatever the clock says.
    ReminderRule.objects.filter(pk=rules[0].pk).update(created_at=now - timedelta(minutes=1))
    for rule in ReminderRule.objects.select_related("audience", "letter"):
        planning.reconcile(rule, now=now)


def _draft_extension_letter(ca5: Committee | None, now, staff) -> Letter:
    """A draft awaiting approval, to show the approval page."""
    return Letter.objects.create(
        title="Preliminary observations on extension requests",
        committee=ca5,
        addressees=Letter.Addressees.AUDIENCE,
        # The States that may have to request an extension at one of the next two Meetings
        # (those within twelve months have mostly been decided by the extensions' demo).
        audience=Audience.objects.get_or_create(
            name="Article 5 deadline within 24 months",
            defaults={"query": Audience.Query.CLEARANCE_DEADLINE_WITHIN, "months": 24},
        )[0],
        reply_due=(now + timedelta(days=45)).date(),
        created_by=staff,
        updated_by=staff,
        **EXTENSION_LETTER,
    )


def _reminder_rules(
    ccc: Committee | None, ca5: Committee | None, article9_letter: Letter, soon, now
) -> list[ReminderRule]:
    """The demonstration's rules; the first reminds of the Article 9 letter at ``soon``."""
    return [
        ReminderRule.objects.create(
            name="Unanswered Article 9 letter",
            anchor=Anchor.LETTER_REPLY,
            letter=article9_letter,
            committee=ccc,
            offsets=[0],
            send_time=time(soon.hour, soon.minute, soon.second),
            effective_from=soon.date(),
            **REMINDER_OF_LETTER,
        ),
        ReminderRule.objects.create(
            name="Article 7 annual report",
            anchor=Anchor.ARTICLE7_ANNUAL,
            committee=ccc,
            offsets=[-60, -30, -7, 1, 30],
            effective_from=now.date(),
            contact_kinds=[Contact.Kind.ARTICLE7, Contact.Kind.PERMANENT_MISSION],
            **ANNUAL_REMINDER,
        ),
        ReminderRule.objects.create(
            name="Article 5 deadline",
            anchor=Anchor.ARTICLE5_DEADLINE,
            committee=ca5,
            offsets=[-365, -180, -30],
            effective_from=now.date(),
            **CLEARANCE_REMINDER,
        ),
    ]


def _audience(query: str, name: str) -> Audience:
    """The audience the application provides (its migration creates it)."""
    audience = Audience.objects.filter(query=query, is_builtin=True).first()
    return audience or Audience.objects.create(name=name, query=query, is_builtin=True)


def _sent_letter(title, committee, audience, text, *, sent, reply_due, staff) -> Letter:
    letter = Letter.objects.create(
        title=title,
        committee=committee,
        addressees=Letter.Addressees.AUDIENCE,
        audience=audience,
        reply_due=reply_due,
        status=Letter.Status.SENT,
        created_by=staff,
        updated_by=staff,
        approved_by=staff,
        approved_at=sent - timedelta(days=2),
        sent_by=staff,
        sent_at=sent,
        **text,
    )
    # Today's members: evaluating an audience on a past day would rebuild read models as of then.
    states = list(audiences.members(audience))
    LetterRecipient.objects.bulk_create(LetterRecipient(letter=letter, state=s) for s in states)
    copies = []
    renderer = render.LetterRenderer(letter, states=states)
    for contact in Contact.objects.filter(state__in=states, active=True).select_related("state"):
        copy = OutgoingMessage(
            kind=OutgoingMessage.Kind.LETTER,
            letter=letter,
            state=contact.state,
            contact=contact,
            send_at=sent,
            next_attempt_at=sent,
            status=MessageStatus.SENT,
            attempts=1,
            sent_at=sent + timedelta(seconds=len(copies) // 10),
        )
        renderer.fill(copy, strict=True)
        copies.append(copy)
    OutgoingMessage.objects.bulk_create(copies, batch_size=500)
    return letter


def _fail_some(letter: Letter, rng: random.Random) -> None:
    copies = list(letter.messages.order_by("pk").values_list("pk", flat=True))
    for pk in rng.sample(copies, min(2, len(copies))):
        OutgoingMessage.objects.filter(pk=pk).update(
            status=MessageStatus.FAILED, sent_at=None, last_error="550 5.1.1 Mailbox unavailable"
        )


def _reply_some(letter: Letter, rng: random.Random, staff) -> None:
    for recipient in letter.recipients.select_related("state").order_by("state__iso3"):
        if rng.random() < 0.4:
            Reply.objects.create(
                recipient=recipient,
                received_on=timezone.localdate(letter.sent_at) + timedelta(days=rng.randint(3, 25)),
                summary=f"{recipient.state.name} described its national implementation measures.",
                recorded_by=staff,
            )
