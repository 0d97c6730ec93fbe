"""Fixtures of the public website's tests: the record of ``records.build_record`` as of
``records.TODAY``."""

import pytest
import time_machine

from .records import TODAY, build_record


@pytest.fixture
def today():
    with time_machine.travel(TODAY, tick=False):
        yield TODAY.date()


@pytest.fixture
def record(db, today, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return build_record()
