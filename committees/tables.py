"""The columns of the committees app's downloads; the meetings import reads the same
columns, so that an export can be edited and imported back."""

from __future__ import annotations

from common.exports import Column, Table, day

MEETINGS = Table(
    "meetings",
    [
        Column("kind", lambda meeting: meeting.kind),
        Column("number", lambda meeting: "" if meeting.number is None else str(meeting.number)),
        Column("title", lambda meeting: meeting.title),
        Column("start_date", lambda meeting: day(meeting.start_date)),
        Column("end_date", lambda meeting: day(meeting.end_date)),
        Column("venue", lambda meeting: meeting.venue),
        Column(
            "president_iso3",
            lambda meeting: meeting.president_state.iso3 if meeting.president_state else "",
        ),
        Column("committee", lambda meeting: meeting.committee.code if meeting.committee else ""),
    ],
)

COMPOSITIONS = Table(
    "composition",
    [
        Column("committee", lambda composition: composition.committee.code),
        Column("name", lambda composition: composition.committee.display_name),
        Column("date", lambda composition: day(composition.on)),
        Column("member_line", lambda composition: composition.line),
        Column("vacancies", lambda composition: str(composition.vacancies)),
    ],
)
