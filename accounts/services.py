"""Writes to accounts."""

from django.conf import settings


def set_preferred_language(user, language: str) -> None:
    """Remember the language a user chose; pages then follow it on every device."""
    if language not in dict(settings.LANGUAGES) or user.language == language:
        return
    user.language = language
    user.save(update_fields=["language"])
