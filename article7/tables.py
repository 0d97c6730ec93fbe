"""Downloads of report lists."""

from common.exports import Column, Table


def _iso(value) -> str:
    return value.isoformat() if value else ""


REPORTS = Table(
    "article7-online-reports",
    [
        Column("iso3", lambda report: report.state.iso3),
        Column("year_covered", lambda report: report.year_covered or ""),
        Column("version", lambda report: report.version),
        Column("status", lambda report: report.status),
        Column("language", lambda report: report.language),
        Column("submitted_at", lambda report: _iso(report.submitted_at)),
        Column("receipt_number", lambda report: report.receipt_number),
        Column("flags", lambda report: report.flags.replace(",", ";")),
        Column("published_at", lambda report: _iso(report.published_at)),
    ],
)
