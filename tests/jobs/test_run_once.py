"""The run-once lock (collectief.jobs.run_once) on the real Redis: a second start while a run
holds the lock is skipped; the lock is freed when the run ends, also when it fails."""

import pytest

from collectief.jobs import run_once


@pytest.fixture
def redis_url(settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/14"  # the lock's Redis
    return settings.CELERY_BROKER_URL


def test_a_job_is_not_started_while_another_run_holds_its_lock(redis_db):
    runs = []

    @run_once(timeout=60)
    def refresh():
        runs.append("outer")
        assert refresh() is None  # started again while running: skipped
        return "done"

    assert refresh() == "done"
    assert runs == ["outer"]
    assert refresh() == "done"  # the lock was released
    assert not redis_db.keys("collectief:once:*")


def test_a_failing_run_frees_its_lock(redis_db):

    @run_once(timeout=60)
    def failing():
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        failing()
    assert not redis_db.keys("collectief:once:*")
