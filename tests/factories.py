"""Test data. States get real ISO codes where they fit and synthetic ones beyond."""

import itertools
import string
from datetime import date

import factory
from django.contrib.auth import get_user_model
from django_countries import countries

from states_parties.models import Contact, Instrument, StateParty

REAL_ISO3 = sorted(countries.alpha3(code) for code, _name in countries)


def synthetic_iso3():
    """Real alpha-3 codes first, then three-letter codes no country uses (for large sets)."""
    real = set(REAL_ISO3)
    yield from REAL_ISO3
    for letters in itertools.product(string.ascii_uppercase, repeat=3):
        code = "".join(letters)
        if code not in real:
            yield code


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"User {n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@secretariat.example")
    password = factory.django.Password("correct horse battery staple")
    role = "observer"


class StatePartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StateParty
        django_get_or_create = ("iso3",)

    iso3 = factory.Iterator(REAL_ISO3)
    name = factory.LazyAttribute(lambda state: countries.name(countries.alpha2(state.iso3)))
    regional_group = "weog"
    signature_date = date(1997, 12, 3)
    instrument = Instrument.RATIFICATION
    deposit_date = date(1999, 4, 23)


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    state = factory.SubFactory(StatePartyFactory)
    kind = Contact.Kind.PERMANENT_MISSION
    name = factory.Sequence(lambda n: f"Contact {n}")
    email = factory.Sequence(lambda n: f"contact{n}@mission.example")
    preferred_language = "en"


def bulk_states(count: int, deposit_date: date | None = None, **fields) -> list[StateParty]:
    """Create many States in one statement, derived dates computed as ``save`` would.

    Deposits are spread over 1998-2017 unless ``deposit_date`` is given."""
    states = []
    for index, iso3 in zip(range(count), synthetic_iso3(), strict=False):
        state = StateParty(
            iso3=iso3,
            name=f"State {iso3}",
            regional_group=("african", "asia_pacific", "eastern_european", "grulac", "weog")[
                index % 5
            ],
            signature_date=date(1997, 12, 3),
            instrument=Instrument.RATIFICATION,
            deposit_date=deposit_date or date(1998 + index % 20, 1 + index % 12, 1 + index % 28),
            had_stockpiles=index % 3 == 0,
            has_mined_areas=index % 4 == 0,
            **fields,
        )
        state.refresh_derived_dates()
        states.append(state)
    return StateParty.objects.bulk_create(states)
