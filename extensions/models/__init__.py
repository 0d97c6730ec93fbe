"""The Article 5 extension process: requests and their versions with the content checklist,
questions to the State, the Committee's analysis and draft decision, the Meeting's decision
and what it asks of the State, completion and previously unknown mined areas, and the
figures a State reports against its plan."""

from .analysis import Analysis, Question
from .decisions import (
    CompletionDeclaration,
    Decision,
    DecisionRequirement,
    PreviouslyUnknownArea,
    ProgressFigure,
)
from .requests import (
    ExtensionRequest,
    ExtensionRequestQuerySet,
    Funding,
    HazardousArea,
    RequestVersion,
    WorkPlanYear,
)

__all__ = [
    "Analysis",
    "CompletionDeclaration",
    "Decision",
    "DecisionRequirement",
    "ExtensionRequest",
    "ExtensionRequestQuerySet",
    "Funding",
    "HazardousArea",
    "PreviouslyUnknownArea",
    "ProgressFigure",
    "Question",
    "RequestVersion",
    "WorkPlanYear",
]
