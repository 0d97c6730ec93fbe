"""Demonstration action plan, activities, priorities and a compliance matter: a committee year
(from the close of the 22nd Meeting, 5 December 2025, to November 2026) for each committee.

The actions paraphrase themes of the Siem Reap-Angkor Action Plan in our own words; their
numbers, like every activity below, are illustrative.
"""

from __future__ import annotations

import random
from datetime import date

from committees.models import Committee, Meeting
from states_parties.models import StateParty

from . import services
from .models import Action, ActionPlan, Activity, Article, ComplianceMatter, Priority

ACTIONS = [
    (
        1,
        "Universalization",
        "Promote adherence",
        "Encourage States not party to join the Convention and apply its norms in the meantime.",
    ),
    (
        5,
        "Stockpile destruction",
        "Destroy stockpiles on time",
        "Destroy every stockpiled anti-personnel mine within the deadline and report each step.",
    ),
    (
        12,
        "Mine clearance",
        "Evidence-based plans",
        "Base clearance plans on accurate surveys and update them every year.",
    ),
    (
        18,
        "Mine clearance",
        "Timely extension requests",
        "Submit any request to extend an Article 5 deadline early, complete and realistic.",
    ),
    (
        27,
        "Victim assistance",
        "Include survivors",
        "Include mine survivors in national "
        "policies on disability, health, education and employment.",
    ),
    (
        36,
        "Cooperation and assistance",
        "Partnerships",
        "Bring together States seeking assistance and States able to provide it.",
    ),
    (
        48,
        "Transparency",
        "Report by 30 April",
        "Submit an annual Article 7 report by 30 April, using the online reporting format.",
    ),
    (
        49,
        "Transparency",
        "Retained mines",
        "Explain the number of mines retained under Article 3 and how they are used.",
    ),
    (
        50,
        "Compliance",
        "National measures",
        "Adopt the legislation and other measures Article 9 requires, including penal sanctions.",
    ),
    (
        51,
        "Compliance",
        "Cooperative compliance",
        "Address compliance concerns cooperatively and provide information quickly when asked.",
    ),
]

# committee, month, day, kind, text, visibility, states, actions, articles
ACTIVITIES = [
    (
        "CCC",
        2026,
        1,
        20,
        "meeting",
        "On 20 January 2026, the Committee held its initial "
        "meeting of the year and selected the Philippines as its gender focal point.",
        "public",
        [],
        [],
        [],
    ),
    (
        "CCC",
        2026,
        2,
        3,
        "letter",
        "On 3 February 2026, the Committee wrote to all States "
        "Parties recalling the 30 April deadline for Article 7 reports and the online reporting "
        "format.",
        "public",
        [],
        [48],
        [7],
    ),
    (
        "CCC",
        2026,
        2,
        24,
        "letter",
        "On 24 February 2026, the Committee wrote to every State "
        "Party with outstanding Article 9 obligations to ask about progress.",
        "public",
        [],
        [50],
        [9],
    ),
    (
        "CCC",
        2026,
        3,
        10,
        "workshop",
        "On 10 March 2026, the Committee held, with the other "
        "committees, an online workshop on Article 7 reporting for States Parties and States not "
        "party.",
        "public",
        [],
        [48],
        [7],
    ),
    (
        "CCC",
        2026,
        5,
        12,
        "engagement",
        "On 12 May 2026, the Committee met a delegation "
        "concerning an alleged use of anti-personnel mines.",
        "confidential",
        ["UKR"],
        [51],
        [1, 8],
    ),
    (
        "CCC",
        2026,
        5,
        26,
        "meeting",
        "On 26 May 2026, the Committee met representatives of "
        "the ICBL and the ICRC on matters of compliance.",
        "states_parties",
        [],
        [51],
        [1],
    ),
    (
        "CCC",
        2026,
        6,
        17,
        "observations",
        "On 17 June 2026, the Committee presented its "
        "preliminary observations at the Intersessional Meetings.",
        "public",
        [],
        [],
        [],
    ),
    (
        "CCC",
        2026,
        9,
        29,
        "letter",
        "On 29 September 2026, the Committee wrote to every State "
        "Party that has not submitted an Article 7 report for one or more years and still has "
        "obligations under Article 5 or 4, or retains mines under Article 3.",
        "public",
        [],
        [48, 49],
        [3, 4, 5, 7],
    ),
    (
        "CCC",
        2026,
        10,
        14,
        "meeting",
        "On 14 October 2026, the Committee reviewed its "
        "internal follow-up of the letters sent in September.",
        "internal",
        [],
        [],
        [],
    ),
    (
        "CA5",
        2026,
        1,
        27,
        "meeting",
        "On 27 January 2026, the Committee held its initial "
        "meeting and agreed its working methods for the year.",
        "public",
        [],
        [],
        [],
    ),
    (
        "CA5",
        2026,
        4,
        21,
        "engagement",
        "On 21 April 2026, the Committee held a dialogue with "
        "Cambodia on its request to extend its Article 5 deadline.",
        "public",
        ["KHM"],
        [18],
        [5],
    ),
    (
        "CA5",
        2026,
        6,
        18,
        "observations",
        "On 18 June 2026, the Committee presented its "
        "preliminary observations on the implementation of Article 5.",
        "public",
        [],
        [12],
        [5],
    ),
    (
        "CA5",
        2026,
        8,
        25,
        "letter",
        "On 25 August 2026, the Committee wrote to the States "
        "Parties whose Article 5 deadlines expire in 2027.",
        "states_parties",
        [],
        [18],
        [5],
    ),
    (
        "CA5",
        2026,
        10,
        6,
        "meeting",
        "On 6 October 2026, the Committee agreed its analysis of "
        "the extension requests submitted in 2026.",
        "internal",
        [],
        [18],
        [5],
    ),
    (
        "CVA",
        2026,
        2,
        3,
        "meeting",
        "On 3 February 2026, the Committee held its initial meeting of the year.",
        "public",
        [],
        [],
        [],
    ),
    (
        "CVA",
        2026,
        4,
        14,
        "workshop",
        "On 14 April 2026, the Committee held an online "
        "workshop with mine survivors' organisations.",
        "public",
        [],
        [27],
        [6],
    ),
    (
        "CVA",
        2026,
        6,
        17,
        "observations",
        "On 17 June 2026, the Committee presented its "
        "preliminary observations on victim assistance.",
        "public",
        [],
        [27],
        [],
    ),
    (
        "CECA",
        2026,
        3,
        3,
        "meeting",
        "On 3 March 2026, the Committee held its initial meeting "
        "and reviewed the Platform for Partnerships.",
        "public",
        [],
        [36],
        [6],
    ),
    (
        "CECA",
        2026,
        9,
        15,
        "workshop",
        "On 15 September 2026, the Committee brought Angola "
        "and its partners together for an individualised approach.",
        "public",
        ["AGO"],
        [36],
        [6],
    ),
]

PRIORITIES = {
    "CCC": [
        ("Encourage every State Party to submit its Article 7 report by 30 April.", [48], [7]),
        ("Engage the States Parties with outstanding Article 9 obligations.", [50], [9]),
        ("Address compliance concerns in a cooperative spirit.", [51], [1, 8]),
        ("Report on its activities at the Twenty-Fourth Meeting.", [], []),
    ],
    "CA5": [
        ("Follow the progress of each State Party clearing mined areas.", [12], [5]),
        ("Analyse every extension request submitted in 2027.", [18], [5]),
    ],
    "CVA": [("Promote the inclusion of survivors in national policies.", [27], [])],
    "CECA": [("Grow the Platform for Partnerships.", [36], [6])],
}


# The paragraphs in French and Spanish, as staff enter them on the records' pages. Every
# committee's texts are translated into French; two of the Committee on Cooperative
# Compliance's are not yet in Spanish, so that its Spanish document shows as incomplete.
TRANSLATIONS = {
    # Committee on Cooperative Compliance
    "On 20 January 2026, the Committee held its initial meeting of the year and selected the "
    "Philippines as its gender focal point.": (
        "Le 20 janvier 2026, le Comité a tenu sa réunion initiale de l’année et a désigné les "
        "Philippines comme point focal pour les questions de genre.",
        "El 20 de enero de 2026, el Comité celebró su reunión inicial del año y designó a "
        "Filipinas como su coordinador para las cuestiones de género.",
    ),
    "On 3 February 2026, the Committee wrote to all States Parties recalling the 30 April "
    "deadline for Article 7 reports and the online reporting format.": (
        "Le 3 février 2026, le Comité a écrit à tous les États parties pour leur rappeler la "
        "date limite du 30 avril pour les rapports au titre de l’article 7 et le formulaire de "
        "rapport en ligne.",
        "El 3 de febrero de 2026, el Comité escribió a todos los Estados Partes para "
        "recordarles el plazo del 30 de abril para los informes previstos en el artículo 7 y el "
        "formato de presentación de informes en línea.",
    ),
    "On 24 February 2026, the Committee wrote to every State Party with outstanding Article 9 "
    "obligations to ask about progress.": (
        "Le 24 février 2026, le Comité a écrit à chaque État partie ayant des obligations en "
        "suspens au titre de l’article 9 pour s’enquérir des progrès accomplis.",
        "El 24 de febrero de 2026, el Comité escribió a cada Estado Parte con obligaciones "
        "pendientes en virtud del artículo 9 para preguntar por los progresos realizados.",
    ),
    "On 10 March 2026, the Committee held, with the other committees, an online workshop on "
    "Article 7 reporting for States Parties and States not party.": (
        "Le 10 mars 2026, le Comité a organisé, avec les autres comités, un atelier en ligne "
        "sur les rapports au titre de l’article 7 à l’intention des États parties et des États "
        "non parties.",
        "El 10 de marzo de 2026, el Comité organizó, junto con los demás comités, un taller en "
        "línea sobre los informes previstos en el artículo 7 para los Estados Partes y los "
        "Estados no partes.",
    ),
    "On 12 May 2026, the Committee met a delegation concerning an alleged use of "
    "anti-personnel mines.": (
        "Le 12 mai 2026, le Comité a rencontré une délégation au sujet d’une allégation "
        "d’emploi de mines antipersonnel.",
        "El 12 de mayo de 2026, el Comité se reunió con una delegación en relación con un "
        "presunto empleo de minas antipersonal.",
    ),
    "On 26 May 2026, the Committee met representatives of the ICBL and the ICRC on matters of "
    "compliance.": (
        "Le 26 mai 2026, le Comité a rencontré des représentants de l’ICBL et du CICR sur des "
        "questions de respect des obligations.",
        "El 26 de mayo de 2026, el Comité se reunió con representantes de la ICBL y del CICR "
        "sobre cuestiones de cumplimiento.",
    ),
    "On 17 June 2026, the Committee presented its preliminary observations at the "
    "Intersessional Meetings.": (
        "Le 17 juin 2026, le Comité a présenté ses observations préliminaires lors des réunions "
        "intersessions.",
        "El 17 de junio de 2026, el Comité presentó sus observaciones preliminares en las "
        "reuniones entre períodos de sesiones.",
    ),
    "On 29 September 2026, the Committee wrote to every State Party that has not submitted an "
    "Article 7 report for one or more years and still has obligations under Article 5 or 4, or "
    "retains mines under Article 3.": (
        "Le 29 septembre 2026, le Comité a écrit à chaque État partie qui n’a pas soumis de "
        "rapport au titre de l’article 7 depuis un an ou plus et qui a encore des obligations "
        "au titre de l’article 5 ou 4, ou conserve des mines au titre de l’article 3.",
        "",  # not yet translated into Spanish
    ),
    "On 14 October 2026, the Committee reviewed its internal follow-up of the letters sent in "
    "September.": (
        "Le 14 octobre 2026, le Comité a examiné le suivi interne des lettres envoyées en "
        "septembre.",
        "El 14 de octubre de 2026, el Comité examinó el seguimiento interno de las cartas "
        "enviadas en septiembre.",
    ),
    "Encourage every State Party to submit its Article 7 report by 30 April.": (
        "Encourager chaque État partie à soumettre son rapport au titre de l’article 7 au plus "
        "tard le 30 avril.",
        "Alentar a cada Estado Parte a presentar su informe previsto en el artículo 7 a más "
        "tardar el 30 de abril.",
    ),
    "Engage the States Parties with outstanding Article 9 obligations.": (
        "Dialoguer avec les États parties ayant des obligations en suspens au titre de "
        "l’article 9.",
        "Dialogar con los Estados Partes que tienen obligaciones pendientes en virtud del "
        "artículo 9.",
    ),
    "Address compliance concerns in a cooperative spirit.": (
        "Traiter les préoccupations relatives au respect des obligations dans un esprit de "
        "coopération.",
        "Abordar las preocupaciones relativas al cumplimiento con espíritu de cooperación.",
    ),
    "Report on its activities at the Twenty-Fourth Meeting.": (
        "Rendre compte de ses activités à la vingt-quatrième Assemblée.",
        "",  # not yet translated into Spanish
    ),
    # Committee on Article 5 Implementation
    "On 27 January 2026, the Committee held its initial meeting and agreed its working methods "
    "for the year.": (
        "Le 27 janvier 2026, le Comité a tenu sa réunion initiale et a arrêté ses méthodes de "
        "travail pour l’année.",
        "El 27 de enero de 2026, el Comité celebró su reunión inicial y acordó sus métodos de "
        "trabajo para el año.",
    ),
    "On 21 April 2026, the Committee held a dialogue with Cambodia on its request to extend its "
    "Article 5 deadline.": (
        "Le 21 avril 2026, le Comité a tenu un dialogue avec le Cambodge sur sa demande de "
        "prolongation du délai prévu à l’article 5.",
        "El 21 de abril de 2026, el Comité mantuvo un diálogo con Camboya sobre su solicitud de "
        "prórroga del plazo previsto en el artículo 5.",
    ),
    "On 18 June 2026, the Committee presented its preliminary observations on the "
    "implementation of Article 5.": (
        "Le 18 juin 2026, le Comité a présenté ses observations préliminaires sur la mise en "
        "œuvre de l’article 5.",
        "El 18 de junio de 2026, el Comité presentó sus observaciones preliminares sobre la "
        "aplicación del artículo 5.",
    ),
    "On 25 August 2026, the Committee wrote to the States Parties whose Article 5 deadlines "
    "expire in 2027.": (
        "Le 25 août 2026, le Comité a écrit aux États parties dont les délais prévus à "
        "l’article 5 expirent en 2027.",
        "El 25 de agosto de 2026, el Comité escribió a los Estados Partes cuyos plazos previstos "
        "en el artículo 5 vencen en 2027.",
    ),
    "On 6 October 2026, the Committee agreed its analysis of the extension requests submitted "
    "in 2026.": (
        "Le 6 octobre 2026, le Comité a arrêté son analyse des demandes de prolongation "
        "présentées en 2026.",
        "El 6 de octubre de 2026, el Comité acordó su análisis de las solicitudes de prórroga "
        "presentadas en 2026.",
    ),
    "Follow the progress of each State Party clearing mined areas.": (
        "Suivre les progrès de chaque État partie qui dépollue des zones minées.",
        "Seguir los progresos de cada Estado Parte que despeja zonas minadas.",
    ),
    "Analyse every extension request submitted in 2027.": (
        "Analyser chaque demande de prolongation présentée en 2027.",
        "Analizar cada solicitud de prórroga presentada en 2027.",
    ),
    # Committee on Victim Assistance
    "On 3 February 2026, the Committee held its initial meeting of the year.": (
        "Le 3 février 2026, le Comité a tenu sa réunion initiale de l’année.",
        "El 3 de febrero de 2026, el Comité celebró su reunión inicial del año.",
    ),
    "On 14 April 2026, the Committee held an online workshop with mine survivors' organisations.": (
        "Le 14 avril 2026, le Comité a organisé un atelier en ligne avec des organisations de "
        "survivants des mines.",
        "El 14 de abril de 2026, el Comité organizó un taller en línea con organizaciones de "
        "sobrevivientes de minas.",
    ),
    "On 17 June 2026, the Committee presented its preliminary observations on victim assistance.": (
        "Le 17 juin 2026, le Comité a présenté ses observations préliminaires sur l’assistance "
        "aux victimes.",
        "El 17 de junio de 2026, el Comité presentó sus observaciones preliminares sobre la "
        "asistencia a las víctimas.",
    ),
    "Promote the inclusion of survivors in national policies.": (
        "Promouvoir l’inclusion des survivants dans les politiques nationales.",
        "Promover la inclusión de los sobrevivientes en las políticas nacionales.",
    ),
    # Committee on the Enhancement of Cooperation and Assistance
    "On 3 March 2026, the Committee held its initial meeting and reviewed the Platform for "
    "Partnerships.": (
        "Le 3 mars 2026, le Comité a tenu sa réunion initiale et a examiné la Plateforme pour "
        "les partenariats.",
        "El 3 de marzo de 2026, el Comité celebró su reunión inicial y examinó la Plataforma "
        "para las Alianzas.",
    ),
    "On 15 September 2026, the Committee brought Angola and its partners together for an "
    "individualised approach.": (
        "Le 15 septembre 2026, le Comité a réuni l’Angola et ses partenaires dans le cadre "
        "d’une approche individualisée.",
        "El 15 de septiembre de 2026, el Comité reunió a Angola y a sus asociados en el marco "
        "de un enfoque individualizado.",
    ),
    "Grow the Platform for Partnerships.": (
        "Développer la Plateforme pour les partenariats.",
        "Ampliar la Plataforma para las Alianzas.",
    ),
}


def _translated(text: str) -> dict[str, str]:
    french, spanish = TRANSLATIONS[text]
    return {"text_fr": french, "text_es": spanish}


def load(rng: random.Random) -> None:
    committees = {committee.code: committee for committee in Committee.objects.all()}
    states = {state.iso3: state for state in StateParty.objects.all()}
    articles = {article.number: article for article in Article.objects.all()}
    plan = services.save_action_plan(
        ActionPlan(
            code="SRAAP",
            name="Siem Reap-Angkor Action Plan",
            start_year=2025,
            end_year=2029,
            adopted_at=Meeting.objects.filter(kind="rc", number=5).first(),
        )
    )
    actions = {
        number: services.save_action(
            Action(plan=plan, number=number, section=section, short_title=title, text=text)
        )
        for number, section, title, text in ACTIONS
    }
    meetings = {
        (meeting.committee.code, meeting.start_date): meeting
        for meeting in Meeting.objects.filter(committee__isnull=False).select_related("committee")
    }
    matter = services.save_compliance_matter(
        ComplianceMatter(
            title="Alleged use of anti-personnel mines (illustrative)",
            kind=ComplianceMatter.Kind.ALLEGED_USE,
            opened_on=date(2026, 4, 28),
            status=ComplianceMatter.Status.IN_DIALOGUE,
            summary="Illustrative record: reports of an alleged use; the Committee engages "
            "the States concerned in a cooperative spirit (Art. 8.1).",
        ),
        states=[states["UKR"]],
    )
    for code, year, month, day, kind, text, level, iso3s, numbers, article_numbers in ACTIVITIES:
        on = date(year, month, day)
        services.save_activity(
            Activity(
                committee=committees[code],
                date=on,
                kind=kind,
                text=text,
                **_translated(text),
                visibility=level,
                meeting=meetings.get((code, on)),
                compliance_matter=matter if level == "confidential" and code == "CCC" else None,
            ),
            states=[states[iso3] for iso3 in iso3s],
            actions=[actions[number] for number in numbers],
            articles=[articles[number] for number in article_numbers],
        )
    for code, entries in PRIORITIES.items():
        for text, numbers, article_numbers in entries:
            services.save_priority(
                Priority(
                    committee=committees[code], period="2026-2027", text=text, **_translated(text)
                ),
                actions=[actions[number] for number in numbers],
                articles=[articles[number] for number in article_numbers],
            )
