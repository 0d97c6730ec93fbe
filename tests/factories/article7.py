"""Online Article 7 reports: the report, its forms, their rows and annexes."""

import factory
from django.core.files.base import ContentFile

from article7.models import (
    Annex,
    ConversionProgramme,
    DestroyedMine,
    DestructionProgramme,
    FormSection,
    MineCharacteristics,
    MinedArea,
    NationalMeasure,
    Report,
    RetainedMine,
    StockpiledMine,
    VoluntaryEntry,
    WarningMeasure,
)

from .states import StatePartyFactory


class Article7ReportFactory(factory.django.DjangoModelFactory):
    """A draft (``article7.services.start_report`` makes the real ones, with their forms)."""

    class Meta:
        model = Report

    state = factory.SubFactory(StatePartyFactory)
    year_covered = factory.Sequence(lambda n: 2000 + n % 90)
    language = "en"


class FormSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FormSection
        django_get_or_create = ("report", "code")

    report = factory.SubFactory(Article7ReportFactory)
    code = "A"


class _RowFactory(factory.django.DjangoModelFactory):
    report = factory.SubFactory(Article7ReportFactory)
    position = factory.Sequence(lambda n: n % 100)


class NationalMeasureFactory(_RowFactory):
    class Meta:
        model = NationalMeasure

    title = "Law on the prohibition of anti-personnel mines"


class StockpiledMineFactory(_RowFactory):
    class Meta:
        model = StockpiledMine

    mine_type = "PMN-2"
    quantity = 120


class MinedAreaFactory(_RowFactory):
    class Meta:
        model = MinedArea

    location = "Border area, sector 4"
    area_m2 = 250_000


class RetainedMineFactory(_RowFactory):
    class Meta:
        model = RetainedMine

    mine_type = "PMN-2"
    institution = "National demining centre"
    at_start = 100
    used_or_destroyed = 10
    at_end = 90


class ConversionProgrammeFactory(_RowFactory):
    class Meta:
        model = ConversionProgramme

    facility = "Former plant"


class DestructionProgrammeFactory(_RowFactory):
    class Meta:
        model = DestructionProgramme

    methods = "Open detonation"


class DestroyedMineFactory(_RowFactory):
    class Meta:
        model = DestroyedMine

    mine_type = "PMN-2"
    quantity = 40


class MineCharacteristicsFactory(_RowFactory):
    class Meta:
        model = MineCharacteristics

    mine_type = "PMN-2"


class WarningMeasureFactory(_RowFactory):
    class Meta:
        model = WarningMeasure

    location = "Sector 4"
    measure = "Fencing and signs"


class VoluntaryEntryFactory(_RowFactory):
    class Meta:
        model = VoluntaryEntry

    topic = VoluntaryEntry.Topic.VICTIM_ASSISTANCE
    text = "Rehabilitation centres."


class AnnexFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Annex

    report = factory.SubFactory(Article7ReportFactory)
    title = "Map of the remaining areas"
    file = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.4\n% annex\n%%EOF\n", name="map.pdf"))
