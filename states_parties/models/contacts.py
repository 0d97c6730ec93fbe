"""The people the secretariat writes to on behalf of a State, and how letters address them."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.audit import AuditedHistory, AuditedQuerySet
from common.text import validate_single_line

from .. import names
from .states import StateParty


class Contact(models.Model):
    """Someone the secretariat writes to on behalf of a State."""

    class Kind(models.TextChoices):
        PERMANENT_MISSION = "permanent_mission", _("Permanent Mission in Geneva")
        ARTICLE7 = "article7", _("National contact point for Article 7")
        NATIONAL = "national", _("Other national contact point")

    class Language(models.TextChoices):
        ENGLISH = "en", _("English")
        FRENCH = "fr", _("French")
        SPANISH = "es", _("Spanish")

    class AddressedAs(models.TextChoices):
        """Whom a letter to this contact addresses (see ``addressing``)."""

        PERMANENT_REPRESENTATIVE = (
            "permanent_representative",
            _("The Permanent Representative (“Excellency,”)"),
        )
        MISSION = "mission", _("The Permanent Mission, by its full name")
        MS = "ms", _("A person: Ms (“Dear Ms Rossi,”)")
        MR = "mr", _("A person: Mr (“Dear Mr Rossi,”)")
        SIR_OR_MADAM = "sir_or_madam", _("Unknown (“Dear Sir or Madam,”)")

    state = models.ForeignKey(
        StateParty, on_delete=models.PROTECT, related_name="contacts", verbose_name=_("State")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200, validators=[validate_single_line])
    function = models.CharField(
        _("function"), max_length=200, blank=True, validators=[validate_single_line]
    )
    email = models.EmailField(_("e-mail"))
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive contacts receive nothing.")
    )
    addressed_as = models.CharField(
        _("letters address"),
        max_length=30,
        choices=AddressedAs.choices,
        default=AddressedAs.SIR_OR_MADAM,
        help_text=_("Sets the salutation and the address block; never taken from the function."),
    )
    family_name = models.CharField(
        _("family name"),
        max_length=100,
        blank=True,
        help_text=_("For Ms or Mr: “Dear Ms Rossi,”."),
        validators=[validate_single_line],
    )
    salutation_en = models.CharField(
        _("salutation (English)"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty for the default of the form of address."),
        validators=[validate_single_line],
    )
    salutation_fr = models.CharField(
        _("salutation (French)"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty for the default of the form of address."),
        validators=[validate_single_line],
    )
    salutation_es = models.CharField(
        _("salutation (Spanish)"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty for the default of the form of address."),
        validators=[validate_single_line],
    )
    address_en = models.TextField(
        _("address block (English)"),
        blank=True,
        help_text=_("The lines above a letter's subject; leave empty for the default."),
    )
    address_fr = models.TextField(
        _("address block (French)"),
        blank=True,
        help_text=_("The lines above a letter's subject; leave empty for the default."),
    )
    address_es = models.TextField(
        _("address block (Spanish)"),
        blank=True,
        help_text=_("The lines above a letter's subject; leave empty for the default."),
    )

    history = AuditedHistory()
    objects = AuditedQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["state", "kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["state", "kind", "email"],
                name="one_contact_per_address_and_kind",
                violation_error_message=_(
                    "This address is already recorded as this kind of contact for the State."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"

    def clean(self) -> None:
        person = (self.AddressedAs.MS, self.AddressedAs.MR)
        if self.addressed_as in person and not self.family_name.strip():
            raise ValidationError(
                {"family_name": _("Give the family name for “Dear Ms …” or “Dear Mr …”.")}
            )

    def salutation_in(self, language: str) -> str:
        """How a letter in ``language`` opens: the contact's own, or the default."""
        from ..addressing import default_salutation

        language = names.language_of(language)
        own = getattr(self, f"salutation_{language}").strip()
        return own or default_salutation(self, language)

    def address_in(self, language: str) -> str:
        """The address block of a letter in ``language``: the contact's own, or the default."""
        from ..addressing import default_address

        language = names.language_of(language)
        own = getattr(self, f"address_{language}").strip()
        return own or default_address(self, language)
