"""Demonstration reporter: the national reporter of Cambodia (the account ``reporter``)."""

from __future__ import annotations

import random

from django.contrib.auth import get_user_model
from django.utils import timezone

from states_parties.models import StateParty

from .models import Reporter


def load(rng: random.Random) -> None:
    User = get_user_model()
    user = User.objects.get(username="reporter")
    staff = User.objects.get(username="isu")
    now = timezone.now()
    Reporter.objects.create(
        user=user,
        state=StateParty.objects.get(iso3="KHM"),
        status=Reporter.Status.ACTIVE,
        invited_by=staff,
        invited_at=now,
        activated_at=now,
    )
