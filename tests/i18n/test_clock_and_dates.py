"""One clock (every date-time in the ISU's zone, which it names) and dates as each language
writes them (French and Spanish month abbreviations, in lower case)."""

from datetime import UTC, date, datetime

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.formats import date_format

from common.clock import local_datetime
from common.typography import written_date
from tests.factories import UserFactory

NBSP = "\u00a0"
#: 13:05 UTC in winter is 14:05 in Geneva (CET); 12:05 UTC in summer too (CEST).
WINTER = datetime(2026, 1, 15, 13, 5, tzinfo=UTC)
SUMMER = datetime(2026, 7, 15, 12, 5, tzinfo=UTC)


@pytest.mark.parametrize(
    ("language", "winter", "summer"),
    [
        ("en", "15 Jan 2026, 14:05 CET", "15 Jul 2026, 14:05 CEST"),
        ("fr", "15 janv. 2026, 14:05 CET", "15 juil. 2026, 14:05 CEST"),
        ("es", "15 ene. 2026, 14:05 CET", "15 jul. 2026, 14:05 CEST"),
    ],
)
def test_a_date_time_is_shown_on_the_isus_clock_and_names_its_zone(language, winter, summer):
    with translation.override(language):
        assert local_datetime(WINTER) == winter.replace(" CE", f"{NBSP}CE")
        assert local_datetime(SUMMER) == summer.replace(" CE", f"{NBSP}CE")


def test_the_long_form_and_the_form_with_seconds():
    with translation.override("en"):
        assert local_datetime(WINTER, "DATETIME_FORMAT") == f"15 January 2026, 14:05{NBSP}CET"
        assert local_datetime(SUMMER, "seconds") == f"15 Jul 2026, 14:05:00{NBSP}CEST"
    with translation.override("fr"):
        assert local_datetime(SUMMER, "DATETIME_FORMAT") == f"15 juillet 2026, 14:05{NBSP}CEST"
    with translation.override("es"):
        assert local_datetime(WINTER, "DATETIME_FORMAT") == f"15 de enero de 2026, 14:05{NBSP}CET"
    assert local_datetime(None) == ""


def test_another_zone_is_a_setting(settings):
    settings.TIME_ZONE = "America/New_York"
    with translation.override("en"):
        assert local_datetime(WINTER) == f"15 Jan 2026, 08:05{NBSP}EST"
        assert local_datetime(SUMMER) == f"15 Jul 2026, 08:05{NBSP}EDT"


def test_every_template_has_the_filter_without_loading_it():
    template = Template('{{ at|local_datetime }} · {{ at|local_datetime:"DATETIME_FORMAT" }}')
    with translation.override("en"):
        assert template.render(Context({"at": SUMMER})) == (
            f"15 Jul 2026, 14:05{NBSP}CEST · 15 July 2026, 14:05{NBSP}CEST"
        )


@pytest.mark.django_db
def test_history_values_are_on_the_isus_clock(staff_client):
    user = UserFactory(username="joined", date_joined=WINTER)
    user.date_joined = SUMMER
    user.save()
    page = staff_client.get(f"/history/accounts.user/{user.pk}/").content.decode()
    assert (
        f"<del>15 January 2026, 14:05{NBSP}CET</del> → <ins>15 July 2026, 14:05{NBSP}CEST</ins>"
        in page
    )


# --- dates as each language writes them ------------------------------------------------------

#: Short dates of the 5th of each month, January to December.
SHORT_MONTHS = {
    "en": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
    "fr": "janv. févr. mars avr. mai juin juil. août sept. oct. nov. déc.",
    "es": "ene. feb. mar. abr. may. jun. jul. ago. sept. oct. nov. dic.",
}


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_month_abbreviations_as_each_language_writes_them(language):
    with translation.override(language):
        shown = [date_format(date(2026, month, 5), "SHORT_DATE_FORMAT") for month in range(1, 13)]
    assert shown == [f"5 {month} 2026" for month in SHORT_MONTHS[language].split()]


def test_french_and_spanish_month_names_are_lower_case():
    with translation.override("fr"):
        assert date_format(date(2026, 6, 1), "DATE_FORMAT") == "1 juin 2026"
        assert date_format(date(2026, 2, 1), "YEAR_MONTH_FORMAT") == "février 2026"
    with translation.override("es"):
        assert date_format(date(2026, 6, 1), "DATE_FORMAT") == "1 de junio de 2026"
        assert date_format(date(2026, 2, 1), "YEAR_MONTH_FORMAT") == "febrero de 2026"


@pytest.mark.parametrize(
    ("day", "language", "written"),
    [
        (date(2027, 3, 1), "en", "1 March 2027"),
        (date(2027, 3, 1), "fr", "1er mars 2027"),
        (date(2027, 3, 2), "fr", "2 mars 2027"),
        (date(2027, 3, 11), "fr", "11 mars 2027"),
        (date(2027, 3, 1), "es", "1 de marzo de 2027"),
        (date(2027, 3, 1), "fr-ch", "1er mars 2027"),
        (date(2027, 3, 1), "de", "1 March 2027"),
    ],
)
def test_letters_documents_and_public_pages_write_the_first_of_the_month_in_french_as_1er(
    day, language, written
):
    """One rule for the texts that leave the ISU (``written_date``): the document date filter,
    the letters' merge fields and the public site's tables all write dates with it."""
    from correspondence.merge import format_date
    from documents.templatetags.documents import document_date
    from public_site.rows import DateWriter

    assert written_date(day, language) == written
    assert format_date(day, language) == written
    with translation.override(language):
        assert document_date(day) == written
        assert DateWriter()(day) == written
