"""The columns of the documents list's download (CSV and XLSX)."""

from __future__ import annotations

from common.exports import Column, Table, day

DOCUMENTS = Table(
    "documents",
    [
        Column("symbol", lambda document: document.symbol),
        Column("committee", lambda document: document.committee.code),
        Column("kind", lambda document: document.kind),
        Column("period", lambda document: document.period),
        Column("date", lambda document: day(document.date)),
        Column("language", lambda document: document.language),
        Column("visibility", lambda document: document.visibility),
        Column("status", lambda document: document.status),
        Column("versions", lambda document: document.version_count),
    ],
)
