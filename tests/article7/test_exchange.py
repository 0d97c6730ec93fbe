"""Reports in and out as JSON: the import and export commands, a round trip for any report,
and the same checks as the forms."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from article7 import exchange
from article7.data import report_data
from article7.models import ROW_MODELS, Report
from reporting.models import Submission
from tests.factories import StatePartyFactory
from tests.utils import examples

line = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp", "Cf")), max_size=30
)
text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r"), max_size=60
)
count = st.integers(min_value=0, max_value=10**12)
day = st.dates().map(lambda d: d.isoformat())


def _value(model, name):
    from django.db import models

    field = model._meta.get_field(name)
    if isinstance(field, models.BooleanField):
        return st.booleans()
    if isinstance(field, models.DateField):
        return st.one_of(st.none(), day)
    if isinstance(field, models.IntegerField):
        if field.choices:
            return st.sampled_from([choice for choice, _label in field.choices])
        return st.one_of(st.none(), count) if field.null else count
    if field.choices:
        return st.sampled_from([choice for choice, _label in field.choices])
    if isinstance(field, models.CharField):
        return line.map(lambda value: value[: field.max_length])
    return text


def _rows(code):
    model = ROW_MODELS[code]
    return st.lists(
        st.fixed_dictionaries({name: _value(model, name) for name in model.FIELDS}), max_size=3
    )


sections = st.fixed_dictionaries(
    {
        code: st.fixed_dictionaries(
            {
                "status": st.sampled_from(["empty", "edited", "unchanged"]),
                "narrative": text,
                "explanation": text,
                "no_change_since": st.one_of(st.none(), st.integers(1999, 2024)),
                "rows": _rows(code),
            }
        )
        for code in "ABCDEFGHIJ"
    }
)
reports = st.fixed_dictionaries(
    {
        "format": st.just("article7-report/1"),
        "state": st.just("KHM"),
        "year_covered": st.one_of(st.none(), st.integers(1999, 2030)),
        "version": st.integers(1, 3),
        "language": st.sampled_from(["en", "fr", "es"]),
        "status": st.just("draft"),
        "submitted_at": st.none(),
        "submitted_by_name": line,
        "submitted_by_function": line,
        "receipt_number": line.map(lambda value: value[:40]),
        "sections": sections,
    }
)


class TestRoundTrip(TestCase):
    @settings(
        max_examples=examples(60),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(data=reports)
    def test_export_then_import_gives_the_same_report(self, data):
        StatePartyFactory(iso3="KHM", name="Cambodia")
        report, _found = exchange.import_report(data)
        exported = report_data(report, context=False)
        assert exported == data
        # And the export imports back onto the same draft, unchanged.
        again, _found = exchange.import_report(json.loads(json.dumps(exported)))
        assert again.pk == report.pk
        assert report_data(again, context=False) == data


pytestmark = pytest.mark.django_db


def test_import_refuses_a_broken_file_naming_every_problem(db, tmp_path):
    StatePartyFactory(iso3="KHM", name="Cambodia")
    path = tmp_path / "broken.json"
    path.write_text(
        json.dumps(
            {
                "state": "XXX",
                "year_covered": "2024",
                "sections": {"D": {"rows": [{"at_end": -1, "colour": "red"}]}, "Z": {}},
            }
        )
    )
    with pytest.raises(exchange.ReportInvalid) as invalid:
        exchange.import_report(json.loads(path.read_text()))
    assert invalid.value.problems == [
        ("state", "No State Party has this ISO code."),
        ("year_covered", "Expected a year from 1999, or null for the initial report."),
        ("sections.Z", "Forms are letters A to J."),
        ("sections.D.rows.0.colour", "Unknown field."),
        ("sections.D.rows.0.at_end", "Enter a whole number of zero or more."),
    ]
    with pytest.raises(CommandError, match="5 problem"):
        call_command("import_article7_report", str(path))
    assert Report.objects.count() == 0


def test_a_historical_report_is_recorded_as_received(db, tmp_path):
    state = StatePartyFactory(iso3="KHM", name="Cambodia")
    data = {
        "state": "KHM",
        "year_covered": 2019,
        "language": "fr",
        "status": "submitted",
        "submitted_at": datetime(2020, 4, 20, 9, tzinfo=UTC).isoformat(),
        "submitted_by_name": "Ly Thuch",
        "submitted_by_function": "Premier vice-président",
        "receipt_number": "OLD-1",
        "sections": {"D": {"rows": [{"mine_type": "PMN", "at_start": 5, "at_end": 5}]}},
    }
    path = tmp_path / "khm-2019.json"
    path.write_text(json.dumps(data))
    call_command("import_article7_report", str(path))
    report = Report.objects.get(state=state)
    assert (report.status, report.retained, report.language) == ("submitted", 5, "fr")
    submission = Submission.objects.get(state=state, year=2019)
    assert (submission.received_on.isoformat(), submission.mines_retained) == ("2020-04-20", 5)
    out = tmp_path / "out.json"
    call_command("export_article7_report", "--state", "khm", "--year", "2019", "--out", str(out))
    exported = json.loads(out.read_text())
    assert exported["sections"]["D"]["rows"][0]["at_end"] == 5
    assert exported["receipt_number"] == "OLD-1"
    with pytest.raises(CommandError, match="already recorded and was submitted"):
        call_command("import_article7_report", str(path))
