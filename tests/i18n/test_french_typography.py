"""French typography: a no-break space before ":" ";" "?" "!" and "»" and after "«", in every
French translation. ``scripts/french_typography.py`` fixes the catalogues; this keeps them so."""

import importlib.util
from pathlib import Path

import polib
import pytest
from django.conf import settings

from common.typography import NBSP, fix_french, french_problems

ROOT = Path(settings.BASE_DIR)
FRENCH = [
    ROOT / "locale" / "fr" / "LC_MESSAGES" / "django.po",
    ROOT / "documents" / "locale" / "fr" / "LC_MESSAGES" / "django.po",
]


def load_script():
    spec = importlib.util.spec_from_file_location(
        "french_typography", ROOT / "scripts" / "french_typography.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("path", FRENCH, ids=["interface", "documents"])
def test_no_ordinary_space_before_the_high_marks_in_french(path):
    catalogue = polib.pofile(str(path))
    problems = {
        entry.msgid: found
        for entry in catalogue
        for text in [entry.msgstr, *entry.msgstr_plural.values()]
        if (found := french_problems(text))
    }
    assert problems == {}, "run scripts/french_typography.py, then make messages"


def test_the_rule_changes_only_ordinary_spaces():
    assert fix_french("Type : l'un de %(kinds)s ; « %(value)s » ? Oui !") == (
        f"Type{NBSP}: l'un de %(kinds)s{NBSP}; «{NBSP}%(value)s{NBSP}»{NBSP}? Oui{NBSP}!"
    )
    unchanged = "09:00, CAN;PER, https://example.org/?q=1, déjà\u202f: bien"
    assert fix_french(unchanged) == unchanged
    assert french_problems(unchanged) == []
    assert french_problems("Nom : «x»") == ["Nom : «x»", "Nom : «x»", "Nom : «x»"]


def test_the_script_fixes_a_catalogue_in_place_keeping_its_layout(tmp_path):
    source = (
        'msgid ""\n'
        'msgstr ""\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n'
        "\n"
        "#: accounts/forms.py:10\n"
        'msgid "Type: one of %(kinds)s; try again?"\n'
        'msgstr "Type : l\'un de %(kinds)s ; réessayer ?"\n'
        "\n"
        'msgid "A long message that is wrapped: the colon starts the next line"\n'
        'msgstr ""\n'
        '"Un long message qui passe à la ligne "\n'
        '": les deux-points commencent la suivante"\n'
        "\n"
        'msgid "Time : 09:00"\n'
        'msgstr "Heure\u00a0: 09:00"\n'
    )
    path = tmp_path / "django.po"
    path.write_text(source, encoding="utf-8")
    script = load_script()
    script.main([str(path)])
    fixed = path.read_text(encoding="utf-8")
    expected = source.replace(
        "Type : l'un de %(kinds)s ; réessayer ?",
        f"Type{NBSP}: l'un de %(kinds)s{NBSP}; réessayer{NBSP}?",
    ).replace('la ligne "', f'la ligne{NBSP}"')
    assert fixed == expected
    script.main([str(path)])
    assert path.read_text(encoding="utf-8") == fixed
