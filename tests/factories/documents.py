"""Committee documents, their paragraphs, versions and events, and PDF render jobs."""

from datetime import date

import factory

from common.visibility import Visibility
from documents.kinds import DocumentKind
from documents.models import (
    Document,
    DocumentEvent,
    DocumentParagraph,
    DocumentVersion,
    RenderJob,
)

from .accounts import UserFactory
from .committees import CommitteeFactory


class DocumentFactory(factory.django.DjangoModelFactory):
    """A draft (``services.create_document`` also assembles its paragraphs; this writes the row
    alone)."""

    class Meta:
        model = Document

    committee = factory.SubFactory(CommitteeFactory)
    kind = DocumentKind.ACTIVITIES_PRIORITIES
    period = "2025-2026"
    date = date(2025, 11, 20)
    language = "en"
    symbol = factory.Sequence(lambda n: f"APLC/TEST/2025/WP.{n + 1}")
    visibility = Visibility.PUBLIC
    status = Document.Status.DRAFT


class DocumentParagraphFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DocumentParagraph

    document = factory.SubFactory(DocumentFactory)
    section = "priorities"
    position = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Paragraph {n + 1} of the document.")


class DocumentVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DocumentVersion

    document = factory.SubFactory(DocumentFactory, status=Document.Status.PUBLISHED)
    number = factory.Sequence(lambda n: n + 1)
    snapshot = factory.LazyAttribute(
        lambda version: {"symbol": version.document.symbol, "paragraphs": []}
    )
    visibility = factory.SelfAttribute("document.visibility")
    published_by = factory.SubFactory(UserFactory, role="isu_staff")


class DocumentEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DocumentEvent

    document = factory.SubFactory(DocumentFactory)
    action = DocumentEvent.Action.CREATED
    user = factory.SubFactory(UserFactory, role="isu_staff")


class RenderJobFactory(factory.django.DjangoModelFactory):
    """A queued PDF of a document."""

    class Meta:
        model = RenderJob

    target = factory.SubFactory(DocumentFactory)
    filename = factory.LazyAttribute(lambda job: f"{job.target.symbol.replace('/', '-')}.pdf")
