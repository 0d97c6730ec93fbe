"""Accepting an invitation: the link e-mailed to a new reporter."""

from __future__ import annotations

from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import SetPasswordForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from common.views import apply_service

from .. import services


@login_not_required
def invitation(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    """The invitation's link: choose a password, then set up the second factor."""
    found = services.find_invitation(pk, token)
    if found is None:
        return render(request, "portal/invitation.html", {"valid": False})
    user = found.reporter.user
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        accepted = []
        if apply_service(
            form,
            lambda: accepted.append(
                services.accept_invitation(found, form.cleaned_data["new_password1"])
            ),
        ):
            login(request, accepted[0], backend="django.contrib.auth.backends.ModelBackend")
            query = urlencode({"next": reverse("portal:home")})
            return redirect(f"{reverse('two_factor_enrol')}?{query}")
    status = 400 if form.is_bound and form.errors else 200
    context = {"valid": True, "form": form, "reporter": found.reporter}
    return render(request, "portal/invitation.html", context, status=status)
