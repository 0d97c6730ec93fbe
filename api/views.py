from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rest_framework.decorators import api_view, permission_classes, schema
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny

from accounts.permissions import staff_required

from . import services
from .forms import ApiTokenForm
from .models import ApiToken

_NEW_SECRET = "api.new-token-secret"  # noqa: S105 (a session key)


@staff_required
def token_list(request: HttpRequest) -> HttpResponse:
    """Staff create tokens for any user (a service account for the website, a colleague's
    script) and revoke any. A new token's secret is shown once, right after it is made."""
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token, secret = services.create_token(
            form.cleaned_data["user"],
            name=form.cleaned_data["name"],
            expiry=form.expiry_delta(),
            created_by=request.user,
        )
        request.session[_NEW_SECRET] = {"name": token.name, "secret": secret}
        return redirect("api_tokens")
    context = {
        "form": form,
        "tokens": ApiToken.objects.select_related("user", "created_by"),
        "new_token": request.session.pop(_NEW_SECRET, None),
    }
    return render(request, "api/token_list.html", context, status=400 if form.errors else 200)


@staff_required
@require_POST
def token_revoke(request: HttpRequest, token_key: str) -> HttpResponse:
    token = get_object_or_404(ApiToken, token_key=token_key)
    services.revoke_token(token)
    messages.success(request, _("The token “%(name)s” was revoked.") % {"name": token.name})
    return redirect("api_tokens")


@api_view(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])
@permission_classes([AllowAny])
@schema(None)
def not_found(request, *args, **kwargs):
    raise NotFound
