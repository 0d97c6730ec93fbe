from knox.auth import TokenAuthentication

from . import services


class ApiTokenAuthentication(TokenAuthentication):
    """``Authorization: Token <secret>``: knox's hashed tokens, remembering when each was used."""

    def validate_user(self, auth_token):
        user, token = super().validate_user(auth_token)
        services.record_use(token)
        return user, token
