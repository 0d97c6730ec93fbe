"""factory-boy factories: one for every model of the application, by app.

``from tests.factories import X`` keeps working for every factory and helper. A factory writes
its row directly, valid for ``full_clean`` (``tests/test_factories.py`` checks every one); a
test that is about a service's side effects calls the service instead.
"""

from .accounts import (
    PASSWORD,
    DemoDatasetFactory,
    HeartbeatFactory,
    ImportJobFactory,
    PasswordResetRequestFactory,
    UserFactory,
)
from .activities import (
    ActionFactory,
    ActionPlanFactory,
    ActivityFactory,
    ArticleFactory,
    ComplianceMatterFactory,
    PriorityFactory,
)
from .api import ApiTokenFactory, FeedSubscriptionFactory
from .committees import (
    CommitteeFactory,
    CommitteeMeetingFactory,
    CompositionRequirementFactory,
    FormalMeetingFactory,
    MandateItemFactory,
    MeetingFactory,
    MemberKindFactory,
    OfficeFactory,
    RepresentativeFactory,
    SeatTermFactory,
    formal_meeting_after,
)
from .correspondence import (
    LetterFactory,
    LetterMessageFactory,
    LetterRecipientFactory,
    OutgoingMessageFactory,
    ReminderRuleFactory,
    ReplyFactory,
    SentLetterFactory,
)
from .documents import (
    DocumentEventFactory,
    DocumentFactory,
    DocumentParagraphFactory,
    DocumentVersionFactory,
    RenderJobFactory,
)
from .reporting import (
    Article9RecordFactory,
    AudienceFactory,
    DueDateCountFactory,
    ExpectedReportFactory,
    ReportingSummaryFactory,
    SubmissionFactory,
)
from .states import (
    REAL_ISO3,
    Article5ExtensionFactory,
    ContactFactory,
    RetainedMinesFactory,
    StatePartyFactory,
    bulk_states,
    synthetic_iso3,
)

__all__ = [
    "PASSWORD",
    "REAL_ISO3",
    "ActionFactory",
    "ActionPlanFactory",
    "ActivityFactory",
    "ApiTokenFactory",
    "Article5ExtensionFactory",
    "Article9RecordFactory",
    "ArticleFactory",
    "AudienceFactory",
    "CommitteeFactory",
    "CommitteeMeetingFactory",
    "ComplianceMatterFactory",
    "CompositionRequirementFactory",
    "ContactFactory",
    "DemoDatasetFactory",
    "DocumentEventFactory",
    "DocumentFactory",
    "DocumentParagraphFactory",
    "DocumentVersionFactory",
    "DueDateCountFactory",
    "ExpectedReportFactory",
    "FeedSubscriptionFactory",
    "FormalMeetingFactory",
    "HeartbeatFactory",
    "ImportJobFactory",
    "LetterFactory",
    "LetterMessageFactory",
    "LetterRecipientFactory",
    "MandateItemFactory",
    "MeetingFactory",
    "MemberKindFactory",
    "OfficeFactory",
    "OutgoingMessageFactory",
    "PasswordResetRequestFactory",
    "PriorityFactory",
    "ReminderRuleFactory",
    "RenderJobFactory",
    "ReplyFactory",
    "ReportingSummaryFactory",
    "RepresentativeFactory",
    "RetainedMinesFactory",
    "SeatTermFactory",
    "SentLetterFactory",
    "StatePartyFactory",
    "SubmissionFactory",
    "UserFactory",
    "bulk_states",
    "formal_meeting_after",
    "synthetic_iso3",
]
