"""A real Celery worker on the Redis at 127.0.0.1:6379, on a Redis database and a queue of the
tests' own (.ci/run starts Redis when it is not running)."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun

from collectief.celery import app

BROKER_URL = "redis://127.0.0.1:6379/13"
ROOT = Path(__file__).resolve().parents[2]


def wait_for(condition, timeout=30, message="the worker did not finish in time"):
    """Poll `condition` until it holds (the worker runs in another thread or process)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(message)
        time.sleep(0.2)


def _reset_broker_connections():
    """Celery keeps a broker connection pool made for the first broker URL it used."""
    app._pool = None
    if "amqp" in app.__dict__:
        app.amqp._producer_pool = None


@pytest.fixture
def redis_url():
    """The Redis database of a test file: pytest-xdist may run two files at once, and each
    empties its database."""
    return BROKER_URL


@pytest.fixture
def redis_db(redis_url):
    client = redis.Redis.from_url(redis_url)
    try:
        client.ping()
    except redis.ConnectionError:
        if os.environ.get("CI"):
            raise
        pytest.skip("no Redis at 127.0.0.1:6379 (start it: redis-server --daemonize yes)")
    client.flushdb()
    yield client
    client.flushdb()


@pytest.fixture
def queue(redis_db, settings):
    """Tasks sent by this test go to Redis, to a queue only this test's worker reads."""
    name = f"collectief-test-{os.getpid()}-{time.monotonic_ns()}"
    settings.CELERY_BROKER_URL = BROKER_URL  # collectief.jobs.run_once reads it
    saved = {
        key: app.conf[key] for key in ("broker_url", "task_always_eager", "task_default_queue")
    }
    app.conf.update(broker_url=BROKER_URL, task_always_eager=False, task_default_queue=name)
    _reset_broker_connections()
    yield name
    app.conf.update(saved)
    _reset_broker_connections()


@pytest.fixture
def thread_worker(queue, transactional_db):
    """A worker in a thread of the test process: it sees the test database. Yields the names
    of the tasks it has finished, so a test waits for those instead of polling the database
    (SQLite's shared in-memory test database locks a table while the other thread writes)."""
    finished = []

    def note(sender=None, **kwargs):
        finished.append(sender.name)

    task_postrun.connect(note, weak=False)
    try:
        with start_worker(
            app, pool="solo", queues=[queue], perform_ping_check=False, shutdown_timeout=20
        ):
            yield finished
    finally:
        task_postrun.disconnect(note)


@pytest.fixture
def process_worker(queue):
    """A worker process with a pool child that runs the tasks (so the child can be killed)."""
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "collectief",
            "worker",
            "--pool=prefork",
            "--concurrency=1",
            f"--queues={queue}",
            "--include=tests.jobs.worker_tasks",
            "--without-mingle",
            "--without-gossip",
            "--loglevel=WARNING",
        ],
        cwd=ROOT,
        env={
            **os.environ,
            "COLLECTIEF_CELERY_BROKER_URL": BROKER_URL,
            "DJANGO_SETTINGS_MODULE": "collectief.test_settings",
        },
    )
    yield worker
    worker.terminate()
    try:
        worker.wait(timeout=20)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()
