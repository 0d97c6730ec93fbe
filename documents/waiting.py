"""What documents have waiting: drafts and work in progress for ISU staff, the documents
submitted to a Chair, and what was published lately for everyone else."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.permissions import CHAIR, committee_roles, is_isu_staff
from common.models import ImportJob
from common.waiting import SHOWN, WaitingGroup, WaitingItem, contributes, first_with_total

from .models import Document, DocumentVersion, RenderJob

#: "Newly published": in the last this many days.
NEW_DAYS = 30


def _list_url(**query: Any) -> str:
    return reverse("documents:list") + "?" + urlencode(query)


def _document_item(document: Document) -> WaitingItem:
    return WaitingItem(
        label=str(document), url=document.get_absolute_url(), when=document.updated_at
    )


@contributes(30)
def staff_documents(user: Any, today: date) -> list[WaitingGroup]:
    if not is_isu_staff(user):
        return []
    drafts, draft_count = first_with_total(
        Document.objects.filter(status=Document.Status.DRAFT).order_by("updated_at", "pk")
    )
    submitted, submitted_count = first_with_total(
        Document.objects.filter(status=Document.Status.SUBMITTED).order_by("updated_at", "pk")
    )
    renders, render_count = first_with_total(
        RenderJob.objects.filter(
            status__in=[RenderJob.Status.QUEUED, RenderJob.Status.RENDERING]
        ).order_by("created_at", "pk")
    )
    imports, import_count = first_with_total(
        ImportJob.objects.filter(
            status__in=[
                ImportJob.Status.QUEUED,
                ImportJob.Status.CHECKING,
                ImportJob.Status.WRITING,
            ]
        ).order_by("created_at", "pk")
    )
    in_progress = [
        WaitingItem(label=str(job), url=job.get_absolute_url(), when=job.created_at)
        for job in [*imports, *renders]
    ][:SHOWN]
    return [
        WaitingGroup(
            key="document-drafts",
            title=_("Document drafts, oldest first"),
            count=draft_count,
            url=_list_url(status=Document.Status.DRAFT),
            items=[_document_item(document) for document in drafts],
            section="documents",
        ),
        WaitingGroup(
            key="documents-submitted",
            title=_("Documents awaiting the Chair's approval"),
            count=submitted_count,
            url=_list_url(status=Document.Status.SUBMITTED),
            items=[_document_item(document) for document in submitted],
            section="documents",
        ),
        WaitingGroup(
            key="jobs-in-progress",
            title=_("Imports and PDFs in progress"),
            count=import_count + render_count,
            items=in_progress,
        ),
    ]


@contributes(40)
def chair_documents(user: Any, today: date) -> list[WaitingGroup]:
    if is_isu_staff(user):
        return []
    chaired = sorted(pk for pk, role in committee_roles(user).items() if role == CHAIR)
    if not chaired:
        return []
    submitted, count = first_with_total(
        Document.objects.drafts_visible_to(user)
        .filter(status=Document.Status.SUBMITTED, committee__in=chaired)
        .order_by("updated_at", "pk")
    )
    return [
        WaitingGroup(
            key="documents-to-approve",
            title=_("Documents awaiting your approval"),
            count=count,
            url=_list_url(status=Document.Status.SUBMITTED),
            items=[_document_item(document) for document in submitted],
            section="documents",
        )
    ]


@contributes(50)
def newly_published(user: Any, today: date) -> list[WaitingGroup]:
    if is_isu_staff(user):
        return []
    versions, count = first_with_total(
        DocumentVersion.objects.visible_to(user)
        .filter(published_at__date__gte=today - timedelta(days=NEW_DAYS))
        .select_related("document")
        .order_by("-published_at", "-pk")
    )
    return [
        WaitingGroup(
            key="newly-published",
            title=_("Published in the last 30 days"),
            count=count,
            url=_list_url(status=Document.Status.PUBLISHED),
            items=[
                WaitingItem(
                    label=str(version.document),
                    url=version.get_absolute_url(),
                    when=version.published_at,
                )
                for version in versions
            ],
            section="documents",
        )
    ]
