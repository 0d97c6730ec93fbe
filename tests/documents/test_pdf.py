"""The PDF pipeline end to end: a committee year becomes the document, rendered by a real
worker, read back as text and looked at as an image."""

import http.server
import re
import subprocess
import threading
import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from activities import services as activity_services
from activities.models import Activity
from documents import pdf, services
from documents.models import Document, RenderJob
from documents.tasks import run_job
from tests.activity_fixtures import CCC_ACTIVITIES, CCC_PRIORITIES, DOCUMENT_DATE
from tests.pdf_text import look_at, read_back, stored_path

SYMBOL = "APLC/MSP.22/2025/WP.5"
MEMBER_LINE = "(Belgium, Canada, Germany, Japan (Chair), Peru)"


def pdf_text(path: Path) -> str:
    """The text in the order it was drawn (``-raw``): a draft's diagonal watermark, drawn
    first, does not scatter itself through the paragraphs as pdftotext's layout analysis
    would."""
    return subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def new_document(committee, user, **fields) -> Document:
    values = {
        "committee": committee,
        "kind": "activities-priorities",
        "period": "2025-2026",
        "date": DOCUMENT_DATE,
        "symbol": SYMBOL,
        **fields,
    }
    return services.create_document(Document(**values), user)


def wait_for(job: RenderJob, worker, timeout: float = 60) -> RenderJob:
    deadline = time.monotonic() + timeout
    seen = set()
    while time.monotonic() < deadline:
        job.refresh_from_db()
        seen.add(job.status)
        if job.is_finished:
            job.seen_statuses = seen
            return job
        time.sleep(0.05)
    raise AssertionError(f"the job did not finish:\n{worker.log()}")


@pytest.mark.django_db(transaction=True)
def test_a_committee_year_becomes_its_document_through_a_real_worker(
    ccc_year, people, pdf_worker, tmp_path
):
    document = new_document(ccc_year, people.staff)
    job = services.request_pdf(document, requested_by=people.staff)  # outside a transaction:
    job = wait_for(job, pdf_worker)  # the task is sent at once
    assert job.status == RenderJob.Status.DONE, job.error
    assert "documents.render_job" in pdf_worker.log()
    assert (job.progress, job.stage, job.filename) == (
        100,
        "finished",
        "APLC-MSP.22-2025-WP.5-en-draft.pdf",
    )
    path = stored_path(job.output)
    assert path.read_bytes().startswith(b"%PDF-")
    assert job.size == path.stat().st_size

    text = pdf_text(path)
    assert "Activities and Priorities for Implementation 2025-2026" in text
    assert "Committee on Cooperative Compliance" in text
    assert MEMBER_LINE in text
    assert "I. Activities of the Committee" in text
    assert "II. Priorities for Implementation" in text
    assert text.index("I. Activities of the Committee") < text.index(
        "II. Priorities for Implementation"
    )
    numbers = [int(number) for number in re.findall(r"^(\d+)\.(?:\s|$)", text, re.MULTILINE)]
    assert numbers == list(range(1, 13))
    # Activities in date order, then the priorities in their order, each after its number.
    expected = [text for _day, _kind, text in sorted(CCC_ACTIVITIES)] + CCC_PRIORITIES
    flat = " ".join(text.replace("-\n", "").split())
    positions = [
        flat.index(f"{number}. {paragraph[:40]}")
        for number, paragraph in enumerate(expected, start=1)
    ]
    assert positions == sorted(positions)
    assert flat.index("II. Priorities for Implementation") < positions[8]

    # Running header and footer on every page; A4; the font shipped in static/ is embedded.
    reader = PdfReader(path)
    assert job.page_count == len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        assert (round(page.mediabox.width), round(page.mediabox.height)) == (595, 842)
        content = page.extract_text()
        assert SYMBOL in content
        assert "20 November 2025" in content
        assert f"Page {number} of {len(reader.pages)}" in content
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    embedded = [line.split()[0] for line in fonts.splitlines()[2:] if " yes yes " in line]
    assert {name.split("+")[1] for name in embedded} == {
        "Document-Serif",
        "Document-Serif-Bold",
        "Document-Serif-Italic",  # "Submitted by the Chair of ..."
    }

    # The first page as an image: A4 at 50 dpi, white paper, ink in the running header.
    look = look_at(path, tmp_path)
    assert look.size == (414, 585)  # 210 x 297 mm at 50 dpi, rounded up
    assert 0.005 < look.ink < 0.2
    assert look.header_darkest < 100  # the symbol and the date
    assert look.margin_darkest > 240  # nothing in the left margin


def test_a_public_document_leaves_out_what_is_not_public(ccc_year, people, media_root):
    committee = ccc_year
    for level, text in [
        ("states_parties", "Letter for States Parties only."),
        ("internal", "Internal planning meeting."),
        ("confidential", "Meeting on the alleged use by a State Party."),
    ]:
        activity_services.save_activity(
            Activity(
                committee=committee,
                date=DOCUMENT_DATE.replace(day=1),
                kind="meeting",
                text=text,
                visibility=level,
            )
        )
    texts = {}
    for level in ("public", "internal", "confidential"):
        document = new_document(
            committee, people.staff, visibility=level, symbol=f"{SYMBOL}/{level}"
        )
        job = run_job(services.request_pdf(document).pk)
        texts[level] = " ".join(pdf_text(stored_path(job.output)).split())
    assert "States Parties only." not in texts["public"]
    assert "Internal planning" not in texts["public"]
    assert "alleged use" not in texts["public"]
    assert "States Parties only." in texts["internal"]
    assert "Internal planning meeting." in texts["internal"]
    assert "alleged use" not in texts["internal"]
    assert "Meeting on the alleged use by a State Party." in texts["confidential"]
    assert "Confidential" in texts["confidential"]  # the marking in the running header


@pytest.mark.parametrize(
    ("language", "committee", "heading", "footer", "chair", "date"),
    [
        (
            "fr",
            "Comité sur le respect coopératif des obligations",
            "I. Activités du Comité",
            "Page 1 sur 1",
            "(Allemagne, Belgique, Canada, Japon (Président), Pérou)",
            "20 novembre 2025",
        ),
        (
            "es",
            "Comité sobre el Cumplimiento Cooperativo",
            "I. Actividades del Comité",
            "Página 1 de 1",
            "(Alemania, Bélgica, Canadá, Japón (Presidente), Perú)",
            "20 de noviembre de 2025",
        ),
    ],
)
def test_documents_in_french_and_spanish(
    ccc_year, people, media_root, language, committee, heading, footer, chair, date
):
    document = new_document(ccc_year, people.staff, language=language)
    job = run_job(services.request_pdf(document).pk)
    text = " ".join(pdf_text(stored_path(job.output)).split())
    assert committee in text
    assert "Committee on Cooperative Compliance" not in text
    assert heading in text
    assert footer in text
    assert chair in text
    assert date in text


def test_the_preview_is_the_same_template(ccc_year, people, media_root):
    document = new_document(ccc_year, people.staff)
    source = document.pdf_source()
    html = pdf.render_html(source.template_name, source.context, source.language)
    assert '<link rel="stylesheet" href="/static/css/document.css">' in html
    assert MEMBER_LINE in html
    client = people.client("staff")
    preview = client.get(f"/documents/{document.pk}/preview/").content.decode()
    assert (
        preview.replace(
            f'<nav class="screen-only"><a href="/documents/{document.pk}/">Back</a></nav>\n', ""
        )
        == html
    )


# --- WeasyPrint reads our static files and nothing else ------------------------------------------


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):
        _Recorder.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def http_server():
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Recorder.requests = []
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_weasyprint_fetches_only_our_static_files(http_server, tmp_path, caplog):
    secret = tmp_path / "secret.css"
    secret.write_text("p { color: red }")
    html = (
        '<html><head><link rel="stylesheet" href="/static/css/document.css">'
        f'<link rel="stylesheet" href="file://{secret}">'
        f'<link rel="stylesheet" href="{http_server}/remote.css"></head>'
        f'<body><img src="{http_server}/tracker.png"><img src="/static/../../../etc/passwd">'
        '<img src="/static/favicon.svg"><p>Hello</p></body></html>'
    )
    result = pdf.html_to_pdf(html)
    assert result.page_count == 1
    assert _Recorder.requests == []
    refused = sorted(record.args[0] for record in caplog.records if record.name == "documents.pdf")
    assert refused == sorted(
        [
            f"file://{secret}",
            f"{http_server}/remote.css",
            f"{http_server}/tracker.png",
            "https://secretariat.invalid/etc/passwd",
        ]
    )


def test_static_names():
    assert pdf.static_name("https://secretariat.invalid/static/css/document.css") == (
        "css/document.css"
    )
    assert pdf.static_name("https://secretariat.invalid/static/fonts/../css/x.css") is None
    assert pdf.static_name("https://secretariat.invalid/static/%2e%2e/settings.py") is None
    assert pdf.static_name("https://secretariat.invalid/media/pdf/x.pdf") is None
    assert pdf.static_name("https://example.org/static/css/document.css") is None


# --- the command line ---------------------------------------------------------------------------


def test_render_document_writes_the_document_as_of_a_date(ccc_year, tmp_path):
    out = tmp_path / "ccc.pdf"
    stdout = StringIO()
    call_command(
        "render_document",
        "--committee",
        "Committee on Cooperative Compliance",
        "--kind",
        "activities-priorities",
        "--period",
        "2025-2026",
        "--date",
        "2025-06-30",
        "--out",
        str(out),
        stdout=stdout,
    )
    assert (
        stdout.getvalue()
        == f"Wrote {out}: 1 page(s), 10 paragraph(s), {out.stat().st_size:,} bytes.\n"
    )
    text = " ".join(pdf_text(out).split())
    assert "30 June 2025" in text
    assert "APLC/CCC/2025/ACTIVITIES-PRIORITIES" in text
    # As of 30 June: the six activities up to 17 June, then the four priorities.
    assert re.findall(r"(?:^| )(\d+)\. On", text) == ["1", "2", "3", "4", "5", "6"]
    assert "7. Encourage every State Party" in text
    assert "8 October 2025" not in text
    # Not a published version: the draft watermark on every page.
    assert {page.watermark for page in read_back(out)} == {"DRAFT"}


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--committee", "XYZ"], "No committee “XYZ”; the committees are CA5, CVA, CECA, CCC."),
        (["--date", "2025-13-01"], "“2025-13-01” is not a date; write it as YYYY-MM-DD."),
        (
            ["--period", "2025/26"],
            "period: “2025/26” is not a period; write it as 2025-2026 or 2025.",
        ),
        (
            ["--period", "2031-2032"],
            "date: The period 2031-2032 starts at the close of the Meeting or Review Conference "
            "held in 2030; record that meeting first.",
        ),
        (
            ["--date", "2024-11-29"],
            "date: The document's date must come after the close of Review Conference (5RC) "
            "(2024-11-29), where the period 2025-2026 starts.",
        ),
    ],
)
def test_render_document_says_what_is_wrong(ccc_year, tmp_path, arguments, message):
    options = {
        "--committee": "CCC",
        "--kind": "activities-priorities",
        "--period": "2025-2026",
        "--date": "2025-11-20",
        "--out": str(tmp_path / "x.pdf"),
    }
    options.update(dict(zip(arguments[::2], arguments[1::2], strict=True)))
    with pytest.raises(CommandError) as error:
        call_command("render_document", *[item for pair in options.items() for item in pair])
    assert str(error.value) == message
    assert not (tmp_path / "x.pdf").exists()


def test_the_user_agent_stylesheet_gives_pseudo_elements_only_where_they_show():
    """WeasyPrint's own stylesheet, trimmed: no footnote or note rules (our documents have
    none), markers for list items and summaries only; another version's sheet is refused."""
    from weasyprint.html import UA

    trimmed = pdf.trimmed_user_agent_css(UA)
    # A rule for a pseudo-element of every element starts its line with "::".
    assert [line for line in UA.splitlines() if line.startswith("::")] != []
    assert [line for line in trimmed.splitlines() if line.startswith("::")] == []
    assert (
        ":is(li, summary)::marker { font-variant-numeric: tabular-nums; white-space: pre; "
        "text-transform: none }"
    ) in trimmed.splitlines()
    assert len(trimmed.splitlines()) == len(UA.splitlines()) - len(pdf.UNIVERSAL_PSEUDO_RULES)
    with pytest.raises(RuntimeError, match="stylesheet changed"):
        pdf.trimmed_user_agent_css(trimmed)


def test_lists_keep_their_markers_and_tables_their_cells(tmp_path):
    html = (
        '<html><head><link rel="stylesheet" href="/static/css/document.css"></head><body>'
        "<ul><li>First point</li></ul><ol><li>Second point</li></ol>"
        '<table class="table table--long"><thead><tr><th class="col-state">State Party</th>'
        '<th class="col-statement">Latest statement</th></tr></thead>'
        "<tbody><tr><td>Peru</td><td>Nothing reported</td></tr></tbody></table></body></html>"
    )
    path = tmp_path / "list.pdf"
    path.write_bytes(pdf.html_to_pdf(html).content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "• First point" in text
    assert "1. Second point" in text
    assert re.search(r"Peru\s+Nothing reported", text)
