"""Article 7 transparency reports written online: the report, its forms A to J, their rows and
annexes. ``reports`` holds the report and its sections; ``rows`` the rows of each form."""

from .reports import (
    LANGUAGES,
    SECTION_CODES,
    Annex,
    FormSection,
    Report,
    ReportQuerySet,
    ReportStatus,
    SectionStatus,
)
from .rows import (
    ROW_MODELS,
    ConversionProgramme,
    DestroyedMine,
    DestructionProgramme,
    MineCharacteristics,
    MinedArea,
    NationalMeasure,
    RetainedMine,
    StockpiledMine,
    VoluntaryEntry,
    WarningMeasure,
)

__all__ = [
    "LANGUAGES",
    "ROW_MODELS",
    "SECTION_CODES",
    "Annex",
    "ConversionProgramme",
    "DestroyedMine",
    "DestructionProgramme",
    "FormSection",
    "MineCharacteristics",
    "MinedArea",
    "NationalMeasure",
    "Report",
    "ReportQuerySet",
    "ReportStatus",
    "RetainedMine",
    "SectionStatus",
    "StockpiledMine",
    "VoluntaryEntry",
    "WarningMeasure",
]
