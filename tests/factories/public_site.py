"""The public website's records: the committees' texts."""

import factory

from public_site.models import CommitteeText

from .committees import CommitteeFactory


class CommitteeTextFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommitteeText
        django_get_or_create = ("committee", "language")

    committee = factory.SubFactory(CommitteeFactory)
    language = "fr"
    purpose = "Aider les États parties."
    mandate = "Premier point.\nDeuxième point."
    composition = "Quatre États parties."
    working_methods = "Par consensus."
