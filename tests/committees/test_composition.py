from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from committees import services
from committees.calendar import FormalCalendar, president_on
from committees.composition import (
    composition_history,
    composition_on,
    compositions_on,
    member_line,
)
from committees.models import (
    MemberKind,
    Office,
    SeatTerm,
    parse_meeting_name,
    sort_key,
)

pytestmark = pytest.mark.django_db


def test_the_four_standing_committees_exist_after_migrating():
    from committees.models import Committee

    assert list(Committee.objects.values_list("code", "name", "chair_rule", "seats")) == [
        ("CA5", "Committee on Article 5 Implementation", "second_year", 4),
        ("CVA", "Committee on Victim Assistance", "second_year", 4),
        ("CECA", "Committee on the Enhancement of Cooperation and Assistance", "second_year", 4),
        ("CCC", "Committee on Cooperative Compliance", "president", 4),
    ]
    assert Committee.objects.get(code="CA5").mandate_items.count() == 4
    assert set(
        Committee.objects.get(code="CECA").requirements.values_list("member_kind__code", flat=True)
    ) == {"affected", "provider"}


# --- terms -----------------------------------------------------------------------------------


def test_term_arithmetic_across_a_review_conference_year(seat):
    # No ordinary Meeting in 2024: the Review Conference is the formal meeting of that year.
    term = seat("CA5", "DEU", "21MSP", "22MSP")
    assert (term.start_date, term.end_date) == (date(2023, 11, 24), date(2025, 12, 5))
    assert list(term.years) == [2024, 2025]
    closed_by_rc = seat("CA5", "BEL", "20MSP", "5RC")
    assert list(closed_by_rc.years) == [2023, 2024]
    assert seat("CA5", "JPN", "5RC", "23MSP").end_date == date(2026, 12, 4)


def test_a_term_must_last_two_formal_meetings(seat):
    with pytest.raises(ValidationError) as caught:
        seat("CA5", "DEU", "21MSP", "5RC")
    assert caught.value.message_dict == {
        "end_meeting": [
            "A term on this committee lasts 2 formal meetings: from the close of Meeting of "
            "the States Parties (21MSP) it ends at the close of Meeting of the States Parties "
            "(22MSP)."
        ]
    }
    with pytest.raises(ValidationError) as caught:
        seat("CA5", "DEU", "23MSP", "24MSP")
    assert caught.value.message_dict == {
        "end_meeting": [
            "A term on this committee lasts 2 formal meetings; record the meeting 2 after "
            "Meeting of the States Parties (23MSP) first."
        ]
    }


def test_overlapping_terms_of_one_state_are_refused(seat):
    seat("CA5", "DEU", "21MSP", "22MSP")
    with pytest.raises(ValidationError) as caught:
        seat("CA5", "DEU", "5RC", "23MSP")
    assert caught.value.message_dict == {
        "state": [
            "Germany already sits on this committee from the close of Meeting of the States "
            "Parties (21MSP) to the close of Meeting of the States Parties (22MSP); terms of "
            "one State on one committee cannot overlap."
        ]
    }
    # A consecutive term and a seat on another committee are fine.
    seat("CA5", "DEU", "22MSP", "24MSP")
    seat("CVA", "DEU", "5RC", "23MSP")
    assert SeatTerm.objects.filter(state__iso3="DEU").count() == 3


def test_no_more_members_than_seats(seat):
    for iso3 in ("BEL", "DEU"):
        seat("CA5", iso3, "21MSP", "22MSP")
    for iso3 in ("JPN", "PER"):
        seat("CA5", iso3, "5RC", "23MSP")
    with pytest.raises(ValidationError) as caught:
        seat("CA5", "THA", "5RC", "23MSP")
    assert caught.value.message_dict == {
        "state": ["Committee on Article 5 Implementation already has its 4 members in 2025."]
    }


# --- offices ---------------------------------------------------------------------------------


def test_chair_only_from_members_in_their_second_year(seat):
    first_year = seat("CA5", "JPN", "5RC", "23MSP")
    with pytest.raises(ValidationError) as caught:
        services.set_office(first_year, Office.Kind.CHAIR, 2025)
    assert caught.value.message_dict == {
        "year": [
            "The Chair is chosen from the members in the second year of their term; Japan is "
            "in its second year in 2026."
        ]
    }
    with pytest.raises(ValidationError) as caught:
        services.set_office(first_year, Office.Kind.CHAIR, 2027)
    assert caught.value.message_dict == {"year": ["Japan serves in 2025, 2026 only."]}
    office = services.set_office(first_year, Office.Kind.CHAIR, 2026)
    assert str(office) == "Chair 2026: Japan"


def test_one_chair_per_committee_and_year(seat):
    germany = seat("CA5", "DEU", "21MSP", "22MSP")
    thailand = seat("CA5", "THA", "21MSP", "22MSP")
    services.set_office(germany, Office.Kind.CHAIR, 2025)
    with pytest.raises(ValidationError) as caught:
        services.set_office(thailand, Office.Kind.CHAIR, 2025)
    assert caught.value.message_dict == {
        "kind": ["Chair of Committee on Article 5 Implementation in 2025 is already Germany."]
    }
    # Any member may be gender focal point, in either year.
    services.set_office(thailand, Office.Kind.GENDER_FOCAL_POINT, 2024)


def test_the_president_chairs_cooperative_compliance(seat):
    member = seat("CCC", "CAN", "21MSP", "22MSP")
    with pytest.raises(ValidationError) as caught:
        services.set_office(member, Office.Kind.CHAIR, 2025)
    assert caught.value.message_dict == {
        "kind": [
            "Committee on Cooperative Compliance is chaired by the President of the Convention."
        ]
    }
    # Japan presides from the close of the 5th Review Conference to the close of the 22nd MSP.
    assert member_line(member.committee, date(2025, 6, 1)) == "(Canada, Japan (Chair))"


# --- composition on a date -------------------------------------------------------------------


@pytest.fixture
def ca5(seat, standing_committees):
    affected = MemberKind.objects.get(code="affected")
    outgoing = [
        seat("CA5", "DEU", "21MSP", "22MSP"),
        seat("CA5", "THA", "21MSP", "22MSP", [affected]),
    ]
    seat("CA5", "JPN", "5RC", "23MSP")
    seat("CA5", "PER", "5RC", "23MSP")
    services.set_office(outgoing[0], Office.Kind.CHAIR, 2025)
    services.set_office(outgoing[1], Office.Kind.GENDER_FOCAL_POINT, 2025)
    return standing_committees["CA5"]


def test_composition_on_dates_around_the_close(ca5, seat):
    # The outgoing members serve up to and including the closing day of the 22nd Meeting.
    assert member_line(ca5, date(2025, 12, 5)) == "(Germany (Chair), Japan, Peru, Thailand)"
    on_close = composition_on(ca5, date(2025, 12, 5))
    assert on_close.year == 2025
    assert on_close.warnings == []
    # The next day the seats they leave are vacant until new members are recorded.
    after = composition_on(ca5, date(2025, 12, 6))
    assert after.line == "(Japan, Peru)"
    assert after.vacancies == 2
    assert after.year == 2026
    assert after.warnings == [
        "2 of 4 seats vacant.",
        "No member counts as “An affected State Party (with Article 5 obligations)”.",
        "No gender focal point named.",
        "No Chair chosen.",
    ]
    seat("CA5", "KHM", "22MSP", "24MSP")
    assert member_line(ca5, date(2025, 12, 6)) == "(Cambodia, Japan, Peru)"


def test_chair_in_first_year_is_flagged(ca5, seat):
    cambodia = seat("CA5", "KHM", "22MSP", "24MSP")
    # Recorded outside the service (e.g. historical data): the page must still warn.
    Office.objects.create(term=cambodia, kind=Office.Kind.CHAIR, year=2026)
    composition = composition_on(ca5, date(2026, 3, 1))
    assert "The Chair, Cambodia, is in the first year of its term." in composition.warnings
    # The public website asks for none (and reads none of what they need): the same members.
    (public,) = compositions_on(date(2026, 3, 1), [ca5], warnings=False)
    assert public.warnings == []
    assert [(m.state.iso3, m.is_chair) for m in public.members] == [
        (m.state.iso3, m.is_chair) for m in composition.members
    ]
    assert ("KHM", True) in [(m.state.iso3, m.is_chair) for m in public.members]


def test_member_line_order_ignores_accents(standing_committees, seat):
    for iso3 in ("TUR", "TKM", "CIV", "CAN"):
        seat("CVA", iso3, "5RC", "23MSP")
    assert member_line(standing_committees["CVA"], date(2025, 3, 1)) == (
        "(Canada, Côte d'Ivoire, Türkiye, Turkmenistan)"
    )
    assert sorted(["Türkiye", "Turkmenistan", "Tunisia"], key=sort_key) == [
        "Tunisia",
        "Türkiye",
        "Turkmenistan",
    ]


def test_composition_history_by_year(ca5):
    history = composition_history(ca5)
    assert [(year.year, year.line) for year in history] == [
        (2024, "(Germany, Thailand)"),
        (2025, "(Germany (Chair), Japan, Peru, Thailand)"),
        (2026, "(Japan, Peru)"),
    ]


def test_export_composition_command(ca5, capsys):
    from django.core.management import call_command

    call_command("export_composition", date="2025-06-01")
    lines = capsys.readouterr().out.splitlines()
    assert (
        lines[0]
        == "CA5\tCommittee on Article 5 Implementation\t(Germany (Chair), Japan, Peru, Thailand)"
    )
    assert lines[3] == "CCC\tCommittee on Cooperative Compliance\t(Japan (Chair))"


# --- the presidency --------------------------------------------------------------------------


def test_president_on_a_date(meetings):
    assert president_on(date(2024, 11, 30)) == meetings["22MSP"]
    assert president_on(date(2025, 12, 5)) == meetings["22MSP"]
    assert president_on(date(2025, 12, 6)) == meetings["23MSP"]
    # Before the first recorded meeting nobody is known to preside; during it, its President.
    assert president_on(date(2022, 11, 25)) == meetings["20MSP"]
    assert president_on(date(2022, 11, 20)) is None
    assert president_on(date(2030, 1, 1)) is None
    calendar = FormalCalendar()
    assert calendar.committee_year(date(2025, 12, 5)) == 2025
    assert calendar.committee_year(date(2025, 12, 6)) == 2026
    assert calendar.year_bounds(2024) == (date(2023, 11, 24), date(2024, 11, 29))


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("22MSP", ("msp", 22)),
        ("5rc", ("rc", 5)),
        (" 1MSP ", ("msp", 1)),
        ("MSP", None),
        ("22", None),
    ],
)
def test_meeting_names(text, parsed):
    assert parse_meeting_name(text) == parsed


def test_changeover_service(ca5, states, meetings):
    services.record_changeover(
        ca5,
        meetings["22MSP"],
        [states["KHM"], states["NOR"]],
        chair=states["JPN"],
        gender_focal_point=states["KHM"],
    )
    next_year = composition_on(ca5, date(2026, 1, 15))
    assert next_year.line == "(Cambodia, Japan (Chair), Norway, Peru)"
    assert [(m.state.iso3, m.year_of_term) for m in next_year.members] == [
        ("KHM", 1),
        ("JPN", 2),
        ("NOR", 1),
        ("PER", 2),
    ]
    assert next(m for m in next_year.members if m.is_gender_focal_point).state.iso3 == "KHM"


def test_changeover_is_all_or_nothing(ca5, states, meetings):
    with pytest.raises(ValidationError):
        services.record_changeover(
            ca5,
            meetings["22MSP"],
            [states["KHM"], states["NOR"]],
            chair=states["KHM"],
            gender_focal_point=None,
        )
    assert not SeatTerm.objects.filter(state__iso3__in=["KHM", "NOR"]).exists()


@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("en", "(Belgium, Cambodia, Germany, Japan (Chair), Peru)"),
        ("fr", "(Allemagne, Belgique, Cambodge, Japon (Président), Pérou)"),
        ("es", "(Alemania, Bélgica, Camboya, Japón (Presidente), Perú)"),
    ],
)
def test_the_member_line_is_in_the_readers_language_and_its_order(
    standing_committees, seat, language, line
):
    """The President (Japan) chairs the Committee on Cooperative Compliance; names and order
    follow the language the line is printed in."""
    for iso3 in ("PER", "DEU", "KHM", "BEL"):
        seat("CCC", iso3, "21MSP", "22MSP")
    with translation.override(language):
        assert member_line(standing_committees["CCC"], date(2025, 6, 1)) == line
