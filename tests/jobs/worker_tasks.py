"""A task for tests/jobs only, loaded by the test worker process (--include)."""

import os
import time

import redis
from celery import shared_task
from django.conf import settings


@shared_task(name="tests.slow_job")
def slow_job(key):
    """Notes each start (by process id) and each finish in Redis; the first start lingers long
    enough for the test to kill the process that runs it."""
    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    starts = client.rpush(f"{key}:starts", os.getpid())
    if starts == 1:
        time.sleep(60)
    client.incr(f"{key}:finished")
