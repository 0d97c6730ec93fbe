"""A committee: its mandate, and the kinds of member its composition must include."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from common.audit import AuditedHistory, AuditedQuerySet
from common.text import validate_single_line


class Committee(models.Model):
    class ChairRule(models.TextChoices):
        SECOND_YEAR_MEMBER = "second_year", _("A member in the second year of its term")
        PRESIDENT = "president", _("The President of the Convention")

    code = models.SlugField(
        _("short code"), max_length=10, unique=True, help_text=_("E.g. CA5, CCC.")
    )
    name = models.CharField(
        _("name"), max_length=200, unique=True, validators=[validate_single_line]
    )
    purpose = models.TextField(_("purpose"), blank=True)
    working_methods = models.TextField(_("working methods"), blank=True)
    seats = models.PositiveSmallIntegerField(
        _("seats for States Parties"), default=4, help_text=_("Not counting a President as Chair.")
    )
    term_length = models.PositiveSmallIntegerField(
        _("term length (formal meetings)"),
        default=2,
        help_text=_(
            "A term runs from the close of one Meeting to the close of the Meeting this "
            "many Meetings later."
        ),
    )
    chair_rule = models.CharField(
        _("the Chair is"),
        max_length=20,
        choices=ChairRule.choices,
        default=ChairRule.SECOND_YEAR_MEMBER,
    )
    display_order = models.PositiveSmallIntegerField(_("display order"), default=100)
    is_standing = models.BooleanField(
        _("standing committee"),
        default=False,
        editable=False,
        help_text=_("One of the four committees every installation has."),
    )

    history = AuditedHistory()
    objects = AuditedQuerySet.as_manager()
    history_includes = (
        ("committees.MandateItem", "committee"),
        ("committees.CompositionRequirement", "committee"),
        ("committees.SeatTerm", "committee"),
    )

    class Meta:
        verbose_name = _("committee")
        verbose_name_plural = _("committees")
        ordering = ["display_order", "name"]

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args, **kwargs) -> None:
        self.code = self.code.upper()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("committees:detail", args=[self.code])

    # The standing committees' texts come with the application, in English, and are translated
    # through the catalogues (see migration 0002); texts staff write are shown as written.
    @property
    def display_name(self) -> str:
        return gettext(self.name)

    @property
    def display_purpose(self) -> str:
        return gettext(self.purpose) if self.purpose else ""

    @property
    def display_working_methods(self) -> str:
        return gettext(self.working_methods) if self.working_methods else ""

    @property
    def chaired_by_president(self) -> bool:
        return self.chair_rule == self.ChairRule.PRESIDENT


class MandateItem(models.Model):
    committee = models.ForeignKey(
        Committee,
        on_delete=models.CASCADE,
        related_name="mandate_items",
        verbose_name=_("committee"),
    )
    position = models.PositiveSmallIntegerField(_("position"))
    text = models.TextField(_("text"))

    history = AuditedHistory()
    objects = AuditedQuerySet.as_manager()

    class Meta:
        verbose_name = _("mandate item")
        verbose_name_plural = _("mandate items")
        ordering = ["committee", "position"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "position"], name="one_item_per_position")
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.text[:60]}"

    @property
    def display_text(self) -> str:
        return gettext(self.text)


class MemberKind(models.Model):
    """A kind of member a committee must include, e.g. an affected State Party."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    label = models.CharField(_("label"), max_length=200)

    history = AuditedHistory()
    objects = AuditedQuerySet.as_manager()

    class Meta:
        verbose_name = _("kind of member")
        verbose_name_plural = _("kinds of member")
        ordering = ["label"]

    def __str__(self) -> str:
        return gettext(self.label)


class CompositionRequirement(models.Model):
    committee = models.ForeignKey(
        Committee,
        on_delete=models.CASCADE,
        related_name="requirements",
        verbose_name=_("committee"),
    )
    member_kind = models.ForeignKey(
        MemberKind, on_delete=models.PROTECT, related_name="+", verbose_name=_("kind of member")
    )
    minimum = models.PositiveSmallIntegerField(_("at least"), default=1)

    history = AuditedHistory()
    objects = AuditedQuerySet.as_manager()

    class Meta:
        verbose_name = _("composition requirement")
        verbose_name_plural = _("composition requirements")
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "member_kind"], name="one_requirement_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.committee.code}: {self.minimum} × {self.member_kind}"
