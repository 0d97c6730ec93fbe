"""Issue 12: a large CSV through the import page: 100,000 meetings in a 4.5 MB file (under the
5 MB cap).

Three figures: the preview of the valid file (every cell checked, the first rows planned and
shown; target: within 10 seconds), the preview of the same file with a mistake in every
1,000th row (the error summary), and the full check the background job makes of every record
before writing them (``common.tasks.run_import``; not in any request)."""

from __future__ import annotations

import time
from collections.abc import Iterator

from django.core.files.uploadedfile import SimpleUploadedFile

from .harness import staff_client, truncate

SIZES = (100_000,)
TARGET_SECONDS = 10.0


def meetings_csv(rows: int, *, mistakes: bool = False) -> bytes:
    """Workshops of the CA5 committee, one a day from 1 January 2030, about 45 bytes a row;
    with ``mistakes``, every 1,000th title is a spreadsheet formula."""
    lines = ["kind,number,title,start_date,end_date,venue,president_iso3,committee"]
    for index in range(rows):
        day = 1 + index % 28
        month = 1 + (index // 28) % 12
        start = f"{2030 + index // 336}-{month:02d}-{day:02d}"
        title = "=1+1" if mistakes and index % 1000 == 999 else f"W{index}"
        lines.append(f"workshop,,{title},{start},{start},,,CA5")
    return ("\n".join(lines) + "\n").encode()


def _preview(client, content: bytes, expected_status: int, shows: str) -> tuple[float, int]:
    started = time.perf_counter()
    response = client.post(
        "/meetings/import/",
        {"file": SimpleUploadedFile("meetings.csv", content, content_type="text/csv")},
    )
    elapsed = time.perf_counter() - started
    if response.status_code != expected_status or shows not in response.content.decode():
        raise RuntimeError(f"the preview answered {response.status_code}")
    return elapsed, len(response.content)


def run(size: int) -> Iterator[str]:
    from committees.imports import MeetingImporter
    from committees.models import Meeting

    truncate(Meeting)
    client = staff_client()
    valid = meetings_csv(size)
    label = f"{size:,} meetings ({len(valid) / 1e6:.1f} MB)"
    elapsed, page = _preview(client, valid, 200, "Confirm and import")
    verdict = "within" if elapsed <= TARGET_SECONDS else "OVER"
    yield (
        f"import preview, {label}: {elapsed:.1f} s ({verdict} the {TARGET_SECONDS:.0f} s "
        f"target), page {page / 1e3:,.0f} kB"
    )
    elapsed, page = _preview(
        client, meetings_csv(size, mistakes=True), 400, "The file was rejected"
    )
    yield (
        f"import preview with {size // 1000:,} mistakes, {label}: {elapsed:.1f} s, "
        f"page {page / 1e3:,.0f} kB"
    )
    started = time.perf_counter()
    plan = MeetingImporter().read(valid)
    if not (plan.is_valid and plan.complete):
        raise RuntimeError("the full check rejected the file")
    seconds = time.perf_counter() - started
    yield f"full check of every record (background job), {label}: {seconds:.1f} s"
