"""Copy the files an earlier release kept under ``DJANGO_MEDIA_ROOT`` into the storage the
application now uses (PostgreSQL, or the configured bucket), under the same names, so that the
records naming them find them on every machine. Files already there are left alone: running it
again copies nothing. The files on disk are not removed (back them up, then delete them)::

    python manage.py move_files_to_database            # copy, and say what was copied
    python manage.py move_files_to_database --dry-run  # only say what would be
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.db import models, transaction


def named_files() -> list[str]:
    """Every file name a record of the application holds."""
    names: set[str] = set()
    for model in apps.get_models():
        if getattr(model, "instance_type", None) is not None:  # audit-trail copies
            continue
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                names.update(
                    model._default_manager.exclude(**{field.name: ""})
                    .exclude(**{f"{field.name}__isnull": True})
                    .values_list(field.name, flat=True)
                )
    return sorted(names)


class Command(BaseCommand):
    help = "Copy the files kept under DJANGO_MEDIA_ROOT into the database (or bucket)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--dry-run", action="store_true", help="copy nothing")

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        root = Path(settings.MEDIA_ROOT)
        copied = missing = 0
        for name in named_files():
            if default_storage.exists(name):
                continue
            path = root / name
            if not path.is_file() or root not in path.resolve().parents:
                missing += 1
                self.stderr.write(f"missing on disk: {name}")
                continue
            if not dry_run:
                with transaction.atomic(), path.open("rb") as content:
                    # Under the same name: the record keeps pointing at it.
                    default_storage._save(name, File(content, name=name))
            copied += 1
            self.stdout.write(f"{'would copy' if dry_run else 'copied'}: {name}")
        self.stdout.write(f"{copied} copied, {missing} missing on disk.")
