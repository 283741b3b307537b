"""The dependencies that ``/-/health/`` checks itself; apps register theirs in the registry."""

from django.conf import settings
from django.db import connection

REDIS_TIMEOUT_SECONDS = 2


def database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not healthy"
        return {"status": "failing"}
    return {"status": "ok"}


def redis_urls():
    """The Redis servers the settings use: a Redis cache, a Redis Celery broker or backend."""
    urls = [
        cache["LOCATION"]
        for cache in settings.CACHES.values()
        if "redis" in cache.get("BACKEND", "").lower() and cache.get("LOCATION")
    ]
    for name in ("CELERY_BROKER_URL", "CELERY_RESULT_BACKEND"):
        url = getattr(settings, name, None)
        if isinstance(url, str) and url.startswith(("redis://", "rediss://")):
            urls.append(url)
    return list(dict.fromkeys(url for location in urls for url in _as_list(location)))


def _as_list(location):
    return [location] if isinstance(location, str) else list(location)


def redis():
    """Not configured on a first run; otherwise every configured server must answer PING."""
    urls = redis_urls()
    if not urls:
        return {"status": "not configured"}
    try:
        import redis as redis_client  # installed with the Redis cache or Celery's broker
    except ImportError:
        return {"status": "failing"}
    for url in urls:
        try:
            redis_client.Redis.from_url(
                url,
                socket_timeout=REDIS_TIMEOUT_SECONDS,
                socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
            ).ping()
        except Exception:  # unreachable, refused, wrong password: not healthy
            return {"status": "failing"}
    return {"status": "ok"}
