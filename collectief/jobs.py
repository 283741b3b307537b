"""Helpers for background jobs: a lock so that a slow scheduled run is never started twice.

The lock is a Redis key set with ``SET NX EX`` (celery-once style) on the broker's Redis; its
expiry frees it when a worker dies without releasing it. Without a broker (tasks run eagerly,
one at a time in the sending process) there is nothing to guard against and no lock is taken.
"""

import functools
import logging
import uuid

from django.conf import settings

logger = logging.getLogger(__name__)

LOCK_PREFIX = "collectief:once:"
# Deletes the key only when it still holds our token: a run that outlived its lock must not
# free the lock of the run that followed it.
RELEASE_SCRIPT = """
if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) end
return 0
"""


def _redis():
    import redis

    return redis.Redis.from_url(settings.CELERY_BROKER_URL)


def run_once(timeout):
    """Run the decorated task body only when no other run of it holds the lock; a second
    start while the first runs returns None at once. `timeout` (seconds) bounds the lock."""

    def decorate(function):
        @functools.wraps(function)
        def guarded(*args, **kwargs):
            if not settings.CELERY_BROKER_URL:
                return function(*args, **kwargs)
            key = LOCK_PREFIX + f"{function.__module__}.{function.__name__}"
            token = uuid.uuid4().hex
            client = _redis()
            if not client.set(key, token, nx=True, ex=timeout):
                logger.info("%s is already running; this run is skipped", key)
                return None
            try:
                return function(*args, **kwargs)
            finally:
                client.eval(RELEASE_SCRIPT, 1, key, token)

        return guarded

    return decorate
