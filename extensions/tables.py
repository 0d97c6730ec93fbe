"""The downloads of the extension lists."""

from common.exports import Column, Table, blank_none, day

EXPECTED = Table(
    "extension-requests-expected",
    [
        Column("iso3", lambda row: row.state.iso3),
        Column("state", lambda row: row.state.name),
        Column("current_deadline", lambda row: day(row.deadline)),
        Column("meeting", lambda row: row.meeting.short_name),
        Column("expected_by", lambda row: day(row.due)),
        Column("received_on", lambda row: day(row.received_on)),
        Column("status", lambda row: row.status.value),
    ],
)

REQUESTS = Table(
    "extension-requests",
    [
        Column("iso3", lambda request: request.state.iso3),
        Column("meeting", lambda request: request.meeting.short_name),
        Column("received_on", lambda request: day(request.received_on)),
        Column("symbol", lambda request: request.symbol),
        Column("deadline_at_request", lambda request: day(request.deadline_at_request)),
        Column("requested_until", lambda request: day(request.requested_until)),
        Column("period_months", lambda request: blank_none(request.period_months)),
        Column(
            "outcome",
            lambda request: (
                ("granted" if request.decision.granted else "refused")
                if hasattr(request, "decision")
                else "pending"
            ),
        ),
        Column(
            "new_deadline",
            lambda request: (
                day(request.decision.new_deadline) if hasattr(request, "decision") else ""
            ),
        ),
    ],
)
