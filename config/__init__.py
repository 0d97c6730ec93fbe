from common.collation import defer_collation_table

# Before the apps (django-countries among them) are imported: see defer_collation_table.
defer_collation_table()

from .celery import app as celery_app  # noqa: E402

__all__ = ("celery_app",)
