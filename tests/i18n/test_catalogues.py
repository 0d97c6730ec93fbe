"""The French and Spanish catalogues: complete, valid, compiled, and used."""

import gettext
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from tests.factories import UserFactory

LOCALE = Path(settings.BASE_DIR) / "locale"
LANGUAGES = ["fr", "es"]
#: The interface's catalogue, and the documents app's own (what printed documents say).
CATALOGUES = {"interface": LOCALE, "documents": Path(settings.BASE_DIR) / "documents" / "locale"}
EVERY_CATALOGUE = pytest.mark.parametrize(
    ("locale", "language"),
    [
        pytest.param(locale, language, id=f"{name}-{language}")
        for name, locale in CATALOGUES.items()
        for language in LANGUAGES
    ],
)


@EVERY_CATALOGUE
def test_every_string_is_translated(locale, language):
    catalogue = polib.pofile(str(locale / language / "LC_MESSAGES" / "django.po"))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert untranslated == [] and fuzzy == [], "run `make messages` and translate these"


@EVERY_CATALOGUE
def test_the_catalogue_is_valid_and_its_compiled_file_is_current(locale, language, tmp_path):
    """msgfmt --check verifies placeholders (``%(name)s``) survive translation; the committed
    .mo must say what the .po says (``make messages`` compiles both)."""
    source = locale / language / "LC_MESSAGES" / "django.po"
    compiled = tmp_path / "django.mo"
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "gettext's msgfmt is needed (apt package gettext)"
    subprocess.run([msgfmt, "--check", "-o", str(compiled), str(source)], check=True)
    with compiled.open("rb") as fresh, (source.with_suffix(".mo")).open("rb") as committed:
        assert gettext.GNUTranslations(committed)._catalog == (
            gettext.GNUTranslations(fresh)._catalog
        )


def test_provided_texts_and_official_terms():
    with translation.override("fr"):
        assert translation.gettext("Committee on Article 5 Implementation") == (
            "Comité sur l'application de l'article 5"
        )
        assert translation.gettext("States Parties") == "États parties"
    with translation.override("es"):
        assert translation.gettext("APMBC Implementation Support Unit") == (
            "Dependencia de Apoyo a la Aplicación de la CPMA"
        )


@pytest.mark.django_db
def test_the_switcher_sets_the_cookie_and_the_users_preference(standing_committees):
    user = UserFactory(username="ana", role="observer")
    client = Client()
    client.force_login(user)
    response = client.post("/accounts/language/", {"language": "es", "next": "/committees/"})
    assert response.status_code == 302 and response["Location"] == "/committees/"
    user.refresh_from_db()
    assert user.language == "es"
    page = client.get("/committees/", HTTP_ACCEPT_LANGUAGE="fr")
    assert page["Content-Language"] == "es"
    assert "Comité sobre la Aplicación del Artículo 5" in page.content.decode()
    # On another device (no cookie), the preference still applies once logged in.
    other = Client()
    other.force_login(user)
    assert other.get("/committees/", HTTP_ACCEPT_LANGUAGE="fr")["Content-Language"] == "es"


@pytest.mark.django_db
def test_anonymous_visitors_can_switch_on_the_login_page():
    client = Client()
    response = client.post("/accounts/language/", {"language": "fr", "next": "/accounts/login/"})
    assert response.status_code == 302
    page = client.get("/accounts/login/")
    assert page["Content-Language"] == "fr"
    assert "Se connecter" in page.content.decode()


@pytest.mark.django_db
def test_dates_and_figures_follow_the_language(client):
    from datetime import date

    from django.template import Context, Template

    template = Template('{% load humanize %}{{ day|date:"DATE_FORMAT" }} · {{ figure|intcomma }}')
    context = Context({"day": date(1999, 3, 1), "figure": 12500})
    rendered = {}
    for language in ("en", "fr", "es"):
        with translation.override(language):
            rendered[language] = template.render(context)
    assert rendered == {
        "en": "1 March 1999 · 12,500",
        "fr": "1 mars 1999 · 12\u202f500",
        "es": "1 de marzo de 1999 · 12.500",
    }
