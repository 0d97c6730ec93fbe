"""Where uploaded files and rendered PDFs are kept: in PostgreSQL by default, beside their
records, so that every web process and worker of every machine reads them, a rollback takes
them back with the record that named them, and the database's backup holds them.

``DatabaseStorage`` is a Django storage backend (``STORAGES["default"]``) whose files are rows
of ``common.StoredFile``: a file is written in the transaction of the write that stores it
(``FieldFile.save`` inside a service), read by name, and never served from a URL (downloads go
through a view that checks who may read them, ``common.files.attachment``). With
``AWS_STORAGE_BUCKET_NAME`` set, the settings use S3-compatible object storage through
django-storages instead (``config.settings.base.file_storage``)."""

from __future__ import annotations

from datetime import datetime
from typing import IO, Any
from urllib.parse import urljoin

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.core.files.storage import Storage
from django.utils.deconstruct import deconstructible
from django.utils.encoding import filepath_to_uri


@deconstructible(path="common.storage.DatabaseStorage")
class DatabaseStorage(Storage):
    """Files as rows of ``StoredFile`` (name, bytes, size, when)."""

    def _model(self) -> Any:
        from .models import StoredFile

        return StoredFile

    def _open(self, name: str, mode: str = "rb") -> File:
        if "w" in mode or "a" in mode or "+" in mode:
            raise ValueError("files in the database are written with save(), not open()")
        content = self._model().objects.filter(name=name).values_list("content", flat=True).first()
        if content is None:
            raise FileNotFoundError(name)
        return ContentFile(bytes(content), name=name)

    def _save(self, name: str, content: IO[Any]) -> str:
        if hasattr(content, "seek"):
            content.seek(0)
        data = content.read()
        if isinstance(data, str):
            data = data.encode()
        self._model().objects.create(name=name, content=data, size=len(data))
        return name

    def delete(self, name: str) -> None:
        self._model().objects.filter(name=name).delete()

    def exists(self, name: str) -> bool:
        return self._model().objects.filter(name=name).exists()

    def size(self, name: str) -> int:
        size = self._model().objects.filter(name=name).values_list("size", flat=True).first()
        if size is None:
            raise FileNotFoundError(name)
        return size

    def listdir(self, path: str) -> tuple[list[str], list[str]]:
        prefix = path.rstrip("/") + "/" if path else ""
        directories, files = set(), []
        for name in (
            self._model().objects.filter(name__startswith=prefix).values_list("name", flat=True)
        ):
            rest = name[len(prefix) :]
            head, slash, _tail = rest.partition("/")
            if slash:
                directories.add(head)
            else:
                files.append(rest)
        return sorted(directories), sorted(files)

    def get_created_time(self, name: str) -> datetime:
        created = (
            self._model().objects.filter(name=name).values_list("created_at", flat=True).first()
        )
        if created is None:
            raise FileNotFoundError(name)
        return created

    get_modified_time = get_created_time

    def url(self, name: str | None) -> str:
        """Where ``MEDIA_URL`` would put it (nothing is served there: downloads go through a
        view); forms show it as the current file's link, as with files on disk."""
        return urljoin(settings.MEDIA_URL, filepath_to_uri(name or ""))
