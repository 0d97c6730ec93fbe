"""The validation rules of Article 7 reports, as properties of their data (no database)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from article7 import rules
from article7.rules import Finding
from tests.utils import examples

counts = st.integers(min_value=0, max_value=10**9)


def report(year=2025, sections=None, context=None) -> dict:
    data = {
        "year_covered": year,
        "sections": {code: {"status": "edited", "rows": []} for code in "ABCDEFGHIJ"},
        "context": context or {},
    }
    for code, section in (sections or {}).items():
        data["sections"][code] = {"status": "edited", "rows": [], **section}
    return data


def codes(found: list[Finding]) -> set[tuple[str, str, str, int | None, str]]:
    return {(f.code, f.section, f.field, f.row, f.level) for f in found}


@settings(max_examples=examples(200), deadline=None)
@given(start=counts, used=counts, received=counts, transferred=counts)
def test_form_d_rows_that_add_up_are_accepted(start, used, received, transferred):
    end = start - used + received - transferred
    row = {
        "at_start": start,
        "used_or_destroyed": used,
        "received": received,
        "transferred": transferred,
        "at_end": end,
    }
    found = rules.findings(report(sections={"D": {"rows": [row]}}))
    if end >= 0:
        assert found == []
    else:
        assert codes(found) == {("not_a_whole_number", "D", "at_end", 0, "error")}


@settings(max_examples=examples(200), deadline=None)
@given(start=counts, used=counts, received=counts, transferred=counts, end=counts)
def test_form_d_arithmetic_error_is_on_the_end_of_the_year(start, used, received, transferred, end):
    row = {
        "at_start": start,
        "used_or_destroyed": used,
        "received": received,
        "transferred": transferred,
        "at_end": end,
    }
    found = rules.findings(report(sections={"D": {"rows": [{}, row]}}))
    if start - used + received - transferred == end:
        assert found == []
    else:
        assert codes(found) == {("retained_arithmetic", "D", "at_end", 1, "error")}
        expected = start - used + received - transferred
        assert f"leaves {expected} at the end of the year, not {end}." in found[0].message


@settings(max_examples=examples(200), deadline=None)
@given(before=counts, start=counts, explanation=st.sampled_from(["", "  ", "Recount in March."]))
def test_form_d_continues_last_years_end_unless_explained(before, start, explanation):
    data = report(
        sections={
            "D": {
                "rows": [{"at_start": start, "at_end": start}],
                "explanation": explanation,
            }
        },
        context={"previous": {"year_covered": 2024, "retained_at_end": before}},
    )
    found = rules.findings(data)
    if before == start or explanation.strip():
        assert found == []
    else:
        assert codes(found) == {("retained_continuity", "D", "explanation", None, "error")}


def test_continuity_compares_only_with_the_year_before():
    data = report(
        sections={"D": {"rows": [{"at_start": 5, "at_end": 5}]}},
        context={"previous": {"year_covered": 2022, "retained_at_end": 9}},
    )
    assert rules.findings(data) == []


@settings(max_examples=examples(100), deadline=None)
@given(
    value=st.one_of(
        st.integers(max_value=-1), st.text().filter(lambda t: not t.strip().isdigit() and t != "")
    )
)
def test_negative_or_not_whole_counts_are_errors(value):
    data = report(sections={"B": {"rows": [{"mine_type": "PMN", "quantity": value}]}})
    assert codes(rules.findings(data)) == {("not_a_whole_number", "B", "quantity", 0, "error")}


@settings(max_examples=examples(100), deadline=None)
@given(day=st.dates())
def test_destruction_dates_are_inside_the_year_covered(day):
    data = report(sections={"G": {"rows": [{"quantity": 1, "destroyed_on": day.isoformat()}]}})
    found = rules.findings(data)
    if day.year == 2025:
        assert found == []
    else:
        assert codes(found) == {("date_outside_year", "G", "destroyed_on", 0, "error")}


@settings(max_examples=examples(100), deadline=None)
@given(
    before=counts, areas=st.lists(counts, max_size=4), reason=st.sampled_from(["", "New survey."])
)
def test_a_growing_mined_area_needs_a_reason(before, areas, reason):
    data = report(
        sections={"C": {"rows": [{"area_m2": a} for a in areas], "explanation": reason}},
        context={"previous": {"year_covered": 2024, "mined_area": before}},
    )
    found = rules.findings(data)
    if sum(areas) > before and not reason:
        assert codes(found) == {("area_growth_unexplained", "C", "explanation", None, "error")}
    else:
        assert found == []


@settings(max_examples=examples(100), deadline=None)
@given(flags=st.lists(st.booleans(), min_size=1, max_size=5))
def test_after_completion_every_mined_area_must_be_previously_unknown(flags):
    data = report(
        sections={"C": {"rows": [{"area_m2": 10, "previously_unknown": f} for f in flags]}},
        context={"clearance_completed_on": "2020-11-30"},
    )
    assert codes(rules.findings(data)) == {
        ("area_after_completion", "C", "previously_unknown", index, "error")
        for index, flag in enumerate(flags)
        if not flag
    }


def test_a_stockpile_after_the_article4_deadline_is_a_warning_flagged_to_the_isu():
    data = report(
        sections={
            "B": {"rows": [{"mine_type": "PMN", "quantity": 3}]},
            "G": {"rows": [{"article": 4, "quantity": 1, "destroyed_on": "2025-03-01"}]},
        },
        context={"article4_deadline": "2004-03-01", "article4_open": True},
    )
    found = rules.findings(data)
    assert codes(found) == {("article4_stockpile_after_deadline", "B", "quantity", None, "warning")}
    assert "article4_stockpile_after_deadline" in rules.FLAGGED
    # Before the deadline, nothing to flag.
    data["context"]["article4_deadline"] = "2026-03-01"
    assert rules.findings(data) == []


def test_every_required_form_must_be_edited_or_confirmed():
    data = report()
    data["sections"]["C"]["status"] = "empty"
    data["sections"]["J"]["status"] = "empty"
    assert codes(rules.findings(data)) == {("section_not_confirmed", "C", "", None, "error")}


def test_messages_are_in_the_active_language():
    from django.utils import translation

    data = report(sections={"G": {"rows": [{"destroyed_on": "2024-01-02"}]}})
    with translation.override("en"):
        (finding,) = rules.findings(data)
    assert finding.message == "2024-01-02 is not in 2025, the year this report covers."
