"""Words the documents print that other apps define: the member line's "(Chair)", the
reporting chart's captions, the Article 9 statuses.

They are listed here so that ``makemessages`` keeps them in the documents' own translation
catalogue (``documents/locale``), which makes every printed document French or Spanish
whatever the other apps' catalogues contain.
"""

from django.utils.translation import gettext_noop

BORROWED = (
    # committees.composition.Member.line_name
    gettext_noop("Chair"),
    # reporting/includes/rate_chart.html
    gettext_noop("Article 7 reporting rate per year"),
    gettext_noop(
        "For each year, the share of the reports due that year that were received by their due "
        "date, and received at all. The same figures are in the table that follows."
    ),
    gettext_noop("received on time"),
    gettext_noop("received at all (so far)"),
    gettext_noop("The figures as a table"),
    gettext_noop("Year due"),
    gettext_noop("Reports due"),
    gettext_noop("On time"),
    gettext_noop("Received"),
    # reporting.models.Article9Status
    gettext_noop("Legislation adopted"),
    gettext_noop("Existing law deemed sufficient"),
    gettext_noop("Measures in preparation"),
    gettext_noop("Nothing reported"),
    # common.visibility.Visibility, printed as the document's marking
    gettext_noop("States Parties only"),
    gettext_noop("Internal"),
    gettext_noop("Confidential"),
)
