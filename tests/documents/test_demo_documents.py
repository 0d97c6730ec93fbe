from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from activities.models import Action, Activity, ComplianceMatter, Priority
from documents.models import Document
from documents.tasks import run_job
from tests.documents.test_pdf import pdf_text

pytestmark = pytest.mark.django_db


@pytest.mark.slow
def test_the_demo_has_an_action_plan_a_year_of_activities_and_documents(media_root):
    call_command("load_demo", stdout=StringIO())
    assert Action.objects.filter(plan__code="SRAAP").count() == 10
    assert {
        code: Activity.objects.filter(committee__code=code).count()
        for code in ("CCC", "CA5", "CVA", "CECA")
    } == {"CCC": 9, "CA5": 5, "CVA": 3, "CECA": 2}
    assert Priority.objects.filter(period="2026-2027").count() == 8
    assert ComplianceMatter.objects.get().engagements.count() == 1
    for activity in Activity.objects.all():
        activity.full_clean()

    published = Document.objects.get(symbol="APLC/MSP.23/2026/WP.4")
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
    text = " ".join(pdf_text(Path(job.output.path)).split())
    assert "Committee on Cooperative Compliance" in text
    assert "alleged use" not in text  # the confidential engagement stays out of a public text
    assert Document.objects.get(symbol="APLC/MSP.23/2026/WP.2").status == "submitted"
