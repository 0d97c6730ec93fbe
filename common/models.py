from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class DemoDataset(models.Model):
    """Present while demonstration data is loaded; every page then shows a banner."""

    loaded_at = models.DateTimeField(_("loaded at"), auto_now_add=True)
    description = models.CharField(_("description"), max_length=200)

    class Meta:
        verbose_name = _("demo dataset")
        verbose_name_plural = _("demo datasets")

    def __str__(self) -> str:
        return self.description


class Heartbeat(models.Model):
    """The last time a background process proved it was alive (worker via beat's schedule)."""

    name = models.CharField(_("name"), max_length=50, unique=True)
    last_seen = models.DateTimeField(_("last seen"))

    class Meta:
        verbose_name = _("heartbeat")
        verbose_name_plural = _("heartbeats")

    def __str__(self) -> str:
        return f"{self.name} @ {self.last_seen:%Y-%m-%d %H:%M:%S}"


class ImportJob(models.Model):
    """A large CSV import, checked in full and written by a worker (``common.tasks``); its page
    shows the progress. Created when the file is previewed, queued when it is confirmed.

    The records it writes are on the audit trail, as the user who confirmed it."""

    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("Previewed, not confirmed")
        QUEUED = "queued", _("Waiting for a worker")
        CHECKING = "checking", _("Checking every row")
        WRITING = "writing", _("Writing the records")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Rejected")

    #: The importer's class (``module.Class``), the page's title and where to go afterwards.
    importer = models.CharField(max_length=200)
    title = models.CharField(_("import"), max_length=200)
    done_url = models.CharField(max_length=200)
    filename = models.CharField(_("file"), max_length=255, blank=True)
    text = models.TextField()
    total_rows = models.PositiveIntegerField(_("records"), default=0)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PREVIEWED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    counts = models.JSONField(default=dict, blank=True)
    #: The problems found, ``[row, column, message]``, at most ``MAX_KEPT_ISSUES`` of them.
    issues = models.JSONField(default=list, blank=True)
    issue_count = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    MAX_KEPT_ISSUES = 1000

    class Meta:
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.title}: {self.filename} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("import_job", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class StoredFile(models.Model):
    """A file kept in the database by ``common.storage.DatabaseStorage``: an upload or a
    rendered PDF, written in the transaction of the record that names it."""

    name = models.CharField(_("name"), max_length=255, unique=True)
    content = models.BinaryField(_("content"))
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    created_at = models.DateTimeField(_("stored"), auto_now_add=True)

    class Meta:
        verbose_name = _("stored file")
        verbose_name_plural = _("stored files")

    def __str__(self) -> str:
        return self.name
