"""The analysis and draft decision as PDF in the language chosen for it: every label, the
State's and the Meeting's names, the dates and the draft marking in that language, read back
from the PDF as a reader sees it."""

from datetime import UTC, date, datetime

import pytest
import time_machine

from documents.pdf import render_source
from extensions import services
from extensions.models import Analysis, ExtensionRequest, RequestVersion
from tests.pdf_text import read_back

from .conftest import affected

pytestmark = pytest.mark.django_db

#: What the PDF says above the analysis's own text, in each language (the request's facts).
EXPECTED = {
    "en": {
        "title": "Analysis of the request submitted by Cambodia for an extension of its "
        "deadline under Article 5",
        "facts": "Submitted by the Committee on Article 5 Implementation "
        "Request received on 20 March 2025 Deadline when requested 1 March 2026 "
        "Deadline requested 31 December 2030 "
        "Version analysed Version 2: Revised request, received 2 May 2025",
        "headings": ("Analysis", "Draft decision"),
        "meeting": "Meeting of the States Parties (22MSP)",
        "watermark": "DRAFT",
        "footer": "Page 1 of 1",
    },
    "fr": {
        "title": "Analyse de la demande de prolongation du délai prévu à l’article 5 "
        "présentée par le Cambodge",
        "facts": "Présentée par le Comité sur l’application de l’article 5 "
        "Demande reçue le 20 mars 2025 Échéance au moment de la demande 1er mars 2026 "
        "Échéance demandée 31 décembre 2030 "
        "Version analysée Version 2 : Demande révisée, reçue le 2 mai 2025",
        "headings": ("Analyse", "Projet de décision"),
        "meeting": "Assemblée des États parties (22MSP)",
        "watermark": "PROJET",
        "footer": "Page 1 sur 1",
    },
    "es": {
        "title": "Análisis de la solicitud de prórroga del plazo previsto en el artículo 5 "
        "presentada por Camboya",
        "facts": "Presentado por el Comité sobre la Aplicación del Artículo 5 "
        "Solicitud recibida el 20 de marzo de 2025 "
        "Plazo en el momento de la solicitud 1 de marzo de 2026 "
        "Plazo solicitado 31 de diciembre de 2030 "
        "Versión analizada Versión 2: Solicitud revisada, recibida el 2 de mayo de 2025",
        "headings": ("Análisis", "Proyecto de decisión"),
        "meeting": "Reunión de los Estados Partes (22MSP)",
        "watermark": "BORRADOR",
        "footer": "Página 1 de 1",
    },
}


@pytest.fixture
def analysis(calendar, committees):
    cambodia = affected("KHM", "Cambodia", date(2015, 9, 10))
    with time_machine.travel(datetime(2025, 5, 20, 9, tzinfo=UTC)):
        request = services.receive_request(
            ExtensionRequest(
                state=cambodia,
                meeting=calendar["22MSP"],
                received_on=date(2025, 3, 20),
                symbol="APLC/MSP.22/2025/WP.3",
                requested_until=date(2030, 12, 31),
            ),
            RequestVersion(received_on=date(2025, 3, 20)),
        )
        services.add_version(RequestVersion(request=request, received_on=date(2025, 5, 2)))
        return services.save_analysis(
            Analysis(
                request=request,
                text="The request is complete.\n\nThe plan is workable.",
                draft_decision="The Meeting grants the request.",
            )
        )


def _pdf_text(analysis, tmp_path):
    with time_machine.travel(datetime(2025, 5, 20, 9, tzinfo=UTC)):
        source = analysis.pdf_source()
        path = tmp_path / source.filename
        path.write_bytes(render_source(source).content)
    return source, read_back(path)


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_the_analysis_prints_in_the_language_chosen_for_it(analysis, tmp_path, language):
    analysis.language = language
    services.save_analysis(analysis)
    expected = EXPECTED[language]
    source, pages = _pdf_text(analysis, tmp_path)
    assert source.language == language
    assert (
        source.filename
        == {
            "en": "extension-analysis-KHM-22MSP.pdf",
            "fr": "extension-analysis-KHM-22MSP-fr.pdf",
            "es": "extension-analysis-KHM-22MSP-es.pdf",
        }[language]
    )
    (page,) = pages
    body = page.body
    assert expected["title"] in body
    assert expected["meeting"] in body
    assert expected["facts"] in body
    analysis_heading, decision_heading = expected["headings"]
    assert (
        f"{analysis_heading} The request is complete. The plan is workable. "
        f"{decision_heading} The Meeting grants the request."
    ) in body
    # A draft until the Chair approves it, marked as such in its language.
    assert page.watermark == expected["watermark"]
    assert page.footer == expected["footer"]
    assert "APLC/MSP.22/2025/WP.3" in page.header


def test_the_approved_analysis_carries_no_draft_marking(analysis, tmp_path, ca5_chair):
    analysis.language = "fr"
    services.save_analysis(analysis)
    services.approve_analysis(analysis, ca5_chair, date(2025, 9, 15))
    _source, (page,) = _pdf_text(analysis, tmp_path)
    assert page.watermark == ""
    assert "PROJET" not in page.header
    assert "15 septembre 2025" in page.header
