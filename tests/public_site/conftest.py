"""Fixtures of the public website's tests: the record of ``records.build_record`` as of
``records.TODAY``."""

import uuid

import pytest
import redis
import time_machine
from django.conf import settings
from django.test import override_settings

from .records import TODAY, build_record


@pytest.fixture
def today():
    with time_machine.travel(TODAY, tick=False):
        yield TODAY.date()


@pytest.fixture
def record(db, today, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return build_record()


@pytest.fixture
def redis_cache():
    """Django's Redis cache on the test process's Redis database, under keys of its own,
    removed afterwards."""
    prefix = f"test-public-{uuid.uuid4().hex}"
    with override_settings(
        CACHES={
            "default": {
                "BACKEND": "common.redis_cache.RedisCache",
                "LOCATION": settings.CELERY_BROKER_URL,
                "KEY_PREFIX": prefix,
            }
        }
    ):
        client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
        yield client, prefix
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)
