"""ISU staff's pages about national reporters: the list, the invitation, one reporter's page,
suspending and inviting again."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import staff_required
from common.views import apply_service, form_page, list_page

from .. import services
from ..filters import ReporterFilter
from ..forms import InviteForm
from ..models import Reporter
from ..tables import REPORTERS


@staff_required
def reporter_list(request: HttpRequest) -> HttpResponse:
    reporters = ReporterFilter(request.GET or None, queryset=Reporter.objects.listed())
    return list_page(
        request, "portal/reporter_list.html", reporters, target="reporter-results", table=REPORTERS
    )


@staff_required
def reporter_invite(request: HttpRequest) -> HttpResponse:
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        invited: list[Reporter] = []

        def write() -> None:
            invited.append(
                services.invite_reporter(
                    email=data["email"],
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    state=data["state"],
                    language=data["language"],
                    by=request.user,
                    domain=request.get_host(),
                    use_https=request.is_secure(),
                )
            )

        if apply_service(form, write):
            reporter = invited[0]
            messages.success(
                request,
                _("An invitation was sent to %(email)s.") % {"email": reporter.user.email},
            )
            return redirect("portal:reporter_detail", pk=reporter.pk)
    return form_page(
        request,
        form,
        _("Invite a national reporter"),
        reverse("portal:reporter_list"),
        template="portal/reporter_invite.html",
    )


@staff_required
def reporter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    reporter = get_object_or_404(Reporter.objects.listed(), pk=pk)
    invitations = list(reporter.invitations.select_related("created_by"))
    return render(
        request,
        "portal/reporter_detail.html",
        {"reporter": reporter, "invitations": invitations},
    )


@staff_required
@require_POST
def reporter_suspend(request: HttpRequest, pk: int) -> HttpResponse:
    reporter = get_object_or_404(Reporter.objects.listed(), pk=pk)
    services.suspend_reporter(reporter=reporter, by=request.user)
    messages.success(
        request,
        _("%(name)s is suspended: they can no longer sign in.")
        % {"name": reporter.user.get_full_name()},
    )
    return redirect("portal:reporter_detail", pk=reporter.pk)


@staff_required
@require_POST
def reporter_reinvite(request: HttpRequest, pk: int) -> HttpResponse:
    reporter = get_object_or_404(Reporter.objects.listed(), pk=pk)
    services.reinvite_reporter(
        reporter=reporter,
        by=request.user,
        domain=request.get_host(),
        use_https=request.is_secure(),
    )
    messages.success(
        request,
        _("A new invitation was sent to %(email)s; earlier links no longer work.")
        % {"email": reporter.user.email},
    )
    return redirect("portal:reporter_detail", pk=reporter.pk)
