from django.utils import timezone
from knox.auth import TokenAuthentication

from . import services


class ApiTokenAuthentication(TokenAuthentication):
    """``Authorization: Token <secret>``: knox's hashed tokens, remembering when each was used."""

    def validate_user(self, auth_token):
        user, token = super().validate_user(auth_token)
        services.record_use(token)
        return user, token

    def _cleanup_token(self, auth_token) -> bool:
        """Whether the token presented has expired: knox then refuses it.

        knox would also delete it, and read every other token of the same user on every
        request to delete the expired ones: a query per API call, and deletions that the
        refusal rolls back anyway (``ATOMIC_REQUESTS``). An expired token stays on the token
        list, with its expiry date, until staff revoke it."""
        return auth_token.expiry is not None and auth_token.expiry < timezone.now()
