"""The rows of each form. Every row belongs to one report and keeps its place (``position``);
``ROW_MODELS`` says which model holds the rows of which form, and each model's ``FIELDS`` the
columns a form, the JSON and the PDF show, in order."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from common.audit import AuditedHistory, AuditedQuerySet
from common.text import validate_single_line

from .reports import Report


class Article(models.IntegerChoices):
    ARTICLE_4 = 4, _("Article 4 (stockpiles)")
    ARTICLE_5 = 5, _("Article 5 (mined areas)")


class RowModel(models.Model):
    """What every row has: its report and its place in the form."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    SECTION: ClassVar[str] = ""
    FIELDS: ClassVar[tuple[str, ...]] = ()
    #: The whole-number columns (non-negative).
    COUNTS: ClassVar[tuple[str, ...]] = ()

    objects = AuditedQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["report", "position"]

    def __str__(self) -> str:
        return f"{self.report} {self.SECTION}{self.position + 1}"

    def as_data(self) -> dict:
        data = {}
        for name in self.FIELDS:
            value = getattr(self, name)
            data[name] = value.isoformat() if hasattr(value, "isoformat") else value
        return data


def _line(label, length: int = 300, **kwargs) -> models.CharField:
    return models.CharField(
        label, max_length=length, blank=True, validators=[validate_single_line], **kwargs
    )


def _count(label, **kwargs) -> models.PositiveBigIntegerField:
    return models.PositiveBigIntegerField(label, default=0, **kwargs)


class NationalMeasure(RowModel):
    """Form A: a law, regulation or penal sanction implementing the Convention (Article 9)."""

    class Kind(models.TextChoices):
        LAW = "law", _("Law")
        REGULATION = "regulation", _("Regulation")
        PENAL = "penal", _("Penal sanction")
        ADMINISTRATIVE = "administrative", _("Administrative measure")
        OTHER = "other", _("Other")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.LAW)
    title = _line(_("title or reference"))
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)

    SECTION = "A"
    FIELDS = ("kind", "title", "adopted_on", "description")
    history = AuditedHistory()

    class Meta(RowModel.Meta):
        verbose_name = _("national implementation measure")
        verbose_name_plural = _("national implementation measures")


class StockpiledMine(RowModel):
    """Form B: a type of anti-personnel mine stockpiled, its quantity and lot numbers."""

    mine_type = _line(_("type of mine"), 200)
    quantity = _count(_("quantity"))
    lot_numbers = _line(_("lot numbers"))

    SECTION = "B"
    FIELDS = ("mine_type", "quantity", "lot_numbers")
    COUNTS = ("quantity",)
    history = AuditedHistory()

    class Meta(RowModel.Meta):
        verbose_name = _("stockpiled mines")
        verbose_name_plural = _("stockpiled mines")


class MinedArea(RowModel):
    """Form C: a mined area, confirmed or suspected, with what remains and what was released
    during the year."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed hazardous area")
        SUSPECTED = "suspected", _("Suspected hazardous area")

    location = _line(_("location"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.CONFIRMED
    )
    area_m2 = _count(_("area remaining (m²)"))
    mine_types = _line(_("types of mines"))
    quantity = models.PositiveBigIntegerField(_("quantity of mines"), null=True, blank=True)
    emplaced = _line(_("when emplaced"), 100)
    previously_unknown = models.BooleanField(_("previously unknown area"), default=False)
    cancelled_m2 = _count(_("cancelled during the year (m²)"))
    reduced_m2 = _count(_("reduced during the year (m²)"))
    cleared_m2 = _count(_("cleared during the year (m²)"))

    SECTION = "C"
    FIELDS = (
        "location",
        "status",
        "area_m2",
        "mine_types",
        "quantity",
        "emplaced",
        "previously_unknown",
        "cancelled_m2",
        "reduced_m2",
        "cleared_m2",
    )
    COUNTS = ("area_m2", "quantity", "cancelled_m2", "reduced_m2", "cleared_m2")
    history = AuditedHistory()

    class Meta(RowModel.Meta):
        verbose_name = _("mined area")
        verbose_name_plural = _("mined areas")


class RetainedMine(RowModel):
    """Form D: mines of one type retained under Article 3, the institution authorised, and the
    year's movements: at the start, used or destroyed, received, transferred, at the end."""

    mine_type = _line(_("type of mine"), 200)
    lot_numbers = _line(_("lot numbers"))
    institution = _line(_("institution authorised"))
    purpose = _line(_("intended and actual use"))
    at_start = _count(_("retained at the start of the year"))
    used_or_destroyed = _count(_("used or destroyed"))
    received = _count(_("received"))
    transferred = _count(_("transferred"))
    at_end = _count(_("retained at the end of the year"))

    SECTION = "D"
    FIELDS = (
        "mine_type",
        "lot_numbers",
        "institution",
        "purpose",
        "at_start",
        "used_or_destroyed",
        "received",
        "transferred",
        "at_end",
    )
    COUNTS = ("at_start", "used_or_destroyed", "received", "transferred", "at_end")
    history = AuditedHistory()

    class Meta(RowModel.Meta):
        verbose_name = _("mines retained")
        verbose_name_plural = _("mines retained")


class ConversionProgramme(RowModel):
    """Form E: a programme to convert or decommission a production facility."""

    facility = _line(_("facility"))
    status = _line(_("status"), 200)
    description = models.TextField(_("description"), blank=True)

    SECTION = "E"
    FIELDS = ("facility", "status", "description")
    history = AuditedHistory()

    class Meta(RowModel.Meta):
        verbose_name = _("conversion programme")
        verbose_name_plural = _("conversion programmes")


class DestructionProgramme(RowModel):
    """Form F: a destruction programme under Article 4 or 5: methods, sites, standards."""

    article = models.PositiveSmallIntegerField(
        _("under"), choices=Article.choices, default=Article.ARTICLE_4
    )
    methods = _line(_("methods"))
    sites = _line(_("sites"))
    standards = models.TextField(_("safety and environmental standards"), blank=True)

    SECTION = "F"
    FIELDS = ("article", "methods", "sites", "standards")
    history = AuditedHistory()

    class Meta(RowModel.Meta):
        verbose_name = _("destruction programme")
        verbose_name_plural = _("destruction programmes")


class DestroyedMine(RowModel):
    """Form G: mines of one type destroyed during the year, under Article 4 (stockpiles, with
    lot numbers) or Article 5 (mined areas)."""

    article = models.PositiveSmallIntegerField(
        _("under"), choices=Article.choices, default=Article.ARTICLE_4
    )
    mine_type = _line(_("type of mine"), 200)
    quantity = _count(_("quantity"))
    lot_numbers = _line(_("lot numbers"))
    destroyed_on = models.DateField(_("destroyed on"), null=True, blank=True)
    previously_unknown = models.BooleanField(
        _("previously unknown stockpile found after the deadline"), default=False
    )

    SECTION = "G"
    FIELDS = (
        "article",
        "mine_type",
        "quantity",
        "lot_numbers",
        "destroyed_on",
        "previously_unknown",
    )
    COUNTS = ("quantity",)
    history = AuditedHistory()

    class Meta(RowModel.Meta):
        verbose_name = _("mines destroyed")
        verbose_name_plural = _("mines destroyed")


class MineCharacteristics(RowModel):
    """Form H: technical characteristics of a type of mine produced or possessed."""

    mine_type = _line(_("type of mine"), 200)
    dimensions = _line(_("dimensions"))
    fusing = _line(_("fusing"))
    explosive_content = _line(_("explosive content"))
    metallic_content = _line(_("metallic content"))
    other = models.TextField(_("other information"), blank=True)

    SECTION = "H"
    FIELDS = ("mine_type", "dimensions", "fusing", "explosive_content", "metallic_content", "other")
    history = AuditedHistory()

    class Meta(RowModel.Meta):
        verbose_name = _("technical characteristics")
        verbose_name_plural = _("technical characteristics")


class WarningMeasure(RowModel):
    """Form I: a measure to warn the population about mined areas (Article 5.2)."""

    location = _line(_("area concerned"))
    measure = models.TextField(_("measure taken"), blank=True)

    SECTION = "I"
    FIELDS = ("location", "measure")
    history = AuditedHistory()

    class Meta(RowModel.Meta):
        verbose_name = _("warning to the population")
        verbose_name_plural = _("warnings to the population")


class VoluntaryEntry(RowModel):
    """Form J: voluntary information on victim assistance, cooperation and other matters."""

    class Topic(models.TextChoices):
        VICTIM_ASSISTANCE = "victim_assistance", _("Victim assistance")
        COOPERATION = "cooperation", _("Cooperation and assistance")
        OTHER = "other", _("Other matters")

    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    text = models.TextField(_("text"), blank=True)

    SECTION = "J"
    FIELDS = ("topic", "text")
    history = AuditedHistory()

    class Meta(RowModel.Meta):
        verbose_name = _("voluntary information")
        verbose_name_plural = _("voluntary information")


#: The model holding each form's rows.
ROW_MODELS: dict[str, type[RowModel]] = {
    model.SECTION: model
    for model in (
        NationalMeasure,
        StockpiledMine,
        MinedArea,
        RetainedMine,
        ConversionProgramme,
        DestructionProgramme,
        DestroyedMine,
        MineCharacteristics,
        WarningMeasure,
        VoluntaryEntry,
    )
}
