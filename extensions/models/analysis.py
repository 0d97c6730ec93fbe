"""The Committee's dialogue with the State and its analysis of the request."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from common.audit import AuditedHistory, AuditedQuerySet
from correspondence.models import Letter

from .requests import ExtensionRequest


class Question(models.Model):
    """Questions put to the State about its request: a letter of the Committee through
    correspondence (approved and sent there); the State's reply is recorded on the letter."""

    request = models.ForeignKey(
        ExtensionRequest,
        on_delete=models.PROTECT,
        related_name="questions",
        verbose_name=_("request"),
    )
    letter = models.OneToOneField(
        Letter,
        on_delete=models.PROTECT,
        related_name="extension_question",
        verbose_name=_("letter"),
    )

    history = AuditedHistory()
    objects = AuditedQuerySet.as_manager()

    class Meta:
        verbose_name = _("question to the State")
        verbose_name_plural = _("questions to the State")
        ordering = ["request", "pk"]

    def __str__(self) -> str:
        return str(self.letter)


class Analysis(models.Model):
    """The Committee's analysis of a request and the draft decision it proposes to the
    Meeting; approved by the Committee's Chair (or ISU staff on the Chair's word)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved by the Chair")

    request = models.OneToOneField(
        ExtensionRequest,
        on_delete=models.PROTECT,
        related_name="analysis",
        verbose_name=_("request"),
    )
    language = models.CharField(
        _("language of the document"),
        max_length=2,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("The analysis and draft decision are printed in this language."),
    )
    text = models.TextField(_("analysis"))
    draft_decision = models.TextField(_("draft decision"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_on = models.DateField(_("approved on"), null=True, blank=True)

    history = AuditedHistory()
    objects = AuditedQuerySet.as_manager()

    class Meta:
        verbose_name = _("analysis and draft decision")
        verbose_name_plural = _("analyses and draft decisions")
        ordering = ["request"]

    def __str__(self) -> str:
        return _("Analysis of the request of %(state)s") % {"state": self.request.state}

    def get_absolute_url(self) -> str:
        return reverse("extensions:request", args=[self.request_id])

    def clean(self) -> None:
        if self.status == self.Status.APPROVED and not self.approved_on:
            raise ValidationError({"approved_on": _("Enter the day of the approval.")})

    # The rendering protocol of documents.pdf.Renderable.
    def pdf_source(self):
        from ..documents import analysis_pdf_source

        return analysis_pdf_source(self)

    def pdf_readable_by(self, user: Any) -> bool:
        from accounts.permissions import can_see_committee_workspace

        from ..access import article5_committee_id

        return can_see_committee_workspace(user, article5_committee_id())
