"""The columns of the reporters' download (CSV and XLSX)."""

from __future__ import annotations

from common.exports import Column, Table


def _moment(value) -> str:
    return value.isoformat(timespec="minutes") if value else ""


REPORTERS = Table(
    "national-reporters",
    [
        Column("iso3", lambda reporter: reporter.state.iso3),
        Column("state", lambda reporter: reporter.state.display_name),
        Column("first_name", lambda reporter: reporter.user.first_name),
        Column("last_name", lambda reporter: reporter.user.last_name),
        Column("email", lambda reporter: reporter.user.email),
        Column("status", lambda reporter: reporter.status),
        Column("invited_at", lambda reporter: _moment(reporter.invited_at)),
        Column("invited_by", lambda reporter: reporter.invited_by.get_username()),
        Column("active_since", lambda reporter: _moment(reporter.activated_at)),
        Column("suspended_at", lambda reporter: _moment(reporter.suspended_at)),
    ],
)
