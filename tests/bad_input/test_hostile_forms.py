"""Every form, fed arbitrary and hostile values: either errors on the form, or a save that works.

Never a crash (a 500 for the user), never a half-saved record: a form that validates is saved
by the same service its view calls, and any refusal of that service is a ``ValidationError``
that the view shows on the form.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import QueryDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.forms import TokenForm
from committees import services as committee_services
from committees.forms import (
    CommitteeForm,
    MeetingForm,
    OfficeForm,
    RepresentativeForm,
    SeatTermForm,
)
from common.forms import HistoryFilterForm
from reporting import services as reporting_services
from reporting.forms import Article9RecordForm, AudienceForm, SubmissionForm
from states_parties import services as state_services
from states_parties.forms import (
    Article5ExtensionForm,
    ContactForm,
    RetainedMinesForm,
    StatePartyForm,
)
from tests.utils import examples

pytestmark = pytest.mark.django_db

HOSTILE = [
    "",
    " ",
    "0",
    "1",
    "-1",
    "9" * 30,
    "1e309",
    "NaN",
    "2024-02-30",
    "2024-04-02",
    "1997-12-03",
    "1999-04-23",
    "31/12/2024",
    "99999-01-01",
    "true",
    "on",
    "=cmd|' /C calc'!A0",
    "<script>alert(1)</script>",
    "a\x00b",
    "\u202e",
    "x" * 5000,
    "KHM",
    "CA5",
    "annual",
    "public",
    "confidential",
    "granted",
    "chair",
    "msp",
    "committee",
    "hand_picked",
    "ratification",
    "someone@mission.example",
    "https://reports.example/r.pdf",
    "javascript:alert(1)",
]


def values_for(field_names, pks):
    """A strategy of form data: for each field, hostile text, a real key, or nothing."""
    value = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=20), st.sampled_from(pks).map(str))
    return st.fixed_dictionaries(
        {},
        optional={name: st.one_of(value, st.lists(value, max_size=3)) for name in field_names},
    )


FUZZ = settings(
    max_examples=examples(60),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def records(standing_committees, meetings, states, seat):
    from accounts.models import User

    term = seat("CA5", "DEU", "21MSP", "22MSP")
    user = User.objects.create_user("someone")
    return {
        "state": states["KHM"],
        "term": term,
        "pks": sorted(
            {
                states["KHM"].pk,
                term.pk,
                user.pk,
                meetings["22MSP"].pk,
                standing_committees["CA5"].pk,
            }
        ),
    }


def _saves(records):
    """(form class, how to build it, how its view saves it)."""
    state, term = records["state"], records["term"]
    return [
        (StatePartyForm, {}, lambda form: state_services.save_state_party(form.instance)),
        (
            Article5ExtensionForm,
            {"parent": state},
            lambda f: state_services.save_extension(f.instance),
        ),
        (
            RetainedMinesForm,
            {"parent": state},
            lambda f: state_services.save_retained_mines(f.instance),
        ),
        (ContactForm, {"parent": state}, lambda f: state_services.save_contact(f.instance)),
        (
            MeetingForm,
            {},
            lambda f: committee_services.save_meeting(f.instance, f.cleaned_data["states"]),
        ),
        (
            CommitteeForm,
            {},
            lambda f: committee_services.save_committee(f.instance, f.mandate_items()),
        ),
        (
            SeatTermForm,
            {"parent": term.committee},
            lambda f: committee_services.save_term(f.instance, f.cleaned_data["kinds"]),
        ),
        (
            OfficeForm,
            {"parent": term},
            lambda f: committee_services.set_office(
                term, f.cleaned_data["kind"], f.cleaned_data["year"]
            ),
        ),
        (
            RepresentativeForm,
            {"parent": term},
            lambda f: committee_services.save_representative(f.instance),
        ),
        (SubmissionForm, {}, lambda f: reporting_services.save_submission(f.instance)),
        (Article9RecordForm, {}, lambda f: reporting_services.save_article9_record(f.instance)),
        (
            AudienceForm,
            {},
            lambda f: reporting_services.save_audience(f.instance, f.cleaned_data["states"]),
        ),
        (HistoryFilterForm, {}, None),
    ]


#: Services whose refusals views catch and show on the form (``common.views.apply_service``).
REFUSALS_SHOWN_ON_THE_FORM = {SeatTermForm, OfficeForm}


@pytest.mark.parametrize("index", range(13))
@FUZZ
@given(data=st.data())
def test_every_form_refuses_clearly_or_saves(records, index, data):
    form_class, kwargs, save = _saves(records)[index]
    field_names = list(form_class(**kwargs).fields)
    drawn = data.draw(values_for(field_names, records["pks"]))
    form_data = QueryDict(mutable=True)  # what a request carries: every value is text
    for name, value in drawn.items():
        form_data.setlist(name, value if isinstance(value, list) else [value])
    with transaction.atomic():
        form = form_class(form_data, **kwargs)
        if form.is_valid():
            if save is not None:
                try:
                    save(form)
                except ValidationError:
                    assert form_class in REFUSALS_SHOWN_ON_THE_FORM
        else:
            assert form.errors
            for messages in form.errors.values():
                assert all(str(message).strip() for message in messages)
        transaction.set_rollback(True)


def test_the_token_form_takes_digits_only(db):
    assert TokenForm({"token": "12a456"}).errors == {"token": ["The code is made of digits only."]}
    assert TokenForm({"token": "=1+1"}).errors["token"] == [
        "Ensure this value has at least 6 characters (it has 4).",
    ]
    assert TokenForm({"token": "123 456"}).is_valid()


def test_a_state_form_with_a_formula_for_a_name_is_kept_as_text(staff_client):
    """Forms keep what people type (exports defuse formulas): no silent rewriting."""
    from states_parties.models import StateParty

    response = staff_client.post(
        "/states/new/",
        {
            "iso3": "KHM",
            "name": "=1+1",
            "regional_group": "asia_pacific",
            "signature_date": "1997-12-03",
            "instrument": "ratification",
            "deposit_date": date(1999, 7, 28).isoformat(),
        },
    )
    assert response.status_code == 302
    assert StateParty.objects.get().name == "=1+1"
