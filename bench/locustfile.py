"""A city day for locust: people across roles, think time, a task mix weighted like real use.

bench/run.py starts it headless; it reads the logged-in sessions from $BENCH_SESSIONS and the
pages from bench/pages.py (mostly logging conversations and lists, some dashboards).
"""

import os
import random
import sys
from pathlib import Path
from urllib.parse import urlsplit

import gevent
from locust import FastHttpUser, between, task
from requests.cookies import create_cookie

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "collectief.settings")

import django  # noqa: E402

django.setup()

from bench.pages import cookie_jar, key_pages  # noqa: E402

PAGES = key_pages()
# Seconds a person reads or types before the next click. By default 10-60: a conversation form
# takes minutes to fill in, a list some seconds to read, so 300 people at work at once make
# ~9 requests a second, a busy hour for a whole city. BENCH_THINK="2-8" is a stress test
# (~60 requests a second, more than two cores serve).
THINK = [float(seconds) for seconds in os.environ.get("BENCH_THINK", "10-60").split("-")]


def _sessions():
    sessions = {}
    with open(os.environ["BENCH_SESSIONS"], encoding="utf-8") as handle:
        for line in handle:
            role, session_id, csrf = line.strip().split(";")
            sessions[role] = (session_id, csrf)
    return sessions


SESSIONS = _sessions()


class Person(FastHttpUser):
    """One person of one role, clicking through that role's pages with think time.

    FastHttpUser: a lighter client than requests', for the load generator shares the two
    cores with the server it measures."""

    wait_time = between(*THINK)

    def on_start(self):
        roles = sorted({page.role for page in PAGES})
        weights = [sum(page.weight for page in PAGES if page.role == role) for role in roles]
        self.role = random.choices(roles, weights=weights)[0]
        self.pages = [page for page in PAGES if page.role == self.role]
        session_id, csrf = SESSIONS.get(self.role, ("", ""))
        if session_id:
            # For the server's host, so that a cookie it sets replaces these instead of
            # adding a second one of the same name.
            host = urlsplit(self.host).hostname
            jar = cookie_jar(self.client)
            jar.set_cookie(create_cookie("sessionid", session_id, domain=host))
            jar.set_cookie(create_cookie("csrftoken", csrf, domain=host))
        # People do not all start at the same second: each one's first click comes after a
        # think time of their own, or the spawning of users would send the first requests in
        # bursts that no working day has.
        gevent.sleep(random.uniform(0, THINK[1]))

    @task
    def visit(self):
        page = random.choices(self.pages, weights=[p.weight for p in self.pages])[0]
        with page.send(self.client, "", name=page.label, catch_response=True) as response:
            if response.status_code != page.expected:  # e.g. a redirect to the login page
                response.failure(f"status {response.status_code}")
