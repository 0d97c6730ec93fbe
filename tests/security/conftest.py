from datetime import UTC, datetime

import pytest
import time_machine
from django.db import transaction
from django.test import override_settings

from . import matrix

TODAY = datetime(2025, 6, 1, 10, 0, tzinfo=UTC)  # CA5 and CCC members serving, DEU in the chair


@pytest.fixture(scope="module")
def data(django_db_setup, django_db_blocker, tmp_path_factory):
    """The matrix's records, built once per module (they take seconds) inside a transaction that
    is rolled back after the module's last test. Each test runs in a savepoint within it
    (pytest-django's ``db``), so what one test writes is gone before the next."""
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")),
        transaction.atomic(),
    ):
        with time_machine.travel(TODAY, tick=True):
            built = matrix.build_data()
        yield built
        transaction.set_rollback(True)
