"""The text of a letter or a reminder rule: a subject and body in each language, with merge
fields, and the fallback when a contact's language has none."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from common.text import validate_single_line
from states_parties.models import Contact

from .. import merge

LANGUAGES = [code for code, _label in Contact.Language.choices]
#: When the contact's language has no text: English first, then whichever exists.
FALLBACK_ORDER = ["en", "fr", "es"]


class MultilingualText(models.Model):
    """A subject and body in English, French and Spanish, with merge fields."""

    subject_en = models.CharField(
        _("subject (English)"), max_length=300, blank=True, validators=[validate_single_line]
    )
    body_en = models.TextField(_("text (English)"), blank=True)
    subject_fr = models.CharField(
        _("subject (French)"), max_length=300, blank=True, validators=[validate_single_line]
    )
    body_fr = models.TextField(_("text (French)"), blank=True)
    subject_es = models.CharField(
        _("subject (Spanish)"), max_length=300, blank=True, validators=[validate_single_line]
    )
    body_es = models.TextField(_("text (Spanish)"), blank=True)

    class Meta:
        abstract = True

    def text_in(self, language: str) -> tuple[str, str]:
        return getattr(self, f"subject_{language}", ""), getattr(self, f"body_{language}", "")

    @property
    def languages(self) -> list[str]:
        """The languages with both a subject and a text."""
        return [code for code in LANGUAGES if all(part.strip() for part in self.text_in(code))]

    def choose(self, language: str) -> merge.Chosen:
        """The text for a contact who prefers ``language``; another one if it is missing."""
        available = self.languages
        if language in available:
            return merge.Chosen(language, *self.text_in(language), fallback=False)
        for code in FALLBACK_ORDER:
            if code in available:
                return merge.Chosen(code, *self.text_in(code), fallback=True)
        raise ValueError("no language has a text")

    def offered_fields(self) -> list[str]:
        """The merge fields this letter or reminder can fill for its audience."""
        raise NotImplementedError

    def clean_text(self) -> dict[str, list[str]]:
        errors: dict[str, list[str]] = {}
        offered = self.offered_fields()
        for code in LANGUAGES:
            subject, body = self.text_in(code)
            if bool(subject.strip()) != bool(body.strip()):
                missing = f"body_{code}" if subject.strip() else f"subject_{code}"
                errors.setdefault(missing, []).append(
                    str(_("Give both a subject and a text in this language, or neither."))
                )
            for field, text in ((f"subject_{code}", subject), (f"body_{code}", body)):
                problems = merge.check(text, offered)
                if problems:
                    errors.setdefault(field, []).extend(problems)
        if not self.languages and not errors:
            errors["subject_en"] = [str(_("Write the text in at least one language."))]
        return errors


def contacts_of_kinds(kinds: list[str]):
    contacts = Contact.objects.filter(active=True)
    return contacts.filter(kind__in=kinds) if kinds else contacts
