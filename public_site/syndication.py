"""What machines read of the public website: the Atom feed of published documents and the list
of pages the sitemap names."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from committees.models import Committee

from .pages import published_reports, published_versions, report_period

#: Entries of the feed: the newest published documents.
FEED_ENTRIES = 50


def documents_feed(absolute: Callable[[str], str]) -> str:
    """The latest published documents, each linking to its PDF (or the documents page while
    it is being rendered)."""
    documents_page = absolute(reverse("site:documents"))
    feed = Atom1Feed(
        title=_("Anti-Personnel Mine Ban Convention: documents"),
        link=documents_page,
        description=_("Documents published by the committees of the Convention."),
        feed_url=absolute(reverse("site:documents_feed")),
        language=None,
        feed_guid=documents_page,
    )
    versions = list(published_versions().order_by("-published_at", "-pk")[:FEED_ENTRIES])
    for version in versions:
        document = version.document
        link = (
            absolute(reverse("site:document_pdf", args=[document.pk, version.number]))
            if version.pdf_ready
            else documents_page
        )
        feed.add_item(
            title=f"{document.symbol}: {document.get_kind_display()} {document.period}",
            link=link,
            description=_("%(committee)s, %(date)s (%(language)s)")
            % {
                "committee": document.committee.display_name,
                "date": document.date.isoformat(),
                "language": document.get_language_display(),
            },
            unique_id=f"tag:apmbc-isu,{document.date.isoformat()}:document-{document.pk}"
            f"-v{version.number}",
            unique_id_is_permalink=False,
            pubdate=version.published_at,
            updateddate=version.published_at,
            categories=[document.committee.code],
        )
    return feed.writeString("utf-8")


def sitemap_pages() -> list[tuple[str, dict]]:
    """Every page of the site by URL name and arguments."""
    return [
        ("home", {}),
        *(
            ("committee", {"code": code})
            for code in Committee.objects.values_list("code", flat=True)
        ),
        ("states", {}),
        ("meetings", {}),
        ("documents", {}),
        ("article7", {}),
        *(
            ("article7_report", {"iso3": report.state.iso3, "period": report_period(report)})
            for report in published_reports().order_by("state__iso3", "year_covered")
        ),
    ]
