"""Drafts, the Chair's approval, publication, revisions and the diff between versions."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from activities import services as activity_services
from activities.models import Activity
from documents import services
from documents.diff import diff_snapshots, word_diff
from documents.models import Document, DocumentEvent, DocumentParagraph, DocumentVersion
from documents.tasks import run_job
from tests.activity_fixtures import DOCUMENT_DATE
from tests.factories import UserFactory
from tests.pdf_text import stored_path

pytestmark = pytest.mark.django_db


@pytest.fixture
def president(meetings):
    """Japan's representative presides over the 22nd Meeting and so chairs the CCC."""
    user = UserFactory(username="president", role="committee")
    meetings["22MSP"].president_user = user
    meetings["22MSP"].save()
    return user


@pytest.fixture
def draft(ccc_year, people):
    return services.create_document(
        Document(
            committee=ccc_year,
            kind="activities-priorities",
            period="2025-2026",
            date=DOCUMENT_DATE,
            symbol="APLC/MSP.22/2025/WP.5",
        ),
        people.staff,
    )


def texts(document: Document) -> list[str]:
    snapshot = services.snapshot(document)
    return [p["text"] for section in snapshot["sections"] for p in section["paragraphs"]]


def test_a_draft_goes_to_the_chair_who_approves_it_then_staff_publish(
    draft, people, president, november_2025, media_root, django_capture_on_commit_callbacks
):
    with pytest.raises(PermissionDenied):
        services.submit_to_chair(draft, people.ccc_member)
    with pytest.raises(ValidationError, match=r"A document that is draft cannot be approved\."):
        services.approve(draft, president)
    services.submit_to_chair(draft, people.staff)
    assert draft.status == "submitted"
    for outsider in (people.ccc_member, people.ca5_chair, people.observer):
        with pytest.raises(PermissionDenied):
            services.approve(draft, outsider)
    services.approve(draft, president, "Agreed by the Committee on 19 November.")
    assert Document.objects.get(pk=draft.pk).status == "approved"
    paragraph = draft.paragraphs.first()
    with pytest.raises(ValidationError, match="The document is approved"):
        services.edit_paragraph(paragraph, "Too late.")
    with pytest.raises(PermissionDenied):
        services.publish(draft, president)

    with django_capture_on_commit_callbacks() as callbacks:
        version = services.publish(draft, people.staff, "For the 22nd Meeting")
    # The PDF is queued once the publication commits (beside it, the caches of what changed
    # are invalidated again: ``common.cache.bump``).
    assert len([callback for callback in callbacks if not hasattr(callback, "cache_name")]) == 1
    assert (version.number, version.visibility, version.note) == (
        1,
        "public",
        "For the 22nd Meeting",
    )
    assert version.snapshot["member_line"] == "(Belgium, Canada, Germany, Japan (Chair), Peru)"
    assert [s["key"] for s in version.snapshot["sections"]] == ["activities", "priorities"]
    job = run_job(version.render_jobs.get().pk)
    assert job.status == "done"
    assert job.filename == "APLC-MSP.22-2025-WP.5-en.pdf"
    assert list(draft.events.values_list("action", "user__username", "note")) == [
        ("created", "irene", ""),
        ("submitted", "irene", ""),
        ("approved", "president", "Agreed by the Committee on 19 November."),
        ("published", "irene", "For the 22nd Meeting"),
    ]


def test_the_chair_may_return_a_draft_with_a_reason(draft, people, president, november_2025):
    services.submit_to_chair(draft, people.staff)
    with pytest.raises(ValidationError):
        services.return_for_changes(draft, president, "  ")
    services.return_for_changes(draft, president, "Paragraph 5 names the State.")
    assert draft.status == "draft"
    assert draft.events.last().note == "Paragraph 5 names the State."


def test_a_revision_keeps_every_published_version_and_shows_what_changed(draft, people, media_root):
    services.submit_to_chair(draft, people.staff)
    services.approve(draft, people.staff)
    first = services.publish(draft, people.staff)
    first_job = run_job(first.render_jobs.get().pk)
    first_pdf = stored_path(first_job.output).read_bytes()

    services.reopen(draft, people.staff, "Add the October letter")
    paragraphs = list(DocumentParagraph.objects.filter(document=draft, section="activities"))
    paragraphs.sort(key=lambda p: p.position)
    services.edit_paragraph(
        paragraphs[2], paragraphs[2].text.replace("every State Party", "twelve States Parties")
    )
    services.delete_paragraph(paragraphs[7])
    services.add_paragraph(draft, "priorities", "Follow up the letters of September.")
    services.move_paragraph(paragraphs[1], -1)
    services.submit_to_chair(draft, people.staff)
    services.approve(draft, people.staff)
    second = services.publish(draft, people.staff)
    run_job(second.render_jobs.get().pk)

    assert list(
        DocumentVersion.objects.filter(document=draft).values_list("number", flat=True)
    ) == [
        2,
        1,
    ]
    first.refresh_from_db()
    assert len(first.snapshot["sections"][0]["paragraphs"]) == 8
    assert stored_path(first.pdf_job.output).read_bytes() == first_pdf  # frozen

    diff = diff_snapshots(first.snapshot, second.snapshot)
    rows = [(row.kind, row.old_number, row.new_number) for row in diff.rows]
    assert rows == [
        ("heading", None, None),
        ("added", None, 1),
        ("same", 1, 2),
        ("removed", 2, None),
        ("changed", 3, 3),
        ("same", 4, 4),
        ("same", 5, 5),
        ("same", 6, 6),
        ("same", 7, 7),
        ("removed", 8, None),
        ("heading", None, None),
        ("same", 9, 8),
        ("same", 10, 9),
        ("same", 11, 10),
        ("same", 12, 11),
        ("added", None, 12),
    ]
    changed = next(row for row in diff.rows if row.kind == "changed")
    assert "wrote to <del>every State Party</del><ins>twelve States Parties</ins> with" in str(
        changed.html
    )
    assert diff.counts == {"added": 2, "removed": 2, "changed": 1}


def test_reassembling_follows_the_record_and_keeps_edited_text(draft, people, ccc_year):
    first = draft.paragraphs.get(section="activities", position=1)
    services.edit_paragraph(first, "Edited: the initial meeting.")
    activity_services.save_activity(
        Activity(
            committee=ccc_year,
            date=DOCUMENT_DATE.replace(day=3),
            kind="letter",
            text="On 3 November 2025, the Committee wrote again.",
            visibility="public",
        )
    )
    assert services.reassemble(draft, people.staff) == 13
    assert texts(draft)[0] == "Edited: the initial meeting."
    assert texts(draft)[8] == "On 3 November 2025, the Committee wrote again."
    assert texts(draft)[9].startswith("Encourage every State Party")


def test_an_activity_made_confidential_drops_out_of_a_public_draft(draft, people):
    paragraph = draft.paragraphs.get(section="activities", position=5)
    Activity.objects.filter(pk=paragraph.activity_id).update(visibility="confidential")
    snapshot = services.snapshot(draft)
    assert [len(section["paragraphs"]) for section in snapshot["sections"]] == [7, 4]
    assert paragraph.text not in str(snapshot)


def test_word_diff_escapes_text():
    assert str(word_diff("a <b> c", "a <i> c")) == "a <del>&lt;b&gt;</del><ins>&lt;i&gt;</ins> c"


def test_a_document_needs_its_period_to_be_recorded(ccc_year, people):
    with pytest.raises(ValidationError) as error:
        services.create_document(
            Document(
                committee=ccc_year,
                kind="activities-priorities",
                period="2030-2031",
                date=DOCUMENT_DATE,
                symbol="X",
            ),
            people.staff,
        )
    assert error.value.message_dict == {
        "date": [
            "The period 2030-2031 starts at the close of the Meeting or Review Conference "
            "held in 2029; record that meeting first."
        ]
    }
    assert not Document.objects.exists()
    assert not DocumentEvent.objects.exists()
