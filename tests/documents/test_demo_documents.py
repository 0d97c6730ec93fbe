import re
import subprocess
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from activities.models import Action, Activity, ComplianceMatter, Priority
from committees.models import Committee, Meeting
from documents.assembly import pdf_source_for_snapshot, snapshot, untranslated
from documents.demo import DOCUMENT_DATE
from documents.models import Document
from documents.pdf import render_source
from documents.tasks import run_job
from states_parties.models import StateParty
from tests.documents.test_pdf import pdf_text
from tests.pdf_text import stored_path
from tests.utils import log_in_client

pytestmark = pytest.mark.django_db


@pytest.mark.slow
def test_the_demo_has_an_action_plan_a_year_of_activities_and_documents(demo_data, media_root):
    assert Action.objects.filter(plan__code="SRAAP").count() == 10
    assert {
        code: Activity.objects.filter(committee__code=code).count()
        for code in ("CCC", "CA5", "CVA", "CECA")
    } == {"CCC": 9, "CA5": 5, "CVA": 3, "CECA": 2}
    assert Priority.objects.filter(period="2026-2027").count() == 8
    assert ComplianceMatter.objects.get().engagements.count() == 1
    for activity in Activity.objects.all():
        activity.full_clean()

    published = Document.objects.get(symbol="APLC/MSP.23/2026/WP.4", language="en")
    assert (published.status, published.versions.count()) == ("published", 1)
    version = published.versions.get()
    numbered = [p["text"][:24] for s in version.snapshot["sections"] for p in s["paragraphs"]]
    assert numbered == [
        "On 20 January 2026, the ",
        "On 3 February 2026, the ",
        "On 24 February 2026, the",
        "On 10 March 2026, the Co",
        "On 17 June 2026, the Com",
        "On 29 September 2026, th",
        "Encourage every State Pa",
        "Engage the States Partie",
        "Address compliance conce",
        "Report on its activities",
    ]
    job = run_job(version.render_jobs.get().pk)
    text = " ".join(pdf_text(stored_path(job.output)).split())
    assert "Committee on Cooperative Compliance" in text
    assert "alleged use" not in text  # the confidential engagement stays out of a public text
    assert Document.objects.get(symbol="APLC/MSP.23/2026/WP.2").status == "submitted"
    assert "22e" not in text and "23rd Meeting of the States Parties Geneva, 30 November–4 " in text

    # The same document in French, complete and published; in Spanish, two paragraphs are not
    # yet translated: a draft that cannot be published.
    french = Document.objects.get(symbol="APLC/MSP.23/2026/WP.4", language="fr")
    spanish = Document.objects.get(symbol="APLC/MSP.23/2026/WP.4", language="es")
    assert (french.status, french.versions.count(), spanish.status) == (
        "published",
        1,
        "draft",
    )
    assert untranslated(french.versions.get().snapshot) == []
    assert [p["number"] for p in untranslated(snapshot(spanish))] == [6, 10]
    client = Client()
    log_in_client(client, get_user_model().objects.get(username="isu"))
    rows = client.get(f"/documents/{published.pk}/").context["language_versions"]
    assert [(row["code"], row["missing"]) for row in rows] == [
        ("en", []),
        ("fr", []),
        ("es", [6, 10]),
    ]


def test_no_english_state_name_in_the_demos_documents_in_french_and_spanish(demo_data, media_root):
    """Every kind of document, for every committee of the demo, made in French and Spanish
    from the record, and the demo's own French and Spanish versions: no State is named in
    English where its name differs in that language (member lines, tables, paragraphs)."""
    states = list(StateParty.objects.all())
    meeting = Meeting.objects.get(kind="msp", number=23)
    texts: dict[tuple[str, str, str], str] = {}
    for language in ("fr", "es"):
        for committee in Committee.objects.all():
            for kind in Document.Kind.values:
                if kind == Document.Kind.ARTICLE7_STATUS and committee.code != "CCC":
                    continue  # the same tables whoever submits them
                document = Document(
                    committee=committee,
                    kind=kind,
                    period="2026-2027",
                    date=DOCUMENT_DATE,
                    language=language,
                    symbol="APLC/MSP.23/2026/WP.9",
                    meeting=meeting,
                    agenda_item="10",
                    visibility="confidential",  # every paragraph of the record
                )
                source = pdf_source_for_snapshot(snapshot(document), draft=True, version=1)
                texts[(language, committee.code, kind)] = _text(render_source(source).content)
        for document in Document.objects.filter(language=language):
            texts[(language, "saved", document.symbol)] = _text(
                render_source(document.pdf_source()).content
            )
    assert len(texts) == 2 * (4 * 3 + 1 + 1)
    leaks = {}
    for (language, *what), text in texts.items():
        for state in states:
            if state.name != state.name_in(language) and re.search(
                rf"(?<!\w){re.escape(state.name)}(?!\w)", text
            ):
                leaks.setdefault((language, *what), []).append(state.name)
    assert leaks == {}
    # The tables do name the States, in the language.
    assert "Ucrania" in texts[("es", "CCC", "article7-status")]
    assert (
        "(Canadá, Filipinas, México, Sudáfrica, Zambia (Presidente))"
        in (texts[("es", "CCC", "activities-priorities")])
    )
    assert (
        "(Afrique du Sud, Canada, Mexique, Philippines, Zambie (Président))"
        in (texts[("fr", "CCC", "activities-priorities")])
    )


def _text(content: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()


@pytest.mark.slow
def test_the_readmes_render_document_example_renders_the_demos_period(
    demo_data, media_root, tmp_path
):
    """The command as the README writes it, on the demo data: the CCC's activities and
    priorities of the demo's period, not an empty page."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    example = re.search(r"python manage.py (render_document .*?)#", readme, re.DOTALL)
    arguments = example[1].replace("\\\n", " ").split()
    output = tmp_path / "ccc.pdf"
    arguments[arguments.index("--out") + 1] = str(output)
    printed = StringIO()
    call_command(*arguments, stdout=printed)
    assert "1 page(s), 10 paragraph(s)" in printed.getvalue()
    text = " ".join(pdf_text(output).split())
    assert "Activities and Priorities for Implementation 2026-2027" in text
    assert "1. On 20 January 2026, the Committee held its initial meeting" in text
