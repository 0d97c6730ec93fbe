"""The demonstration activities and priorities in French and Spanish (``activities.demo``)."""

from __future__ import annotations

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


def translated(text: str) -> dict[str, str]:
    """The French and Spanish fields of a demonstration record whose English is ``text``."""
    french, spanish = TRANSLATIONS[text]
    return {"text_fr": french, "text_es": spanish}
