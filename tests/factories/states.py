"""States Parties, their contacts, Article 5 extension requests and mines retained.

States get real ISO codes where they fit and synthetic ones beyond."""

import itertools
import string
from datetime import date

import factory
from django_countries import countries

from states_parties.models import Article5Extension, Contact, Instrument, RetainedMines, StateParty

REAL_ISO3 = sorted(countries.alpha3(code) for code, _name in countries)


def synthetic_iso3():
    """Real alpha-3 codes first, then three-letter codes no country uses (for large sets)."""
    real = set(REAL_ISO3)
    yield from REAL_ISO3
    for letters in itertools.product(string.ascii_uppercase, repeat=3):
        code = "".join(letters)
        if code not in real:
            yield code


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


class Article5ExtensionFactory(factory.django.DjangoModelFactory):
    """A pending request of a State with mined areas (Article 5 applies to it)."""

    class Meta:
        model = Article5Extension

    state = factory.SubFactory(StatePartyFactory, has_mined_areas=True)
    submitted_on = date(2008, 3, 31)
    requested_until = date(2019, 3, 1)
    outcome = Article5Extension.Outcome.PENDING


class RetainedMinesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RetainedMines

    state = factory.SubFactory(StatePartyFactory)
    year = factory.Sequence(lambda n: 1997 + n % 29)
    quantity = 100
    source = "Article 7 report, Form D"


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
