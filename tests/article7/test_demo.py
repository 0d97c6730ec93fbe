"""The demonstration data has Cambodia's and Peru's reports for two consecutive years."""

import pytest
from django.utils import timezone

from article7.models import Report
from reporting.models import Submission


@pytest.mark.django_db
def test_demo_reports_of_cambodia_and_peru(demo_data):
    last = timezone.localdate().year - 1
    reports = {(r.state.iso3, r.year_covered): r for r in Report.objects.select_related("state")}
    assert sorted(reports) == [("KHM", last - 1), ("KHM", last), ("PER", last - 1), ("PER", last)]
    assert {key: r.status for key, r in reports.items()} == {
        ("KHM", last - 1): "published",
        ("KHM", last): "submitted",
        ("PER", last - 1): "published",
        ("PER", last): "submitted",
    }
    # The end of one year is the start of the next; the figures are the committees'.
    assert (reports["KHM", last - 1].retained, reports["KHM", last].retained) == (850, 700)
    assert reports["PER", last].language == "es"
    assert Submission.objects.filter(state__iso3="KHM", year=last).get().mines_retained == 700
