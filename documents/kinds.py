"""The kinds of document and their sections, defined once: what each section is called and
where its paragraphs come from."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    ACTIVITIES_PRIORITIES = (
        "activities-priorities",
        _("Activities and Priorities for Implementation"),
    )
    PRELIMINARY_OBSERVATIONS = "preliminary-observations", _("Preliminary observations")
    CONCLUSIONS_RECOMMENDATIONS = (
        "conclusions-recommendations",
        _("Conclusions and recommendations"),
    )
    ARTICLE7_STATUS = "article7-status", _("Article 7 reporting status")


class Source(models.TextChoices):
    ACTIVITIES = "activities", _("the committee's activities in the period")
    PRIORITIES = "priorities", _("the committee's priorities for the period")
    WRITTEN = "written", _("paragraphs written for the document")


@dataclass(frozen=True)
class Section:
    key: str
    heading: str | Promise
    source: str


@dataclass(frozen=True)
class KindDefinition:
    kind: str
    sections: tuple[Section, ...]
    template_name: str
    #: Whether the document prints the Article 7 reporting tables.
    reporting_tables: bool = False

    def section(self, key: str) -> Section | None:
        return next((section for section in self.sections if section.key == key), None)

    def index(self, key: str) -> int:
        return [section.key for section in self.sections].index(key)


_ACTIVITIES = Section("activities", _("Activities of the Committee"), Source.ACTIVITIES)

DEFINITIONS = {
    DocumentKind.ACTIVITIES_PRIORITIES: KindDefinition(
        DocumentKind.ACTIVITIES_PRIORITIES,
        (
            _ACTIVITIES,
            Section("priorities", _("Priorities for Implementation"), Source.PRIORITIES),
        ),
        "documents/pdf/committee_document.html",
    ),
    DocumentKind.PRELIMINARY_OBSERVATIONS: KindDefinition(
        DocumentKind.PRELIMINARY_OBSERVATIONS,
        (
            _ACTIVITIES,
            Section("observations", _("Preliminary observations"), Source.WRITTEN),
        ),
        "documents/pdf/committee_document.html",
    ),
    DocumentKind.CONCLUSIONS_RECOMMENDATIONS: KindDefinition(
        DocumentKind.CONCLUSIONS_RECOMMENDATIONS,
        (
            _ACTIVITIES,
            Section("conclusions", _("Conclusions"), Source.WRITTEN),
            Section("recommendations", _("Recommendations"), Source.WRITTEN),
        ),
        "documents/pdf/committee_document.html",
    ),
    DocumentKind.ARTICLE7_STATUS: KindDefinition(
        DocumentKind.ARTICLE7_STATUS,
        (Section("notes", _("Observations"), Source.WRITTEN),),
        "documents/pdf/article7_status.html",
        reporting_tables=True,
    ),
}


def kind_definition(kind: str) -> KindDefinition:
    return DEFINITIONS[DocumentKind(kind)]


ROMAN = ("I", "II", "III", "IV", "V", "VI")
