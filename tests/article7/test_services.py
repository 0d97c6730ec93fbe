"""Writing, submitting and handling online Article 7 reports through the services."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError

from article7 import access, services
from article7.models import FormSection, MinedArea, Report, RetainedMine, SectionStatus
from article7.services import SectionData
from article7.tasks import send_receipt
from correspondence.models import Letter
from reporting.models import ExpectedReport, Submission
from tests.factories import StatePartyFactory, UserFactory

from .conftest import fill

pytestmark = pytest.mark.django_db


def test_a_new_report_is_prefilled_from_the_last_one(report_2024, cambodia, submitter):
    report = services.start_report(state=cambodia, year_covered=2025, by=submitter)
    assert (report.previous, report.language, report.status) == (report_2024, "en", "draft")
    assert set(FormSection.objects.filter(report=report).values_list("status", flat=True)) == {
        SectionStatus.EMPTY
    }
    (row,) = RetainedMine.objects.filter(report=report)
    # The end of 2024 is the start of 2025; the year's movements start from nothing.
    assert (row.at_start, row.used_or_destroyed, row.at_end) == (80, 0, 80)
    assert list(MinedArea.objects.filter(report=report).values_list("area_m2", flat=True)) == [5000]
    with pytest.raises(ValidationError, match="already has a report covering 2025"):
        services.start_report(state=cambodia, year_covered=2025, by=submitter)


def test_two_people_saving_one_report_get_a_conflict_not_an_overwrite(report_2024, submitter):
    report = services.start_report(state=report_2024.state, year_covered=2025, by=submitter)
    opened_at = report.revision
    services.save_section(
        report=report,
        code="A",
        data=SectionData(narrative="First"),
        expected_revision=opened_at,
        by=submitter,
    )
    with pytest.raises(services.EditConflict, match="Someone else saved this report"):
        services.save_section(
            report=report,
            code="A",
            data=SectionData(narrative="Second"),
            expected_revision=opened_at,
            by=submitter,
        )
    assert FormSection.objects.get(report=report, code="A").narrative == "First"


def test_confirm_unchanged_names_the_year_of_the_previous_report(report_2024, submitter):
    report = services.start_report(state=report_2024.state, year_covered=2025, by=submitter)
    report = services.confirm_unchanged(
        report=report, code="E", expected_revision=report.revision, by=submitter
    )
    section = FormSection.objects.get(report=report, code="E")
    assert (section.status, section.no_change_since) == (SectionStatus.UNCHANGED, 2024)


def test_submission_is_refused_with_errors_and_asks_to_confirm_warnings(report_2024, submitter):
    report = services.start_report(state=report_2024.state, year_covered=2025, by=submitter)
    bad_d = SectionData(
        rows=({"mine_type": "PMN-2", "at_start": 80, "used_or_destroyed": 5, "at_end": 80},)
    )
    report = fill(report, submitter, D=bad_d)
    with pytest.raises(services.ReportHasErrors) as refused:
        services.submit(
            report=report,
            official_name="Sok",
            official_function="Director",
            confirm_warnings=True,
            by=submitter,
        )
    assert [(f.code, f.section, f.row, f.field) for f in refused.value.findings] == [
        ("retained_arithmetic", "D", 0, "at_end")
    ]
    assert Report.objects.get(pk=report.pk).status == "draft"


def test_a_submission_is_the_received_report_on_time_with_its_receipt(
    cambodia, submitter, django_capture_on_commit_callbacks
):
    with time_machine.travel(datetime(2026, 3, 2, 10, tzinfo=UTC)):
        report = services.start_report(state=cambodia, year_covered=2025, by=submitter)
        report = fill(report, submitter)
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            report = services.submit(
                report=report,
                official_name="Sok Chea",
                official_function="Director, Mine Action Authority",
                confirm_warnings=False,
                by=submitter,
            )
    # The receipt goes to the mail worker after commit.
    assert [c for c in callbacks if "queue_receipt" in c.__qualname__] != []
    assert report.status == "submitted"
    assert report.receipt_number == f"A7-KHM-20260302-{report.pk:06d}"
    submission = Submission.objects.get(state=cambodia, year=2025)
    assert (submission.received_on.isoformat(), submission.languages, submission.nothing_new) == (
        "2026-03-02",
        "en",
        False,
    )
    expected = ExpectedReport.objects.get(state=cambodia, kind="annual", year=2025)
    assert expected.status_on(expected.due_date) == "on_time"
    with pytest.raises(ValidationError, match="can no longer be changed"):
        services.save_section(
            report=report, code="A", data=SectionData(), expected_revision=None, by=submitter
        )
    mail.outbox.clear()
    assert send_receipt(report_id=report.pk, address="sok@mfa.example") is True
    (message,) = mail.outbox
    assert message.to == ["sok@mfa.example"]
    assert message.subject == f"Receipt {report.receipt_number}: Article 7 report received"
    assert "Receipt number: " + report.receipt_number in message.body


def test_a_late_report_is_late(cambodia, submitter):
    with time_machine.travel(datetime(2026, 6, 2, 10, tzinfo=UTC)):
        report = fill(
            services.start_report(state=cambodia, year_covered=2025, by=submitter), submitter
        )
        services.submit(
            report=report,
            official_name="Sok",
            official_function="Director",
            confirm_warnings=False,
            by=submitter,
        )
    expected = ExpectedReport.objects.get(state=cambodia, kind="annual", year=2025)
    assert expected.status_on(expected.due_date) == "late"


def test_a_correction_is_a_new_version_with_its_own_receipt(report_2024, submitter):
    figures = (report_2024.retained, report_2024.mined_area, report_2024.destroyed_article4)
    assert figures == (80, 5000, 0)
    correction = services.start_correction(report=report_2024, by=submitter)
    assert (correction.version, correction.previous, correction.status) == (2, report_2024, "draft")
    assert RetainedMine.objects.get(report=correction).at_end == 80
    with pytest.raises(ValidationError, match="Version 2 of this report already exists"):
        services.start_correction(report=report_2024, by=submitter)
    submitted = services.submit(
        report=correction,
        official_name="Sok",
        official_function="Director",
        confirm_warnings=True,
        by=submitter,
    )
    assert submitted.receipt_number not in ("", report_2024.receipt_number)
    assert Submission.objects.filter(state=report_2024.state, year=2024).count() == 1


def test_acknowledge_return_and_publish(report_2024, submitter):
    staff = UserFactory(role="isu_staff")
    report = services.acknowledge(report=report_2024, by=staff)
    assert report.status == "acknowledged"
    assert Submission.objects.get(state=report.state, year=2024).acknowledged_by == staff
    report = services.return_with_questions(
        report=report, questions="Please explain the 20 mines used.", by=staff
    )
    letter = Letter.objects.get()
    assert (report.status, report.return_letter, letter.status) == ("returned", letter, "draft")
    assert list(letter.states.all()) == [report.state]
    assert letter.body_en == "Please explain the 20 mines used."
    observer = UserFactory(role="observer")
    assert list(Report.objects.visible_to(observer)) == []
    report = services.publish(report=report, by=staff)
    assert list(Report.objects.visible_to(observer)) == [report]
    with pytest.raises(ValidationError):
        services.acknowledge(report=report, by=staff)


def test_registered_checks_add_writers_and_readers(report_2024, submitter):
    other = StatePartyFactory(iso3="PER", name="Peru")
    outsider = UserFactory(role="observer", username="reporter-khm")

    def check(user, report):
        return user.username == "reporter-khm" and report.state.iso3 == "KHM"

    def visible(user):
        from django.db.models import Q

        return Q(state__iso3="KHM") if user.username == "reporter-khm" else None

    peru = services.start_report(state=other, year_covered=2025, by=submitter)
    try:
        access.register_writer_check(check)
        access.register_visibility_filter(visible)
        assert access.may_write(outsider, report_2024)
        assert not access.may_write(outsider, peru)
        assert list(Report.objects.visible_to(outsider)) == [report_2024]
    finally:
        access.writer_checks.remove(check)
        access.visibility_filters.remove(visible)
    assert list(Report.objects.visible_to(outsider)) == []
