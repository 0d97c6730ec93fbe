"""A public record for the tests of the public website: the standing committees (the CECA's
text as the migration ships it), States with their dates, formal meetings, the CECA chaired by
Colombia in 2026, and documents published at every level."""

import importlib
from datetime import UTC, date, datetime
from types import SimpleNamespace

from django.apps import apps
from django.core.files.base import ContentFile

from committees import services as committee_services
from committees.models import Meeting, Office, SeatTerm
from common.visibility import Visibility
from documents.models import Document, RenderJob
from tests.committee_fixtures import create_meetings, create_standing_committees, create_states
from tests.factories import (
    Article7ReportFactory,
    CommitteeMeetingFactory,
    DocumentFactory,
    DocumentVersionFactory,
    FormSectionFactory,
    MinedAreaFactory,
    NationalMeasureFactory,
    RenderJobFactory,
    StatePartyFactory,
    StockpiledMineFactory,
)

#: A day of the 2026 committee year (after the close of the 22nd Meeting).
TODAY = datetime(2026, 6, 1, 10, 0, tzinfo=UTC)
PDF = b"%PDF-1.4\n% the published report\n%%EOF\n"


def ship_committee_texts() -> None:
    """What the data migration ships (again, if a transactional test emptied the tables)."""
    importlib.import_module("public_site.migrations.0002_ceca_text").create(apps, None)


def publish(committee, symbol: str, visibility: str = Visibility.PUBLIC, **fields):
    document = DocumentFactory(
        committee=committee,
        symbol=symbol,
        visibility=visibility,
        status=Document.Status.PUBLISHED,
        **fields,
    )
    version = DocumentVersionFactory(document=document, number=1, visibility=visibility)
    job = RenderJobFactory(
        target=version, status=RenderJob.Status.DONE, filename=f"{symbol.replace('/', '-')}.pdf"
    )
    job.output.save("report.pdf", ContentFile(PDF))
    return version


def build_record() -> SimpleNamespace:
    committees = create_standing_committees()
    ship_committee_texts()
    states = create_states()
    states["COL"] = StatePartyFactory(iso3="COL", name="Colombia", deposit_date=date(2000, 9, 6))
    states["CHN"] = StatePartyFactory(
        iso3="CHN", name="China", deposit_date=None, instrument="", signature_date=None
    )
    meetings = create_meetings(states)

    def seat(code, iso3, start, end):
        return committee_services.save_term(
            SeatTerm(
                committee=committees[code],
                state=states[iso3],
                start_meeting=meetings[start],
                end_meeting=meetings[end],
            )
        )

    chair = seat("CECA", "COL", "5RC", "23MSP")
    seat("CECA", "NOR", "5RC", "23MSP")
    seat("CECA", "THA", "22MSP", "24MSP")
    seat("CECA", "CHE", "22MSP", "24MSP")
    committee_services.set_office(chair, Office.Kind.CHAIR, 2026)
    intersessional = Meeting.objects.create(
        kind=Meeting.Kind.INTERSESSIONAL,
        start_date=date(2026, 6, 16),
        end_date=date(2026, 6, 19),
        venue="Geneva",
    )
    private_meeting = CommitteeMeetingFactory(
        committee=committees["CECA"], title="Private CECA working session"
    )
    public = publish(
        committees["CECA"],
        "APLC/MSP.22/2025/WP.7",
        meeting=meetings["22MSP"],
        date=date(2025, 11, 1),
    )
    internal = publish(committees["CECA"], "APLC/INTERNAL/2025/WP.8", Visibility.INTERNAL)
    for_states = publish(committees["CA5"], "APLC/SP-ONLY/2025/WP.9", Visibility.STATES_PARTIES)
    draft = DocumentFactory(committee=committees["CECA"], symbol="APLC/DRAFT/2026/WP.1")
    return SimpleNamespace(
        committees=committees,
        states=states,
        meetings=meetings,
        intersessional=intersessional,
        private_meeting=private_meeting,
        public=public,
        internal=internal,
        for_states=for_states,
        draft=draft,
    )


def published_report(state, *, year=2025, version=1, language="es", rows=1):
    """A published Article 7 report in Spanish: Form A edited (a law, a narrative), Form B
    unchanged since 2023 with a stockpile, Form C edited (mined areas, an explanation), the
    other forms empty."""
    report = Article7ReportFactory(
        state=state,
        year_covered=year,
        version=version,
        language=language,
        status="published",
        visibility="public",
        submitted_at=datetime(2026, 4, 28, 9, 0, tzinfo=UTC),
        published_at=datetime(2026, 5, 12, 9, 0, tzinfo=UTC),
        stockpile=1200,
    )
    FormSectionFactory(
        report=report, code="A", status="edited", narrative="Ley nacional de aplicación."
    )
    FormSectionFactory(report=report, code="B", status="unchanged", no_change_since=2023)
    FormSectionFactory(
        report=report,
        code="C",
        status="edited",
        narrative="Zonas del sector 4.",
        explanation="Nuevas zonas encontradas.",
    )
    for position in range(rows):
        NationalMeasureFactory(
            report=report,
            position=position,
            title=f"Ley {position + 1}",
            adopted_on=date(2024, 3, 1),
        )
        MinedAreaFactory(
            report=report, position=position, location=f"Sector {position + 4}", area_m2=2_500_000
        )
    StockpiledMineFactory(report=report, quantity=1200)
    return report
